/*
 * CR0, CR4 and EFER as the guest writes them.
 *
 * Writes to CR0 and CR4 are intercepted (MOV to CR, CLTS and LMSW; QEMU
 * has no decode assists, so svm/insn.c decodes them) and checked here as
 * the CPU and Xen check them: a value the CPU would refuse makes the
 * guest take #GP(0) with RIP on the instruction and the register
 * unchanged; any other value is written to the VMCB.  Without this,
 * QEMU's MOV to CR0 took NW without CD, PG without PE or bits 63:32 and
 * the next VMRUN failed, and a reserved CR4 bit ended the guest's run
 * with #VMEXIT(INVALID) instead of #GP.  Entering and leaving long mode
 * (EFER.LMA), which the CPU does on the MOV, is done here too.
 *
 * EFER is written with WRMSR, always intercepted (hvm/msr.c calls
 * svm_set_efer()): its bits must exist in the guest's CPUID, LME cannot
 * change while paging is on, and SVME stays the hypervisor's.  The
 * guest's EFER is v->arch.guest_efer; the VMCB gets it with SVME, and
 * with LME only while paging is on.  With paging off LME does nothing
 * until CR0.PG is set, which is emulated here; and QEMU, at a #VMEXIT
 * from a guest with LME set and CR4.PAE and CR0.PG clear, fails to
 * reload the hypervisor's own CR0 (its long-mode entry check bails out
 * on the guest's CR4), leaving the hypervisor running unpaged.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/x86-defns.h>
#include <asm/hvm/svm/vmcb.h>
#include <asm/hvm/svm/cpu_state.h>

/* The guest's EFER as the CPU gets it (see above). */
static void sync_efer(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    uint64_t efer = v->arch.guest_efer | X86_EFER_SVME;

    if ( !(vmcb->cr0 & X86_CR0_PG) )
        efer &= ~X86_EFER_LME;
    vmcb->efer = efer;
}

/* What hvm_check_*() need, from the VMCB. */
static struct hvm_cr_state cr_state(const struct vcpu *v)
{
    const struct vmcb *vmcb = v->arch.vmcb;

    return (struct hvm_cr_state){
        .cr0 = vmcb->cr0, .cr3 = vmcb->cr3, .cr4 = vmcb->cr4,
        .efer = v->arch.guest_efer,
        .cs_l = vmcb->cs.attr & SEG_ATTR_L,
        .cs_d = vmcb->cs.attr & SEG_ATTR_DB,
    };
}

static int set_cr0(struct vcpu *v, uint64_t val)
{
    struct vmcb *vmcb = v->arch.vmcb;
    struct hvm_cr_state s = cr_state(v);

    if ( hvm_check_cr0(&s, &val) )
        return -EINVAL;
    vmcb->cr0 = val;
    if ( (val ^ s.cr0) & X86_CR0_PG )
    {
        hvm_paging_switched(v, val & X86_CR0_PG);
        sync_efer(v);
    }
    return 0;
}

static int set_cr4(struct vcpu *v, uint64_t val)
{
    struct hvm_cr_state s = cr_state(v);

    if ( hvm_check_cr4(v, &s, val) )
        return -EINVAL;
    v->arch.vmcb->cr4 = val;
    return 0;
}

/* The value the instruction writes to CR0. */
static uint64_t cr0_source(const struct vcpu *v, const struct svm_insn *insn)
{
    uint64_t cr0 = v->arch.vmcb->cr0;

    switch ( insn->op )
    {
    case INSN_CLTS:
        return cr0 & ~X86_CR0_TS;
    case INSN_LMSW:
        /* PE, MP, EM, TS from the operand; PE cannot be cleared. */
        return (cr0 & ~(X86_CR0_MP | X86_CR0_EM | X86_CR0_TS)) |
               (insn->src & 0xf);
    default:
        return insn->src;
    }
}

void svm_exit_cr_write(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    unsigned int cr = vmcb->exitcode - VMEXIT_CR0_WRITE;
    struct svm_insn insn;
    int rc = svm_insn_decode(v, &insn);

    /* The instruction must be one that writes this register. */
    if ( !rc && (insn.op == INSN_MOV_TO_CR ? insn.reg != cr
                 : insn.op == INSN_MOV_TO_DR || cr != 0) )
        rc = -EOPNOTSUPP;
    if ( rc )
    {
        printk("d%u: CR%u write at rip %#lx not decoded (%d)\n",
               v->domain->domain_id, cr, v->arch.regs.rip, rc);
        domain_crash(v->domain, "undecodable control register write");
        return;
    }
    rc = cr == 0 ? set_cr0(v, cr0_source(v, &insn)) : set_cr4(v, insn.src);
    if ( rc )
    {
        printk_ratelimited("d%u: CR%u write of %#lx refused (#GP)\n",
                           v->domain->domain_id, cr,
                           cr == 0 ? cr0_source(v, &insn) : insn.src);
        hvm_inject_exception(v, X86_EXC_GP, true, 0);
        return;
    }
    hvm_advance_rip(v, insn.len);
}

int svm_set_efer(struct vcpu *v, uint64_t val)
{
    struct vmcb *vmcb = v->arch.vmcb;
    struct hvm_cr_state s = cr_state(v);
    uint64_t old = v->arch.guest_efer;

    if ( hvm_check_efer(v, &s, &val) )
        return -EINVAL;
    /*
     * A CS loaded with L set outside long mode must not make the next
     * paging switch enter long mode in 64-bit mode (VMRUN refuses L and
     * D together): as Xen does, clear it until the guest reloads CS.
     */
    if ( (val & X86_EFER_LME) && !(old & X86_EFER_LME) )
        vmcb->cs.attr &= ~SEG_ATTR_L;
    v->arch.guest_efer = val | (old & X86_EFER_LMA);
    sync_efer(v);
    return 0;
}

void svm_cr_init(struct vcpu *v)
{
    v->arch.vmcb->cr_intercepts |= CR_INTERCEPT_CR0_WRITE |
                                   CR_INTERCEPT_CR4_WRITE;
}
