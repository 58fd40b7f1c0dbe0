/*
 * Instruction decoding: prefixes, opcode, operand sizes, immediate and
 * the checks that turn an encoding into "emulate", #UD, #GP or
 * "unhandleable" (see asm-x86/x86_emulate.h).
 *
 * Every byte comes from the guest through read_insn, so nothing here
 * trusts it: an encoding we do not know in full is unhandleable, never a
 * best guess.  ModRM addressing is in modrm.c, string instructions in
 * string_ops.c.
 */
#include "private.h"

int x86emul_fetch(struct decoder *d, unsigned int n, uint64_t *val)
{
    struct x86emul_insn *insn = d->insn;
    uint8_t b[8];
    unsigned int i;
    int rc;

    if ( insn->len + n > MAX_INSN_LEN )
        return x86emul_raise(d->ctx, VEC_GP, true, 0);
    rc = d->ctx->ops->read_insn(d->ctx, insn->len, b, n);
    if ( rc != X86EMUL_OKAY )
        return rc;
    insn->len += n;
    *val = 0;
    for ( i = 0; i < n; i++ )
        *val |= (uint64_t)b[i] << (8 * i);
    return X86EMUL_OKAY;
}

/*
 * A second, different prefix of the segment or repeat group makes the
 * hardware's choice model-specific, so it is unhandleable.
 */
static int set_seg_override(struct decoder *d, unsigned int seg)
{
    if ( d->seg_override >= 0 && d->seg_override != (int)seg )
        return X86EMUL_UNHANDLEABLE;
    d->seg_override = seg;
    return X86EMUL_OKAY;
}

static int set_rep(struct decoder *d, unsigned int rep)
{
    if ( d->insn->rep != X86EMUL_REP_NONE && d->insn->rep != rep )
        return X86EMUL_UNHANDLEABLE;
    d->insn->rep = rep;
    return X86EMUL_OKAY;
}

static int apply_prefix(struct decoder *d, uint8_t b, bool *is_prefix)
{
    *is_prefix = true;
    switch ( b )
    {
    case 0x66: d->opsize_prefix = true; return X86EMUL_OKAY;
    case 0x67: d->addrsize_prefix = true; return X86EMUL_OKAY;
    case 0x26: case 0x2e: case 0x36: case 0x3e:  /* ES CS SS DS: 0..3 */
        return set_seg_override(d, (b >> 3) & 3);
    case 0x64: return set_seg_override(d, X86EMUL_SEG_FS);
    case 0x65: return set_seg_override(d, X86EMUL_SEG_GS);
    case 0xf0: d->insn->lock = true; return X86EMUL_OKAY;
    case 0xf2: return set_rep(d, X86EMUL_REPNE);
    case 0xf3: return set_rep(d, X86EMUL_REPE);
    }
    *is_prefix = false;
    return X86EMUL_OKAY;
}

/*
 * Prefixes up to the opcode's first byte, which goes in *opcode.  A REX
 * prefix counts only right before the opcode; one anywhere else is
 * ignored by the CPU but read differently by disassemblers, and no
 * compiler emits it, so it is unhandleable rather than a guess.
 */
static int decode_prefixes(struct decoder *d, uint8_t *opcode)
{
    bool is_rex, is_prefix;
    uint64_t b;
    int rc;

    for ( ;; )
    {
        rc = x86emul_fetch(d, 1, &b);
        if ( rc != X86EMUL_OKAY )
            return rc;
        is_rex = d->mode == X86EMUL_MODE_64 && (b & 0xf0) == 0x40;
        is_prefix = is_rex;
        if ( !is_rex )
        {
            rc = apply_prefix(d, b, &is_prefix);
            if ( rc != X86EMUL_OKAY )
                return rc;
        }
        if ( !is_prefix )
            break;
        if ( d->insn->rex )
            return X86EMUL_UNHANDLEABLE;          /* REX not last */
        if ( is_rex )
            d->insn->rex = b;
    }
    *opcode = b;
    return X86EMUL_OKAY;
}

static void set_sizes(struct decoder *d, bool byte_op)
{
    struct x86emul_insn *insn = d->insn;
    bool rex_w = insn->rex & 8;

    if ( byte_op )
        insn->op_bytes = 1;
    else if ( rex_w )
        insn->op_bytes = 8;
    else if ( d->mode == X86EMUL_MODE_16 )
        insn->op_bytes = d->opsize_prefix ? 4 : 2;
    else
        insn->op_bytes = d->opsize_prefix ? 2 : 4;

    if ( d->mode == X86EMUL_MODE_64 )
        insn->addr_bytes = d->addrsize_prefix ? 4 : 8;
    else if ( d->mode == X86EMUL_MODE_32 )
        insn->addr_bytes = d->addrsize_prefix ? 2 : 4;
    else
        insn->addr_bytes = d->addrsize_prefix ? 4 : 2;
}

static int decode_imm(struct decoder *d, unsigned int kind)
{
    struct x86emul_insn *insn = d->insn;
    unsigned int n = 1;
    uint64_t v;
    int rc;

    if ( kind == IMM_NONE )
        return X86EMUL_OKAY;
    if ( kind == IMM_Z )
        n = insn->op_bytes == 2 ? 2 : 4;
    rc = x86emul_fetch(d, n, &v);
    if ( rc != X86EMUL_OKAY )
        return rc;
    if ( kind != IMM_8 )
        v = sign_extend(v, n);
    insn->imm = v & size_mask(insn->op_bytes);
    insn->has_imm = true;
    return X86EMUL_OKAY;
}

/* The ModRM.reg register operand; AH..BH for byte operands without REX. */
static void decode_reg_operand(struct decoder *d)
{
    struct x86emul_insn *insn = d->insn;
    unsigned int reg = (insn->modrm >> 3) & 7;

    if ( insn->op_bytes == 1 && !insn->rex && reg >= 4 )
    {
        insn->reg = reg - 4;
        insn->reg_high = true;
        return;
    }
    insn->reg = reg | ((insn->rex & 4) << 1);
}

/* bt* r/m, r: the register is a signed bit offset from the operand. */
static void apply_bit_offset(struct decoder *d)
{
    struct x86emul_insn *insn = d->insn;
    unsigned int bits = insn->op_bytes * 8;
    int64_t off = sign_extend(d->ctx->regs->gpr[insn->reg], insn->op_bytes);

    /* Arithmetic shift of the signed offset: whole operands to skip. */
    d->disp += (uint64_t)((off - (off & (bits - 1))) / bits * insn->op_bytes);
    insn->bit = off & (bits - 1);
}

/* Everything after the opcode, for the non-string instructions. */
static int decode_operands(struct decoder *d, const struct opdesc *o_in)
{
    struct x86emul_insn *insn = d->insn;
    struct opdesc o = *o_in;
    uint64_t modrm;
    int rc;

    if ( o.flags & F_MOFFS )
    {
        set_sizes(d, o.flags & F_BYTE);
        insn->reg = X86EMUL_RAX;
        rc = x86emul_decode_moffs(d);
    }
    else
    {
        rc = x86emul_fetch(d, 1, &modrm);
        if ( rc != X86EMUL_OKAY )
            return rc;
        insn->modrm = modrm;
        if ( !x86emul_describe_group(insn->opcode, (modrm >> 3) & 7, &o) )
            return X86EMUL_UNHANDLEABLE;
        /* Register forms never reach MMIO; LOCK makes them #UD. */
        if ( (modrm >> 6) == 3 )
            return insn->lock ? x86emul_raise(d->ctx, VEC_UD, false, 0)
                              : X86EMUL_UNHANDLEABLE;
        set_sizes(d, o.flags & F_BYTE);
        if ( o.flags & F_REG )
            decode_reg_operand(d);
        rc = x86emul_decode_modrm_mem(d);
    }
    if ( rc != X86EMUL_OKAY )
        return rc;
    rc = decode_imm(d, o.imm);
    if ( rc != X86EMUL_OKAY )
        return rc;

    insn->op = o.op;
    insn->access = o.access;
    insn->mem_is_dst = o.flags & F_MEM_DST;
    insn->mem_bytes = o.mem_bytes ? o.mem_bytes : insn->op_bytes;
    if ( o.flags & F_BITREG )
        apply_bit_offset(d);
    else if ( o.op >= X86EMUL_OP_BT && o.op <= X86EMUL_OP_BTC )
        insn->bit = insn->imm & (insn->op_bytes * 8 - 1);
    x86emul_finish_ea(d);

    if ( insn->lock && !(o.flags & F_LOCK) )
        return x86emul_raise(d->ctx, VEC_UD, false, 0);
    /* F2/F3 turn some of these into other instructions (popcnt, HLE). */
    if ( insn->rep != X86EMUL_REP_NONE )
        return X86EMUL_UNHANDLEABLE;
    return X86EMUL_OKAY;
}

static int decode_opcode(struct decoder *d, uint8_t first)
{
    struct x86emul_insn *insn = d->insn;
    struct opdesc o;
    uint64_t second;
    int rc;

    insn->opcode = first;
    if ( first == 0x0f )
    {
        rc = x86emul_fetch(d, 1, &second);
        if ( rc != X86EMUL_OKAY )
            return rc;
        insn->opcode = 0x0f00 | second;
    }
    if ( (first >= 0xa4 && first <= 0xaf && first != 0xa8 && first != 0xa9) ||
         (first >= 0x6c && first <= 0x6f) )
    {
        set_sizes(d, !(first & 1));
        return x86emul_decode_string(d);
    }
    if ( !x86emul_describe(d, insn->opcode, &o) )
        return X86EMUL_UNHANDLEABLE;
    return decode_operands(d, &o);
}

int x86emul_decode(struct x86emul_ctx *ctx, struct x86emul_insn *insn)
{
    struct decoder d = {
        .ctx = ctx, .insn = insn, .mode = ctx->mode, .seg_override = -1,
    };
    uint8_t opcode;
    int rc;

    memset(insn, 0, sizeof(*insn));
    insn->reg = X86EMUL_NO_REG;
    if ( ctx->mode != X86EMUL_MODE_16 && ctx->mode != X86EMUL_MODE_32 &&
         ctx->mode != X86EMUL_MODE_64 )
        return X86EMUL_UNHANDLEABLE;
    rc = decode_prefixes(&d, &opcode);
    if ( rc != X86EMUL_OKAY )
        return rc;
    return decode_opcode(&d, opcode);
}
