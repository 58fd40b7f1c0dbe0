/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console output: console_io(CONSOLEIO_write) once the hypercall page is
 * in place, QEMU's debug port 0xe9 before that (or without Xen).
 */
#include "guest.h"

static void console_write(const char *s, size_t len)
{
    if ( xen_cpuid_base )
    {
        hypercall_console_io(CONSOLEIO_write, len, s);
        return;
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
