/*
 * Machine-check MSRs of an HVM vCPU, as Xen 4.17's vMCE shows them on
 * AMD: two banks, no MCG_CTL.  Nothing injects machine checks, so the
 * banks only hold what the guest wrote: Linux reads MCG_CAP, polls the
 * banks' STATUS at boot and clears them, and panics ("MCA architectural
 * violation") if CPUID says MCA and those reads fault.
 *
 *   MCG_CAP       read-only: the bank count
 *   MCG_STATUS    any value, read back
 *   MCi_CTL       reads all ones, writes dropped (Xen keeps no copy)
 *   MCi_STATUS, MCi_ADDR, MCi_MISC   any value, read back
 * Banks past the count, MCG_CTL and writes to MCG_CAP: #GP.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm.h>

#define MSR_MCG_CAP     0x179
#define MSR_MCG_STATUS  0x17a
#define MSR_MC0_CTL     0x400

/* MCi_CTL, MCi_STATUS, MCi_ADDR, MCi_MISC: four MSRs a bank. */
#define BANK_MSRS       4
#define BANK_CTL        0

static bool is_bank_msr(uint32_t msr)
{
    return msr >= MSR_MC0_CTL &&
           msr < MSR_MC0_CTL + VMCE_BANKS * BANK_MSRS;
}

/* STATUS, ADDR or MISC of a bank: where the vCPU keeps it. */
static uint64_t *bank_reg(struct vcpu *v, uint32_t msr)
{
    unsigned int bank = (msr - MSR_MC0_CTL) / BANK_MSRS;
    unsigned int reg = (msr - MSR_MC0_CTL) % BANK_MSRS;

    return &v->arch.vmce.bank[bank][reg - 1];
}

int vmce_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    if ( msr == MSR_MCG_CAP )
        *val = VMCE_BANKS;
    else if ( msr == MSR_MCG_STATUS )
        *val = v->arch.vmce.mcg_status;
    else if ( !is_bank_msr(msr) )
        return -ENOENT;
    else if ( (msr - MSR_MC0_CTL) % BANK_MSRS == BANK_CTL )
        *val = ~0ULL;
    else
        *val = *bank_reg(v, msr);
    return 0;
}

int vmce_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    if ( msr == MSR_MCG_CAP )
        return -EINVAL;
    if ( msr == MSR_MCG_STATUS )
        v->arch.vmce.mcg_status = val;
    else if ( !is_bank_msr(msr) )
        return -ENOENT;
    else if ( (msr - MSR_MC0_CTL) % BANK_MSRS != BANK_CTL )
        *bank_reg(v, msr) = val;
    return 0;
}
