/*
 * The physical CPU as platform_op reports it (arch/x86/pcpu.c).  The
 * hypervisor runs on one physical CPU, number 0.
 */
#ifndef ASM_X86_PCPU_H
#define ASM_X86_PCPU_H

#include <xen/types.h>

#define PCPU_COUNT 1

struct pcpu_identity {
    char vendor[12];            /* CPUID leaf 0: EBX, EDX, ECX */
    uint32_t family, model, stepping;   /* leaf 1, as Xen computes them */
    uint32_t apic_id;           /* its local APIC's (initial) id */
};

/* What CPU 0 is (cpu < PCPU_COUNT). */
void pcpu_identify(unsigned int cpu, struct pcpu_identity *id);

#endif /* ASM_X86_PCPU_H */
