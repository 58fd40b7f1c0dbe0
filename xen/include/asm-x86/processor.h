/*
 * Thin wrappers around privileged x86 instructions.
 */
#ifndef ASM_X86_PROCESSOR_H
#define ASM_X86_PROCESSOR_H

#include <xen/types.h>
#include <asm/boot-defs.h>

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    asm volatile ( "rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr) );
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
    asm volatile ( "wrmsr" :: "c" (msr), "a" ((uint32_t)val),
                   "d" ((uint32_t)(val >> 32)) );
}

struct cpuid_leaf { uint32_t a, b, c, d; };

static inline struct cpuid_leaf cpuid_count(uint32_t leaf, uint32_t sub)
{
    struct cpuid_leaf r;
    asm volatile ( "cpuid" : "=a" (r.a), "=b" (r.b), "=c" (r.c), "=d" (r.d)
                   : "a" (leaf), "c" (sub) );
    return r;
}

static inline void outb(uint16_t port, uint8_t v)
{
    asm volatile ( "outb %0, %1" :: "a" (v), "Nd" (port) );
}
static inline void outl(uint16_t port, uint32_t v)
{
    asm volatile ( "outl %0, %1" :: "a" (v), "Nd" (port) );
}
static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    asm volatile ( "inb %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline uint64_t read_cr0(void)
{ uint64_t v; asm volatile ( "mov %%cr0, %0" : "=r" (v) ); return v; }
static inline uint64_t read_cr2(void)
{ uint64_t v; asm volatile ( "mov %%cr2, %0" : "=r" (v) ); return v; }
static inline uint64_t read_cr3(void)
{ uint64_t v; asm volatile ( "mov %%cr3, %0" : "=r" (v) ); return v; }
static inline uint64_t read_cr4(void)
{ uint64_t v; asm volatile ( "mov %%cr4, %0" : "=r" (v) ); return v; }
static inline void write_cr4(uint64_t v)
{ asm volatile ( "mov %0, %%cr4" :: "r" (v) : "memory" ); }

static inline void local_irq_disable(void) { asm volatile ( "cli" ::: "memory" ); }
static inline void local_irq_enable(void)  { asm volatile ( "sti" ::: "memory" ); }
static inline void cpu_relax(void)         { asm volatile ( "pause" ::: "memory" ); }

/* Let a pending interrupt in, then shut the window again. */
static inline void local_irq_window(void)
{
    asm volatile ( "sti; nop; cli" ::: "memory" );
}

/* Wait for an interrupt with interrupts enabled only while halted. */
static inline void safe_halt(void)
{
    asm volatile ( "sti; hlt; cli" ::: "memory" );
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

#endif /* ASM_X86_PROCESSOR_H */
