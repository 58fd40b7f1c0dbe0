/* SPDX-License-Identifier: GPL-2.0-only */
/* Finding Xen through CPUID and installing the hypercall page. */
#include "guest.h"
#include "public/sched.h"

uint8_t hypercall_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
uint32_t xen_cpuid_base;

/* Xen's leaves may sit at 0x40000000 or be moved up in 0x100 steps. */
static uint32_t find_xen(void)
{
    for ( uint32_t base = 0x40000000; base < 0x40010000; base += 0x100 )
    {
        uint32_t a, b, c, d;

        cpuid(base, &a, &b, &c, &d);
        if ( b == 0x566e6558 /* "XenV" */ && c == 0x65584d4d /* "MMXe" */ &&
             d == 0x4d4d566e /* "nVMM" */ && a >= base + 2 )
            return base;
    }
    return 0;
}

bool hypercall_init(void)
{
    uint32_t a, msr, c, d;

    xen_cpuid_base = find_xen();
    if ( !xen_cpuid_base )
        return false;

    /* Leaf base+2: EAX pages of stubs, EBX the MSR that installs them. */
    cpuid(xen_cpuid_base + 2, &a, &msr, &c, &d);
    wrmsr(msr, (uintptr_t)hypercall_page);
    return hypercall_page[0] != 0;
}

long hypercall_shutdown(unsigned int reason)
{
    struct sched_shutdown s = { .reason = reason };

    return hypercall_sched_op(SCHEDOP_shutdown, &s);
}

long hypercall_raw(unsigned long nr, unsigned long a1, unsigned long a2,
                   unsigned long a3)
{
    long rc;

#ifdef __x86_64__
# define BP "rbp"
# define ARGS "+D" (a1), "+S" (a2), "+d" (a3)
# define CLOBBERS "memory", "r8", "r9", "r10", "r11", "rcx"
#else
# define BP "ebp"
# define ARGS "+b" (a1), "+c" (a2), "+d" (a3)
# define CLOBBERS "memory", "esi", "edi"
#endif
    if ( cpu_is_intel() )   /* VMCALL, AMD: VMMCALL */
        asm volatile ("push %%" BP "; vmcall; pop %%" BP
                      : "=a" (rc), ARGS : "0" (nr) : CLOBBERS);
    else
        asm volatile ("push %%" BP "; vmmcall; pop %%" BP
                      : "=a" (rc), ARGS : "0" (nr) : CLOBBERS);
    return rc;
}
