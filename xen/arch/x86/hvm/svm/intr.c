/*
 * Delivering event upcalls to an SVM guest.  Before each VMRUN the
 * vector due (hvm/upcall.c) is injected through EVENTINJ if the guest
 * can take an interrupt now (RFLAGS.IF set, no interrupt shadow, no
 * other event being injected).  Otherwise a virtual interrupt request
 * (V_IRQ) with the VINTR intercept makes the CPU exit as soon as the
 * guest could take it, and the next VMRUN injects it: the guest's own
 * STI or IRET opens the window, no polling.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/hvm/upcall.h>
#include <asm/hvm/svm/vmcb.h>

#define RFLAGS_IF        (1ull << 9)
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
    int vector = hvm_upcall_vector_pending(v);

    close_window(vmcb);
    if ( vector < 0 )
        return;
    if ( (vmcb->eventinj & EVENTINJ_VALID) || !(vmcb->rflags & RFLAGS_IF) ||
         (vmcb->interrupt_shadow & 1) )
    {
        open_window(vmcb);
        return;
    }
    vmcb->eventinj = (unsigned int)vector | EVENTINJ_TYPE_INTR |
                     EVENTINJ_VALID;
    hvm_upcall_delivered(v, vector);
}

bool svm_upcall_deliverable(struct vcpu *v)
{
    return hvm_upcall_vector_pending(v) >= 0 &&
           (v->arch.vmcb->rflags & RFLAGS_IF);
}
