/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The local APIC from a test guest (fw/lapic.c): MSR_APIC_BASE, its
 * registers through the xAPIC page or the x2APIC MSRs (whichever mode
 * MSR_APIC_BASE says), and interrupts caught on any vector (fw/irq.c):
 * counted, logged in arrival order, and EOIed on entry if asked.
 */
#ifndef GUEST_LAPIC_H
#define GUEST_LAPIC_H

#include "guest.h"

#define MSR_APIC_BASE       0x1b
#define APIC_BASE_BSP       (1u << 8)
#define APIC_BASE_EXTD      (1u << 10)
#define APIC_BASE_EN        (1u << 11)
#define APIC_DEFAULT_BASE   0xfee00000u
#define MSR_X2APIC(reg)     (0x800 + ((reg) >> 4))

#define APIC_ID         0x020
#define APIC_LVR        0x030
#define APIC_TPR        0x080
#define APIC_PPR        0x0a0
#define APIC_EOI        0x0b0
#define APIC_LDR        0x0d0
#define APIC_DFR        0x0e0
#define APIC_SVR        0x0f0
#define APIC_ISR        0x100
#define APIC_TMR        0x180
#define APIC_IRR        0x200
#define APIC_ESR        0x280
#define APIC_ICR        0x300
#define APIC_ICR2       0x310
#define APIC_LVTT       0x320
#define APIC_LVT0       0x350
#define APIC_LVTERR     0x370
#define APIC_TMICT      0x380
#define APIC_TMCCT      0x390
#define APIC_TDCR       0x3e0
#define APIC_SELF_IPI   0x3f0

#define APIC_SVR_ENABLE     (1u << 8)
#define APIC_LVT_MASKED     (1u << 16)
#define APIC_LVT_PERIODIC   (1u << 17)
#define APIC_ICR_SELF       (1u << 18)
#define APIC_ESR_SENDILL    0x20u
#define APIC_TDCR_DIV1      0xbu

uint64_t lapic_base(void);                  /* MSR_APIC_BASE */
uint32_t lapic_set_base_safe(uint64_t val); /* 0 or EXC(...) */
bool lapic_x2apic(void);                    /* in x2APIC mode now */
uint32_t lapic_read(unsigned int reg);
void lapic_write(unsigned int reg, uint32_t val);
/* The xAPIC page itself (whatever the mode). */
volatile uint32_t *lapic_mmio(unsigned int reg);
void lapic_eoi(void);
/* SVR: enabled, spurious vector 0xff. */
void lapic_sw_enable(void);
/* Is vec set in the 256-bit register at reg (ISR, TMR, IRR)? */
bool lapic_vec_set(unsigned int reg, unsigned int vec);

/* Interrupts: catch vec (>= 32) from now on; eoi: EOI on entry. */
void irq_catch(unsigned int vec, bool eoi);
extern volatile unsigned int irq_count[256];
#define IRQ_LOG_MAX 16
extern volatile uint8_t irq_log[IRQ_LOG_MAX];   /* vectors, as they came */
extern volatile unsigned int irq_log_len;
void irq_log_clear(void);

#endif /* GUEST_LAPIC_H */
