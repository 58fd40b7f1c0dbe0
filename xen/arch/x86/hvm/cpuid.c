/*
 * CPUID as a guest sees it: the host's leaves with what we do not
 * virtualise hidden, plus the Xen leaves at 0x40000000 through which
 * guests find the hypervisor and its hypercall-page MSR.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <asm/hvm.h>
#include <asm/hvm/vlapic.h>

/* 0x40000000 .. 0x40000005: Xen 4.17's default (XEN_CPUID_MAX_NUM_LEAVES
 * in its public arch-x86/cpuid.h, which names the flags below too). */
#define XEN_LEAVES      6
#define XEN_HVM_CPUID_IOMMU_MAPPINGS   (1u << 2)
#define XEN_HVM_CPUID_VCPU_ID_PRESENT  (1u << 3)
#define XEN_HVM_CPUID_DOMID_PRESENT    (1u << 4)
#define XEN_HVM_CPUID_UPCALL_VECTOR    (1u << 6)
/* "XenVMMXenVMM" in EBX, ECX, EDX. */
#define XEN_SIG_EBX 0x566e6558
#define XEN_SIG_ECX 0x65584d4d
#define XEN_SIG_EDX 0x4d4d566e

/* Leaf 1 ECX: VMX, MONITOR, TSC-deadline, XSAVE, OSXSAVE, AVX; set
 * x2APIC (the local APIC emulates it) and hypervisor. */
#define L1_ECX_HIDE ((1u << 5) | (1u << 3) | (1u << 24) | (1u << 26) | \
                     (1u << 27) | (1u << 28))
#define L1_ECX_X2APIC     (1u << 21)
#define L1_ECX_HYPERVISOR (1u << 31)
/* Leaf 1 and 0x80000001 EDX: an APIC (clear while MSR_APIC_BASE has it
 * disabled, as Xen fast-forwards it). */
#define EDX_APIC          (1u << 9)
/* Leaf 0x80000001 ECX: SVM. */
#define E1_ECX_HIDE (1u << 2)

/*
 * Leaf base+4, the HVM leaf, sub-leaf 0: what Xen 4.17 says on AMD.
 * Xen sets IOMMU_MAPPINGS for every HVM guest (it says grant maps honour
 * DMA requests: nothing to bounce-buffer around, and no device here is
 * real anyway) and UPCALL_VECTOR (HVMOP_set_evtchn_upcall_vector works);
 * the APIC/x2APIC virtualisation flags are VMX-only there.
 */
static void hvm_leaf(const struct vcpu *v, uint32_t subleaf,
                     struct cpuid_leaf *r)
{
    if ( subleaf != 0 )
        return;
    r->a = XEN_HVM_CPUID_IOMMU_MAPPINGS | XEN_HVM_CPUID_VCPU_ID_PRESENT |
           XEN_HVM_CPUID_DOMID_PRESENT | XEN_HVM_CPUID_UPCALL_VECTOR;
    r->b = v->vcpu_id;
    r->c = v->domain->domain_id;
}

static void xen_leaf(const struct vcpu *v, uint32_t idx, uint32_t subleaf,
                     struct cpuid_leaf *r)
{
    *r = (struct cpuid_leaf){ 0, 0, 0, 0 };
    switch ( idx )
    {
    case 0:
        *r = (struct cpuid_leaf){ HVM_CPUID_BASE + XEN_LEAVES - 1,
                                  XEN_SIG_EBX, XEN_SIG_ECX, XEN_SIG_EDX };
        break;
    case 1:
        r->a = (XEN_VERSION_MAJOR << 16) | XEN_VERSION_MINOR;
        break;
    case 2:
        r->a = 1;                   /* one hypercall page */
        r->b = HVM_HYPERCALL_MSR;
        break;
    case 4:
        hvm_leaf(v, subleaf, r);
        break;
    default:        /* 3: time (not filled yet); 5: PV only, 0 for HVM */
        break;
    }
}

static uint32_t apic_bit(const struct vcpu *v, uint32_t edx)
{
    return vlapic_hw_enabled(&v->arch.vlapic) ? edx | EDX_APIC
                                              : edx & ~EDX_APIC;
}

void hvm_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t subleaf,
               struct cpuid_leaf *r)
{
    if ( leaf >= HVM_CPUID_BASE && leaf < HVM_CPUID_BASE + 0x100 )
    {
        xen_leaf(v, leaf - HVM_CPUID_BASE, subleaf, r);
        return;
    }
    *r = cpuid_count(leaf, subleaf);
    switch ( leaf )
    {
    case 1:
        r->c = (r->c & ~L1_ECX_HIDE) | L1_ECX_X2APIC | L1_ECX_HYPERVISOR;
        /* The initial APIC ID, Xen's: twice the vCPU id. */
        r->b = (r->b & 0x00ffffff) | ((v->vcpu_id * 2) << 24);
        r->d = apic_bit(v, r->d);
        break;
    case 7:
        if ( subleaf == 0 )
            r->b = r->c = r->d = 0; /* no extended features (AVX2, ...) */
        break;
    case 0xd:                       /* XSAVE is hidden */
        *r = (struct cpuid_leaf){ 0, 0, 0, 0 };
        break;
    case 0xb:
        /* Topology, tied to x2APIC (Xen shows it on AMD too): this
         * sub-leaf's number, and the x2APIC ID. */
        r->c = (r->c & ~0xffu) | (subleaf & 0xff);
        r->d = v->vcpu_id * 2;
        break;
    case 0x80000001:
        r->c &= ~E1_ECX_HIDE;
        r->d = apic_bit(v, r->d);
        break;
    case 0x8000000a:                /* no nested SVM */
        *r = (struct cpuid_leaf){ 0, 0, 0, 0 };
        break;
    }
}
