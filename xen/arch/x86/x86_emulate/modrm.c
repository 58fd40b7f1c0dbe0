/*
 * Memory operand addressing: ModRM with 16-bit addresses, ModRM/SIB with
 * 32- and 64-bit ones (RIP-relative included), and the moffs of A0-A3.
 *
 * The effective address is base + index * scale, plus d->disp, wrapped to
 * the address size by x86emul_finish_ea() once the instruction's length
 * is known (RIP-relative addresses count from the next instruction, after
 * any immediate).  Register values are used whole: wrapping the sum at
 * the end gives the same address as wrapping each term.
 */
#include "private.h"

/* The segment: an override, or the default (SS for rBP/rSP bases). */
static void set_seg(struct decoder *d, unsigned int default_seg)
{
    int seg = d->seg_override;

    /* In 64-bit code ES, CS, SS and DS overrides are ignored. */
    if ( seg < 0 || (d->mode == X86EMUL_MODE_64 && seg < X86EMUL_SEG_FS) )
        seg = default_seg;
    d->insn->seg = seg;
}

static int fetch_disp(struct decoder *d, unsigned int n)
{
    uint64_t v;
    int rc = x86emul_fetch(d, n, &v);

    if ( rc == X86EMUL_OKAY )
        d->disp = sign_extend(v, n);
    return rc;
}

/* 16-bit addressing: ModRM.rm picks one of eight base/index pairs. */
static const struct {
    int8_t base, index;
} mem16[8] = {
    { X86EMUL_RBX, X86EMUL_RSI }, { X86EMUL_RBX, X86EMUL_RDI },
    { X86EMUL_RBP, X86EMUL_RSI }, { X86EMUL_RBP, X86EMUL_RDI },
    { X86EMUL_RSI, -1 }, { X86EMUL_RDI, -1 },
    { X86EMUL_RBP, -1 }, { X86EMUL_RBX, -1 },
};

static int decode_mem16(struct decoder *d, unsigned int mod, unsigned int rm)
{
    const uint64_t *gpr = d->ctx->regs->gpr;
    struct x86emul_insn *insn = d->insn;

    if ( mod == 0 && rm == 6 )       /* [disp16] */
    {
        set_seg(d, X86EMUL_SEG_DS);
        return fetch_disp(d, 2);
    }
    insn->ea = gpr[mem16[rm].base];
    if ( mem16[rm].index >= 0 )
        insn->ea += gpr[mem16[rm].index];
    set_seg(d, mem16[rm].base == X86EMUL_RBP ? X86EMUL_SEG_SS
                                             : X86EMUL_SEG_DS);
    return mod ? fetch_disp(d, mod == 1 ? 1 : 2) : X86EMUL_OKAY;
}

static bool is_stack_base(unsigned int base)
{
    return base == X86EMUL_RSP || base == X86EMUL_RBP;
}

/* SIB: base + index << scale; base 101 with mod 00 is disp32 instead. */
static int decode_sib(struct decoder *d, unsigned int mod)
{
    const uint64_t *gpr = d->ctx->regs->gpr;
    struct x86emul_insn *insn = d->insn;
    unsigned int index, base;
    uint64_t sib;
    int rc = x86emul_fetch(d, 1, &sib);

    if ( rc != X86EMUL_OKAY )
        return rc;
    index = ((sib >> 3) & 7) | ((insn->rex & 2) << 2);
    base = (sib & 7) | ((insn->rex & 1) << 3);
    if ( index != X86EMUL_RSP )      /* 100 without REX.X: no index */
        insn->ea = gpr[index] << (sib >> 6);
    if ( mod == 0 && (sib & 7) == 5 )
    {
        set_seg(d, X86EMUL_SEG_DS);
        return fetch_disp(d, 4);
    }
    insn->ea += gpr[base];
    set_seg(d, is_stack_base(base) ? X86EMUL_SEG_SS : X86EMUL_SEG_DS);
    return X86EMUL_OKAY;
}

static int decode_mem32(struct decoder *d, unsigned int mod, unsigned int rm)
{
    struct x86emul_insn *insn = d->insn;
    unsigned int base = rm | ((insn->rex & 1) << 3);
    int rc;

    if ( rm == 4 )
    {
        rc = decode_sib(d, mod);
        if ( rc != X86EMUL_OKAY || mod == 0 )
            return rc;
    }
    else if ( mod == 0 && rm == 5 )  /* [disp32], or [rip + disp32] */
    {
        d->rip_relative = d->mode == X86EMUL_MODE_64;
        set_seg(d, X86EMUL_SEG_DS);
        return fetch_disp(d, 4);
    }
    else
    {
        insn->ea = d->ctx->regs->gpr[base];
        set_seg(d, is_stack_base(base) ? X86EMUL_SEG_SS : X86EMUL_SEG_DS);
    }
    return mod ? fetch_disp(d, mod == 1 ? 1 : 4) : X86EMUL_OKAY;
}

int x86emul_decode_modrm_mem(struct decoder *d)
{
    unsigned int mod = d->insn->modrm >> 6, rm = d->insn->modrm & 7;

    if ( d->insn->addr_bytes == 2 )
        return decode_mem16(d, mod, rm);
    return decode_mem32(d, mod, rm);
}

/* A0-A3: the address is an address-sized absolute offset in DS. */
int x86emul_decode_moffs(struct decoder *d)
{
    uint64_t v;
    int rc = x86emul_fetch(d, d->insn->addr_bytes, &v);

    if ( rc != X86EMUL_OKAY )
        return rc;
    d->disp = v;
    set_seg(d, X86EMUL_SEG_DS);
    return X86EMUL_OKAY;
}

void x86emul_finish_ea(struct decoder *d)
{
    struct x86emul_insn *insn = d->insn;
    uint64_t ea = insn->ea + d->disp;

    if ( d->rip_relative )
        ea += d->ctx->regs->rip + insn->len;
    insn->ea = ea & size_mask(insn->addr_bytes);
}
