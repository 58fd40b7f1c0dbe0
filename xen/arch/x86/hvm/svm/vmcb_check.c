/*
 * #VMEXIT(INVALID): either VMRUN refused the guest state in the VMCB, or
 * (QEMU only) a guest instruction ended the run that way.
 *
 * The guest's writes to CR0, CR4 and EFER are checked before they reach
 * the VMCB (svm/cr.c), so a refused VMRUN means a hypervisor bug or a
 * path not yet covered: the checks below (AMD APM vol. 2, 15.5.1, as far
 * as QEMU makes them) say which, and the domain is stopped, never run
 * again with the same state.
 *
 * QEMU also answers a MOV to CR3 with bits above MAXPHYADDR in long
 * mode (and a reserved CR4 bit, were CR4 writes not intercepted) with
 * #VMEXIT(INVALID) in the middle of the guest's run, RIP on the
 * instruction, where the CPU raises #GP(0).  With the VMCB found
 * consistent and that instruction at RIP, the guest gets the #GP.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/x86-defns.h>
#include <asm/hvm/svm/vmcb.h>
#include <asm/hvm/svm/cpu_state.h>

/* EFER bits VMRUN accepts (the rest are reserved). */
#define EFER_KNOWN (X86_EFER_SCE | X86_EFER_LME | X86_EFER_LMA | \
                    X86_EFER_NXE | X86_EFER_SVME | X86_EFER_LMSLE | \
                    X86_EFER_FFXSE)
/* Physical address width VMRUN checks CR3 against in long mode: QEMU's
 * qemu64 has 40 bits; the architectural limit is 52. */
#define CR3_LONG_RSVD (~0ULL << 52)

static const char *efer_invalid(const struct vmcb *vmcb)
{
    bool long_paging = (vmcb->efer & X86_EFER_LME) &&
                       (vmcb->cr0 & X86_CR0_PG);

    if ( !(vmcb->efer & X86_EFER_SVME) )
        return "EFER.SVME clear";
    if ( vmcb->efer & ~EFER_KNOWN )
        return "reserved EFER bit";
    if ( long_paging && !(vmcb->cr4 & X86_CR4_PAE) )
        return "EFER.LME and CR0.PG without CR4.PAE";
    if ( long_paging && !(vmcb->cr0 & X86_CR0_PE) )
        return "EFER.LME and CR0.PG without CR0.PE";
    if ( long_paging && (vmcb->cs.attr & SEG_ATTR_L) &&
         (vmcb->cs.attr & SEG_ATTR_DB) )
        return "long mode with CS.L and CS.D";
    return NULL;
}

const char *svm_vmcb_invalid(const struct vmcb *vmcb)
{
    if ( vmcb->cr0 >> 32 )
        return "CR0 bits 63:32 set";
    if ( (vmcb->cr0 & X86_CR0_NW) && !(vmcb->cr0 & X86_CR0_CD) )
        return "CR0.NW without CR0.CD";
    if ( (vmcb->efer & X86_EFER_LMA) && (vmcb->cr3 & CR3_LONG_RSVD) )
        return "CR3 reserved bits in long mode";
    if ( vmcb->cr4 >> 32 )
        return "CR4 bits 63:32 set";
    if ( (vmcb->dr6 >> 32) || (vmcb->dr7 >> 32) )
        return "DR6/DR7 bits 63:32 set";
    if ( !hvm_pat_valid(vmcb->g_pat) )
        return "reserved memory type in G_PAT";
    if ( !(vmcb->general2_intercepts & GENERAL2_VMRUN) ||
         vmcb->guest_asid == 0 )
        return "no VMRUN intercept or ASID 0";
    return efer_invalid(vmcb);
}

/* Is the instruction at RIP a MOV to CR3 or CR4 (QEMU's case)? */
static bool at_mov_to_cr3_cr4(struct vcpu *v)
{
    struct svm_insn insn;

    return !svm_insn_decode(v, &insn) && insn.op == INSN_MOV_TO_CR &&
           (insn.reg == 3 || insn.reg == 4);
}

void svm_exit_invalid(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    const char *why = svm_vmcb_invalid(vmcb);

    if ( !why && at_mov_to_cr3_cr4(v) )
    {
        printk_ratelimited("d%u: MOV to CR at rip %#lx refused (#GP)\n",
                           v->domain->domain_id, v->arch.regs.rip);
        hvm_inject_exception(v, X86_EXC_GP, true, 0);
        return;
    }
    printk("d%u: VMRUN refused its state at rip %#lx: %s "
           "(cr0 %#lx cr3 %#lx cr4 %#lx efer %#lx)\n",
           v->domain->domain_id, v->arch.regs.rip, why ?: "not known why",
           vmcb->cr0, vmcb->cr3, vmcb->cr4, vmcb->efer);
    domain_crash(v->domain, "invalid guest state (VMRUN refused it)");
}
