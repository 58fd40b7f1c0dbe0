/*
 * Machine-check MSRs of an HVM vCPU, as Xen 4.17's vMCE shows them on
 * AMD: two banks, no MCG_CTL.  Nothing injects machine checks, so the
 * banks only hold what the guest wrote: Linux reads MCG_CAP, polls the
 * banks' STATUS at boot and clears them, and panics ("MCA architectural
 * violation") if CPUID says MCA and those reads fault.
 *
 * Xen answers the whole machine-check range without #GP (checked
 * against 4.17 by guest/cpu-state with ref=xen417):
 *   MCG_CAP              the bank count; writes dropped
 *   MCG_STATUS           any value, read back
 *   MCG_CTL              0 (not offered), writes dropped
 *   MCi_CTL (i < 2)      all ones, writes dropped
 *   MCi_STATUS, MCi_ADDR, MCi_MISC (i < 2)   any value, read back
 *   other banks 0x400-0x47f, MCi_CTL2 0x280-0x29f   0, writes dropped
 * On Intel (vmce_init_vcpu, vmce_intel_*msr there) MCG_CAP also has
 * CMCI_P, TES_P and SER_P, and MCi_CTL2 of our banks is read back.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm.h>

#define MSR_MCG_CAP     0x179
#define MSR_MCG_STATUS  0x17a
#define MSR_MCG_CTL     0x17b
#define MSR_MC0_CTL2    0x280
#define MSR_MC31_CTL2   0x29f
#define MSR_MC0_CTL     0x400
#define MSR_MC31_MISC   0x47f
#define MCG_CMCI_P      (1ULL << 10)
#define MCG_TES_P       (1ULL << 11)
#define MCG_SER_P       (1ULL << 24)

/* MCi_CTL, MCi_STATUS, MCi_ADDR, MCi_MISC: four MSRs a bank. */
#define BANK_MSRS       4
#define BANK_CTL        0

static bool in_range(uint32_t msr)
{
    return (msr >= MSR_MCG_CAP && msr <= MSR_MCG_CTL) ||
           (msr >= MSR_MC0_CTL2 && msr <= MSR_MC31_CTL2) ||
           (msr >= MSR_MC0_CTL && msr <= MSR_MC31_MISC);
}

/* STATUS, ADDR or MISC of one of our banks: where the vCPU keeps it. */
static uint64_t *bank_reg(struct vcpu *v, uint32_t msr)
{
    unsigned int bank = (msr - MSR_MC0_CTL) / BANK_MSRS;
    unsigned int reg = (msr - MSR_MC0_CTL) % BANK_MSRS;

    if ( msr < MSR_MC0_CTL || bank >= VMCE_BANKS || reg == BANK_CTL )
        return NULL;
    return &v->arch.vmce.bank[bank][reg - 1];
}

/* MCi_CTL2 of one of our banks, kept on Intel only. */
static uint64_t *bank_ctl2(struct vcpu *v, uint32_t msr)
{
    if ( !boot_cpu_is_intel || msr < MSR_MC0_CTL2 ||
         msr >= MSR_MC0_CTL2 + VMCE_BANKS )
        return NULL;
    return &v->arch.vmce.ctl2[msr - MSR_MC0_CTL2];
}

static bool is_our_bank_ctl(uint32_t msr)
{
    return msr >= MSR_MC0_CTL &&
           msr < MSR_MC0_CTL + VMCE_BANKS * BANK_MSRS &&
           (msr - MSR_MC0_CTL) % BANK_MSRS == BANK_CTL;
}

int vmce_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    uint64_t *reg = bank_reg(v, msr) ?: bank_ctl2(v, msr);

    if ( !in_range(msr) )
        return -ENOENT;
    if ( msr == MSR_MCG_CAP )
        *val = VMCE_BANKS | (boot_cpu_is_intel ? MCG_CMCI_P | MCG_TES_P |
                                                 MCG_SER_P : 0);
    else if ( msr == MSR_MCG_STATUS )
        *val = v->arch.vmce.mcg_status;
    else if ( reg )
        *val = *reg;
    else
        *val = is_our_bank_ctl(msr) ? ~0ULL : 0;
    return 0;
}

int vmce_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    uint64_t *reg = bank_reg(v, msr) ?: bank_ctl2(v, msr);

    if ( !in_range(msr) )
        return -ENOENT;
    if ( msr == MSR_MCG_STATUS )
        v->arch.vmce.mcg_status = val;
    else if ( reg )
        *reg = val;
    return 0;
}
