/*
 * Hypervisor exception and interrupt handling.
 */
#ifndef ASM_X86_TRAPS_H
#define ASM_X86_TRAPS_H

#include <xen/types.h>

/* The frame entry.S builds, lowest address first. */
struct cpu_regs {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;
};

#define TIMER_VECTOR     0xf0
#define SPURIOUS_VECTOR  0xff
#define PIC_VECTOR_BASE  0x20       /* the masked 8259s' 16 vectors */

/* Load the GDT's TSS and the IDT (arch/x86/traps.c). */
void traps_init(void);
void do_trap(struct cpu_regs *regs);

#endif /* ASM_X86_TRAPS_H */
