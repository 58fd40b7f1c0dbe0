/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MMIO to a guest-physical hole nobody claims (3 GiB): every form of
 * access the emulator handles reads all ones and drops writes, as on
 * Xen, and the guest goes on.  The same forms against a device model
 * are in tests/iodm.c.
 */
#include "guest.h"

const char test_title[] = "mmio";

#define HOLE 0xc0000000UL

void test_main(void)
{
    volatile uint8_t *b = (volatile uint8_t *)HOLE;
    volatile uint16_t *w = (volatile uint16_t *)HOLE;
    volatile uint32_t *l = (volatile uint32_t *)HOLE;
    uint32_t ram[4] = { 1, 2, 3, 4 }, x = 0x1234, n = 4;
    uint8_t bytes[3] = { 0 };
    unsigned long src = HOLE, dst = (unsigned long)bytes, cnt = 3;
    uint8_t cf;

    check_eq("byte read", b[5], 0xff);
    check_eq("word read", w[3], 0xffff);
    check_eq("long read", l[1], 0xffffffffu);
#ifdef __x86_64__
    check_eq("quad read", *(volatile uint64_t *)HOLE, ~0ULL);
#endif
    l[2] = 0x12345678;
    check_eq("a write is dropped", l[2], 0xffffffffu);
    check_eq("movzx", ({ uint32_t v; asm volatile ("movzbl %1, %0" : "=r" (v)
                         : "m" (b[1])); v; }), 0xff);
    asm volatile ("andl $0xf0, %0" : "+m" (l[3]));
    check_eq("and on the hole: still all ones", l[3], 0xffffffffu);
    asm volatile ("xchgl %0, %1" : "+r" (x), "+m" (l[4]));
    check_eq("xchg reads all ones", x, 0xffffffffu);
    asm volatile ("btl $3, %1; setc %0" : "=r" (cf) : "m" (l[5]));
    check_eq("bt of a hole bit: set", cf, 1);
    asm volatile ("rep movsb" : "+S" (src), "+D" (dst), "+c" (cnt) :: "memory");
    check(bytes[0] == 0xff && bytes[1] == 0xff && bytes[2] == 0xff && !cnt,
          "rep movsb from the hole fills RAM with ones", "%x %x %x cnt %lu",
          bytes[0], bytes[1], bytes[2], cnt);
    dst = HOLE + 0x100;
    asm volatile ("rep stosl" : "+D" (dst), "+c" (n) : "a" (0x5a5a5a5a)
                  : "memory");
    check(!n && dst == HOLE + 0x110, "rep stosl into the hole runs to the end",
          "rcx %u", n);
    check(ram[0] == 1 && ram[3] == 4, "RAM untouched", " ");
    {
        static const char msg[] = "info: rep outsb to port 0xe9\n";
        unsigned long s = (unsigned long)msg, k = sizeof(msg) - 1;
        uint32_t v[2] = { 0, 0 };
        unsigned long d = (unsigned long)v, m = 2;

        asm volatile ("rep outsb" : "+S" (s), "+c" (k) : "d" (0xe9)
                      : "memory");
        check(!k, "rep outsb to the debug port", "rcx %lu", k);
        asm volatile ("rep insl" : "+D" (d), "+c" (m) : "d" (0x2f8)
                      : "memory");
        check(!m && v[0] == 0xffffffffu && v[1] == 0xffffffffu,
              "rep insl from an unclaimed port: all ones", "%#x", v[0]);
    }
}
