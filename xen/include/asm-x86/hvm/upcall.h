/*
 * How event-channel upcalls reach an HVM/PVH vCPU (arch/x86/hvm/upcall.c):
 * the domain-wide callback vector (HVM_PARAM_CALLBACK_IRQ, vector type),
 * which is level-like: injected whenever vcpu_info's evtchn_upcall_pending
 * is set and the vCPU can take interrupts, past the local APIC (no EOI);
 * or a per-vCPU vector (HVMOP_set_evtchn_upcall_vector), an edge
 * interrupt for the vCPU's local APIC: pending in IRR once per upcall,
 * only while the APIC is enabled, in service until the guest's EOI.
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

/* The callback vector if it is due for v now, or -1 (hvm/intr.c). */
int hvm_callback_vector_pending(struct vcpu *v);

#endif /* ASM_X86_HVM_UPCALL_H */
