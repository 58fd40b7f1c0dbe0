/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercalls through the hypercall page: entry N is at byte N * 32.
 * Arguments go in rdi, rsi, rdx, r10, r8 (64-bit) or ebx, ecx, edx,
 * esi, edi (32-bit); the result comes back in rax/eax.  The hypervisor
 * may clobber the argument registers, so they are outputs here too.
 */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include "public/xen.h"

/* 4 KiB page the hypervisor fills with call stubs (fw/hypercall.c). */
extern uint8_t hypercall_page[PAGE_SIZE];
/* CPUID base of the Xen leaves (0x40000000 + n * 0x100), 0 if absent. */
extern uint32_t xen_cpuid_base;

/* Find Xen and set up the page; false if there is no Xen. */
bool hypercall_init(void);

static inline long hypercall(unsigned int nr, unsigned long a1,
                             unsigned long a2, unsigned long a3,
                             unsigned long a4, unsigned long a5)
{
    unsigned long fn = (unsigned long)&hypercall_page[nr * 32];
    long rc;
#ifdef __x86_64__
    register unsigned long r10 asm ("r10") = a4;
    register unsigned long r8 asm ("r8") = a5;

    asm volatile ("call *%%rax"
                  : "=a" (rc), "+D" (a1), "+S" (a2), "+d" (a3),
                    "+r" (r10), "+r" (r8)
                  : "0" (fn)
                  : "memory", "rcx", "r9", "r11");
#else
    /* A debug hypervisor may also clobber %ebp (the 6th argument). */
    asm volatile ("push %%ebp; call *%%eax; pop %%ebp"
                  : "=a" (rc), "+b" (a1), "+c" (a2), "+d" (a3),
                    "+S" (a4), "+D" (a5)
                  : "0" (fn)
                  : "memory");
#endif
    return rc;
}

#define HC(nr, a1, a2, a3) \
    hypercall(nr, (unsigned long)(a1), (unsigned long)(a2), \
              (unsigned long)(a3), 0, 0)

static inline long hypercall_xen_version(unsigned int cmd, void *arg)
{
    return HC(__HYPERVISOR_xen_version, cmd, arg, 0);
}

static inline long hypercall_console_io(unsigned int cmd, unsigned int len,
                                        const void *buf)
{
    return HC(__HYPERVISOR_console_io, cmd, len, buf);
}

static inline long hypercall_sched_op(unsigned int cmd, void *arg)
{
    return HC(__HYPERVISOR_sched_op, cmd, arg, 0);
}

static inline long hypercall_memory_op(unsigned int cmd, void *arg)
{
    return HC(__HYPERVISOR_memory_op, cmd, arg, 0);
}

static inline long hypercall_grant_table_op(unsigned int cmd, void *arg,
                                            unsigned int count)
{
    return HC(__HYPERVISOR_grant_table_op, cmd, arg, count);
}

static inline long hypercall_event_channel_op(unsigned int cmd, void *arg)
{
    return HC(__HYPERVISOR_event_channel_op, cmd, arg, 0);
}

static inline long hypercall_hvm_op(unsigned int cmd, void *arg)
{
    return HC(__HYPERVISOR_hvm_op, cmd, arg, 0);
}

/* Shut this domain down with a SHUTDOWN_* reason. */
long hypercall_shutdown(unsigned int reason);

/*
 * A hypercall made with a bare VMMCALL/VMCALL instead of the page, so
 * numbers past the page can be tried.  Only three arguments.
 */
long hypercall_raw(unsigned long nr, unsigned long a1, unsigned long a2,
                   unsigned long a3);

#endif /* GUEST_HYPERCALL_H */
