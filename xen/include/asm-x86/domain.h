/*
 * x86 per-domain and per-vCPU state.
 */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xen/types.h>
#include <asm/p2m.h>

struct vmcb;

/* Guest general registers not kept in the VMCB (RAX and RSP are). */
struct guest_gprs {
    uint64_t rbx, rcx, rdx, rsi, rdi, rbp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
};

struct arch_domain {
    struct p2m_domain p2m;
};

struct arch_vcpu {
    struct vmcb *vmcb;
    struct guest_gprs regs;
    uint64_t guest_efer;          /* EFER as the guest sees it (no SVME) */
    /* FXSAVE image: the hypervisor never uses the FPU, so only a switch
     * between vCPUs saves and restores it. */
    uint8_t fpu[512] __attribute__((aligned(16)));
    bool fpu_initialised;
    /* Set by hypercall_create_continuation(): re-issue with these. */
    bool continuation;
    unsigned int cont_nargs;
    unsigned long cont_args[5];
};

struct domain;
struct vcpu;

/* Called by common/domain.c around a domain's and a vCPU's life. */
int arch_domain_create(struct domain *d);
void arch_domain_destroy(struct domain *d);
int arch_vcpu_create(struct vcpu *v);
void arch_vcpu_destroy(struct vcpu *v);

#endif /* ASM_X86_DOMAIN_H */
