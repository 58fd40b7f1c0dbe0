/*
 * The emulated local APIC of an HVM/PVH vCPU, modelled on Xen 4.17's
 * (arch/x86/hvm/vlapic.c there).
 *
 * Two layers.  The register model (hvm/vlapic_regs.c, vlapic_irq.c,
 * vlapic_timer.c) works on a struct vlapic alone, with the time passed
 * in: MSR_APIC_BASE and its mode transitions, the xAPIC register page,
 * the x2APIC MSRs and their #GP rules, IRR/ISR/PPR, the timer's count.
 * It knows no vCPU, so the host unit tests run it as it is.  The glue
 * (hvm/vlapic.c) ties one to a vCPU: the hypervisor timer behind the
 * APIC timer, wake-ups, IPIs, the MSR and MMIO entry points, and the
 * interrupt the vendor code injects.
 *
 * Registers are kept as the xAPIC page lays them out: one 32-bit value
 * per 16-byte slot, reg[offset >> 4], IRR/ISR/TMR as 8 such words each.
 */
#ifndef ASM_X86_HVM_VLAPIC_H
#define ASM_X86_HVM_VLAPIC_H

#include <xen/types.h>
#include <xen/time.h>

#define VLAPIC_NR_REGS          64      /* 0x000 .. 0x3f0 */

struct vlapic {
    uint64_t base;              /* MSR_APIC_BASE as the guest sees it */
    uint32_t reg[VLAPIC_NR_REGS];
    uint32_t vcpu_id;           /* whose: its APIC ID is twice this */
    unsigned int divisor;       /* the timer's, from TDCR: 1 .. 128 */
    /*
     * The timer: whether a count runs (else the current count reads 0),
     * when it started, when it next expires (0: never).
     */
    bool timer_counting;
    s_time_t timer_start;
    s_time_t timer_deadline;
};

/* What a register write leaves the glue to do (a mask). */
#define VLAPIC_DO_IPI           (1u << 0)   /* send what ICR/ICR2 say */
#define VLAPIC_DO_ENABLED       (1u << 1)   /* SVR: software-enabled now */

/* --- The register model (no vCPU) ------------------------------------ */

/* Power-on state of vCPU vcpu_id's APIC: enabled, xAPIC mode. */
void vlapic_reset(struct vlapic *l, unsigned int vcpu_id);

/* MSR_APIC_BASE: enabled; x2APIC mode; enabled in xAPIC mode. */
bool vlapic_hw_enabled(const struct vlapic *l);
bool vlapic_x2apic_mode(const struct vlapic *l);
bool vlapic_xapic_mode(const struct vlapic *l);
/* Accepts interrupts: hardware- and software-enabled (SVR). */
bool vlapic_enabled(const struct vlapic *l);
/* The APIC ID as its mode shows it (x2APIC: 32 bits). */
uint32_t vlapic_id(const struct vlapic *l);

/* A write to MSR_APIC_BASE: 0, or -EINVAL (#GP) with nothing changed. */
int vlapic_set_base(struct vlapic *l, uint64_t val);

/* The register at an xAPIC offset (16-byte aligned), as a read sees it. */
uint32_t vlapic_reg_read(const struct vlapic *l, unsigned int offset,
                         s_time_t now);
/* A register write, with xAPIC rules (MMIO); VLAPIC_DO_* to do. */
unsigned int vlapic_reg_write(struct vlapic *l, unsigned int offset,
                              uint32_t val, s_time_t now);
/* Accesses to the xAPIC page, at offset, of len 1, 2, 4 or 8 bytes:
 * as Xen's, only those within one 32-bit register do anything. */
uint32_t vlapic_mmio_read(const struct vlapic *l, unsigned int offset,
                          unsigned int len, s_time_t now);
unsigned int vlapic_mmio_write(struct vlapic *l, unsigned int offset,
                               unsigned int len, uint32_t val, s_time_t now);
/* x2APIC MSRs: 0, or -EINVAL for #GP (not in x2APIC mode, a register
 * x2APIC lacks or may not write, reserved bits set). */
int vlapic_x2apic_read(const struct vlapic *l, uint32_t msr, uint64_t *val,
                       s_time_t now);
int vlapic_x2apic_write(struct vlapic *l, uint32_t msr, uint64_t val,
                        s_time_t now, unsigned int *todo);

/* Interrupts (vlapic_irq.c).  Vectors below 16 are illegal. */
int vlapic_highest_irr(const struct vlapic *l);
int vlapic_highest_isr(const struct vlapic *l);
uint32_t vlapic_ppr(const struct vlapic *l);
/* Set vec in IRR (edge): true if it was not pending already.  An
 * illegal vector sets ESR (and may raise the error LVT) instead. */
bool vlapic_accept(struct vlapic *l, unsigned int vec);
/* Latch an error in ESR, raising the error LVT if it is unmasked. */
void vlapic_error(struct vlapic *l, uint32_t err);
/* The vector to deliver now (above PPR, APIC enabled), or -1. */
int vlapic_deliverable(const struct vlapic *l);
/* vec is being injected: from IRR to ISR. */
void vlapic_ack(struct vlapic *l, unsigned int vec);
/* EOI: the highest in-service vector ends; which, or -1 if none. */
int vlapic_eoi(struct vlapic *l);
/* Does an ICR destination (fields of ICR/ICR2 as this mode has them)
 * name this APIC?  self: the sender is this APIC. */
bool vlapic_match_dest(const struct vlapic *l, uint32_t icr, uint32_t dest,
                       bool self);

/* The timer (vlapic_timer.c). */
uint32_t vlapic_timer_count(const struct vlapic *l, s_time_t now);
/* LVTT, TMICT or TDCR is about to change (LVTT: still the old value;
 * TMICT, TDCR: already the new one, old_div the divisor before):
 * recompute the deadline as Xen does. */
void vlapic_timer_update(struct vlapic *l, bool tmict_written,
                         unsigned int old_div, s_time_t now);
/* The deadline passed: raise the timer vector (unless masked; true if
 * it became pending) and, periodic, move on to the next period. */
bool vlapic_timer_expire(struct vlapic *l, s_time_t now);

/* --- The glue (hvm/vlapic.c) ----------------------------------------- */
struct vcpu;

int vlapic_vcpu_init(struct vcpu *v);
void vlapic_vcpu_destroy(struct vcpu *v);
/* MSR_APIC_BASE and the x2APIC MSRs: 0, -EINVAL for #GP, or -ENOENT
 * if msr is not an APIC one. */
int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);
/* Is gpa in v's xAPIC page (enabled, xAPIC mode)?  Then the access. */
bool vlapic_mmio_claims(const struct vcpu *v, uint64_t gpa);
void vlapic_mmio_access(struct vcpu *v, uint64_t gpa, void *buf,
                        unsigned int len, bool write);
/* An interrupt for v's APIC (fixed, edge): pending, v woken. */
void vlapic_set_irq(struct vcpu *v, unsigned int vec);
/* CR8 (the TPR's class) as SVM's V_TPR holds it, both ways. */
uint8_t vlapic_cr8(const struct vcpu *v);
void vlapic_set_cr8(struct vcpu *v, uint8_t cr8);

#endif /* ASM_X86_HVM_VLAPIC_H */
