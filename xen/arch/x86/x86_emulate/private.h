/*
 * Shared by the emulator's files only: RFLAGS bits, operand-size helpers
 * and the functions one file provides to another.
 */
#ifndef X86EMUL_PRIVATE_H
#define X86EMUL_PRIVATE_H

#include <xen/lib.h>
#include <asm-x86/x86_emulate.h>

#define RFLAGS_CF  (1ULL << 0)
#define RFLAGS_PF  (1ULL << 2)
#define RFLAGS_AF  (1ULL << 4)
#define RFLAGS_ZF  (1ULL << 6)
#define RFLAGS_SF  (1ULL << 7)
#define RFLAGS_DF  (1ULL << 10)
#define RFLAGS_OF  (1ULL << 11)
#define RFLAGS_RF  (1ULL << 16)
#define RFLAGS_ARITH (RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | \
                      RFLAGS_SF | RFLAGS_OF)

#define VEC_UD  6
#define VEC_GP  13

#define MAX_INSN_LEN 15

/* The low `bytes` bytes set (bytes 1..8). */
static inline uint64_t size_mask(unsigned int bytes)
{
    return bytes >= 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1;
}

static inline uint64_t sign_extend(uint64_t v, unsigned int bytes)
{
    uint64_t sign = 1ULL << (8 * bytes - 1);

    v &= size_mask(bytes);
    return (v ^ sign) - sign;
}

static inline bool is_string_op(unsigned int op)
{
    return op >= X86EMUL_OP_MOVS;
}

/* Register access by operand size (execute.c). */
uint64_t x86emul_reg_read(const struct x86emul_regs *r, unsigned int reg,
                          bool high_byte, unsigned int bytes);
void x86emul_reg_write(struct x86emul_regs *r, unsigned int reg,
                       bool high_byte, unsigned int bytes, uint64_t val);

/* Memory through the callbacks, as integers (execute.c). */
int x86emul_mem_read(struct x86emul_ctx *ctx, unsigned int seg, uint64_t ea,
                     unsigned int bytes, uint64_t *val);
int x86emul_mem_write(struct x86emul_ctx *ctx, unsigned int seg, uint64_t ea,
                      unsigned int bytes, uint64_t val);

/* RIP after the instruction (execute.c). */
uint64_t x86emul_next_rip(const struct x86emul_ctx *ctx,
                          const struct x86emul_insn *insn);

/*
 * ADD..CMP and TEST on bytes-sized a and b: the result, with CF PF AF ZF
 * SF OF merged into *rflags (ADC and SBB also read CF from it) (alu.c).
 */
uint64_t x86emul_alu(unsigned int op, uint64_t a, uint64_t b,
                     unsigned int bytes, uint64_t *rflags);

/* BT*: CF = the bit; returns the operand with BTS/BTR/BTC applied. */
uint64_t x86emul_bit_op(unsigned int op, uint64_t v, unsigned int bit,
                        uint64_t *rflags);

/* --- Decoding (decode.c, modrm.c, opcodes.c, string_ops.c) --------- */

struct decoder {
    struct x86emul_ctx *ctx;
    struct x86emul_insn *insn;   /* being filled in */
    unsigned int mode;           /* enum x86emul_mode */
    bool opsize_prefix, addrsize_prefix;
    int seg_override;            /* -1: none */
    bool rip_relative;           /* ea is still relative to the next RIP */
    uint64_t disp;               /* sign-extended displacement */
};

/* How an opcode's operands are encoded. */
#define F_MODRM    (1u << 0)     /* a ModRM byte follows */
#define F_BYTE     (1u << 1)     /* 8-bit operands */
#define F_MEM_DST  (1u << 2)     /* the r/m operand is the destination */
#define F_LOCK     (1u << 3)     /* LOCK is legal (memory destination) */
#define F_REG      (1u << 4)     /* ModRM.reg is a register operand */
#define F_MOFFS    (1u << 5)     /* A0-A3: an absolute address follows */
#define F_BITREG   (1u << 6)     /* bt* r/m, r: the register's value
                                    also moves the address */

enum imm_kind {
    IMM_NONE,
    IMM_8,                       /* one byte, as is */
    IMM_8S,                      /* one byte, sign-extended (83) */
    IMM_Z,                       /* 2 or 4 bytes, sign-extended to 8 */
};

struct opdesc {
    uint8_t op;                  /* enum x86emul_op */
    uint8_t flags;               /* F_* */
    uint8_t imm;                 /* enum imm_kind */
    uint8_t access;              /* X86EMUL_ACCESS_* on the memory operand */
    uint8_t mem_bytes;           /* movzx/movsx source size, else 0 */
};

/* Fetch n (1, 2, 4, 8) more instruction bytes, little-endian. */
int x86emul_fetch(struct decoder *d, unsigned int n, uint64_t *val);

/*
 * The descriptor of an opcode (0x0fxx for two bytes), then of its group
 * member once ModRM.reg is known; false if unsupported.
 */
bool x86emul_describe(const struct decoder *d, unsigned int opcode,
                      struct opdesc *o);
bool x86emul_describe_group(unsigned int opcode, unsigned int reg,
                            struct opdesc *o);

/* ModRM, SIB and displacement; moffs; the final effective address. */
int x86emul_decode_modrm_mem(struct decoder *d);
int x86emul_decode_moffs(struct decoder *d);
void x86emul_finish_ea(struct decoder *d);

/* The string instructions. */
int x86emul_decode_string(struct decoder *d);
int x86emul_execute_string(struct x86emul_ctx *ctx,
                           const struct x86emul_insn *insn);

#endif /* X86EMUL_PRIVATE_H */
