/*
 * x86 per-domain and per-vCPU state.
 */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xen/types.h>
#include <asm/p2m.h>
#include <public/hvm/params.h>

struct vmcb;

/* Guest general registers not kept in the VMCB (RAX and RSP are). */
struct guest_gprs {
    uint64_t rbx, rcx, rdx, rsi, rdi, rbp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
};

struct arch_domain {
    struct p2m_domain p2m;
    uint64_t hvm_params[HVM_NR_PARAMS];  /* HVMOP_set/get_param */
    uint8_t callback_vector;        /* HVM_PARAM_CALLBACK_IRQ vector, or 0 */
};

struct arch_vcpu {
    struct vmcb *vmcb;
    struct guest_gprs regs;
    uint64_t guest_efer;          /* EFER as the guest sees it (no SVME) */
    /* FXSAVE image: the hypervisor never uses the FPU, so only a switch
     * between vCPUs saves and restores it. */
    uint8_t fpu[512] __attribute__((aligned(16)));
    bool fpu_initialised;
    /* Nested page faults in a row at one gpa that is mapped (see svm.c). */
    uint64_t npf_last_gpa;
    unsigned int npf_repeats;
    /* Event upcalls (hvm/upcall.c): this vCPU's own vector, if set, and
     * whether an upcall on it waits to be injected. */
    uint8_t upcall_vector;
    bool upcall_edge;
    /* A port read or write forwarded to an ioreq server, not answered
     * yet: what finishing it needs (RIP is already past it). */
    struct {
        bool pending;
        bool in;
        uint8_t size;
    } io;
};

#endif /* ASM_X86_DOMAIN_H */
