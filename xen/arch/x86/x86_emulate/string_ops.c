/*
 * String instructions: movs, cmps, stos, lods, scas, ins, outs, with and
 * without rep.
 *
 * One generic loop runs any of them: each iteration reads its source
 * (memory at seg:rSI, the accumulator, or port DX), writes or compares
 * with its destination (memory at ES:rDI, the accumulator, or port DX),
 * and steps rSI/rDI by the operand size, down when RFLAGS.DF is set.
 * An iteration changes the registers only once its accesses succeeded,
 * so a rep instruction stopped by a callback keeps what it completed,
 * like hardware interrupted between iterations.
 */
#include "private.h"

/* Which operands each instruction has, indexed by op - X86EMUL_OP_MOVS. */
#define S_SRC_MEM  (1u << 0)         /* reads seg:rSI */
#define S_DST_MEM  (1u << 1)         /* ES:rDI */
#define S_DST_RD   (1u << 2)         /* ES:rDI is read, not written */
#define S_ACC      (1u << 3)         /* rAX is the other operand */
#define S_PORT     (1u << 4)         /* port DX is the other operand */
#define S_COMPARE  (1u << 5)         /* sets flags; repe/repne apply */

static const uint8_t string_ops[] = {
    [X86EMUL_OP_MOVS - X86EMUL_OP_MOVS] = S_SRC_MEM | S_DST_MEM,
    [X86EMUL_OP_CMPS - X86EMUL_OP_MOVS] = S_SRC_MEM | S_DST_MEM | S_DST_RD |
                                          S_COMPARE,
    [X86EMUL_OP_STOS - X86EMUL_OP_MOVS] = S_DST_MEM | S_ACC,
    [X86EMUL_OP_LODS - X86EMUL_OP_MOVS] = S_SRC_MEM | S_ACC,
    [X86EMUL_OP_SCAS - X86EMUL_OP_MOVS] = S_DST_MEM | S_DST_RD | S_ACC |
                                          S_COMPARE,
    [X86EMUL_OP_INS - X86EMUL_OP_MOVS]  = S_DST_MEM | S_PORT,
    [X86EMUL_OP_OUTS - X86EMUL_OP_MOVS] = S_SRC_MEM | S_PORT,
};

static unsigned int string_flags(unsigned int op)
{
    return string_ops[op - X86EMUL_OP_MOVS];
}

/* The opcode's operation: A4/A5 movs ... 6E/6F outs. */
static unsigned int string_op_of(unsigned int opcode)
{
    switch ( opcode & ~1u )
    {
    case 0xa4: return X86EMUL_OP_MOVS;
    case 0xa6: return X86EMUL_OP_CMPS;
    case 0xaa: return X86EMUL_OP_STOS;
    case 0xac: return X86EMUL_OP_LODS;
    case 0xae: return X86EMUL_OP_SCAS;
    case 0x6c: return X86EMUL_OP_INS;
    }
    return X86EMUL_OP_OUTS;
}

/* The source segment: DS, or an override (ignored in 64-bit code for
 * ES, CS, SS, DS).  The destination is always ES. */
static unsigned int source_seg(const struct decoder *d)
{
    if ( d->seg_override < 0 ||
         (d->mode == X86EMUL_MODE_64 && d->seg_override < X86EMUL_SEG_FS) )
        return X86EMUL_SEG_DS;
    return d->seg_override;
}

static void describe_operands(struct decoder *d, unsigned int f)
{
    struct x86emul_insn *insn = d->insn;
    uint64_t mask = size_mask(insn->addr_bytes);
    const uint64_t *gpr = d->ctx->regs->gpr;
    unsigned int dst_access = (f & S_DST_RD) ? X86EMUL_ACCESS_READ
                                             : X86EMUL_ACCESS_WRITE;

    insn->mem_bytes = insn->op_bytes;
    if ( f & S_ACC )
        insn->reg = X86EMUL_RAX;
    if ( f & S_SRC_MEM )
    {
        insn->seg = source_seg(d);
        insn->ea = gpr[X86EMUL_RSI] & mask;
        insn->access = X86EMUL_ACCESS_READ;
        if ( f & S_DST_MEM )
        {
            insn->seg2 = X86EMUL_SEG_ES;
            insn->ea2 = gpr[X86EMUL_RDI] & mask;
            insn->access2 = dst_access;
        }
        return;
    }
    insn->seg = X86EMUL_SEG_ES;
    insn->ea = gpr[X86EMUL_RDI] & mask;
    insn->access = dst_access;
}

int x86emul_decode_string(struct decoder *d)
{
    struct x86emul_insn *insn = d->insn;
    const struct x86emul_ops *ops = d->ctx->ops;
    unsigned int f;

    insn->op = string_op_of(insn->opcode);
    f = string_flags(insn->op);
    describe_operands(d, f);
    if ( insn->lock )
        return x86emul_raise(d->ctx, VEC_UD, false, 0);
    /* F2 on movs/stos/lods/ins/outs is undefined, not a repeat. */
    if ( insn->rep == X86EMUL_REPNE && !(f & S_COMPARE) )
        return X86EMUL_UNHANDLEABLE;
    if ( !(f & S_PORT) )
        return X86EMUL_OKAY;
    /* Ports are at most 32 bits wide; the manuals list no REX.W form. */
    if ( insn->op_bytes == 8 )
        return X86EMUL_UNHANDLEABLE;
    if ( insn->op == X86EMUL_OP_INS ? !ops->read_io : !ops->write_io )
        return X86EMUL_UNHANDLEABLE;
    return X86EMUL_OKAY;
}

static int io_read(struct x86emul_ctx *ctx, uint16_t port, unsigned int bytes,
                   uint64_t *val)
{
    uint8_t b[8] = { 0 };
    unsigned int i;
    int rc = ctx->ops->read_io(ctx, port, b, bytes);

    *val = 0;
    for ( i = 0; i < bytes; i++ )
        *val |= (uint64_t)b[i] << (8 * i);
    return rc;
}

static int io_write(struct x86emul_ctx *ctx, uint16_t port,
                    unsigned int bytes, uint64_t val)
{
    uint8_t b[8];
    unsigned int i;

    for ( i = 0; i < bytes; i++ )
        b[i] = val >> (8 * i);
    return ctx->ops->write_io(ctx, port, b, bytes);
}

/* The value an iteration moves or compares: from rSI, rAX or port DX. */
static int read_source(struct x86emul_ctx *ctx,
                       const struct x86emul_insn *insn,
                       const struct x86emul_regs *r, uint64_t *val)
{
    unsigned int f = string_flags(insn->op), n = insn->op_bytes;
    uint64_t si = r->gpr[X86EMUL_RSI] & size_mask(insn->addr_bytes);

    if ( f & S_SRC_MEM )
        return x86emul_mem_read(ctx, insn->seg, si, n, val);
    if ( f & S_PORT )
        return io_read(ctx, r->gpr[X86EMUL_RDX], n, val);
    *val = x86emul_reg_read(r, X86EMUL_RAX, false, n);
    return X86EMUL_OKAY;
}

/* Store or compare val at the destination; flags go to *rflags. */
static int use_destination(struct x86emul_ctx *ctx,
                           const struct x86emul_insn *insn,
                           struct x86emul_regs *r, uint64_t val,
                           uint64_t *rflags)
{
    unsigned int f = string_flags(insn->op), n = insn->op_bytes;
    uint64_t di = r->gpr[X86EMUL_RDI] & size_mask(insn->addr_bytes), d;
    int rc;

    if ( !(f & S_DST_MEM) )
    {
        if ( f & S_PORT )
            return io_write(ctx, r->gpr[X86EMUL_RDX], n, val);
        x86emul_reg_write(r, X86EMUL_RAX, false, n, val);      /* lods */
        return X86EMUL_OKAY;
    }
    if ( !(f & S_DST_RD) )
        return x86emul_mem_write(ctx, X86EMUL_SEG_ES, di, n, val);
    rc = x86emul_mem_read(ctx, X86EMUL_SEG_ES, di, n, &d);
    if ( rc == X86EMUL_OKAY )
        x86emul_alu(X86EMUL_OP_CMP, val, d, n, rflags);
    return rc;
}

static void step_index(struct x86emul_regs *r, unsigned int reg,
                       const struct x86emul_insn *insn)
{
    uint64_t delta = (r->rflags & RFLAGS_DF) ? -(uint64_t)insn->op_bytes
                                             : insn->op_bytes;

    x86emul_reg_write(r, reg, false, insn->addr_bytes, r->gpr[reg] + delta);
}

/* One iteration; *r changes only if it completed. */
static int string_step(struct x86emul_ctx *ctx,
                       const struct x86emul_insn *insn,
                       struct x86emul_regs *r)
{
    struct x86emul_regs next = *r;
    unsigned int f = string_flags(insn->op);
    uint64_t val;
    int rc = read_source(ctx, insn, r, &val);

    if ( rc == X86EMUL_OKAY )
        rc = use_destination(ctx, insn, &next, val, &next.rflags);
    if ( rc != X86EMUL_OKAY )
        return rc;
    if ( f & S_SRC_MEM )
        step_index(&next, X86EMUL_RSI, insn);
    if ( f & S_DST_MEM )
        step_index(&next, X86EMUL_RDI, insn);
    *r = next;
    return X86EMUL_OKAY;
}

/* repe/repne cmps and scas also end on ZF. */
static bool compare_ends_repeat(const struct x86emul_insn *insn,
                                uint64_t rflags)
{
    bool zf = rflags & RFLAGS_ZF;

    if ( !(string_flags(insn->op) & S_COMPARE) )
        return false;
    return insn->rep == X86EMUL_REPE ? !zf : zf;
}

/* Up to max iterations; *finished when the instruction is done. */
static int run_repeats(struct x86emul_ctx *ctx,
                       const struct x86emul_insn *insn,
                       struct x86emul_regs *r, bool *finished)
{
    unsigned int max = ctx->max_reps ? ctx->max_reps : 1, i;
    uint64_t count = r->gpr[X86EMUL_RCX] & size_mask(insn->addr_bytes);
    int rc;

    for ( i = 0; count != 0 && i < max; i++ )
    {
        rc = string_step(ctx, insn, r);
        if ( rc != X86EMUL_OKAY )
            return rc;
        x86emul_reg_write(r, X86EMUL_RCX, false, insn->addr_bytes, --count);
        if ( compare_ends_repeat(insn, r->rflags) )
            break;
    }
    *finished = count == 0 || i < max;
    return X86EMUL_OKAY;
}

int x86emul_execute_string(struct x86emul_ctx *ctx,
                           const struct x86emul_insn *insn)
{
    struct x86emul_regs r = *ctx->regs;
    bool finished = true;
    int rc;

    if ( insn->rep == X86EMUL_REP_NONE )
        rc = string_step(ctx, insn, &r);
    else
        rc = run_repeats(ctx, insn, &r, &finished);
    if ( rc == X86EMUL_OKAY && finished )
    {
        r.rip = x86emul_next_rip(ctx, insn);
        r.rflags &= ~RFLAGS_RF;
    }
    else if ( rc == X86EMUL_OKAY )
        r.rflags |= RFLAGS_RF;       /* re-executed: no breakpoint again */
    /* Completed iterations are kept, whatever stopped the next one. */
    *ctx->regs = r;
    return rc;
}
