/*
 * Which interrupt an HVM/PVH vCPU takes next (see <asm/hvm/intr.h>), in
 * Xen 4.17's order (hvm_vcpu_has_pending_irq there): the domain's
 * callback vector first, whenever vcpu_info's evtchn_upcall_pending is
 * set (level-like, no EOI, TPR does not hold it back); then the local
 * APIC's highest pending vector above its processor priority, which
 * moves from IRR to ISR as it is injected and waits for an EOI.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm/intr.h>
#include <asm/hvm/upcall.h>
#include <asm/hvm/vlapic.h>
#include <xen/stall.h>

struct hvm_intack hvm_intr_pending(struct vcpu *v)
{
    int vec = hvm_callback_vector_pending(v);

    if ( vec >= 0 )
        return (struct hvm_intack){ HVM_INTSRC_CALLBACK, (uint8_t)vec };
    vec = vlapic_deliverable(&v->arch.vlapic);
    if ( vec >= 0 )
        return (struct hvm_intack){ HVM_INTSRC_LAPIC, (uint8_t)vec };
    return (struct hvm_intack){ HVM_INTSRC_NONE, 0 };
}

void hvm_intr_injected(struct vcpu *v, struct hvm_intack ack)
{
    if ( ack.source == HVM_INTSRC_LAPIC )
        vlapic_ack(&v->arch.vlapic, ack.vector);
}

/* For the stall report (xen/stall.h): what would let the vCPU run. */
void arch_vcpu_wait_info(struct vcpu *v, char *buf, size_t size)
{
    struct hvm_intack ack = hvm_intr_pending(v);
    bool if_on = v->arch.regs.rflags & X86_RFLAGS_IF;

    if ( ack.source == HVM_INTSRC_NONE )
        snprintf(buf, size, ", IF %s, no interrupt due", if_on ? "on" : "off");
    else
        snprintf(buf, size, ", IF %s, %s vector %#x due",
                 if_on ? "on" : "off",
                 ack.source == HVM_INTSRC_CALLBACK ? "callback" : "APIC",
                 ack.vector);
}
