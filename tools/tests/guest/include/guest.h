/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a test guest sees of the framework.  A test is one C file that
 * defines test_title and test_main(); the framework boots, finds the
 * hypervisor, runs test_main(), prints the verdict and shuts down.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "public/xen.h"
#include "public/arch-x86/hvm/start_info.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BITS_PER_LONG (sizeof(long) * 8)

/* Provided by each test. */
extern const char test_title[];
void test_main(void);

/* Boot information. */
extern uint64_t start_info_pa;                  /* %ebx at entry */
extern const struct hvm_start_info *start_info; /* NULL if unusable */
const char *cmdline(void);                      /* "" if none */
/* Copy the value of key=value from the command line; false if absent. */
bool cmdline_get(const char *key, char *buf, size_t len);
/* The decimal value of key=N on the command line, or dflt if absent. */
unsigned long cmdline_ulong(const char *key, unsigned long dflt);

/* Output.  printk goes to console_io (or port 0xe9 before Xen is found). */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Checks and verdict.  Each check prints "ok - <what>" or
 * "FAIL - <what>: <detail>".  The verdict is the worst of what was
 * reported: ERROR > FAILURE > SKIP > SUCCESS.
 */
bool check(bool ok, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Evaluates got and want once each (they are often hypercalls). */
#define check_eq(what, got, want) ({                                     \
    long long got_ = (long long)(got), want_ = (long long)(want);        \
    check(got_ == want_, what, "got %lld (%#llx), want %lld", got_,      \
          (unsigned long long)got_, want_);                              \
})
void test_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void test_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the verdict and shut down; never returns. */
void __attribute__((noreturn)) test_finish(void);
/* Shut down with this SHUTDOWN_* reason, whatever the verdict. */
void test_set_shutdown_reason(unsigned int reason);
/*
 * After a SUCCESS or SKIP verdict, end with fn instead of SCHEDOP_shutdown
 * (say, through a device); if fn returns, the domain crashes itself.
 */
void test_set_end_action(void (*fn)(void));

/* Exceptions: the frame trap_common builds. */
struct trap_frame {
#ifdef __x86_64__
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t bp, di, si, dx, cx, bx, ax;
#else
    uint32_t di, si, bp, sp_unused, bx, dx, cx, ax;
#endif
    unsigned long vector, error_code;
    unsigned long ip, cs, flags;
    unsigned long sp, ss;       /* 64-bit only (no ring change in 32-bit) */
};
void traps_init(void);
/* Route vector to entry through an interrupt gate (IF cleared). */
void idt_set_gate(unsigned int vector, unsigned long entry);
/* Resumes at the exception-table fixup (include/x86.h), or ends the test. */
void trap_handler(struct trap_frame *f);

/* Library bits gcc may also call on its own. */
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strstr(const char *h, const char *n);

/* CPU helpers. */
static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b,
                         uint32_t *c, uint32_t *d)
{
    asm volatile ("cpuid" : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d)
                  : "0" (leaf), "2" (0));
}

/* CPUID leaf 0 says "GenuineIntel" (the hypercall instruction, and the
 * answers Xen gives by vendor, depend on it). */
static inline bool cpu_is_intel(void)
{
    uint32_t a, b, c, d;

    cpuid(0, &a, &b, &c, &d);
    return b == 0x756e6547 && d == 0x49656e69 && c == 0x6c65746e;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
    asm volatile ("wrmsr" :: "c" (msr), "a" ((uint32_t)val),
                  "d" ((uint32_t)(val >> 32)));
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile ("rdtsc" : "=a" (lo), "=d" (hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline void outb(uint16_t port, uint8_t v)
{
    asm volatile ("outb %0, %1" :: "a" (v), "Nd" (port));
}

static inline void __attribute__((noreturn)) halt_forever(void)
{
    for ( ;; )
        asm volatile ("cli; hlt");
}

#include "hypercall.h"
#include "x86.h"

#endif /* GUEST_H */
