/* SPDX-License-Identifier: GPL-2.0-only */
/* Hello: console output works and the PVH start info is sane. */
#include "guest.h"

const char test_title[] = "hello";

void test_main(void)
{
    const struct hvm_start_info *si = start_info;

    printk("Hello from a %u-bit test guest\n", (unsigned)BITS_PER_LONG);

    if ( !check(si != NULL, "start_info pointer in %ebx",
                "%%ebx was %#llx", (unsigned long long)start_info_pa) )
        return;
    check(si->magic == XEN_HVM_START_MAGIC_VALUE, "start_info magic",
          "got %#x", si->magic);
    printk("info: start_info at %#llx: version %u flags %#x modules %u "
           "rsdp %#llx\n", (unsigned long long)start_info_pa, si->version,
           si->flags, si->nr_modules, (unsigned long long)si->rsdp_paddr);
    check(si->cmdline_paddr != 0, "cmdline pointer set", "it is 0");
    printk("info: cmdline \"%s\"\n", cmdline());
    if ( si->version >= 1 )
        printk("info: memory map at %#llx, %u entries\n",
               (unsigned long long)si->memmap_paddr, si->memmap_entries);
}
