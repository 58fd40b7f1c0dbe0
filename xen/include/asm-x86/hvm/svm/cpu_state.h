/*
 * A guest's control and debug registers under SVM: what the CPU would
 * refuse never reaches the VMCB (the guest gets #GP instead), and one
 * guest's debug registers are never another's.
 *
 *   svm/cr.c          CR0/CR4 writes (intercepted and emulated), EFER
 *   svm/dr.c          DR0-3, switched lazily per vCPU
 *   svm/insn.c        fetching and decoding the intercepted instruction
 *   svm/vmcb_check.c  what VMRUN refuses, and an exit that says so
 */
#ifndef ASM_X86_HVM_SVM_CPU_STATE_H
#define ASM_X86_HVM_SVM_CPU_STATE_H

#include <xen/types.h>

struct vcpu;
struct vmcb;

/* Intercepts and reset values of a new vCPU's CR/DR state. */
void svm_cr_init(struct vcpu *v);
void svm_dr_init(struct vcpu *v);

/* #VMEXIT(CR0/CR4 write), #VMEXIT(DRn read/write), #VMEXIT(INVALID). */
void svm_exit_cr_write(struct vcpu *v);
void svm_exit_dr_access(struct vcpu *v);
void svm_exit_invalid(struct vcpu *v);

/* Around a vCPU's time on the CPU (svm_run_vcpu). */
void svm_dr_switch_in(struct vcpu *v);
void svm_dr_switch_out(struct vcpu *v);

/* WRMSR EFER: 0, or -EINVAL when the guest must get #GP. */
int svm_set_efer(struct vcpu *v, uint64_t val);

/* Does every byte of a PAT value name a memory type (0, 1, 4-7)? */
bool svm_pat_valid(uint64_t pat);

/* What VMRUN would refuse in this VMCB's guest state, or NULL. */
const char *svm_vmcb_invalid(const struct vmcb *vmcb);

/* The intercepted instruction at the guest's CS:RIP (svm/insn.c). */
enum svm_insn_op { INSN_MOV_TO_CR, INSN_MOV_TO_DR, INSN_CLTS, INSN_LMSW };
struct svm_insn {
    enum svm_insn_op op;
    unsigned int len;           /* bytes, prefixes included */
    unsigned int reg;           /* MOV to CR/DR: which one (0-15) */
    uint64_t src;               /* MOV to CR/DR, LMSW: the source operand */
};
/* 0, or -EFAULT (not fetchable) / -EOPNOTSUPP (another instruction). */
int svm_insn_decode(struct vcpu *v, struct svm_insn *insn);

#endif /* ASM_X86_HVM_SVM_CPU_STATE_H */
