/*
 * Event-channel upcalls for HVM/PVH vCPUs (see <asm/hvm/upcall.h>).
 * Common code has set evtchn_upcall_pending in vcpu_info; here the arch
 * decides which vector that becomes and wakes the vCPU.  hvm/intr.c
 * says what is due, the vendor code (svm/intr.c) injects it when the
 * guest can take an interrupt.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <xen/shared.h>
#include <public/hvm/params.h>
#include <asm/hvm/upcall.h>
#include <asm/hvm/vlapic.h>

#define CALLBACK_TYPE(v) ((uint8_t)((v) >> 56))

void hvm_set_callback_via(struct domain *d, uint64_t value)
{
    unsigned int i;

    if ( CALLBACK_TYPE(value) != HVM_PARAM_CALLBACK_TYPE_VECTOR )
    {
        /* 0 turns upcalls off; GSI/INTx need a PIC/IO-APIC we lack. */
        if ( !value )
            d->arch.callback_vector = 0;
        return;
    }
    d->arch.callback_vector = (uint8_t)value;
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            arch_evtchn_upcall(d->vcpu[i]);
}

int hvm_set_upcall_vector(struct vcpu *v, uint8_t vector)
{
    if ( vector < 0x10 )
        return -EINVAL;
    printk("d%u v%u: upcall vector %#x\n", v->domain->domain_id, v->vcpu_id,
           vector);
    v->arch.upcall_vector = vector;
    arch_evtchn_upcall(v);
    return 0;
}

/*
 * As Xen: the per-vCPU vector is an interrupt for the local APIC, taken
 * only while it is enabled (software-enabling it later raises a pending
 * upcall then); the callback vector needs nothing here.  The vCPU is
 * woken either way, for SCHEDOP_block.
 */
void arch_evtchn_upcall(struct vcpu *v)
{
    if ( v->arch.upcall_vector && vlapic_enabled(&v->arch.vlapic) )
        vlapic_set_irq(v, v->arch.upcall_vector);
    vcpu_wake(v);
}

int hvm_callback_vector_pending(struct vcpu *v)
{
    if ( v->domain->arch.callback_vector && vcpu_upcall_pending(v) )
        return v->domain->arch.callback_vector;
    return -1;
}
