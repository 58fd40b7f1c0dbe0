/* SPDX-License-Identifier: GPL-2.0-only */
/* CPUID: the Xen leaves are where guests look for them, agree with
 * xen_version and say what Xen 4.17 says (max leaf, the HVM leaf). */
#include "guest.h"
#include "public/version.h"

const char test_title[] = "cpuid";

/* Xen's public arch-x86/cpuid.h, leaf base+4 (the HVM leaf) EAX. */
#define XEN_HVM_CPUID_APIC_ACCESS_VIRT (1u << 0)
#define XEN_HVM_CPUID_X2APIC_VIRT      (1u << 1)
#define XEN_HVM_CPUID_IOMMU_MAPPINGS   (1u << 2)
#define XEN_HVM_CPUID_VCPU_ID_PRESENT  (1u << 3)
#define XEN_HVM_CPUID_DOMID_PRESENT    (1u << 4)
#define XEN_HVM_CPUID_UPCALL_VECTOR    (1u << 6)

/*
 * Leaf base+4 sub-leaf 0: vCPU id in EBX and domid in ECX, flagged
 * present; Xen 4.17 also sets IOMMU_MAPPINGS and UPCALL_VECTOR (0x5c in
 * all), and on Intel the APIC virtualisation flags where it uses them.  The
 * domid to expect is domid= on the command line (default 0: a PVH dom0
 * on real Xen, the first boot module here).
 */
static void hvm_leaf(uint32_t base)
{
    uint32_t a, b, c, d, apic_virt;

    cpuid_count(base + 4, 0, &a, &b, &c, &d);
    check(a & XEN_HVM_CPUID_VCPU_ID_PRESENT, "leaf base+4: vCPU id present",
          "eax %#x", a);
    check_eq("  ... vCPU id 0 in EBX", b, 0);
    check(a & XEN_HVM_CPUID_DOMID_PRESENT, "leaf base+4: domid present",
          "eax %#x", a);
    check_eq("  ... domid in ECX", c, cmdline_ulong("domid", 0));
    /* Xen on Intel adds the APIC virtualisation flags where it uses the
     * CPU's APIC-register virtualisation; we do not use it, so only the
     * reference (ref=xen417) may show them. */
    apic_virt = a & (XEN_HVM_CPUID_APIC_ACCESS_VIRT |
                     XEN_HVM_CPUID_X2APIC_VIRT);
    if ( apic_virt )
        printk("info: leaf base+4 APIC virtualisation flags %#x\n",
               apic_virt);
    if ( !cmdline_get("ref", NULL, 0) || !cpu_is_intel() )
        apic_virt = 0;
    check_eq("leaf base+4 EAX as Xen 4.17's", a & ~apic_virt,
             XEN_HVM_CPUID_IOMMU_MAPPINGS | XEN_HVM_CPUID_VCPU_ID_PRESENT |
             XEN_HVM_CPUID_DOMID_PRESENT | XEN_HVM_CPUID_UPCALL_VECTOR);
    check_eq("  ... EDX 0", d, 0);
    cpuid_count(base + 4, 1, &a, &b, &c, &d);
    check_eq("leaf base+4 sub-leaf 1 is empty", a | b | c | d, 0);
}

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
    check_eq("max leaf is base+5, as Xen 4.17's", max, base + 5);
    hvm_leaf(base);
    cpuid_count(base + 5, 0, &a, &b, &c, &d);
    check_eq("leaf base+5 (PV only) is empty for HVM", a | b | c | d, 0);
}
