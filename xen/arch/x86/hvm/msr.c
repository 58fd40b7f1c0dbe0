/*
 * Guest MSR accesses, answered as Xen 4.17 answers an HVM guest on an
 * AMD CPU (on Intel, hvm/msr_intel.c answers first for the MSRs where
 * Xen differs there) (guest_rdmsr/guest_wrmsr, hvm_msr_*_intercept and
 * svm_msr_*_intercept there): a value the CPU would refuse (EFER, PAT)
 * is #GP, never a VMRUN failure; the MSRs Xen lets such a guest read
 * without #GP answer as there; the performance counters (legacy K7 and
 * family 15h ones) read 0 and drop writes, as Xen's vPMU does while it
 * is off (its default: vpmu_do_msr's "nop").  Everything else raises
 * #GP, as on
 * hardware that lacks the MSR.  (The syscall and segment-base MSRs are
 * not intercepted at all: VMLOAD/VMSAVE switch them.)
 *
 * Not emulated yet, where Xen does: MTRRs beyond MTRRcap (0 variable
 * ranges here) and the default type, the nested-SVM MSRs, TSC_ADJUST,
 * TSC_DEADLINE (not in CPUID here).  The machine-check MSRs are
 * hvm/vmce.c's; MSR_APIC_BASE and the x2APIC MSRs the local APIC's
 * (hvm/vlapic.c).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/apicdef.h>
#include <asm/hvm/vlapic.h>
#include <asm/x86-defns.h>

#define MSR_TSC                 0x10
#define MSR_APIC_BASE           0x1b
#define MSR_EBC_FREQUENCY_ID    0x2c
#define MSR_AMD_PATCHLEVEL      0x8b
#define MSR_PLATFORM_INFO       0xce
#define MSR_MISC_FEATURES       0x140
#define MSR_MTRRCAP             0xfe
#define MSR_DEBUGCTL            0x1d9
#define MSR_LASTBRANCH_FROM     0x1db
#define MSR_LASTBRANCH_TO       0x1dc
#define MSR_LASTINT_FROM        0x1dd
#define MSR_LASTINT_TO          0x1de
#define MSR_PAT                 0x277
#define MSR_MTRR_DEF_TYPE       0x2ff
#define MSR_K7_EVNTSEL0         0xc0010000  /* 4 EVNTSELs, then 4 PERFCTRs */
#define MSR_K7_PERFCTR3         0xc0010007
#define MSR_K8_SYSCFG           0xc0010010
#define MSR_K8_HWCR             0xc0010015
#define MSR_K8_TOP_MEM1         0xc001001a
#define MSR_K8_TOP_MEM2         0xc001001d
#define MSR_AMD64_NB_CFG        0xc001001f
#define MSR_K8_ENABLE_C1E       0xc0010055
#define MSR_K8_VM_CR            0xc0010114
#define MSR_F15H_EVNTSEL0       0xc0010200  /* 6 EVNTSEL/PERFCTR pairs */
#define MSR_F15H_PERFCTR5       0xc001020b
#define MSR_AMD64_DE_CFG        0xc0011029
#define MSR_AMD64_EX_CFG        0xc001102c

#define PLATFORM_INFO_CPUID_FAULTING (1ULL << 31)
#define MISC_FEATURES_CPUID_FAULTING (1ULL << 0)
#define DE_CFG_LFENCE_SERIALISE      (1ULL << 1)

/*
 * AMD configuration MSRs Xen shows an HVM guest as fixed values: how a
 * read answers, and whether a write is dropped (else #GP).
 */
static const struct {
    uint32_t msr;
    uint64_t val;
    bool write_ignored;
} fixed_msrs[] = {
    { MSR_EBC_FREQUENCY_ID, 0, false },     /* Intel's, read as 0 */
    { MSR_AMD_PATCHLEVEL, 0, false },       /* no microcode to report */
    { MSR_K8_SYSCFG, 0, true },
    { MSR_K8_HWCR, 0, false },
    { MSR_K8_TOP_MEM1, 0, true },
    { MSR_K8_TOP_MEM2, 0, true },
    { MSR_AMD64_NB_CFG, 0, true },
    { MSR_K8_ENABLE_C1E, 0, false },
    { MSR_K8_VM_CR, 0, true },
    { MSR_AMD64_DE_CFG, DE_CFG_LFENCE_SERIALISE, true },
    { MSR_AMD64_EX_CFG, 0, true },
};

static int fixed_msr(uint32_t msr, bool write, uint64_t *val)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(fixed_msrs); i++ )
    {
        if ( fixed_msrs[i].msr != msr )
            continue;
        if ( write )
            return fixed_msrs[i].write_ignored ? 0 : -EINVAL;
        *val = fixed_msrs[i].val;
        return 0;
    }
    return -EINVAL;
}

int hvm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    /* DEBUGCTL and the last-branch MSRs: any value, as in Xen. */
    uint64_t *dbg = hvm_funcs.debug_msr(v, msr);
    int rc = boot_cpu_is_intel ? intel_msr_read(msr, val) : -ENOENT;

    if ( rc != -ENOENT )
        return rc;
    if ( dbg )
    {
        *val = *dbg;
        return 0;
    }
    switch ( msr )
    {
    case MSR_EFER:
        *val = v->arch.guest_efer;      /* without SVME; LME as written */
        return 0;
    case MSR_PAT:
        *val = hvm_funcs.get_pat(v);
        return 0;
    case MSR_TSC:
        *val = rdtsc() + hvm_get_tsc_offset(v);
        return 0;
    case MSR_APIC_BASE:
    case MSR_X2APIC_FIRST ... MSR_X2APIC_LAST:
        return vlapic_msr_read(v, msr, val);
    case MSR_MTRRCAP:
        *val = 0;
        return 0;
    case MSR_MTRR_DEF_TYPE:
        *val = 0x6;                     /* write-back, MTRRs disabled */
        return 0;
    case MSR_PLATFORM_INFO:
        /* Xen offers CPUID faulting to every HVM guest, on any CPU. */
        *val = PLATFORM_INFO_CPUID_FAULTING;
        return 0;
    case MSR_MISC_FEATURES:
        *val = v->arch.cpuid_faulting ? MISC_FEATURES_CPUID_FAULTING : 0;
        return 0;
    case HVM_HYPERCALL_MSR:
        *val = 0;                       /* write-only: reads as zero */
        return 0;
    case MSR_K7_EVNTSEL0 ... MSR_K7_PERFCTR3:
    case MSR_F15H_EVNTSEL0 ... MSR_F15H_PERFCTR5:
        *val = 0;                       /* no vPMU */
        return 0;
    default:
        rc = vmce_msr_read(v, msr, val);
        return rc != -ENOENT ? rc : fixed_msr(msr, false, val);
    }
}

int hvm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    uint64_t *dbg = hvm_funcs.debug_msr(v, msr);
    int rc = boot_cpu_is_intel ? intel_msr_write(msr, val) : -ENOENT;

    if ( rc != -ENOENT )
        return rc;
    if ( dbg )
    {
        *dbg = val;
        return 0;
    }
    switch ( msr )
    {
    case MSR_EFER:
        return hvm_funcs.set_efer(v, val);
    case MSR_PAT:
        if ( !hvm_pat_valid(val) )
            return -EINVAL;
        hvm_funcs.set_pat(v, val);
        return 0;
    case MSR_TSC:
        hvm_funcs.set_tsc_offset(v, val - rdtsc());
        return 0;
    case MSR_APIC_BASE:
    case MSR_X2APIC_FIRST ... MSR_X2APIC_LAST:
        return vlapic_msr_write(v, msr, val);
    case MSR_MISC_FEATURES:
        if ( val & ~MISC_FEATURES_CPUID_FAULTING )
            return -EINVAL;
        v->arch.cpuid_faulting = val;
        return 0;
    case HVM_HYPERCALL_MSR:
        /* Low 12 bits select the page: we have exactly one. */
        if ( val & (PAGE_SIZE - 1) )
            return -EINVAL;
        return hvm_write_hypercall_page(v->domain, _gfn(val >> PAGE_SHIFT));
    case MSR_MTRR_DEF_TYPE:
        return 0;                       /* accepted and ignored */
    case MSR_K7_EVNTSEL0 ... MSR_K7_PERFCTR3:
    case MSR_F15H_EVNTSEL0 ... MSR_F15H_PERFCTR5:
        return 0;                       /* no vPMU: dropped */
    default:
        rc = vmce_msr_write(v, msr, val);
        return rc != -ENOENT ? rc : fixed_msr(msr, true, &val);
    }
}
