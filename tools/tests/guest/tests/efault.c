/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest pointers that lead nowhere make the hypercall fail with -EFAULT
 * instead of hurting the hypervisor or shutting the domain down.
 */
#include "guest.h"
#include "public/version.h"
#include "public/sched.h"

const char test_title[] = "efault";

#define EFAULT 14

static void try_pointer(unsigned long p, const char *where)
{
    char what[96];
    void *bad = (void *)p;

    snprintf(what, sizeof(what), "console_io write from %s", where);
    check_eq(what, hypercall_console_io(CONSOLEIO_write, 16, bad), -EFAULT);
    snprintf(what, sizeof(what), "xen_version extraversion to %s", where);
    check_eq(what, hypercall_xen_version(XENVER_extraversion, bad), -EFAULT);
    snprintf(what, sizeof(what), "xen_version compile_info to %s", where);
    check_eq(what, hypercall_xen_version(XENVER_compile_info, bad), -EFAULT);
    snprintf(what, sizeof(what), "sched_op shutdown with args at %s", where);
    check_eq(what, hypercall_sched_op(SCHEDOP_shutdown, bad), -EFAULT);
}

void test_main(void)
{
    /* Identity-mapped (64-bit) or physical (32-bit), but not RAM. */
    try_pointer(0xc0000000UL, "gpa 3 GiB");
#ifdef __x86_64__
    /* Canonical, but not mapped by our page tables. */
    try_pointer(0x00007fff00000000UL, "an unmapped virtual address");
#else
    /* paging=pae or paging=2level: a large page left unmapped. */
    if ( paging_alias(start_info, false) )
        try_pointer(PAGING_HOLE, "an unmapped virtual address");
#endif
}
