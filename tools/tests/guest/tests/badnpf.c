/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Read guest-physical memory far outside the guest's RAM (3 GiB, or
 * addr=<hex> from the command line).  With nothing mapped there, the
 * hypervisor must end this domain (crash) and nothing else.  Prints no
 * verdict unless it survives, which is a FAILURE.
 */
#include "guest.h"

const char test_title[] = "badnpf";

static unsigned long parse_hex(const char *s)
{
    unsigned long v = 0;

    if ( s[0] == '0' && (s[1] == 'x' || s[1] == 'X') )
        s += 2;
    for ( ; *s; s++ )
    {
        unsigned int d = *s >= '0' && *s <= '9' ? *s - '0'
                       : (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f'
                         ? (*s | 0x20) - 'a' + 10 : 16;

        if ( d > 15 )
            break;
        v = v * 16 + d;
    }
    return v;
}

void test_main(void)
{
    char arg[24];
    unsigned long addr = 0xc0000000UL;
    uint32_t val;

    if ( cmdline_get("addr", arg, sizeof(arg)) )
        addr = parse_hex(arg);
    /* Both images reach only the low 4 GiB (identity map / no paging). */
    if ( addr > 0xfffffffcUL )
    {
        test_error("addr %#lx is above 4 GiB", addr);
        return;
    }
    printk("info: reading gpa %#lx\n", addr);
    val = *(volatile uint32_t *)addr;
    check(false, "access outside RAM ends the domain", "read %#x", val);
}
