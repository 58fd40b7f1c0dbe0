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
 *     time (pvclock)      +32 (32 bytes)      +32 (the same layout)
 *   evtchn_pending        2048 (4096 bits)    2048 (1024 bits)
 *   evtchn_mask           2560                2176
 *   wc_version            3072                2304
 *   wc_sec, wc_nsec       3076, 3080          2308, 2312
 *   wc_sec_hi             3084                2340 (in arch, after six
 *                                             32-bit words)
 *
 * A vCPU's vcpu_info may move to a page of the guest's
 * (VCPUOP_register_vcpu_info); vcpu_info_va() knows where it is.
 */
#ifndef XEN_SHARED_H
#define XEN_SHARED_H

#include <xen/types.h>

struct domain;
struct vcpu;

#define SHINFO_EVTCHN_PENDING 2048
#define SHINFO_WC_VERSION     3072
#define SHINFO_WC_SEC_HI      3084
#define SHINFO32_WC_VERSION   2304
#define SHINFO32_WC_SEC_HI    2340

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
#define VCPU_INFO_TIME           32
unsigned int vcpu_info_pending_sel_offset(const struct domain *d);
/* Is evtchn_upcall_pending set in v's vcpu_info (the guest clears it)? */
bool vcpu_upcall_pending(const struct vcpu *v);

#endif /* XEN_SHARED_H */
