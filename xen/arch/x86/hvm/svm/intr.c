/*
 * Delivering interrupts to an SVM guest.  Before each VMRUN the
 * interrupt due (hvm/intr.c: the callback vector, the local APIC) is
 * injected through EVENTINJ if the guest can take an interrupt now
 * (RFLAGS.IF set, no interrupt shadow, no other event being injected).
 * Otherwise a virtual interrupt request (V_IRQ) with the VINTR intercept
 * makes the CPU exit as soon as the guest could take it, and the next
 * VMRUN injects it: the guest's own STI or IRET opens the window, no
 * polling.
 *
 * CR8 is the APIC's TPR class: with V_INTR_MASKING the guest's MOV to
 * and from CR8 use V_TPR, which is loaded from the TPR before each VMRUN
 * and copied back after it (svm_sync_tpr()).  The window ignores V_TPR:
 * the TPR was applied in choosing the vector.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/hvm/intr.h>
#include <asm/hvm/vlapic.h>
#include <asm/hvm/svm/vmcb.h>
#include <asm/hvm/svm/cpu_state.h>

#define VINTR_TPR        0xfull
#define VINTR_IRQ        (1ull << 8)
#define VINTR_PRIO_MAX   (0xfull << 16)
#define VINTR_IGN_TPR    (1ull << 20)
#define EVENTINJ_TYPE_INTR (0u << 8)

static void open_window(struct vmcb *vmcb)
{
    vmcb->vintr |= VINTR_IRQ | VINTR_PRIO_MAX | VINTR_IGN_TPR;
    vmcb->general1_intercepts |= GENERAL1_VINTR;
}

static void close_window(struct vmcb *vmcb)
{
    vmcb->vintr &= ~(VINTR_IRQ | VINTR_PRIO_MAX | VINTR_IGN_TPR);
    vmcb->general1_intercepts &= ~GENERAL1_VINTR;
}

void svm_intr_assist(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    struct hvm_intack ack = hvm_intr_pending(v);

    vmcb->vintr = (vmcb->vintr & ~VINTR_TPR) | vlapic_cr8(v);
    close_window(vmcb);
    if ( ack.source == HVM_INTSRC_NONE )
        return;
    if ( (vmcb->eventinj & EVENTINJ_VALID) || !(v->arch.regs.rflags & X86_RFLAGS_IF) ||
         (vmcb->interrupt_shadow & 1) )
    {
        open_window(vmcb);
        return;
    }
    vmcb->eventinj = ack.vector | EVENTINJ_TYPE_INTR | EVENTINJ_VALID;
    hvm_intr_injected(v, ack);
    /* Another one due behind it: exit once the guest could take it (its
     * handler's IRET, say), rather than at whatever exit comes next. */
    if ( hvm_intr_pending(v).source != HVM_INTSRC_NONE )
        open_window(vmcb);
}

void svm_sync_tpr(struct vcpu *v)
{
    vlapic_set_cr8(v, v->arch.vmcb->vintr & VINTR_TPR);
}
