/*
 * The shared_info page and each vCPU's vcpu_info, as the hypervisor
 * reads and writes them.  Their layout depends on the guest's width:
 * Xen latches it (32-bit or 64-bit) when the guest writes the hypercall
 * page or sets HVM_PARAM_CALLBACK_IRQ, and so do we (shared.c).
 *
 *                         64-bit layout       32-bit layout
 *   vcpu_info[32]         0, 64 bytes each    0, 64 bytes each
 *     upcall_pending      +0                  +0
 *     upcall_mask         +1                  +1
 *     evtchn_pending_sel  +8 (64 bits)        +4 (32 bits)
 *   evtchn_pending        2048 (4096 bits)    2048 (1024 bits)
 *   evtchn_mask           2560                2176
 */
#ifndef XEN_SHARED_H
#define XEN_SHARED_H

#include <xen/types.h>

struct domain;
struct vcpu;

#define SHINFO_EVTCHN_PENDING 2048

bool shinfo_is_32bit(const struct domain *d);
/* Sample the guest's mode now (it is issuing a hypercall). */
void shinfo_latch_width(struct domain *d, bool guest_is_64bit);

uint8_t *shared_info_va(const struct domain *d);
unsigned int shinfo_evtchn_mask_offset(const struct domain *d);
/* Bits in one evtchn_pending word, as the guest declares it: 32 or 64. */
unsigned int shinfo_word_bits(const struct domain *d);

/* v's 64-byte vcpu_info. */
uint8_t *vcpu_info_va(const struct vcpu *v);
#define VCPU_INFO_UPCALL_PENDING 0
#define VCPU_INFO_UPCALL_MASK    1
unsigned int vcpu_info_pending_sel_offset(const struct domain *d);

#endif /* XEN_SHARED_H */
