/* SPDX-License-Identifier: GPL-2.0-only */
/* From the boot stub to the test: C entry point of every test guest. */
#include "guest.h"

const struct hvm_start_info *start_info;

void fw_main(void);

void fw_main(void)
{
    traps_init();

    if ( !hypercall_init() )
    {
        /* Nobody to report to but QEMU's debug port; then stop. */
        printk("%s: no Xen hypervisor found\n", test_title);
        printk("Test result: ERROR\n");
        halt_forever();
    }

    /* The whole protocol lives below 4 GiB, which both images can reach. */
    if ( start_info_pa && start_info_pa < (1ULL << 32) - sizeof(*start_info) )
        start_info = (const void *)(uintptr_t)start_info_pa;
    /* paging=pae|2level (32-bit): from here on the test runs paged. */
    paging_init();

    printk("--- %s (%u-bit) ---\n", test_title, (unsigned)BITS_PER_LONG);
    if ( strcmp(paging_mode, "long") && strcmp(paging_mode, "none") )
        printk("info: paging %s\n", paging_mode);
    test_main();
    test_finish();
}
