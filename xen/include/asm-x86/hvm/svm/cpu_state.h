/*
 * A guest's control and debug registers under SVM: what the CPU would
 * refuse never reaches the VMCB (the guest gets #GP instead), and one
 * guest's debug registers are never another's.
 *
 *   svm/cr.c          CR0/CR4 writes (intercepted and emulated), EFER
 *   svm/dr.c          DR0-3, switched lazily per vCPU
 *   svm/insn.c        fetching and decoding the intercepted instruction
 *   svm/vmcb_check.c  what VMRUN refuses, and an exit that says so
 *   svm/state.c       the rest of the guest's state, for struct hvm_funcs
 */
#ifndef ASM_X86_HVM_SVM_CPU_STATE_H
#define ASM_X86_HVM_SVM_CPU_STATE_H

#include <xen/types.h>
#include <asm/hvm.h>
#include <asm/hvm/svm/insn_len.h>
#include <asm/hvm/svm/vmcb.h>

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

/*
 * The guest's state for struct hvm_funcs (svm/state.c), and RAX, RSP,
 * RIP, RFLAGS between v->arch.regs and the VMCB around VMRUN.
 */
void svm_regs_to_vmcb(struct vcpu *v);
void svm_regs_from_vmcb(struct vcpu *v);
void svm_vcpu_set_pvh_entry(struct vcpu *v, uint32_t entry, uint32_t ebx);
unsigned int svm_get_cpl(const struct vcpu *v);
void svm_get_seg(const struct vcpu *v, enum hvm_seg seg,
                 struct hvm_seg_state *s);
void svm_get_paging(const struct vcpu *v, struct guest_paging *pg);
uint64_t svm_get_pat(const struct vcpu *v);
void svm_set_pat(struct vcpu *v, uint64_t pat);
int64_t svm_get_tsc_offset(const struct vcpu *v);
void svm_set_tsc_offset(struct vcpu *v, int64_t offset);
uint64_t *svm_debug_msr(struct vcpu *v, uint32_t msr);
void svm_inject_exception(struct vcpu *v, unsigned int vector,
                          bool has_error_code, uint32_t error_code);
void svm_clear_intr_shadow(struct vcpu *v);

/* Interrupts (svm/intr.c): inject what is due before VMRUN; after it,
 * the guest's CR8 (V_TPR) back into its APIC's TPR. */
void svm_intr_assist(struct vcpu *v);
void svm_sync_tpr(struct vcpu *v);

/* What VMRUN would refuse in this VMCB's guest state, or NULL. */
const char *svm_vmcb_invalid(const struct vmcb *vmcb);

/* The intercepted instruction at the guest's CS:RIP (svm/insn.c). */
enum svm_insn_op { INSN_MOV_TO_CR, INSN_MOV_TO_DR, INSN_CLTS, INSN_LMSW };
struct svm_insn {
    enum svm_insn_op op;
    unsigned int len;           /* bytes, prefixes included */
    unsigned int reg;           /* MOV to CR/DR: which one (0-15) */
    unsigned int gpr;           /* MOV to CR/DR: the source register */
    uint64_t src;               /* MOV to CR/DR, LMSW: the source operand */
};
/* 0, or -EFAULT (not fetchable) / -EOPNOTSUPP (another instruction). */
int svm_insn_decode(struct vcpu *v, struct svm_insn *insn);

/* What this CPU's SVM assists with (svm_init(), from CPUID). */
extern struct svm_assists svm_assists;

/* Instructions intercepted with no operands to decode. */
enum svm_insn_id {
    SVM_INSN_CPUID, SVM_INSN_RDMSR, SVM_INSN_WRMSR, SVM_INSN_HLT,
    SVM_INSN_INVD, SVM_INSN_VMMCALL,
};
/* Is this exit an intercept of one of them?  Which, in *id.  (svm.c's
 * exit switch names the same five in its own cases, so that every exit
 * is dispatched once there.) */
static inline bool svm_exit_insn(const struct vmcb *vmcb,
                                 enum svm_insn_id *id)
{
    switch ( vmcb->exitcode )
    {
    case VMEXIT_CPUID:   *id = SVM_INSN_CPUID;   return true;
    case VMEXIT_MSR:     *id = vmcb->exitinfo1 ? SVM_INSN_WRMSR
                                               : SVM_INSN_RDMSR;
                         return true;
    case VMEXIT_HLT:     *id = SVM_INSN_HLT;     return true;
    case VMEXIT_INVD:    *id = SVM_INSN_INVD;    return true;
    case VMEXIT_VMMCALL: *id = SVM_INSN_VMMCALL; return true;
    default:             return false;
    }
}
/*
 * The length of the intercepted instruction id at RIP, prefixes
 * included; or 0 after giving the guest #GP(0) when the bytes there are
 * not that instruction (another vCPU rewrote them), as Xen does.
 */
unsigned int svm_insn_len(struct vcpu *v, enum svm_insn_id id);

/*
 * The same from the bytes alone, never from the VMCB's assists (for
 * svm/assist_sim.c): svm_insn_decode_bytes() as svm_insn_decode();
 * svm_insn_len_from_bytes() the length, or <= 0.
 */
int svm_insn_decode_bytes(struct vcpu *v, struct svm_insn *insn);
int svm_insn_len_from_bytes(struct vcpu *v, enum svm_insn_id id);
/* Up to 15 bytes at CS:RIP: how many could be fetched. */
unsigned int svm_fetch_insn(struct vcpu *v, uint8_t *buf);

/*
 * svm-simulate-assists (a test aid; svm/assist_sim.c): write into the
 * VMCB, at each exit, what a CPU with NRIP-save and decode assists
 * would have written, so that the code using them runs under QEMU.
 */
extern bool opt_svm_simulate_assists;
void svm_simulate_assists(struct vcpu *v);

#endif /* ASM_X86_HVM_SVM_CPU_STATE_H */
