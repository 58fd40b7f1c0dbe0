/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console output: console_io(CONSOLEIO_write) once the hypercall page is
 * in place, the debug port 0xe9 before that (or without Xen), and for
 * good once console_io is refused: Xen built without debug refuses it to
 * a domU, and prints what an HVM domU writes to port 0xe9 instead, as
 * "(dN) ..." lines (with guest_loglvl=all).
 */
#include "guest.h"

static void console_write(const char *s, size_t len)
{
    static bool refused;

    if ( xen_cpuid_base && !refused )
    {
        if ( hypercall_console_io(CONSOLEIO_write, len, s) >= 0 )
            return;
        refused = true;
    }
    while ( len-- )
        outb(XEN_HVM_DEBUGCONS_IOPORT, *s++);
}

void vprintk(const char *fmt, va_list ap)
{
    char buf[512];
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);

    if ( n < 0 )
        return;
    console_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}
