/*
 * Guest MSRs whose answer differs on an Intel CPU, as Xen 4.17 answers
 * an HVM guest there (guest_rdmsr/guest_wrmsr, vmx_msr_*_intercept and
 * vpmu_do_msr with the vPMU off).  The guest's CPUID shows the host's
 * vendor, so the boot CPU's vendor decides; hvm/msr.c asks here first
 * and answers everything else the same on both vendors.
 *
 *   FEATURE_CONTROL 0x3a   locked, nothing enabled (VMX is not in the
 *                          guest's CPUID, LMCE not offered); writes #GP
 *   UCODE_WRITE 0x79       write-only: writes dropped, reads #GP
 *   UCODE_REV 0x8b         reads 0 (as msr.c); a write of 0 accepted
 *                          (the SDM's "write 0, CPUID, read")
 *   PERF_STATUS 0x198      reads 0; writes #GP
 *   PERF_CTL 0x199         reads 0; writes dropped
 *   THERM_STATUS 0x19c     reads 0; writes #GP
 *   MISC_ENABLE 0x1a0      the host's, with BTS and PEBS unavailable;
 *                          a write of that same value accepted, else #GP
 *   performance counters   P6 PERFCTR0-7 0xc1, EVNTSEL0-3 0x186 (writes
 *                          to 0-7), the fixed counters and their
 *                          controls 0x309-0x30b, 0x38d-0x390, PEBS_ENABLE
 *                          0x3f1, DS_AREA 0x600: read 0, writes dropped
 *   DEBUGCTL 0x1d9         only LBR and BTF may be set (no BTS, no RTM)
 *   AMD's MSRs             0xc0010000-0xc001ffff, EBC_FREQUENCY_ID
 *                          0x2c and AMD's last-branch pair 0x1db/0x1dc:
 *                          #GP, as on hardware without them (seen on
 *                          Xen 4.17 under Bochs, scripts/test-xen417-vmx)
 *
 * Not modelled: PLATFORM_ID (Xen forwards the host's; not offered
 * here, #GP) and the model's LBR stack (0x680...), which Xen takes from
 * a per-model table; the LER pair 0x1dd/0x1de stays a software value
 * (msr.c), as Xen reads it 0 on the models it knows.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/processor.h>
#include <asm/hvm.h>

#define MSR_EBC_FREQUENCY_ID    0x2c
#define MSR_FEATURE_CONTROL     0x3a
#define MSR_UCODE_WRITE         0x79
#define MSR_UCODE_REV           0x8b
#define MSR_P6_PERFCTR0         0xc1
#define MSR_P6_PERFCTR7         0xc8
#define MSR_P6_EVNTSEL0         0x186
#define MSR_P6_EVNTSEL3         0x189
#define MSR_P6_EVNTSEL7         0x18d
#define MSR_PERF_STATUS         0x198
#define MSR_PERF_CTL            0x199
#define MSR_THERM_STATUS        0x19c
#define MSR_MISC_ENABLE         0x1a0
#define MSR_DEBUGCTL            0x1d9
#define MSR_AMD_LASTBRANCH_FROM 0x1db
#define MSR_AMD_LASTBRANCH_TO   0x1dc
#define MSR_FIXED_CTR0          0x309
#define MSR_FIXED_CTR2          0x30b
#define MSR_FIXED_CTR_CTRL      0x38d
#define MSR_GLOBAL_OVF_CTRL     0x390
#define MSR_PEBS_ENABLE         0x3f1
#define MSR_DS_AREA             0x600
#define MSR_AMD_FIRST           0xc0010000
#define MSR_AMD_LAST            0xc001ffff

#define FEATURE_CONTROL_LOCK    (1ULL << 0)
#define MISC_ENABLE_BTS_UNAVAIL  (1ULL << 11)
#define MISC_ENABLE_PEBS_UNAVAIL (1ULL << 12)
#define DEBUGCTL_LBR_BTF        0x3ULL

/* A performance-monitoring MSR of Intel's, vPMU off; reads or writes. */
static bool intel_pmu_msr(uint32_t msr, bool write)
{
    uint32_t last_evntsel = write ? MSR_P6_EVNTSEL7 : MSR_P6_EVNTSEL3;

    return (msr >= MSR_P6_PERFCTR0 && msr <= MSR_P6_PERFCTR7) ||
           (msr >= MSR_P6_EVNTSEL0 && msr <= last_evntsel) ||
           (msr >= MSR_FIXED_CTR0 && msr <= MSR_FIXED_CTR2) ||
           (msr >= MSR_FIXED_CTR_CTRL && msr <= MSR_GLOBAL_OVF_CTRL) ||
           msr == MSR_PEBS_ENABLE || msr == MSR_DS_AREA;
}

static bool amd_only_msr(uint32_t msr)
{
    return msr == MSR_EBC_FREQUENCY_ID || msr == MSR_AMD_LASTBRANCH_FROM ||
           msr == MSR_AMD_LASTBRANCH_TO ||
           (msr >= MSR_AMD_FIRST && msr <= MSR_AMD_LAST);
}

/* What the guest reads: the host's, with the debug store hidden. */
static uint64_t misc_enable(void)
{
    return rdmsr(MSR_MISC_ENABLE) | MISC_ENABLE_BTS_UNAVAIL |
           MISC_ENABLE_PEBS_UNAVAIL;
}

int intel_msr_read(uint32_t msr, uint64_t *val)
{
    if ( amd_only_msr(msr) || msr == MSR_UCODE_WRITE )
        return -EINVAL;
    if ( intel_pmu_msr(msr, false) )
    {
        *val = 0;
        return 0;
    }
    switch ( msr )
    {
    case MSR_FEATURE_CONTROL:
        *val = FEATURE_CONTROL_LOCK;
        return 0;
    case MSR_PERF_STATUS:
    case MSR_PERF_CTL:
    case MSR_THERM_STATUS:
        *val = 0;
        return 0;
    case MSR_MISC_ENABLE:
        *val = misc_enable();
        return 0;
    default:
        return -ENOENT;
    }
}

int intel_msr_write(uint32_t msr, uint64_t val)
{
    if ( amd_only_msr(msr) )
        return -EINVAL;
    if ( intel_pmu_msr(msr, true) )
        return 0;
    switch ( msr )
    {
    case MSR_UCODE_WRITE:
    case MSR_PERF_CTL:
        return 0;
    case MSR_UCODE_REV:
        return val ? -EINVAL : 0;
    case MSR_MISC_ENABLE:
        return val == misc_enable() ? 0 : -EINVAL;
    case MSR_DEBUGCTL:
        return val & ~DEBUGCTL_LBR_BTF ? -EINVAL : -ENOENT;
    case MSR_FEATURE_CONTROL:
    case MSR_PERF_STATUS:
    case MSR_THERM_STATUS:
        return -EINVAL;
    default:
        return -ENOENT;
    }
}
