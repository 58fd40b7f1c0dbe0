/*
 * x86 system time (arch/x86/time.c) and the RTC (arch/x86/rtc.c).
 */
#ifndef ASM_X86_TIME_H
#define ASM_X86_TIME_H

#include <xen/types.h>

/* Measure the TSC, start system time at tsc_at_entry, read the RTC. */
void time_init(uint64_t tsc_at_entry);
/* Set the wall clock at boot from the RTC (a message if it cannot). */
void rtc_init_wallclock(void);

#endif /* ASM_X86_TIME_H */
