/*
 * MMIO: a guest access to a guest-physical address that is not its RAM
 * (a nested page fault on a hole) is emulated; so are string port I/O
 * instructions (ins/outs, with rep), whose port accesses go where plain
 * in/out go (hvm/io.c): port 0xe9 to the console, claimed ports to their
 * ioreq server, others all ones / dropped.  The faulting instruction
 * is fetched through the guest's page tables (unless the CPU saved its
 * bytes with the exit: SVM's decode assists) and run by the emulator
 * (x86_emulate/); its memory operands that land on RAM are read and
 * written there, those in the vCPU's xAPIC page go to its local APIC
 * (hvm/vlapic.c), the others to the ioreq server claiming them, or,
 * unclaimed, read all ones and drop writes, as on Xen.
 *
 * A forwarded access leaves the vCPU waiting for the device model; once
 * the answer is in, the whole instruction runs again, and every device
 * access it had already made is answered from a per-vCPU record of this
 * instruction's accesses instead of being repeated (Xen keeps the same
 * kind of cache).  The record is cleared when the instruction completes.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/ioreq.h>
#include <xen/console.h>
#include <asm/hvm.h>
#include <asm/guest_walk.h>
#include <asm/x86_emulate.h>
#include <asm/apicdef.h>
#include <asm/hvm/vlapic.h>
#include <asm/x86-defns.h>
#include <asm/hvm/insn_fetch.h>

/*
 * One rep iteration per emulation: the record then holds the accesses
 * of one iteration only (at most two), and a forwarded access never has
 * committed iterations behind it.  While iterations remain RIP stays, so
 * the guest runs the instruction again and faults on the next one.
 */
#define MMIO_MAX_REPS  1
#define VGA_MEM_START  0xa0000
#define VGA_MEM_END    0xbffff

struct emul_data {
    struct vcpu *v;
    unsigned int next;              /* device accesses made so far */
    uint8_t saved[15];              /* the instruction as the CPU saw it */
    unsigned int nr_saved;
};

static enum x86emul_mode guest_mode(const struct vcpu *v)
{
    struct hvm_seg_state cs;

    if ( hvm_guest_is_64bit(v) )
        return X86EMUL_MODE_64;
    hvm_get_seg(v, HVM_SEG_CS, &cs);
    return (cs.attr & SEG_ATTR_DB) ? X86EMUL_MODE_32 : X86EMUL_MODE_16;
}

/* The emulator's segment numbers are the encoding's, as enum hvm_seg's. */
static uint64_t seg_base(const struct vcpu *v, enum x86emul_seg seg)
{
    struct hvm_seg_state s;

    hvm_get_seg(v, (enum hvm_seg)seg, &s);
    return s.base;
}

/* Linear address of seg:ea (64-bit code: only FS and GS have bases). */
static uint64_t linear(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                       uint64_t ea)
{
    const struct emul_data *e = ctx->data;

    if ( ctx->mode == X86EMUL_MODE_64 )
        return (seg == X86EMUL_SEG_FS || seg == X86EMUL_SEG_GS)
               ? ea + seg_base(e->v, seg) : ea;
    return (uint32_t)(ea + seg_base(e->v, seg));
}

static int read_gpa(void *ctx, uint64_t gpa, void *buf, size_t len)
{
    return hvm_copy_gpa(ctx, gpa, buf, len, false);
}

/* The guest-physical address of a linear one, or a #PF for the guest. */
static int translate(struct x86emul_ctx *ctx, uint64_t la, unsigned int gw,
                     uint64_t *gpa)
{
    struct emul_data *e = ctx->data;
    struct guest_paging pg;

    if ( hvm_get_cpl(e->v) == 3 )
        gw |= GW_USER;
    if ( gw & GW_FETCH )
    {
        /* Code: through the vCPU's fetch cache (hvm/insn_fetch.c). */
        if ( hvm_translate_fetch(e->v, la, gw, gpa) )
            return x86emul_raise(ctx, 14, true, 16 | (gw & GW_USER ? 4 : 0));
        return X86EMUL_OKAY;
    }
    hvm_get_paging(e->v, &pg);
    if ( guest_walk(&pg, la, gw, read_gpa, e->v->domain, gpa) )
        return x86emul_raise(ctx, 14, true, (gw & GW_WRITE ? 2 : 0) |
                             (gw & GW_USER ? 4 : 0) |
                             (gw & GW_FETCH ? 16 : 0));
    return X86EMUL_OKAY;
}

static int read_insn(struct x86emul_ctx *ctx, unsigned int offset, void *buf,
                     unsigned int len)
{
    struct emul_data *e = ctx->data;
    uint64_t la = linear(ctx, X86EMUL_SEG_CS, ctx->regs->rip + offset);
    uint8_t *b = buf;
    unsigned int i;

    if ( offset + len <= e->nr_saved )
    {
        memcpy(buf, e->saved + offset, len);
        return X86EMUL_OKAY;
    }
    /* Byte by byte: an instruction may straddle two pages. */
    for ( i = 0; i < len; i++ )
    {
        uint64_t gpa;
        int rc = translate(ctx, la + i, GW_FETCH, &gpa);

        if ( rc )
            return rc;
        if ( hvm_copy_gpa(e->v->domain, gpa, b + i, 1, false) )
            return X86EMUL_UNHANDLEABLE;    /* fetching from MMIO */
    }
    return X86EMUL_OKAY;
}

/*
 * One device access: answered from this instruction's record if it was
 * made before, else forwarded (or, unclaimed, all ones / dropped).
 */
static int device_access(struct emul_data *e, uint8_t type, uint64_t gpa,
                         void *buf, unsigned int bytes, bool write)
{
    struct hvm_mmio_record *r = &e->v->arch.mmio;
    struct hvm_mmio_access *a;
    ioreq_t p = { .type = type, .addr = gpa, .size = bytes,
                  .count = 1, .dir = write ? IOREQ_WRITE : IOREQ_READ };
    int rc;

    if ( e->next < r->nr )
    {
        a = &r->acc[e->next++];
        if ( a->gpa != gpa || a->bytes != bytes || a->write != write ||
             a->type != type || a->waiting )
            return X86EMUL_UNHANDLEABLE;    /* not the same instruction */
        if ( !write )
            memcpy(buf, &a->data, bytes);
        return X86EMUL_OKAY;
    }
    if ( r->nr == ARRAY_SIZE(r->acc) )
        return X86EMUL_UNHANDLEABLE;
    a = &r->acc[r->nr++];
    e->next++;
    *a = (struct hvm_mmio_access){ .gpa = gpa, .bytes = bytes,
                                   .write = write, .type = type };
    if ( type == IOREQ_TYPE_COPY && vlapic_mmio_claims(e->v, gpa) )
    {
        /* The local APIC answers at once; recorded all the same, so that
         * a rerun after a later forwarded access does not repeat it. */
        vlapic_mmio_access(e->v, gpa, buf, bytes, write);
        memcpy(&a->data, buf, bytes);
        return X86EMUL_OKAY;
    }
    if ( write )
        memcpy(&p.data, buf, bytes);
    rc = ioreq_forward(e->v, &p, type == IOREQ_TYPE_COPY && write &&
                                 gpa >= VGA_MEM_START &&
                                 gpa + bytes - 1 <= VGA_MEM_END);
    if ( rc == 1 )
    {
        a->waiting = true;                  /* the vCPU now waits */
        return X86EMUL_RETRY;
    }
    a->data = write ? p.data : ~0ULL;       /* unclaimed: all ones */
    if ( !write )
        memcpy(buf, &a->data, bytes);
    return X86EMUL_OKAY;
}

/* bytes (within one page) at linear address la: RAM or a device. */
static int access_in_page(struct x86emul_ctx *ctx, uint64_t la, uint8_t *buf,
                          unsigned int bytes, bool write)
{
    struct emul_data *e = ctx->data;
    uint64_t gpa;
    p2m_type_t t;
    int rc = translate(ctx, la, write ? GW_WRITE : 0, &gpa);

    if ( rc )
        return rc;
    p2m_get_entry(e->v->domain, _gfn(gpa >> PAGE_SHIFT), &t);
    if ( t == p2m_ram_rw )
        return hvm_copy_gpa(e->v->domain, gpa, buf, bytes, write)
               ? X86EMUL_UNHANDLEABLE : X86EMUL_OKAY;
    if ( t != p2m_invalid )
        return X86EMUL_UNHANDLEABLE;        /* foreign, grant: not MMIO */
    /* Devices get power-of-two accesses (a split leaves 3, 5, 6 or 7). */
    while ( bytes )
    {
        unsigned int n = bytes >= 8 ? 8 : bytes >= 4 ? 4 : bytes >= 2 ? 2 : 1;

        rc = device_access(e, IOREQ_TYPE_COPY, gpa, buf, n, write);
        if ( rc )
            return rc;
        gpa += n;
        buf += n;
        bytes -= n;
    }
    return X86EMUL_OKAY;
}

/* An access may straddle two pages, each RAM or a device of its own. */
static int access(struct x86emul_ctx *ctx, enum x86emul_seg seg, uint64_t ea,
                  void *buf, unsigned int bytes, bool write)
{
    uint64_t la = linear(ctx, seg, ea);
    unsigned int first = PAGE_SIZE - (la & (PAGE_SIZE - 1));
    int rc;

    if ( first >= bytes )
        return access_in_page(ctx, la, buf, bytes, write);
    rc = access_in_page(ctx, la, buf, first, write);
    return rc ? rc : access_in_page(ctx, la + first, (uint8_t *)buf + first,
                                    bytes - first, write);
}

static int read_mem(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                    uint64_t ea, void *buf, unsigned int bytes)
{
    return access(ctx, seg, ea, buf, bytes, false);
}

static int write_mem(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                     uint64_t ea, const void *buf, unsigned int bytes)
{
    return access(ctx, seg, ea, (void *)buf, bytes, true);
}

/* ins/outs: one port access per iteration, as an in/out would make it. */
static int port_access(struct x86emul_ctx *ctx, uint16_t port, void *buf,
                       unsigned int bytes, bool write)
{
    struct emul_data *e = ctx->data;
    uint32_t val = 0;

    if ( port == HVM_DEBUG_PORT && bytes == 1 && write )
    {
        guest_console_putc(e->v->domain, *(char *)buf);
        return X86EMUL_OKAY;
    }
    if ( bytes <= sizeof(val) )
    {
        if ( write )
            memcpy(&val, buf, bytes);
        if ( hvm_acpi_pm_portio(e->v, port, bytes, !write, &val) )
        {
            if ( !write )
                memcpy(buf, &val, bytes);
            return X86EMUL_OKAY;
        }
    }
    return device_access(e, IOREQ_TYPE_PIO, port, buf, bytes, write);
}

static int read_io(struct x86emul_ctx *ctx, uint16_t port, void *buf,
                   unsigned int bytes)
{
    return port_access(ctx, port, buf, bytes, false);
}

static int write_io(struct x86emul_ctx *ctx, uint16_t port, const void *buf,
                    unsigned int bytes)
{
    return port_access(ctx, port, (void *)buf, bytes, true);
}

static const struct x86emul_ops mmio_ops = {
    .read_insn = read_insn,
    .read = read_mem,
    .write = write_mem,
    .read_io = read_io,
    .write_io = write_io,
};

static void load_regs(const struct vcpu *v, struct x86emul_regs *r)
{
    const struct guest_gprs *g = &v->arch.regs;

    *r = (struct x86emul_regs){
        .gpr = { g->rax, g->rcx, g->rdx, g->rbx, g->rsp, g->rbp,
                 g->rsi, g->rdi, g->r8, g->r9, g->r10, g->r11, g->r12,
                 g->r13, g->r14, g->r15 },
        .rip = g->rip, .rflags = g->rflags,
    };
}

static void store_regs(struct vcpu *v, const struct x86emul_regs *r)
{
    struct guest_gprs *g = &v->arch.regs;

    g->rax = r->gpr[X86EMUL_RAX];
    g->rsp = r->gpr[X86EMUL_RSP];
    g->rip = r->rip;
    g->rflags = r->rflags;
    g->rcx = r->gpr[X86EMUL_RCX]; g->rdx = r->gpr[X86EMUL_RDX];
    g->rbx = r->gpr[X86EMUL_RBX]; g->rbp = r->gpr[X86EMUL_RBP];
    g->rsi = r->gpr[X86EMUL_RSI]; g->rdi = r->gpr[X86EMUL_RDI];
    g->r8 = r->gpr[X86EMUL_R8];   g->r9 = r->gpr[X86EMUL_R9];
    g->r10 = r->gpr[X86EMUL_R10]; g->r11 = r->gpr[X86EMUL_R11];
    g->r12 = r->gpr[X86EMUL_R12]; g->r13 = r->gpr[X86EMUL_R13];
    g->r14 = r->gpr[X86EMUL_R14]; g->r15 = r->gpr[X86EMUL_R15];
}

enum hvm_io_status hvm_emulate_mmio(struct vcpu *v)
{
    struct emul_data e = { .v = v };
    struct x86emul_regs regs;
    struct x86emul_ctx ctx = {
        .ops = &mmio_ops, .data = &e, .mode = guest_mode(v),
        .max_reps = MMIO_MAX_REPS, .regs = &regs,
    };
    int rc;

    if ( hvm_funcs.saved_insn_bytes )
        e.nr_saved = hvm_funcs.saved_insn_bytes(v, e.saved);
    load_regs(v, &regs);
    rc = x86emul_emulate(&ctx);
    switch ( rc )
    {
    case X86EMUL_OKAY:
        store_regs(v, &regs);
        v->arch.mmio.nr = 0;
        return HVMIO_DONE;
    case X86EMUL_RETRY:
        return HVMIO_FORWARDED;             /* again once answered */
    case X86EMUL_EXCEPTION:
        v->arch.mmio.nr = 0;
        hvm_inject_exception(v, ctx.exn.vector, ctx.exn.has_error_code,
                             ctx.exn.error_code);
        return HVMIO_DONE;
    default:
        v->arch.mmio.nr = 0;
        printk_ratelimited("d%u: I/O instruction at %#lx not emulated\n",
                           v->domain->domain_id,
                           (unsigned long)v->arch.regs.rip);
        domain_crash(v->domain, "unemulated I/O instruction");
        return HVMIO_DONE;
    }
}

bool hvm_mmio_answer(struct vcpu *v)
{
    struct hvm_mmio_record *r = &v->arch.mmio;
    uint64_t data;

    if ( !r->nr || !r->acc[r->nr - 1].waiting )
        return true;
    if ( !ioreq_answer(v, &data) )
        return false;
    r->acc[r->nr - 1].waiting = false;
    if ( !r->acc[r->nr - 1].write )
        r->acc[r->nr - 1].data = data;
    return true;
}

bool hvm_mmio_waiting(const struct vcpu *v)
{
    const struct hvm_mmio_record *r = &v->arch.mmio;

    return r->nr && r->acc[r->nr - 1].waiting;
}
