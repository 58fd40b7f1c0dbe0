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
