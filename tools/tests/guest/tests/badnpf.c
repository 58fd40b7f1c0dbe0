/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An instruction the MMIO emulator does not handle (sidt), aimed at a
 * guest-physical hole (3 GiB, or addr=<hex> from the command line): the
 * hypervisor cannot complete it, so it must end this domain (crash) and
 * nothing else.  Prints no verdict unless it survives, a FAILURE.  (Plain
 * reads and writes of a hole are emulated: tests/mmio.c.)
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
    printk("info: sidt to gpa %#lx\n", addr);
    asm volatile ("sidt %0" : "=m" (*(volatile uint8_t (*)[10])addr));
    val = *(volatile uint32_t *)addr;
    check(false, "an unemulated MMIO instruction ends the domain",
          "read %#x", val);
}
