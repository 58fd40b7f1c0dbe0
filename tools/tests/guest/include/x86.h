/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Control, debug and model-specific registers, and the *_safe forms of
 * the instructions that may fault.
 *
 * A *_safe helper returns 0, or the exception it raised as EXC(vector,
 * error code): the instruction is listed in the exception table
 * (section .ex_table, pairs of "faulting address, where to resume"), and
 * trap_handler() resumes there with the exception in %edi/%rdi instead
 * of failing the test.  A trap (#DB after a data breakpoint) reports the
 * address after the instruction: list that one.
 */
#ifndef GUEST_X86_H
#define GUEST_X86_H

#include <stdbool.h>
#include <stdint.h>

#define EXC_VALID       (1u << 31)
#define EXC(vec, ec)    (EXC_VALID | ((uint32_t)(vec) << 16) | ((ec) & 0xffff))
#define EXC_GP0         EXC(13, 0)
#define EXC_UD          EXC(6, 0)
#define EXC_DB          EXC(1, 0)

#ifdef __x86_64__
# define ASM_PTR ".quad"
#else
# define ASM_PTR ".long"
#endif
#define ASM_EXTABLE(from, to)                                  \
    ".pushsection .ex_table, \"a\"\n\t"                        \
    ".balign 8\n\t"                                           \
    ASM_PTR " " #from ", " #to "\n\t"                          \
    ".popsection\n\t"

struct extable_entry {
    unsigned long from, to;
};
/* The fixup for an exception at ip, or 0 (fw/traps.c). */
unsigned long extable_find(unsigned long ip);

#define CR0_PE          (1u << 0)
#define CR0_ET          (1u << 4)
#define CR0_NE          (1u << 5)
#define CR0_WP          (1u << 16)
#define CR0_NW          (1u << 29)
#define CR0_CD          (1u << 30)
#define CR4_PSE         (1u << 4)
#define CR4_DE          (1u << 3)
#define CR4_PGE         (1u << 7)
#define CR4_LA57        (1u << 12)
#define CR4_VMXE        (1u << 13)
#define CR4_SMXE        (1u << 14)
#define CR4_PCIDE       (1u << 17)
#define CR4_OSXSAVE     (1u << 18)
#define EFER_SCE        (1u << 0)
#define EFER_LMA        (1u << 10)
#define EFER_NXE        (1u << 11)
#define EFER_SVME       (1u << 12)
#define EFER_LMSLE      (1u << 13)
#define MSR_PAT         0x277
#define MSR_DEBUGCTL    0x1d9

#define DEFINE_CR(n)                                                     \
static inline unsigned long read_cr##n(void)                             \
{                                                                        \
    unsigned long v;                                                     \
    asm volatile ("mov %%cr" #n ", %0" : "=r" (v));                      \
    return v;                                                            \
}                                                                        \
static inline void write_cr##n(unsigned long v)                          \
{                                                                        \
    asm volatile ("mov %0, %%cr" #n :: "r" (v) : "memory");              \
}                                                                        \
static inline uint32_t write_cr##n##_safe(unsigned long v)               \
{                                                                        \
    unsigned long fault = 0;                                             \
    asm volatile ("1: mov %1, %%cr" #n "; 2:\n\t" ASM_EXTABLE(1b, 2b)    \
                  : "+D" (fault) : "r" (v) : "memory");                  \
    return fault;                                                        \
}
DEFINE_CR(0)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

#define DEFINE_DR(n)                                                     \
static inline unsigned long read_dr##n(void)                             \
{                                                                        \
    unsigned long v;                                                     \
    asm volatile ("mov %%dr" #n ", %0" : "=r" (v));                      \
    return v;                                                            \
}                                                                        \
static inline uint32_t write_dr##n##_safe(unsigned long v)               \
{                                                                        \
    unsigned long fault = 0;                                             \
    asm volatile ("1: mov %1, %%dr" #n "; 2:\n\t" ASM_EXTABLE(1b, 2b)    \
                  : "+D" (fault) : "r" (v) : "memory");                  \
    return fault;                                                        \
}
DEFINE_DR(0)
DEFINE_DR(1)
DEFINE_DR(2)
DEFINE_DR(3)
DEFINE_DR(4)
DEFINE_DR(6)
DEFINE_DR(7)
#undef DEFINE_DR

static inline uint32_t read_dr4_safe(unsigned long *v)
{
    unsigned long fault = 0, val = 0;

    asm volatile ("1: mov %%dr4, %1; 2:\n\t" ASM_EXTABLE(1b, 2b)
                  : "+D" (fault), "+r" (val));
    *v = val;
    return fault;
}

static inline uint32_t wrmsr_safe(uint32_t msr, uint64_t val)
{
    unsigned long fault = 0;

    asm volatile ("1: wrmsr; 2:\n\t" ASM_EXTABLE(1b, 2b)
                  : "+D" (fault)
                  : "c" (msr), "a" ((uint32_t)val),
                    "d" ((uint32_t)(val >> 32))
                  : "memory");
    return fault;
}

static inline uint32_t rdmsr_safe(uint32_t msr, uint64_t *val)
{
    unsigned long fault = 0;
    uint32_t lo = 0, hi = 0;

    asm volatile ("1: rdmsr; 2:\n\t" ASM_EXTABLE(1b, 2b)
                  : "+D" (fault), "+a" (lo), "+d" (hi) : "c" (msr));
    *val = lo | ((uint64_t)hi << 32);
    return fault;
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    asm volatile ("rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr));
    return lo | ((uint64_t)hi << 32);
}

static inline void cpuid_count(uint32_t leaf, uint32_t sub, uint32_t *a,
                               uint32_t *b, uint32_t *c, uint32_t *d)
{
    asm volatile ("cpuid" : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d)
                  : "0" (leaf), "2" (sub));
}

/* 32-bit images: paging=pae|2level on the command line (fw/paging.c). */
/* The mode the test runs in: "none", "pae", "2level" or "long". */
extern const char *paging_mode;
/*
 * An alias of p (in the low 4 MiB) through large pages: read-write or
 * read-only, both execute-disable where NX exists.  NULL without paging.
 */
void *paging_alias(const void *p, bool writable);
/* A virtual address that no entry maps (paging only). */
#define PAGING_HOLE     0xb0000000UL
void paging_init(void);

#endif /* GUEST_X86_H */
