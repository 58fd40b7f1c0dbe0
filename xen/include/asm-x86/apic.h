/*
 * Local APIC timer: the scheduler's time slice.
 */
#ifndef ASM_X86_APIC_H
#define ASM_X86_APIC_H

/* Mask the legacy PICs, measure the APIC timer against the TSC (after
 * time_init()) and start it at TICKS_PER_SECOND. */
void apic_init(void);
void apic_timer_interrupt(void);
void apic_eoi(void);

#endif /* ASM_X86_APIC_H */
