/*
 * Emulation of the x86 instructions guests use on MMIO.
 *
 * QEMU's SVM has no decode assists: when a guest touches a guest-physical
 * address that is not RAM, the hypervisor gets only the address, and must
 * fetch, decode and perform the faulting instruction itself.  This is that
 * decoder and executor.  It owns no state: everything comes through a
 * struct x86emul_ctx, its register file and its callbacks, so the same
 * code runs in the hypervisor and in the hosted tests.
 *
 * Supported (docs/emulator.md has the full list): memory forms of mov
 * (88-8B, A0-A3, C6/C7), movzx/movsx/movsxd, add/or/adc/sbb/and/sub/xor/
 * cmp, test, xchg, bt/bts/btr/btc, and the string instructions movs,
 * stos, lods, cmps, scas, ins, outs with and without rep, in 16-, 32- and
 * 64-bit code, with every prefix they take.  Anything else is reported as
 * X86EMUL_UNHANDLEABLE, never guessed at.
 *
 * Values cross the callbacks as little-endian byte buffers, as x86 keeps
 * them in memory.
 */
#ifndef ASM_X86_X86_EMULATE_H
#define ASM_X86_X86_EMULATE_H

#include <xen/types.h>

/* What the emulator, and each callback, returns. */
#define X86EMUL_OKAY          0  /* done */
#define X86EMUL_UNHANDLEABLE  1  /* not emulated; nothing changed */
#define X86EMUL_EXCEPTION     2  /* inject ctx->exn; RIP unchanged */
#define X86EMUL_RETRY         3  /* a callback cannot complete yet: run the
                                    whole instruction again later */

/* The code size, from CS.L, CS.D and EFER.LMA (the caller works it out). */
enum x86emul_mode {
    X86EMUL_MODE_16 = 16,        /* real mode, vm86, or CS.D=0 */
    X86EMUL_MODE_32 = 32,        /* CS.D=1 (and CS.L=0 or no long mode) */
    X86EMUL_MODE_64 = 64,        /* EFER.LMA=1 and CS.L=1 */
};

/* Segment registers, numbered as the ModRM sreg field numbers them. */
enum x86emul_seg {
    X86EMUL_SEG_ES, X86EMUL_SEG_CS, X86EMUL_SEG_SS,
    X86EMUL_SEG_DS, X86EMUL_SEG_FS, X86EMUL_SEG_GS,
};

/* General registers, in encoding order (REX.B/R/X give the upper 8). */
enum x86emul_gpr {
    X86EMUL_RAX, X86EMUL_RCX, X86EMUL_RDX, X86EMUL_RBX,
    X86EMUL_RSP, X86EMUL_RBP, X86EMUL_RSI, X86EMUL_RDI,
    X86EMUL_R8,  X86EMUL_R9,  X86EMUL_R10, X86EMUL_R11,
    X86EMUL_R12, X86EMUL_R13, X86EMUL_R14, X86EMUL_R15,
};

/* The guest state the emulator reads and, on success, writes. */
struct x86emul_regs {
    uint64_t gpr[16];
    uint64_t rip;                /* offset in CS of the instruction */
    uint64_t rflags;
};

/* What an instruction does; ADD..CMP follow group 1's ModRM.reg order. */
enum x86emul_op {
    X86EMUL_OP_ADD, X86EMUL_OP_OR,  X86EMUL_OP_ADC, X86EMUL_OP_SBB,
    X86EMUL_OP_AND, X86EMUL_OP_SUB, X86EMUL_OP_XOR, X86EMUL_OP_CMP,
    X86EMUL_OP_MOV,
    X86EMUL_OP_MOVZX,            /* 0F B6/B7 */
    X86EMUL_OP_MOVSX,            /* 0F BE/BF, REX.W 63 (movsxd) */
    X86EMUL_OP_TEST,
    X86EMUL_OP_XCHG,
    X86EMUL_OP_BT, X86EMUL_OP_BTS, X86EMUL_OP_BTR, X86EMUL_OP_BTC,
    /* String instructions: ea/seg below are those of the first iteration. */
    X86EMUL_OP_MOVS, X86EMUL_OP_CMPS, X86EMUL_OP_STOS, X86EMUL_OP_LODS,
    X86EMUL_OP_SCAS, X86EMUL_OP_INS, X86EMUL_OP_OUTS,
};

/* What is done to a memory operand. */
#define X86EMUL_ACCESS_READ   (1u << 0)
#define X86EMUL_ACCESS_WRITE  (1u << 1)

/* Repeat prefixes (string instructions only). */
#define X86EMUL_REP_NONE   0
#define X86EMUL_REPE       1     /* F3: rep, or repe/repz for cmps/scas */
#define X86EMUL_REPNE      2     /* F2: repne/repnz, for cmps/scas */

#define X86EMUL_NO_REG     (-1)

/*
 * A decoded instruction (OUT of x86emul_decode).  Addresses are effective
 * addresses: offsets within the segment, wrapped to the address size.
 * The caller adds the segment's base (in 64-bit code only FS and GS have
 * one) and checks its limit.
 */
struct x86emul_insn {
    uint8_t op;                  /* enum x86emul_op */
    uint8_t len;                 /* bytes, prefixes included (1..15) */
    uint8_t op_bytes;            /* operand size: 1, 2, 4 or 8; for movzx
                                    and movsx that of the destination */
    uint8_t mem_bytes;           /* size of each memory access */
    uint8_t addr_bytes;          /* address size: 2, 4 or 8 */

    /* The memory operand (for string instructions, the first one). */
    uint8_t seg;                 /* enum x86emul_seg */
    uint8_t access;              /* X86EMUL_ACCESS_* */
    uint64_t ea;
    /* movs and cmps: the second memory operand, ES:rDI. */
    uint8_t seg2, access2;
    uint64_t ea2;

    /* The register operand, if any (rAX for moffs, lods, stos, scas). */
    int8_t reg;                  /* enum x86emul_gpr, or X86EMUL_NO_REG */
    bool reg_high;               /* AH, CH, DH or BH: bits 15:8 of gpr[reg] */
    bool mem_is_dst;             /* the memory operand is the first
                                    (destination) operand, e.g. 01 /r */
    bool has_imm;
    uint64_t imm;                /* extended to op_bytes as the CPU does */
    uint8_t bit;                 /* bt*: the bit tested, within the
                                    operand at ea (ea already includes a
                                    register bit offset's byte part) */

    uint8_t rep;                 /* X86EMUL_REP* */
    bool lock;
    uint8_t rex;                 /* 0 if none */
    uint16_t opcode;             /* one byte, or 0x0f00 | second byte */
    uint8_t modrm;               /* 0 if none */
};

/* An exception for the caller to inject (on X86EMUL_EXCEPTION). */
struct x86emul_exception {
    uint8_t vector;
    bool has_error_code;
    uint32_t error_code;
};

struct x86emul_ctx;

/*
 * The callbacks.  Each returns X86EMUL_OKAY, or X86EMUL_EXCEPTION after
 * filling ctx->exn (x86emul_raise() does both), X86EMUL_RETRY, or
 * X86EMUL_UNHANDLEABLE; the emulator stops at the first that fails and
 * returns what it returned.
 *
 * On X86EMUL_RETRY the caller runs the whole instruction again later,
 * and the accesses before the failed one are made again: a callback that
 * completed a device access must hand back the same result then (Xen
 * keeps such results in a per-vCPU cache).  For a rep string
 * instruction, the iterations that completed are in ctx->regs, as
 * hardware leaves them when interrupted: the caller may keep them (the
 * re-run resumes at the iteration that failed) or drop them and replay.
 */
struct x86emul_ops {
    /*
     * Fetch len (1..8) instruction bytes at offset (0..14) from the
     * instruction's first byte, CS:RIP, into buf.  Bytes are fetched in
     * order, each once, and never beyond the 15th: a fetch failing
     * (e.g. #PF past the end of a mapped page) ends decoding.
     */
    int (*read_insn)(struct x86emul_ctx *ctx, unsigned int offset,
                     void *buf, unsigned int len);
    /* Read/write bytes (1, 2, 4 or 8) at effective address ea in seg. */
    int (*read)(struct x86emul_ctx *ctx, enum x86emul_seg seg, uint64_t ea,
                void *buf, unsigned int bytes);
    int (*write)(struct x86emul_ctx *ctx, enum x86emul_seg seg, uint64_t ea,
                 const void *buf, unsigned int bytes);
    /*
     * Optional, for ins and outs (NULL: those are unhandleable).  The
     * caller checks IOPL and the I/O bitmap before it calls the emulator.
     */
    int (*read_io)(struct x86emul_ctx *ctx, uint16_t port, void *buf,
                   unsigned int bytes);
    int (*write_io)(struct x86emul_ctx *ctx, uint16_t port, const void *buf,
                    unsigned int bytes);
};

struct x86emul_ctx {
    const struct x86emul_ops *ops;   /* IN */
    void *data;                      /* IN: for the callbacks */
    enum x86emul_mode mode;          /* IN */
    unsigned int max_reps;           /* IN: rep iterations per call (0: 1) */
    struct x86emul_regs *regs;       /* IN/OUT */
    struct x86emul_exception exn;    /* OUT, on X86EMUL_EXCEPTION */
};

/*
 * Fetch and decode the instruction at CS:RIP, computing its memory
 * operand's address from ctx->regs.  Nothing in ctx->regs changes, and
 * no memory access is made.  Returns X86EMUL_OKAY with *insn filled in;
 * X86EMUL_UNHANDLEABLE; X86EMUL_EXCEPTION (#GP(0) for more than 15
 * bytes, #UD for a LOCK prefix where it is illegal, or what read_insn
 * raised); or what read_insn returned.
 */
int x86emul_decode(struct x86emul_ctx *ctx, struct x86emul_insn *insn);

/*
 * Perform an instruction x86emul_decode returned, with the same
 * registers.  On X86EMUL_OKAY the registers, RFLAGS (arithmetic flags,
 * RF) and RIP are updated.  Otherwise nothing in ctx->regs changed, except
 * for the completed iterations of a rep string instruction.
 *
 * A rep string instruction runs at most ctx->max_reps iterations per
 * call, updating rCX, rSI and rDI; while iterations remain, RIP stays at
 * the instruction (and RFLAGS.RF is set, so instruction breakpoints do not
 * fire again when the guest re-executes it), and the result is
 * X86EMUL_OKAY.
 */
int x86emul_execute(struct x86emul_ctx *ctx, const struct x86emul_insn *insn);

/* x86emul_decode, then x86emul_execute. */
int x86emul_emulate(struct x86emul_ctx *ctx);

/* Fill ctx->exn; returns X86EMUL_EXCEPTION (for callbacks, too). */
int x86emul_raise(struct x86emul_ctx *ctx, uint8_t vector,
                  bool has_error_code, uint32_t error_code);

/*
 * Memory and port callbacks for an address no ioreq server claims, as on
 * Xen: reads return all ones, writes are dropped.
 */
int x86emul_unclaimed_read(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                           uint64_t ea, void *buf, unsigned int bytes);
int x86emul_unclaimed_write(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                            uint64_t ea, const void *buf, unsigned int bytes);
int x86emul_unclaimed_read_io(struct x86emul_ctx *ctx, uint16_t port,
                              void *buf, unsigned int bytes);
int x86emul_unclaimed_write_io(struct x86emul_ctx *ctx, uint16_t port,
                               const void *buf, unsigned int bytes);

#endif /* ASM_X86_X86_EMULATE_H */
