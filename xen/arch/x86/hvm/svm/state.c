/*
 * The guest's CPU state in the VMCB, for the vendor-neutral code above
 * (struct hvm_funcs): the PVH entry state, segments, control registers,
 * PAT, TSC offset, the debug MSRs, event injection; and RAX, RSP, RIP
 * and RFLAGS, which live in v->arch.regs between runs and in the VMCB
 * during one.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/x86-defns.h>
#include <asm/hvm/svm/vmcb.h>
#include <asm/hvm/svm/cpu_state.h>
#include <asm/domain.h>

#define MSR_DEBUGCTL            0x1d9
#define MSR_LASTBRANCH_FROM     0x1db
#define MSR_LASTBRANCH_TO       0x1dc
#define MSR_LASTINT_FROM        0x1dd
#define MSR_LASTINT_TO          0x1de

void svm_regs_to_vmcb(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;

    vmcb->rax = v->arch.regs.rax;
    vmcb->rsp = v->arch.regs.rsp;
    vmcb->rip = v->arch.regs.rip;
    vmcb->rflags = v->arch.regs.rflags;
}

void svm_regs_from_vmcb(struct vcpu *v)
{
    const struct vmcb *vmcb = v->arch.vmcb;

    v->arch.regs.rax = vmcb->rax;
    v->arch.regs.rsp = vmcb->rsp;
    v->arch.regs.rip = vmcb->rip;
    v->arch.regs.rflags = vmcb->rflags;
}

static void set_seg(struct vmcb_seg *s, uint16_t sel, uint16_t attr,
                    uint32_t limit)
{
    *s = (struct vmcb_seg){ .sel = sel, .attr = attr, .limit = limit };
}

void svm_vcpu_set_pvh_entry(struct vcpu *v, uint32_t entry, uint32_t ebx)
{
    struct vmcb *vmcb = v->arch.vmcb;

    /* PVH entry: flat 32-bit code and data, a busy 32-bit TSS, paging off. */
    set_seg(&vmcb->cs, 0x08, 0xc9b, 0xffffffff);
    set_seg(&vmcb->ds, 0x10, 0xc93, 0xffffffff);
    vmcb->es = vmcb->ss = vmcb->ds;
    set_seg(&vmcb->fs, 0, 0, 0xffff);
    vmcb->gs = vmcb->fs;
    set_seg(&vmcb->tr, 0x18, 0x08b, 0x67);
    set_seg(&vmcb->ldtr, 0, 0x082, 0xffff);
    set_seg(&vmcb->gdtr, 0, 0, 0xffff);
    set_seg(&vmcb->idtr, 0, 0, 0xffff);
    vmcb->cpl = 0;
    vmcb->cr0 = CR0_PE | CR0_ET;
    vmcb->cr3 = 0;
    vmcb->cr4 = 0;
    v->arch.guest_efer = 0;
    vmcb->efer = EFER_SVME;     /* VMRUN requires it; hidden from the guest */
    vmcb->dr6 = 0xffff0ff0;
    vmcb->dr7 = 0x400;
    svm_dr_init(v);                 /* DR0-3: 0, loaded on first use */
    vmcb->g_pat = 0x0007040600070406ULL;
    memset(&v->arch.regs, 0, sizeof(v->arch.regs));
    v->arch.regs.rbx = ebx;
    v->arch.regs.rip = entry;
    v->arch.regs.rflags = 0x2;
    svm_regs_to_vmcb(v);
}

unsigned int svm_get_cpl(const struct vcpu *v)
{
    return v->arch.vmcb->cpl;
}

void svm_get_seg(const struct vcpu *v, enum hvm_seg seg,
                 struct hvm_seg_state *s)
{
    const struct vmcb *vmcb = v->arch.vmcb;
    const struct vmcb_seg *segs[] = {
        [HVM_SEG_ES] = &vmcb->es, [HVM_SEG_CS] = &vmcb->cs,
        [HVM_SEG_SS] = &vmcb->ss, [HVM_SEG_DS] = &vmcb->ds,
        [HVM_SEG_FS] = &vmcb->fs, [HVM_SEG_GS] = &vmcb->gs,
        [HVM_SEG_TR] = &vmcb->tr, [HVM_SEG_LDTR] = &vmcb->ldtr,
        [HVM_SEG_GDTR] = &vmcb->gdtr, [HVM_SEG_IDTR] = &vmcb->idtr,
    };
    const struct vmcb_seg *src = segs[seg];

    *s = (struct hvm_seg_state){ .sel = src->sel, .attr = src->attr,
                                 .limit = src->limit, .base = src->base };
}

void svm_get_paging(const struct vcpu *v, struct guest_paging *pg)
{
    const struct vmcb *vmcb = v->arch.vmcb;

    *pg = (struct guest_paging){ .cr0 = vmcb->cr0, .cr3 = vmcb->cr3,
                                 .cr4 = vmcb->cr4, .efer = vmcb->efer };
}

uint64_t svm_get_pat(const struct vcpu *v)
{
    return v->arch.vmcb->g_pat;
}

void svm_set_pat(struct vcpu *v, uint64_t pat)
{
    v->arch.vmcb->g_pat = pat;
}

int64_t svm_get_tsc_offset(const struct vcpu *v)
{
    return v->arch.vmcb->tsc_offset;
}

void svm_set_tsc_offset(struct vcpu *v, int64_t offset)
{
    v->arch.vmcb->tsc_offset = offset;
}

/* DEBUGCTL and the last-branch MSRs: the VMCB fields LBR virtualisation
 * would use (it stays off, as QEMU has none); any value, as in Xen. */
uint64_t *svm_debug_msr(struct vcpu *v, uint32_t msr)
{
    struct vmcb *vmcb = v->arch.vmcb;

    switch ( msr )
    {
    case MSR_DEBUGCTL:        return &vmcb->debugctl;
    case MSR_LASTBRANCH_FROM: return &vmcb->br_from;
    case MSR_LASTBRANCH_TO:   return &vmcb->br_to;
    case MSR_LASTINT_FROM:    return &vmcb->lastint_from;
    case MSR_LASTINT_TO:      return &vmcb->lastint_to;
    default:                  return NULL;
    }
}

void svm_inject_exception(struct vcpu *v, unsigned int vector,
                          bool has_error_code, uint32_t error_code)
{
    uint64_t ev = vector | EVENTINJ_TYPE_EXCEPTION | EVENTINJ_VALID;

    if ( has_error_code )
        ev |= EVENTINJ_EV | ((uint64_t)error_code << 32);
    v->arch.vmcb->eventinj = ev;
}

void svm_clear_intr_shadow(struct vcpu *v)
{
    v->arch.vmcb->interrupt_shadow = 0;
}
