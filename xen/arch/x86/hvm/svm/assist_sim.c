/*
 * svm-simulate-assists: a test aid for machines whose SVM has neither
 * NRIP-save nor decode assists (QEMU 7.2).  There the code that uses
 * them (svm_insn_len()'s next-RIP path, the decoded MOV to CRn, the MMIO
 * emulator's saved bytes) would never run.  With this boot option each
 * exit's VMCB first gets what such a CPU writes there (AMD APM vol. 2,
 * "Next RIP" and "Decode Assists"), worked out from the instruction's
 * bytes, and svm_init() reports both assists present; then the exit is
 * handled as on that CPU.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/hvm/svm/vmcb.h>
#include <asm/hvm/svm/cpu_state.h>

bool opt_svm_simulate_assists;
boolean_param("svm-simulate-assists", opt_svm_simulate_assists);

/* Next RIP as the CPU saves it (0 where the bytes are not the
 * instruction: the hypervisor then decodes, and refuses it). */
static void set_next_rip(struct vcpu *v, int len)
{
    v->arch.vmcb->nrip = len > 0 ? v->arch.regs.rip + len : 0;
}

/* MOV to CRn: EXITINFO1 bit 63 and the source register; CLTS, LMSW:
 * bit 63 clear. */
static void cr_write(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    struct svm_insn insn;
    int rc = svm_insn_decode_bytes(v, &insn);

    vmcb->exitinfo1 = !rc && insn.op == INSN_MOV_TO_CR
                      ? (1ULL << 63) | insn.gpr : 0;
    set_next_rip(v, rc ? 0 : (int)insn.len);
}

/* A nested page fault: up to 15 bytes at CS:RIP and their number. */
static void npf(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    uint8_t buf[15];
    unsigned int n = svm_fetch_insn(v, buf);

    vmcb->guest_ins_len = n;
    memcpy(vmcb->guest_ins, buf, n);
}

void svm_simulate_assists(struct vcpu *v)
{
    const struct vmcb *vmcb = v->arch.vmcb;
    enum svm_insn_id id;

    if ( svm_exit_insn(vmcb, &id) )
        set_next_rip(v, svm_insn_len_from_bytes(v, id));
    else if ( vmcb->exitcode == VMEXIT_CR0_WRITE ||
              vmcb->exitcode == VMEXIT_CR4_WRITE )
        cr_write(v);
    else if ( vmcb->exitcode == VMEXIT_NPF )
        npf(v);
}
