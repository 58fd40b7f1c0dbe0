/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the boot conventions hand a kernel (docs/boot.md, "Two module
 * conventions"): start_info's flags, memory size, command line and
 * initramfs module.  The runner says what to expect through keys on the
 * command line, which this guest reads itself:
 *   want-mem-mb=N       the memory map covers N MiB (if given)
 *   want-control=0|1    SIF_INITDOMAIN (and SIF_PRIVILEGED) set or not
 *   want-modules=N      start_info's module count (0 or 1)
 *   want-mod-size=N     module 0's size; its bytes are (i * 7 + 3) % 251
 *   want-mod-cmdline=S  module 0's command line ("-" for none)
 *   want-word=W         W is a word of our own command line, untouched
 */
#include "guest.h"

const char test_title[] = "bootinfo";

static bool has_word(const char *line, const char *w)
{
    size_t n = strlen(w);

    for ( ; *line; line++ )
        if ( (line == cmdline() || line[-1] == ' ') && !strncmp(line, w, n) &&
             (line[n] == ' ' || !line[n]) )
            return true;
    return false;
}

static void check_memory(const struct hvm_start_info *si)
{
    const struct hvm_memmap_table_entry *e =
        (const void *)(unsigned long)si->memmap_paddr;
    uint64_t end = 0;
    unsigned int i;

    for ( i = 0; i < si->memmap_entries; i++ )
        if ( e[i].addr + e[i].size > end )
            end = e[i].addr + e[i].size;
    if ( cmdline_ulong("want-mem-mb", 0) )
        check_eq("memory map size in MiB", end >> 20,
                 cmdline_ulong("want-mem-mb", 0));
    else
        printk("info: memory map up to %llu MiB\n",
               (unsigned long long)(end >> 20));
}

static void check_flags(const struct hvm_start_info *si)
{
    uint32_t both = SIF_INITDOMAIN | SIF_PRIVILEGED;

    check_eq("SIF_INITDOMAIN|SIF_PRIVILEGED", si->flags & both,
             cmdline_ulong("want-control", 0) ? both : 0);
}

static void check_module(const struct hvm_start_info *si)
{
    const struct hvm_modlist_entry *m =
        (const void *)(unsigned long)si->modlist_paddr;
    const uint8_t *p;
    char want[64];
    unsigned long i, bad = 0;

    check_eq("module count", si->nr_modules,
             cmdline_ulong("want-modules", 0));
    if ( !si->nr_modules )
        return;
    check_eq("module 0 size", m->size, cmdline_ulong("want-mod-size", 0));
    check_eq("module 0 page aligned", m->paddr & 0xfff, 0);
    p = (const void *)(unsigned long)m->paddr;
    for ( i = 0; i < m->size; i++ )
        bad += p[i] != (uint8_t)((i * 7 + 3) % 251);
    check_eq("module 0 bytes as written", bad, 0);
    check(m->paddr >= start_info_pa + 0x1000 ||
          m->paddr + m->size <= start_info_pa, "module apart from start_info",
          "module at %#llx, start_info at %#llx",
          (unsigned long long)m->paddr, (unsigned long long)start_info_pa);
    if ( !cmdline_get("want-mod-cmdline", want, sizeof(want)) )
        return;
    if ( !strcmp(want, "-") )
        check_eq("module 0 has no command line", m->cmdline_paddr, 0);
    else
        check(m->cmdline_paddr &&
              !strcmp((const char *)(unsigned long)m->cmdline_paddr, want),
              "module 0 command line", "want \"%s\"", want);
}

void test_main(void)
{
    const struct hvm_start_info *si = start_info;
    char word[64];

    if ( !check(si != NULL, "start_info", "none") )
        return;
    printk("info: cmdline \"%s\"\n", cmdline());
    check_memory(si);
    check_flags(si);
    check_module(si);
    if ( cmdline_get("want-word", word, sizeof(word)) )
        check(has_word(cmdline(), word), "word left in the command line",
              "no \"%s\"", word);
}
