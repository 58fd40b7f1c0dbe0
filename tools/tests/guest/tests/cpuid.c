/* SPDX-License-Identifier: GPL-2.0-only */
/* CPUID: the Xen leaves are where guests look for them and agree with
 * xen_version. */
#include "guest.h"
#include "public/version.h"

const char test_title[] = "cpuid";

void test_main(void)
{
    uint32_t base = xen_cpuid_base, a, b, c, d, max;
    long ver;

    printk("info: Xen leaves at %#x\n", base);
    check((base & 0xff) == 0 && base >= 0x40000000 && base < 0x40010000,
          "signature at 0x40000000 + n * 0x100", "base %#x", base);

    cpuid(1, &a, &b, &c, &d);
    check(c & (1u << 31), "leaf 1 ECX.hypervisor set", "ecx %#x", c);

    cpuid(base, &max, &b, &c, &d);
    printk("info: leaf %#x: max leaf %#x\n", base, max);
    check(max >= base + 2, "max leaf covers base+2", "max %#x", max);

    cpuid(base + 1, &a, &b, &c, &d);
    ver = hypercall_xen_version(XENVER_version, NULL);
    printk("info: leaf %#x: version %u.%u\n", base + 1, a >> 16, a & 0xffff);
    check_eq("version leaf matches XENVER_version", a, ver);

    cpuid(base + 2, &a, &b, &c, &d);
    printk("info: leaf %#x: %u hypercall page(s), msr %#x, ecx %#x edx %#x\n",
           base + 2, a, b, c, d);
    check(a >= 1, "hypercall page count", "eax %u", a);
    check(b != 0, "hypercall page MSR", "ebx %#x", b);

    for ( uint32_t leaf = base + 3; leaf <= max && leaf < base + 8; leaf++ )
    {
        cpuid(leaf, &a, &b, &c, &d);
        printk("info: leaf %#x: %#x %#x %#x %#x\n", leaf, a, b, c, d);
    }
}
