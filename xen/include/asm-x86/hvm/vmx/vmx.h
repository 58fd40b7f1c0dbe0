/*
 * Intel VMX with EPT: the pieces of hvm/vmx/ and what they share.
 *
 *   vmx/vmx.c     VMXON, the controls from the capability MSRs, the
 *                 vCPU's life, the run loop, struct hvm_funcs
 *   vmx/vmcs.c    building a VMCS: controls, host state, MSR bitmap
 *   vmx/state.c   the guest's state for struct hvm_funcs (PVH entry,
 *                 segments, PAT, TSC offset, event injection)
 *   vmx/cr.c      CR0/CR4/CR8 accesses, EFER, debug registers
 *   vmx/intr.c    injecting interrupts, the interrupt window
 *   vmx/exits.c   exit dispatch
 *   vmx/entry.S   VMLAUNCH/VMRESUME and the return from a VM exit
 */
#ifndef ASM_X86_HVM_VMX_VMX_H
#define ASM_X86_HVM_VMX_VMX_H

#include <xen/types.h>
#include <asm/hvm.h>
#include <asm/hvm/vmx/vmcs.h>

struct vcpu;
struct domain;
struct guest_gprs;

/* Per-vCPU VMX state (in struct arch_vcpu). */
struct vmx_vcpu {
    void *vmcs;                 /* its VMCS region, one page */
    bool launched;              /* VMRESUME, not VMLAUNCH */
    uint16_t vpid;
    uint32_t proc_ctls;         /* as written (the interrupt window) */
    uint64_t cr0, cr4;          /* as the guest wrote them (the shadows) */
    uint64_t dr6;               /* DR6 is not in the VMCS */
    uint64_t debug_msrs[5];     /* DEBUGCTL and LBR MSRs, kept in software */
    uint64_t syscall_msrs[5];   /* STAR..KERNEL_GS_BASE while switched out */
};

/* The controls chosen at boot from the capability MSRs (vmx.c). */
struct vmx_ctls {
    uint32_t pin, proc, proc2, exit, entry;
    uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
    bool vpid, invvpid_single, invept_single;
    uint32_t preempt_timer;     /* one tick, in the timer's units; or 0 */
};
extern struct vmx_ctls vmx_ctls;

/* Make v's VMCS the current one (VMPTRLD unless it already is). */
void vmx_load_vmcs(const struct vcpu *v);

/* A new vCPU's VMCS: controls, host state, the PVH entry state. */
void vmx_vmcs_build(struct vcpu *v, paddr_t msr_bitmap);
void vmx_vcpu_set_pvh_entry(struct vcpu *v, uint32_t entry, uint32_t ebx);

/* struct hvm_funcs' state operations (state.c). */
unsigned int vmx_get_cpl(const struct vcpu *v);
void vmx_get_seg(const struct vcpu *v, enum hvm_seg seg,
                 struct hvm_seg_state *s);
void vmx_get_paging(const struct vcpu *v, struct guest_paging *pg);
uint64_t vmx_get_pat(const struct vcpu *v);
void vmx_set_pat(struct vcpu *v, uint64_t pat);
int64_t vmx_get_tsc_offset(const struct vcpu *v);
void vmx_set_tsc_offset(struct vcpu *v, int64_t offset);
uint64_t *vmx_debug_msr(struct vcpu *v, uint32_t msr);
void vmx_inject_exception(struct vcpu *v, unsigned int vector,
                          bool has_error_code, uint32_t error_code);
void vmx_clear_intr_shadow(struct vcpu *v);

/* Control and debug registers (cr.c). */
void vmx_exit_cr_access(struct vcpu *v, uint64_t qual, unsigned int len);
void vmx_exit_dr_access(struct vcpu *v, uint64_t qual, unsigned int len);
int vmx_set_efer(struct vcpu *v, uint64_t val);
/* Load the guest's view of CR0/CR4 into the shadow, the CPU's value
 * (with the bits VMX requires) into the VMCS; EFER and the IA-32e mode
 * entry control from v->arch.guest_efer. */
void vmx_write_cr0(struct vcpu *v, uint64_t cr0);
void vmx_write_cr4(struct vcpu *v, uint64_t cr4);
void vmx_sync_efer(struct vcpu *v);
/* General register n of the exit qualification's numbering. */
uint64_t *vmx_gpr(struct vcpu *v, unsigned int n);

/* Interrupts (intr.c): before each VM entry. */
void vmx_intr_assist(struct vcpu *v);
void vmx_set_proc_ctls(struct vcpu *v, uint32_t ctls);

/* After a VM exit, v's registers saved (exits.c). */
void vmx_handle_exit(struct vcpu *v);

/* Forget v's guest-linear translations (INVVPID), d's EPT ones (INVEPT). */
void vmx_flush_vcpu_tlb(const struct vcpu *v);
void vmx_ept_flush(struct domain *d);
uint64_t vmx_eptp(const struct domain *d);

/*
 * entry.S: load the guest's registers and VMLAUNCH (launched false) or
 * VMRESUME; returns 0 after a VM exit (registers saved), non-zero when
 * the instruction itself failed (VMfailValid/VMfailInvalid).
 */
int vmx_enter(struct guest_gprs *regs, bool launched);

#endif /* ASM_X86_HVM_VMX_VMX_H */
