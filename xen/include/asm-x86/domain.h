/*
 * x86 per-domain and per-vCPU state.
 */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xen/types.h>
#include <xen/timer.h>
#include <asm/p2m.h>
#include <asm/hvm/vlapic.h>
#include <asm/hvm/vmx/vmx.h>
#include <asm/hvm/insn_fetch.h>
#include <public/hvm/params.h>

struct vmcb;

/*
 * The guest's general registers, RIP and RFLAGS while it is not running.
 * The vendor's entry code loads and saves rbx..r15 (and VMX's rax); the
 * vendor copies the rest to and from the VMCB or VMCS around each run.
 */
struct guest_gprs {
    uint64_t rbx, rcx, rdx, rsi, rdi, rbp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rax, rsp, rip, rflags;
};

struct arch_domain {
    struct p2m_domain p2m;
    uint64_t hvm_params[HVM_NR_PARAMS];  /* HVMOP_set/get_param */
    uint8_t callback_vector;        /* HVM_PARAM_CALLBACK_IRQ vector, or 0 */
    uint32_t pci_cf8;               /* last 4-byte write to port 0xcf8 */
};

/* One device access of the instruction being emulated (hvm/emulate.c). */
struct hvm_mmio_access {
    uint64_t gpa;
    uint64_t data;                /* written, or read back */
    uint8_t bytes;
    uint8_t type;                 /* IOREQ_TYPE_COPY (memory) or _PIO */
    bool write;
    bool waiting;                 /* forwarded, no answer yet */
};

/* The device accesses the current MMIO instruction has made so far. */
struct hvm_mmio_record {
    unsigned int nr;
    struct hvm_mmio_access acc[8];
};

/* Machine-check banks a vCPU has (Xen's GUEST_MC_BANK_NUM). */
#define VMCE_BANKS 2

struct arch_vcpu {
    struct vmcb *vmcb;            /* SVM's */
    struct vmx_vcpu vmx;          /* VMX's */
    struct guest_gprs regs;
    uint64_t guest_efer;          /* EFER as the guest sees it (no SVME) */
    /* FXSAVE image: the hypervisor never uses the FPU, so only a switch
     * between vCPUs saves and restores it. */
    uint8_t fpu[512] __attribute__((aligned(16)));
    bool fpu_initialised;
    /* The last code page's translation (hvm/insn_fetch.c). */
    struct hvm_fetch_cache fetch_cache;
    /* Nested page faults in a row at one gpa that is mapped (see svm.c). */
    uint64_t npf_last_gpa;
    unsigned int npf_repeats;
    /* Event upcalls (hvm/upcall.c): this vCPU's own vector, if set (an
     * interrupt for its local APIC). */
    uint8_t upcall_vector;
    /* The local APIC (hvm/vlapic.c) and the timer behind its timer. */
    struct vlapic vlapic;
    struct timer vlapic_timer;
    /* A port read or write forwarded to an ioreq server, not answered
     * yet: what finishing it needs (RIP is already past it). */
    struct {
        bool pending;
        bool in;
        uint8_t size;
    } io;
    struct hvm_mmio_record mmio;
    /* Debug registers (hvm/svm/dr.c): DR0-3 while the vCPU's are not in
     * the CPU (DR6 and DR7 live in the VMCB); whether they are. */
    uint64_t dr[4];
    bool dr_loaded;
    /* MSR_MISC_FEATURES_ENABLES.CPUID_FAULTING (hvm/msr.c): CPUID above
     * CPL 0 raises #GP. */
    bool cpuid_faulting;
    /* Machine-check MSRs (hvm/vmce.c): MCG_STATUS and each bank's
     * STATUS, ADDR and MISC (and MCi_CTL2 on Intel) as the guest last
     * wrote them. */
    struct {
        uint64_t mcg_status;
        uint64_t bank[VMCE_BANKS][3];
        uint64_t ctl2[VMCE_BANKS];
    } vmce;
};

#endif /* ASM_X86_DOMAIN_H */
