/*
 * The local APIC as the architecture lays it out (Intel SDM vol. 3
 * ch. 11, AMD APM vol. 2 ch. 16): MSR_APIC_BASE, the register offsets
 * of the xAPIC page (an x2APIC MSR is 0x800 + offset / 16), and their
 * fields; with the values Xen 4.17's emulated APIC reports.
 */
#ifndef ASM_X86_APICDEF_H
#define ASM_X86_APICDEF_H

/* MSR_APIC_BASE. */
#define MSR_APIC_BASE           0x1b
#define APIC_BASE_BSP           (1ULL << 8)
#define APIC_BASE_EXTD          (1ULL << 10)    /* x2APIC mode */
#define APIC_BASE_ENABLE        (1ULL << 11)
#define APIC_BASE_ADDR_MASK     0x000ffffffffff000ULL
#define APIC_DEFAULT_BASE       0xfee00000ULL

/* The x2APIC MSRs: register offset >> 4, from 0x800. */
#define MSR_X2APIC_FIRST        0x800
#define MSR_X2APIC_LAST         0x8ff

/* Register offsets in the xAPIC page. */
#define APIC_ID         0x020
#define APIC_LVR        0x030
#define APIC_TASKPRI    0x080
#define APIC_ARBPRI     0x090
#define APIC_PROCPRI    0x0a0
#define APIC_EOI        0x0b0
#define APIC_RRR        0x0c0
#define APIC_LDR        0x0d0
#define APIC_DFR        0x0e0
#define APIC_SPIV       0x0f0
#define APIC_ISR        0x100
#define APIC_TMR        0x180
#define APIC_IRR        0x200
#define APIC_ESR        0x280
#define APIC_CMCI       0x2f0
#define APIC_ICR        0x300
#define APIC_ICR2       0x310
#define APIC_LVTT       0x320
#define APIC_LVTTHMR    0x330
#define APIC_LVTPC      0x340
#define APIC_LVT0       0x350
#define APIC_LVT1       0x360
#define APIC_LVTERR     0x370
#define APIC_TMICT      0x380
#define APIC_TMCCT      0x390
#define APIC_TDCR       0x3e0
#define APIC_SELF_IPI   0x3f0           /* x2APIC only */

/* Xen's: version 0x14 (an integrated xAPIC), 6 LVT entries (max 5). */
#define VLAPIC_VERSION          0x00050014
#define VLAPIC_NR_LVT           6

#define APIC_SPIV_ENABLED       (1u << 8)
#define APIC_SPIV_FOCUS_OFF     (1u << 9)
#define APIC_VECTOR_MASK        0xffu
#define APIC_LVT_MASKED         (1u << 16)
#define APIC_TIMER_PERIODIC     (1u << 17)
#define APIC_ESR_SENDILL        0x20u
#define APIC_ESR_RECVILL        0x40u

/* ICR fields. */
#define APIC_ICR_DM_MASK        0x700u
#define APIC_ICR_DM_FIXED       0x000u
#define APIC_ICR_DM_LOWEST      0x100u
#define APIC_ICR_DM_EXTINT      0x700u
#define APIC_ICR_LOGICAL        (1u << 11)
#define APIC_ICR_BUSY           (1u << 12)
#define APIC_ICR_ASSERT         (1u << 14)
#define APIC_ICR_LEVEL          (1u << 15)
#define APIC_ICR_SHORT_MASK     (3u << 18)
#define APIC_ICR_SHORT_NONE     (0u << 18)
#define APIC_ICR_SHORT_SELF     (1u << 18)
#define APIC_ICR_SHORT_ALL      (2u << 18)
#define APIC_ICR_SHORT_OTHERS   (3u << 18)

/* The APIC timer counts at Xen's bus frequency: 100 MHz. */
#define APIC_BUS_CYCLE_NS       10

#endif /* ASM_X86_APICDEF_H */
