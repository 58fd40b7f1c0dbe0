/*
 * How long an intercepted instruction is, without trusting a fixed size.
 *
 * An intercept leaves RIP on the instruction's first byte, prefixes
 * included, so advancing by the opcode's usual size lands inside it when
 * the guest wrote a prefix (66 0f a2 is a CPUID too).  SVM with
 * NRIP-save reports the next RIP; without it (QEMU's software SVM) the
 * bytes are fetched and the prefixes counted, and the opcode must be the
 * one the intercept names (AMD APM vol. 2, 15.7.1; Xen does the same).
 *
 * Everything here works on bytes and numbers only, so the host tests
 * (tools/tests/unit/test_svm_insn_len.c) can run it on any input.
 */
#ifndef ASM_X86_HVM_SVM_INSN_LEN_H
#define ASM_X86_HVM_SVM_INSN_LEN_H

#include <xen/types.h>

#define INSN_MAX_LEN 15u            /* longer: #GP before any intercept */

/* CPUID 0x8000000A EDX: what this CPU's SVM reports beyond the base. */
#define CPUID_SVM_NRIP_SAVE     (1u << 3)
#define CPUID_SVM_DECODE_ASSIST (1u << 7)

struct svm_assists {
    bool nrip_save;             /* VMCB next RIP after an intercept */
    bool decode;                /* MOV CRn's GPR, an NPF's insn bytes */
};
struct svm_assists svm_assists_from_cpuid(uint32_t edx);

/* Legacy prefixes and REX in front of an opcode, as the CPU reads them. */
struct insn_prefixes {
    uint8_t rex;                /* effective REX (64-bit mode), or 0 */
    int seg;                    /* segment override 0-5 (ES..GS), or -1 */
    bool addr_override;         /* 0x67 */
    bool lock;                  /* 0xf0 */
};

/*
 * The prefix bytes at buf[0, have): how many there are (the opcode's
 * offset), -EFAULT if buf ends before the opcode, -EOPNOTSUPP if the
 * prefixes alone reach INSN_MAX_LEN.  A REX counts only right before
 * the opcode, and only in 64-bit mode (elsewhere 0x40-0x4f are opcodes).
 */
int insn_prefixes(const uint8_t *buf, unsigned int have, bool mode64,
                  struct insn_prefixes *p);

/*
 * The length of the instruction at buf if, after its prefixes, it is
 * exactly the opcode bytes op[0, n) (an opcode with no operand bytes:
 * CPUID, RDMSR, WRMSR, HLT, INVD, WBINVD, VMMCALL, VMCALL...);
 * -EOPNOTSUPP if it is another instruction, -EFAULT if buf is too short.
 */
int insn_len_if(const uint8_t *buf, unsigned int have, bool mode64,
                const uint8_t *op, unsigned int n);

/*
 * NRIP-save's length: next RIP minus RIP, wrapped as the guest's mode
 * wraps RIP; 0 when that is no instruction length (1-15), which the
 * caller takes as "decode it instead".
 */
unsigned int insn_len_from_nrip(uint64_t rip, uint64_t nrip, bool mode64);

#endif /* ASM_X86_HVM_SVM_INSN_LEN_H */
