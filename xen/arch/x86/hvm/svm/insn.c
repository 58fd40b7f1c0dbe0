/*
 * The instruction behind an intercept (or behind QEMU's mid-run
 * #VMEXIT(INVALID)).  Without decode assists (QEMU's SVM has none) the
 * bytes are fetched from the guest's CS:RIP through its page tables and
 * decoded here: for the control- and debug-register writes, MOV to CRn
 * (0f 22), MOV to DRn (0f 23), CLTS (0f 06) and LMSW (0f 01 /6, register
 * or memory operand, any addressing mode), with their legacy and REX
 * prefixes; for every other intercepted instruction, just its length
 * (svm_insn_len(), asm/hvm/svm/insn_len.h).  Where the CPU has decode
 * assists and NRIP-save, a MOV to CRn is read from the VMCB instead, and
 * NRIP-save gives every length.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/guest_walk.h>
#include <asm/x86-defns.h>
#include <asm/hvm/svm/vmcb.h>
#include <asm/hvm/svm/cpu_state.h>
#include <asm/hvm/svm/insn_len.h>
#include <asm/hvm/insn_fetch.h>

/* 64-bit mode, from the VMCB directly (the hot path of every intercept
 * without NRIP-save: no vendor-table calls). */
static bool mode64_of(const struct vmcb *vmcb)
{
    return (vmcb->efer & X86_EFER_LMA) && (vmcb->cs.attr & SEG_ATTR_L);
}

/* The linear address of CS:RIP: in 64-bit mode CS has no base;
 * elsewhere addresses wrap at 4 GiB. */
static uint64_t rip_linear(const struct vcpu *v, bool mode64)
{
    return mode64 ? v->arch.regs.rip
                  : (uint32_t)(v->arch.vmcb->cs.base + v->arch.regs.rip);
}

struct decoder {
    struct vcpu *v;
    bool mode64;
    uint8_t buf[INSN_MAX_LEN];
    unsigned int have, pos;     /* bytes fetched, bytes consumed */
    struct insn_prefixes p;
};

static int read_gpa(void *ctx, uint64_t gpa, void *buf, size_t len)
{
    return hvm_copy_gpa(ctx, gpa, buf, len, false);
}

/* Read guest linear memory as the guest would, for access (GW_*); code
 * is found through the per-vCPU fetch cache (hvm/insn_fetch.c). */
static int read_linear(struct vcpu *v, uint64_t lin, void *buf,
                       unsigned int len, unsigned int access)
{
    const struct vmcb *vmcb = v->arch.vmcb;
    struct guest_paging pg = { .cr0 = vmcb->cr0, .cr3 = vmcb->cr3,
                               .cr4 = vmcb->cr4, .efer = vmcb->efer };
    uint8_t *b = buf;

    if ( vmcb->cpl == 3 )
        access |= GW_USER;
    while ( len )
    {
        unsigned int n = min(len, (unsigned int)(PAGE_SIZE -
                                                 (lin & (PAGE_SIZE - 1))));
        uint64_t gpa;

        if ( access & GW_FETCH )
        {
            if ( hvm_fetch_code(v, lin, access, b, n) )
                return -EFAULT;
        }
        else if ( guest_walk(&pg, lin, access, read_gpa, v->domain, &gpa) ||
                  hvm_copy_gpa(v->domain, gpa, b, n, false) )
            return -EFAULT;
        lin += n;
        b += n;
        len -= n;
    }
    return 0;
}

/*
 * Up to INSN_MAX_LEN bytes at the guest's CS:RIP into buf: the part on
 * RIP's page, then the rest from the next page if that one is mapped
 * (an instruction that ends on the first page needs nothing more).
 * Returns how many bytes were fetched, 0 if none could be.
 */
static unsigned int fetch_insn(struct vcpu *v, bool mode64, uint8_t *buf)
{
    uint64_t lin = rip_linear(v, mode64);
    unsigned int first = min(INSN_MAX_LEN, (unsigned int)(PAGE_SIZE -
                                              (lin & (PAGE_SIZE - 1))));

    if ( read_linear(v, lin, buf, first, GW_FETCH) )
        return 0;
    lin += first;
    if ( !mode64 )
        lin = (uint32_t)lin;
    if ( first < INSN_MAX_LEN &&
         read_linear(v, lin, buf + first, INSN_MAX_LEN - first, GW_FETCH) )
        return first;
    return INSN_MAX_LEN;
}

/* The next instruction byte, or -EFAULT past what could be fetched. */
static int next_byte(struct decoder *d, uint8_t *b)
{
    if ( d->pos == d->have )
        return d->pos == INSN_MAX_LEN ? -EOPNOTSUPP : -EFAULT;
    *b = d->buf[d->pos++];
    return 0;
}

/* A signed displacement of n (0, 1, 2 or 4) bytes. */
static int displacement(struct decoder *d, unsigned int n, int64_t *disp)
{
    uint32_t v = 0;
    unsigned int i;
    uint8_t b;
    int rc;

    for ( i = 0; i < n; i++ )
    {
        if ( (rc = next_byte(d, &b)) )
            return rc;
        v |= (uint32_t)b << (8 * i);
    }
    *disp = n == 1 ? (int8_t)v : n == 2 ? (int16_t)v : (int32_t)v;
    return 0;
}

/* General register n (0-15, the encoding's order). */
static uint64_t gpr(const struct vcpu *v, unsigned int n)
{
    const struct guest_gprs *r = &v->arch.regs;
    const uint64_t *hi = &r->r8;

    switch ( n )
    {
    case 0: return r->rax;
    case 1: return r->rcx;
    case 2: return r->rdx;
    case 3: return r->rbx;
    case 4: return r->rsp;
    case 5: return r->rbp;
    case 6: return r->rsi;
    case 7: return r->rdi;
    default: return hi[n - 8];
    }
}

/* Segment register n in the encoding's order: ES, CS, SS, DS, FS, GS. */
static uint64_t seg_base(const struct vmcb *vmcb, int n)
{
    const struct vmcb_seg *segs[] = { &vmcb->es, &vmcb->cs, &vmcb->ss,
                                      &vmcb->ds, &vmcb->fs, &vmcb->gs };

    return segs[n]->base;
}

/* Legacy prefixes and REX, then the opcode's first byte. */
static int prefixes(struct decoder *d, uint8_t *op)
{
    int at = insn_prefixes(d->buf, d->have, d->mode64, &d->p);

    if ( at < 0 )
        return at;
    d->pos = at;
    return next_byte(d, op);
}

/* Address size: 8 in 64-bit mode (4 with 0x67); elsewhere CS.D's 4 or
 * 2, or the other one with 0x67. */
static unsigned int addr_size(const struct decoder *d)
{
    bool big = d->v->arch.vmcb->cs.attr & SEG_ATTR_DB;

    if ( d->mode64 )
        return d->p.addr_override ? 4 : 8;
    return big != d->p.addr_override ? 4 : 2;
}

/* 16-bit addressing: [BX+SI], [BX+DI], [BP+SI], [BP+DI], [SI], [DI],
 * [BP] (disp16 alone with mod 0), [BX]. */
static int ea16(struct decoder *d, uint8_t modrm, uint64_t *ea, int *seg)
{
    static const int8_t base[8] = { 3, 3, 5, 5, 6, 7, 5, 3 };
    static const int8_t index[8] = { 6, 7, 6, 7, -1, -1, -1, -1 };
    unsigned int mod = modrm >> 6, rm = modrm & 7;
    int64_t disp = 0;
    int rc;

    if ( mod == 0 && rm == 6 )
    {
        rc = displacement(d, 2, &disp);
        *ea = (uint16_t)disp;
        return rc;
    }
    *ea = gpr(d->v, base[rm]) + (index[rm] >= 0 ? gpr(d->v, index[rm]) : 0);
    if ( base[rm] == 5 )
        *seg = 2;                       /* BP-based: SS */
    rc = displacement(d, mod, &disp);   /* mod 1: disp8, mod 2: disp16 */
    *ea = (uint16_t)(*ea + disp);
    return rc;
}

/* 32/64-bit addressing, SIB and RIP-relative included. */
static int ea32(struct decoder *d, uint8_t modrm, uint64_t *ea, int *seg)
{
    unsigned int mod = modrm >> 6, rm = modrm & 7, base = rm;
    bool no_base = false, rip_rel = false;
    int64_t disp = 0;
    uint8_t sib;
    int rc;

    *ea = 0;
    if ( rm == 4 )
    {
        unsigned int idx;

        if ( (rc = next_byte(d, &sib)) )
            return rc;
        base = sib & 7;
        idx = ((sib >> 3) & 7) | ((d->p.rex & 2) << 2);
        if ( idx != 4 )
            *ea = gpr(d->v, idx) << (sib >> 6);
    }
    if ( mod == 0 && base == 5 )
    {
        /* disp32 alone; without SIB in 64-bit mode, relative to RIP. */
        no_base = true;
        rip_rel = rm == 5 && d->mode64;
    }
    else
    {
        *ea += gpr(d->v, base | ((d->p.rex & 1) << 3));
        if ( base == 4 || base == 5 )
            *seg = 2;                   /* rSP/rBP-based: SS */
    }
    rc = displacement(d, mod == 1 ? 1 : (mod == 2 || no_base) ? 4 : 0, &disp);
    *ea += disp;
    if ( rip_rel )                      /* LMSW has no immediate */
        *ea += d->v->arch.regs.rip + d->pos;
    if ( addr_size(d) == 4 )
        *ea = (uint32_t)*ea;
    return rc;
}

/* LMSW's memory operand: a word at the effective address. */
static int lmsw_mem(struct decoder *d, uint8_t modrm, uint64_t *src)
{
    const struct vmcb *vmcb = d->v->arch.vmcb;
    int seg = 3;                        /* DS */
    uint64_t ea, lin;
    uint16_t word;
    int rc = addr_size(d) == 2 ? ea16(d, modrm, &ea, &seg)
                               : ea32(d, modrm, &ea, &seg);

    if ( rc )
        return rc;
    if ( d->p.seg >= 0 )
        seg = d->p.seg;
    /* In 64-bit mode only FS and GS have a base. */
    lin = ea + (!d->mode64 || seg >= 4 ? seg_base(vmcb, seg) : 0);
    if ( !d->mode64 )
        lin = (uint32_t)lin;
    if ( read_linear(d->v, lin, &word, 2, 0) )
        return -EFAULT;
    *src = word;
    return 0;
}

/* MOV to CR (0f 22) or DR (0f 23): the mod field is ignored, the operand
 * is always a register, 64 bits in 64-bit mode and 32 elsewhere.  LOCK
 * MOV CR0 is AMD's alternative encoding of CR8. */
static void mov_to_reg(struct decoder *d, struct svm_insn *insn,
                       uint8_t modrm, bool cr)
{
    unsigned int rm = (modrm & 7) | ((d->p.rex & 1) << 3);

    insn->op = cr ? INSN_MOV_TO_CR : INSN_MOV_TO_DR;
    insn->reg = ((modrm >> 3) & 7) | ((d->p.rex & 4) << 1);
    insn->gpr = rm;
    if ( cr && d->p.lock && insn->reg == 0 )
        insn->reg = 8;
    insn->src = d->mode64 ? gpr(d->v, rm) : (uint32_t)gpr(d->v, rm);
}

/* After 0f: CLTS (06), MOV to CR (22) or DR (23), LMSW (01 /6). */
static int opcode(struct decoder *d, struct svm_insn *insn, uint8_t op)
{
    uint8_t modrm;
    int rc;

    if ( op == 0x06 )
    {
        insn->op = INSN_CLTS;
        return 0;
    }
    if ( op != 0x22 && op != 0x23 && op != 0x01 )
        return -EOPNOTSUPP;
    if ( (rc = next_byte(d, &modrm)) )
        return rc;
    if ( op != 0x01 )
    {
        mov_to_reg(d, insn, modrm, op == 0x22);
        return 0;
    }
    if ( ((modrm >> 3) & 7) != 6 )
        return -EOPNOTSUPP;
    insn->op = INSN_LMSW;
    if ( (modrm >> 6) == 3 )
    {
        insn->src = (uint16_t)gpr(d->v, (modrm & 7) | ((d->p.rex & 1) << 3));
        return 0;
    }
    return lmsw_mem(d, modrm, &insn->src);
}

/*
 * With decode assists the CPU names MOV to CRn's source register
 * (EXITINFO1 bit 63 set, bits 3:0 the GPR; CLTS and LMSW leave bit 63
 * clear), and NRIP-save gives the length: nothing to fetch.
 */
static bool assisted_mov_to_cr(struct vcpu *v, struct svm_insn *insn)
{
    const struct vmcb *vmcb = v->arch.vmcb;
    bool mode64 = mode64_of(v->arch.vmcb);
    unsigned int len;

    if ( !svm_assists.decode || !svm_assists.nrip_save ||
         vmcb->exitcode < VMEXIT_CR0_WRITE ||
         vmcb->exitcode >= VMEXIT_CR0_WRITE + 16 ||
         !(vmcb->exitinfo1 >> 63) )
        return false;
    len = insn_len_from_nrip(v->arch.regs.rip, vmcb->nrip, mode64);
    if ( !len )
        return false;
    insn->op = INSN_MOV_TO_CR;
    insn->reg = vmcb->exitcode - VMEXIT_CR0_WRITE;
    insn->src = gpr(v, vmcb->exitinfo1 & 15);
    if ( !mode64 )
        insn->src = (uint32_t)insn->src;
    insn->len = len;
    return true;
}

int svm_insn_decode(struct vcpu *v, struct svm_insn *insn)
{
    if ( assisted_mov_to_cr(v, insn) )
        return 0;
    return svm_insn_decode_bytes(v, insn);
}

unsigned int svm_fetch_insn(struct vcpu *v, uint8_t *buf)
{
    return fetch_insn(v, mode64_of(v->arch.vmcb), buf);
}

int svm_insn_decode_bytes(struct vcpu *v, struct svm_insn *insn)
{
    struct decoder d = { .v = v, .mode64 = mode64_of(v->arch.vmcb) };
    uint8_t op;
    int rc;

    d.have = fetch_insn(v, d.mode64, d.buf);
    rc = prefixes(&d, &op);
    if ( !rc && op != 0x0f )
        rc = -EOPNOTSUPP;
    if ( !rc )
        rc = next_byte(&d, &op);
    if ( !rc )
        rc = opcode(&d, insn, op);
    insn->len = d.pos;
    return rc;
}

/* The opcode bytes of each instruction svm_insn_len() measures. */
static const struct {
    uint8_t len, op[3];
    const char *name;
} intercepted[] = {
    [SVM_INSN_CPUID]   = { 2, { 0x0f, 0xa2 }, "CPUID" },
    [SVM_INSN_RDMSR]   = { 2, { 0x0f, 0x32 }, "RDMSR" },
    [SVM_INSN_WRMSR]   = { 2, { 0x0f, 0x30 }, "WRMSR" },
    [SVM_INSN_HLT]     = { 1, { 0xf4 }, "HLT" },
    [SVM_INSN_INVD]    = { 2, { 0x0f, 0x08 }, "INVD" },
    [SVM_INSN_VMMCALL] = { 3, { 0x0f, 0x01, 0xd9 }, "VMMCALL" },
};

/*
 * The common case, without prefixes: the opcode right at RIP, read in
 * place from the vCPU's cached code page (no copy, no decoding).
 */
static bool bare_opcode_at_rip(struct vcpu *v, bool mode64,
                               const uint8_t *op, unsigned int n)
{
    const struct vmcb *vmcb = v->arch.vmcb;
    uint64_t lin = rip_linear(v, mode64);
    unsigned int avail, i;
    const uint8_t *p = hvm_code_ptr(v, lin, GW_FETCH |
                                    (vmcb->cpl == 3 ? GW_USER : 0), &avail);

    if ( !p || avail < n )
        return false;
    for ( i = 0; i < n; i++ )
        if ( p[i] != op[i] )
            return false;
    return true;
}

int svm_insn_len_from_bytes(struct vcpu *v, enum svm_insn_id id)
{
    bool mode64 = mode64_of(v->arch.vmcb);
    uint8_t buf[INSN_MAX_LEN];
    unsigned int have;

    if ( bare_opcode_at_rip(v, mode64, intercepted[id].op,
                            intercepted[id].len) )
        return intercepted[id].len;
    have = fetch_insn(v, mode64, buf);
    return insn_len_if(buf, have, mode64, intercepted[id].op,
                       intercepted[id].len);
}

unsigned int svm_insn_len(struct vcpu *v, enum svm_insn_id id)
{
    const struct vmcb *vmcb = v->arch.vmcb;
    bool mode64 = mode64_of(v->arch.vmcb);
    unsigned int len = 0;
    int rc;

    if ( svm_assists.nrip_save )
        len = insn_len_from_nrip(v->arch.regs.rip, vmcb->nrip, mode64);
    if ( len )
        return len;
    rc = svm_insn_len_from_bytes(v, id);
    if ( rc > 0 )
        return rc;
    /* Not the instruction the intercept names (rewritten by another
     * vCPU, or unreadable now): #GP(0), as Xen answers. */
    printk_ratelimited("d%u: %s intercept at rip %#lx: instruction not "
                       "found (%d)\n", v->domain->domain_id,
                       intercepted[id].name, v->arch.regs.rip, rc);
    hvm_inject_exception(v, X86_EXC_GP, true, 0);
    return 0;
}
