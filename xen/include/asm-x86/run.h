/*
 * The hypervisor's main loop (arch/x86/run.c).
 */
#ifndef ASM_X86_RUN_H
#define ASM_X86_RUN_H

#include <xen/lib.h>

/*
 * Run domains until none is left, then stop the machine.  The free page
 * count from before the domains were built must be reached again.
 */
void run_domains(unsigned long free_pages_at_start) __noreturn;

/* A boot domain could not be built: the run cannot end as "all poweroff". */
void run_note_failed_domain(void);

#endif /* ASM_X86_RUN_H */
