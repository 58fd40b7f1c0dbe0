/*
 * Executing a decoded instruction (see asm-x86/x86_emulate.h).
 *
 * Work is done on a copy of the registers, committed only once every
 * memory access has succeeded: a callback answering X86EMUL_RETRY or
 * X86EMUL_EXCEPTION leaves the guest as it was, so the instruction can
 * be run again or the fault delivered at it.
 */
#include "private.h"

uint64_t x86emul_reg_read(const struct x86emul_regs *r, unsigned int reg,
                          bool high_byte, unsigned int bytes)
{
    if ( high_byte )
        return (r->gpr[reg] >> 8) & 0xff;
    return r->gpr[reg] & size_mask(bytes);
}

/* As the CPU writes: 32-bit writes clear bits 63:32, 8/16-bit keep them. */
void x86emul_reg_write(struct x86emul_regs *r, unsigned int reg,
                       bool high_byte, unsigned int bytes, uint64_t val)
{
    uint64_t *g = &r->gpr[reg];

    if ( high_byte )
        *g = (*g & ~0xff00ULL) | ((val & 0xff) << 8);
    else if ( bytes >= 4 )
        *g = val & size_mask(bytes);
    else
        *g = (*g & ~size_mask(bytes)) | (val & size_mask(bytes));
}

int x86emul_mem_read(struct x86emul_ctx *ctx, unsigned int seg, uint64_t ea,
                     unsigned int bytes, uint64_t *val)
{
    uint8_t b[8] = { 0 };
    unsigned int i;
    int rc = ctx->ops->read(ctx, seg, ea, b, bytes);

    *val = 0;
    for ( i = 0; i < bytes; i++ )
        *val |= (uint64_t)b[i] << (8 * i);
    return rc;
}

int x86emul_mem_write(struct x86emul_ctx *ctx, unsigned int seg, uint64_t ea,
                      unsigned int bytes, uint64_t val)
{
    uint8_t b[8];
    unsigned int i;

    for ( i = 0; i < bytes; i++ )
        b[i] = val >> (8 * i);
    return ctx->ops->write(ctx, seg, ea, b, bytes);
}

/* EIP wraps at 4 GiB outside 64-bit code. */
uint64_t x86emul_next_rip(const struct x86emul_ctx *ctx,
                          const struct x86emul_insn *insn)
{
    uint64_t rip = ctx->regs->rip + insn->len;

    return ctx->mode == X86EMUL_MODE_64 ? rip : rip & 0xffffffffULL;
}

/* The non-memory source: the register operand or the immediate. */
static uint64_t other_operand(const struct x86emul_regs *r,
                              const struct x86emul_insn *insn)
{
    if ( insn->has_imm )
        return insn->imm;
    return x86emul_reg_read(r, insn->reg, insn->reg_high, insn->op_bytes);
}

static int exec_mov(struct x86emul_ctx *ctx, const struct x86emul_insn *insn,
                    struct x86emul_regs *r)
{
    uint64_t v;
    int rc;

    if ( insn->access & X86EMUL_ACCESS_WRITE )
        return x86emul_mem_write(ctx, insn->seg, insn->ea, insn->op_bytes,
                                 other_operand(r, insn));
    rc = x86emul_mem_read(ctx, insn->seg, insn->ea, insn->mem_bytes, &v);
    if ( rc != X86EMUL_OKAY )
        return rc;
    if ( insn->op == X86EMUL_OP_MOVSX )
        v = sign_extend(v, insn->mem_bytes);
    x86emul_reg_write(r, insn->reg, insn->reg_high, insn->op_bytes, v);
    return X86EMUL_OKAY;
}

/* add..cmp and test: the memory operand is either side. */
static int exec_alu(struct x86emul_ctx *ctx, const struct x86emul_insn *insn,
                    struct x86emul_regs *r)
{
    uint64_t mem, other = other_operand(r, insn), res;
    int rc = x86emul_mem_read(ctx, insn->seg, insn->ea, insn->op_bytes, &mem);

    if ( rc != X86EMUL_OKAY )
        return rc;
    if ( insn->mem_is_dst )
        res = x86emul_alu(insn->op, mem, other, insn->op_bytes, &r->rflags);
    else
        res = x86emul_alu(insn->op, other, mem, insn->op_bytes, &r->rflags);
    if ( insn->op == X86EMUL_OP_CMP || insn->op == X86EMUL_OP_TEST )
        return X86EMUL_OKAY;
    if ( insn->mem_is_dst )
        return x86emul_mem_write(ctx, insn->seg, insn->ea, insn->op_bytes,
                                 res);
    x86emul_reg_write(r, insn->reg, insn->reg_high, insn->op_bytes, res);
    return X86EMUL_OKAY;
}

static int exec_xchg(struct x86emul_ctx *ctx,
                     const struct x86emul_insn *insn, struct x86emul_regs *r)
{
    uint64_t mem;
    int rc = x86emul_mem_read(ctx, insn->seg, insn->ea, insn->op_bytes, &mem);

    if ( rc == X86EMUL_OKAY )
        rc = x86emul_mem_write(ctx, insn->seg, insn->ea, insn->op_bytes,
                               other_operand(r, insn));
    if ( rc == X86EMUL_OKAY )
        x86emul_reg_write(r, insn->reg, insn->reg_high, insn->op_bytes, mem);
    return rc;
}

static int exec_bit(struct x86emul_ctx *ctx, const struct x86emul_insn *insn,
                    struct x86emul_regs *r)
{
    uint64_t v, res;
    int rc = x86emul_mem_read(ctx, insn->seg, insn->ea, insn->op_bytes, &v);

    if ( rc != X86EMUL_OKAY )
        return rc;
    res = x86emul_bit_op(insn->op, v, insn->bit, &r->rflags);
    if ( insn->op == X86EMUL_OP_BT )
        return X86EMUL_OKAY;
    return x86emul_mem_write(ctx, insn->seg, insn->ea, insn->op_bytes, res);
}

static int exec_one(struct x86emul_ctx *ctx, const struct x86emul_insn *insn,
                    struct x86emul_regs *r)
{
    switch ( insn->op )
    {
    case X86EMUL_OP_MOV:
    case X86EMUL_OP_MOVZX:
    case X86EMUL_OP_MOVSX:
        return exec_mov(ctx, insn, r);
    case X86EMUL_OP_XCHG:
        return exec_xchg(ctx, insn, r);
    case X86EMUL_OP_BT:
    case X86EMUL_OP_BTS:
    case X86EMUL_OP_BTR:
    case X86EMUL_OP_BTC:
        return exec_bit(ctx, insn, r);
    case X86EMUL_OP_ADD ... X86EMUL_OP_CMP:
    case X86EMUL_OP_TEST:
        return exec_alu(ctx, insn, r);
    }
    return X86EMUL_UNHANDLEABLE;
}

int x86emul_execute(struct x86emul_ctx *ctx, const struct x86emul_insn *insn)
{
    struct x86emul_regs r = *ctx->regs;
    int rc;

    if ( is_string_op(insn->op) )
        return x86emul_execute_string(ctx, insn);
    rc = exec_one(ctx, insn, &r);
    if ( rc != X86EMUL_OKAY )
        return rc;
    r.rip = x86emul_next_rip(ctx, insn);
    r.rflags &= ~RFLAGS_RF;          /* the instruction completed */
    *ctx->regs = r;
    return X86EMUL_OKAY;
}

int x86emul_emulate(struct x86emul_ctx *ctx)
{
    struct x86emul_insn insn;
    int rc = x86emul_decode(ctx, &insn);

    return rc == X86EMUL_OKAY ? x86emul_execute(ctx, &insn) : rc;
}

int x86emul_raise(struct x86emul_ctx *ctx, uint8_t vector,
                  bool has_error_code, uint32_t error_code)
{
    ctx->exn.vector = vector;
    ctx->exn.has_error_code = has_error_code;
    ctx->exn.error_code = has_error_code ? error_code : 0;
    return X86EMUL_EXCEPTION;
}

int x86emul_unclaimed_read(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                           uint64_t ea, void *buf, unsigned int bytes)
{
    (void)ctx, (void)seg, (void)ea;
    memset(buf, 0xff, bytes);
    return X86EMUL_OKAY;
}

int x86emul_unclaimed_write(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                            uint64_t ea, const void *buf, unsigned int bytes)
{
    (void)ctx, (void)seg, (void)ea, (void)buf, (void)bytes;
    return X86EMUL_OKAY;
}

int x86emul_unclaimed_read_io(struct x86emul_ctx *ctx, uint16_t port,
                              void *buf, unsigned int bytes)
{
    (void)ctx, (void)port;
    memset(buf, 0xff, bytes);
    return X86EMUL_OKAY;
}

int x86emul_unclaimed_write_io(struct x86emul_ctx *ctx, uint16_t port,
                               const void *buf, unsigned int bytes)
{
    (void)ctx, (void)port, (void)buf, (void)bytes;
    return X86EMUL_OKAY;
}
