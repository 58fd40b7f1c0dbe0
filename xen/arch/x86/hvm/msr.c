/*
 * Guest MSR accesses.  Only the MSRs a PVH guest needs are emulated;
 * everything else makes the guest take #GP, as on hardware that lacks the
 * MSR.  (The syscall and segment-base MSRs are not intercepted at all:
 * VMLOAD/VMSAVE switch them.)
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/hvm/svm/vmcb.h>

#define MSR_TSC            0x10
#define MSR_APIC_BASE      0x1b
#define MSR_MTRRCAP        0xfe
#define MSR_MISC_ENABLE    0x1a0
#define MSR_PAT            0x277
#define MSR_MTRR_DEF_TYPE  0x2ff
#define EFER_GUEST_BITS    (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)

static int efer_write(struct vcpu *v, uint64_t val)
{
    struct vmcb *vmcb = v->arch.vmcb;

    if ( val & ~EFER_GUEST_BITS )
        return -EINVAL;
    /* LMA is the CPU's to set; keep what the hardware says. */
    val = (val & ~EFER_LMA) | (vmcb->efer & EFER_LMA);
    v->arch.guest_efer = val;
    vmcb->efer = val | EFER_SVME;
    return 0;
}

int hvm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    struct vmcb *vmcb = v->arch.vmcb;

    switch ( msr )
    {
    case MSR_EFER:
        *val = vmcb->efer & ~(uint64_t)EFER_SVME;
        return 0;
    case MSR_PAT:
        *val = vmcb->g_pat;
        return 0;
    case MSR_TSC:
        *val = rdtsc() + vmcb->tsc_offset;
        return 0;
    case MSR_APIC_BASE:
        /* We emulate no local APIC: report it present-but-disabled. */
        *val = 0xfee00000 | (1u << 8);
        return 0;
    case MSR_MTRRCAP:
        *val = 0;
        return 0;
    case MSR_MTRR_DEF_TYPE:
        *val = 0x6;                     /* write-back, MTRRs disabled */
        return 0;
    case MSR_MISC_ENABLE:
        *val = 1;                       /* fast strings */
        return 0;
    default:
        return -EINVAL;
    }
}

int hvm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    switch ( msr )
    {
    case MSR_EFER:
        return efer_write(v, val);
    case MSR_PAT:
        v->arch.vmcb->g_pat = val;
        return 0;
    case HVM_HYPERCALL_MSR:
        /* Low 12 bits select the page: we have exactly one. */
        if ( val & (PAGE_SIZE - 1) )
            return -EINVAL;
        return hvm_write_hypercall_page(v->domain, _gfn(val >> PAGE_SHIFT));
    case MSR_MTRR_DEF_TYPE:
    case MSR_MISC_ENABLE:
        return 0;                       /* accepted and ignored */
    default:
        return -EINVAL;
    }
}
