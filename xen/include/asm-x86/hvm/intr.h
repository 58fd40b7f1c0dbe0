/*
 * The next interrupt for an HVM/PVH vCPU (arch/x86/hvm/intr.c): the
 * vendor code asks what is due, injects it when the guest can take it,
 * and says so.
 */
#ifndef ASM_X86_HVM_INTR_H
#define ASM_X86_HVM_INTR_H

#include <xen/types.h>

struct vcpu;

enum hvm_intsrc {
    HVM_INTSRC_NONE,
    HVM_INTSRC_CALLBACK,        /* HVM_PARAM_CALLBACK_IRQ's vector */
    HVM_INTSRC_LAPIC,           /* the local APIC's IRR */
};

struct hvm_intack {
    enum hvm_intsrc source;
    uint8_t vector;
};

/* What v would take now if its RFLAGS.IF allowed. */
struct hvm_intack hvm_intr_pending(struct vcpu *v);
/* ack (from hvm_intr_pending()) is on its way into the guest. */
void hvm_intr_injected(struct vcpu *v, struct hvm_intack ack);

#endif /* ASM_X86_HVM_INTR_H */
