/*
 * Delivering interrupts to a VMX guest, as svm/intr.c does under SVM:
 * before each VM entry the interrupt due (hvm/intr.c) is injected
 * through the VM-entry interruption-information field if the guest can
 * take one now (RFLAGS.IF set, no STI/MOV SS blocking, no other event
 * being injected).  Otherwise interrupt-window exiting makes the CPU
 * exit as soon as it could, and the next entry injects it.  CR8 exits
 * (cr.c) keep the TPR in the local APIC, which applies it in choosing
 * the vector.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/hvm/intr.h>
#include <asm/domain.h>
#include <asm/hvm/vmx/vmx.h>

void vmx_set_proc_ctls(struct vcpu *v, uint32_t ctls)
{
    if ( v->arch.vmx.proc_ctls == ctls )
        return;
    v->arch.vmx.proc_ctls = ctls;
    vmwrite(VMCS_PROC_CTLS, ctls);
}

static void window(struct vcpu *v, bool open)
{
    uint32_t ctls = v->arch.vmx.proc_ctls & ~PROC_INTR_WINDOW;

    vmx_set_proc_ctls(v, ctls | (open ? PROC_INTR_WINDOW : 0));
}

void vmx_intr_assist(struct vcpu *v)
{
    struct hvm_intack ack = hvm_intr_pending(v);

    window(v, false);
    if ( ack.source == HVM_INTSRC_NONE )
        return;
    if ( (vmread(VMCS_ENTRY_INTR_INFO) & INTR_INFO_VALID) ||
         !(v->arch.regs.rflags & X86_RFLAGS_IF) ||
         (vmread(VMCS_GUEST_INTERRUPTIBILITY) & INTERRUPTIBILITY_STI_MOVSS) )
    {
        window(v, true);
        return;
    }
    vmwrite(VMCS_ENTRY_INTR_INFO, ack.vector | INTR_TYPE_EXT |
                                  INTR_INFO_VALID);
    hvm_intr_injected(v, ack);
    /* Another one due behind it: exit once the guest could take it. */
    if ( hvm_intr_pending(v).source != HVM_INTSRC_NONE )
        window(v, true);
}
