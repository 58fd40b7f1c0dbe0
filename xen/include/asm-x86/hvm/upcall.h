/*
 * How event-channel upcalls reach an HVM/PVH vCPU (arch/x86/hvm/upcall.c):
 * the domain-wide callback vector (HVM_PARAM_CALLBACK_IRQ, vector type),
 * which is level-like: injected whenever vcpu_info's evtchn_upcall_pending
 * is set and the vCPU can take interrupts; or a per-vCPU vector
 * (HVMOP_set_evtchn_upcall_vector), edge-like: injected once per upcall.
 * Callback types GSI and PCI INTx need emulated interrupt controllers a
 * PVH domain does not have: as in Xen, setting them changes nothing.
 */
#ifndef ASM_X86_HVM_UPCALL_H
#define ASM_X86_HVM_UPCALL_H

#include <xen/types.h>

struct vcpu;
struct domain;

/* HVM_PARAM_CALLBACK_IRQ was written with value (by or for d). */
void hvm_set_callback_via(struct domain *d, uint64_t value);
/* HVMOP_set_evtchn_upcall_vector. */
int hvm_set_upcall_vector(struct vcpu *v, uint8_t vector);

/*
 * The vector to deliver to v now, or -1; hvm_upcall_delivered() once
 * it is on its way (the vendor code injected it).
 */
int hvm_upcall_vector_pending(struct vcpu *v);
void hvm_upcall_delivered(struct vcpu *v, unsigned int vector);

#endif /* ASM_X86_HVM_UPCALL_H */
