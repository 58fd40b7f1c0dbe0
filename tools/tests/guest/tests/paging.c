/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercall arguments as the guest's own page tables give them: run the
 * 32-bit image with paging=pae or paging=2level (fw/paging.c).  Buffers
 * on the stack and in .bss (4 KiB pages), through the read-write and
 * read-only large-page aliases (2 MiB PAE pages with NX, 4 MiB PSE
 * pages), across page boundaries, and an unmapped address: reads work
 * wherever the guest could read, writes only where it could write (CR0.WP
 * is set), and the rest is -EFAULT.
 */
#include "guest.h"
#include "public/version.h"

const char test_title[] = "paging";

#define EFAULT 14

static char page_pair[2 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static long extraversion(void *buf)
{
    return hypercall_xen_version(XENVER_extraversion, buf);
}

static void reads(void)
{
    const char msg[] = "info: console_io from the stack\n";
    char *rw = paging_alias(msg, true), *ro = paging_alias(msg, false);

    check_eq("console_io from the stack", hypercall_console_io(
             CONSOLEIO_write, sizeof(msg) - 1, msg), 0);
    check_eq("console_io through the read-write large-page alias",
             hypercall_console_io(CONSOLEIO_write, sizeof(msg) - 1, rw), 0);
    check_eq("console_io through the read-only large-page alias",
             hypercall_console_io(CONSOLEIO_write, sizeof(msg) - 1, ro), 0);
}

static void writes(void)
{
    xen_extraversion_t stack_buf = "";
    char *rw = paging_alias(page_pair, true);

    check_eq("extraversion to the stack", extraversion(stack_buf), 0);
    check(stack_buf[0] == '.', "  ... written", "'%s'", stack_buf);
    check_eq("extraversion through the read-write alias", extraversion(rw),
             0);
    check(!strcmp(page_pair, stack_buf), "  ... seen through the identity map",
          "'%s'", page_pair);
    check_eq("extraversion through the read-only alias (CR0.WP)",
             extraversion(paging_alias(page_pair + 64, false)), -EFAULT);
    check_eq("extraversion to an unmapped address",
             extraversion((void *)PAGING_HOLE), -EFAULT);
}

/* Copy n bytes to or from guest-physical pa (identity-mapped), which may
 * be 0: the compiler must not see a null pointer. */
static void phys_copy(uintptr_t pa, void *buf, size_t n, bool to_pa)
{
    asm ("" : "+r" (pa));
    if ( to_pa )
        memcpy((void *)pa, buf, n);
    else
        memcpy(buf, (void *)pa, n);
}

/* Copies that cross from one page into the next. */
static void straddles(void)
{
    char *mid = page_pair + PAGE_SIZE - 4;
    /* The last 4 bytes of the read-write alias window (the end of the low
     * 4 MiB), then the read-only one (its start). */
    uintptr_t end = (4u << 20) - 4;
    char *rw_end = paging_alias((void *)end, true), saved[8];

    memset(page_pair, 0, sizeof(page_pair));
    check_eq("extraversion across two 4 KiB pages", extraversion(mid), 0);
    check(mid[0] == '.', "  ... written", "'%s'", mid);

    phys_copy(end, saved, 4, false);
    phys_copy(0, saved + 4, 4, false);
    phys_copy(end, "info", 4, true);
    phys_copy(0, ": +\n", 4, true);
    check_eq("console_io across the RW and RO aliases",
             hypercall_console_io(CONSOLEIO_write, 8, rw_end), 0);
    check_eq("extraversion across the RW and RO aliases", extraversion(rw_end),
             -EFAULT);
    phys_copy(end, saved, 4, true);
    phys_copy(0, saved + 4, 4, true);
}

void test_main(void)
{
    if ( !paging_alias(page_pair, true) )
    {
        test_skip("paging=pae or paging=2level (32-bit) needed, not %s",
                  paging_mode);
        return;
    }
    reads();
    writes();
    straddles();
}
