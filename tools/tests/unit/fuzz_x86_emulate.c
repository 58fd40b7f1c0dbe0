/*
 * Fuzzing of the x86 emulator (xen/arch/x86/x86_emulate), run by `make
 * test` under ASan/UBSan with a fixed seed: random instruction bytes
 * (half of them built from prefixes and supported opcodes, so decoding
 * goes deep), random modes, registers, rep budgets and failing callbacks.
 * The callbacks check that every fetch and access stays within what they
 * were given; after each run the invariants of the interface are checked:
 * decoding alone changes nothing, the length is what was fetched, state
 * changes only on success, and only the registers the instruction names.
 * The arithmetic flags are also compared with the host CPU's.
 *
 * Built with -DFUZZ_LIBFUZZER (make fuzz-x86-emulate, clang only) the
 * same checks run on libFuzzer's inputs, and a violation aborts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/lib.h>
#include <asm-x86/x86_emulate.h>

#include "unit.h"

#define RFLAGS_ARITH 0x8d5ULL
#define RFLAGS_RF    (1ULL << 16)

static unsigned int violations;
static char first_violation[200];

static void violation(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if ( !violations++ )
        vsnprintf(first_violation, sizeof(first_violation), fmt, ap);
    va_end(ap);
#ifdef FUZZ_LIBFUZZER
    fprintf(stderr, "violation: %s\n", first_violation);
    abort();
#endif
}

/* --- Input: config bytes, then the instruction ------------------------- */

struct input {
    const uint8_t *code;         /* exactly code_len bytes (malloc'd) */
    unsigned int code_len, fetched;
    unsigned int mode, max_reps;
    unsigned int fail_at, naccess;
    int fail_rc;
    uint64_t rnd;                /* what reads return */
    /* From the decoded instruction, for checking the accesses: */
    unsigned int max_access, access_bytes;
    uint64_t addr_mask;
    bool accessed;               /* the first memory access is: */
    unsigned int first_seg;
    uint64_t first_ea;
};

static uint64_t next_rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static int fz_read_insn(struct x86emul_ctx *ctx, unsigned int offset,
                        void *buf, unsigned int len)
{
    struct input *in = ctx->data;

    if ( offset != in->fetched || len == 0 || len > 8 || offset + len > 15 )
        violation("fetch of %u at %u after %u", len, offset, in->fetched);
    if ( offset + len > in->code_len )
        return x86emul_raise(ctx, 14, true, 0x10);
    memcpy(buf, in->code + offset, len);
    in->fetched = offset + len;
    return X86EMUL_OKAY;
}

static int access_result(struct x86emul_ctx *ctx, unsigned int bytes)
{
    struct input *in = ctx->data;

    if ( bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8 )
        violation("access of %u bytes", bytes);
    if ( ++in->naccess > in->max_access )
        violation("%u accesses", in->naccess);
    if ( in->naccess != in->fail_at )
        return X86EMUL_OKAY;
    return in->fail_rc == X86EMUL_EXCEPTION ? x86emul_raise(ctx, 14, true, 2)
                                            : in->fail_rc;
}

/* A memory access: the operand's size, an address within the size. */
static void check_access(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                         uint64_t ea, unsigned int bytes)
{
    struct input *in = ctx->data;

    if ( (unsigned int)seg > X86EMUL_SEG_GS ||
         (in->mode == 64 && seg == X86EMUL_SEG_CS) )
        violation("segment %u in mode %u", seg, in->mode);
    if ( ea & ~in->addr_mask || bytes != in->access_bytes )
        violation("access %u:%llx/%u", seg, (unsigned long long)ea, bytes);
    if ( !in->accessed )
    {
        in->accessed = true;
        in->first_seg = seg;
        in->first_ea = ea;
    }
}

static int fz_read(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                   uint64_t ea, void *buf, unsigned int bytes)
{
    struct input *in = ctx->data;
    uint64_t v = next_rnd(&in->rnd);
    int rc = access_result(ctx, bytes);

    check_access(ctx, seg, ea, bytes);
    if ( rc == X86EMUL_OKAY )
        memcpy(buf, &v, bytes);        /* ASan: buf holds bytes */
    return rc;
}

static int fz_write(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                    uint64_t ea, const void *buf, unsigned int bytes)
{
    uint64_t v = 0;

    check_access(ctx, seg, ea, bytes);
    memcpy(&v, buf, bytes);            /* ASan: buf holds bytes */
    return access_result(ctx, bytes);
}

static int fz_read_io(struct x86emul_ctx *ctx, uint16_t port, void *buf,
                      unsigned int bytes)
{
    struct input *in = ctx->data;
    uint64_t v = next_rnd(&in->rnd);
    int rc = access_result(ctx, bytes);

    (void)port;
    if ( bytes > 4 || bytes != in->access_bytes )
        violation("port read of %u", bytes);
    if ( rc == X86EMUL_OKAY )
        memcpy(buf, &v, bytes);
    return rc;
}

static int fz_write_io(struct x86emul_ctx *ctx, uint16_t port,
                       const void *buf, unsigned int bytes)
{
    struct input *in = ctx->data;
    uint64_t v = 0;

    (void)port;
    if ( bytes > 4 || bytes != in->access_bytes )
        violation("port write of %u", bytes);
    memcpy(&v, buf, bytes);
    return access_result(ctx, bytes);
}

static const struct x86emul_ops fz_ops = {
    .read_insn = fz_read_insn, .read = fz_read, .write = fz_write,
    .read_io = fz_read_io, .write_io = fz_write_io,
};

static const uint64_t interesting[] = {
    0, 1, 2, 3, 0x7f, 0x80, 0xff, 0xffff, 0x8000, 0x7fffffff, 0x80000000,
    0xffffffff, 0x100000000ULL, 0x8000000000000000ULL, ~0ULL, 0x1000,
};

static void make_regs(struct x86emul_regs *r, uint64_t seed)
{
    unsigned int i;

    seed |= 1;
    for ( i = 0; i < 16; i++ )
    {
        uint64_t v = next_rnd(&seed);

        r->gpr[i] = (v & 1) ? interesting[(v >> 1) % ARRAY_SIZE(interesting)]
                            : v >> 4;
    }
    r->rip = (next_rnd(&seed) & 1) ? next_rnd(&seed) : 0xfffffff0;
    r->rflags = 0x2 | (next_rnd(&seed) & (RFLAGS_ARITH | 0x400 | RFLAGS_RF));
}

/* --- The invariants ---------------------------------------------------- */

static uint64_t mask_of(unsigned int bytes)
{
    return bytes >= 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1;
}

static void check_insn(const struct input *in, const struct x86emul_insn *i)
{
    bool string = i->op >= X86EMUL_OP_MOVS;

    if ( i->len == 0 || i->len > 15 || i->len != in->fetched )
        violation("len %u, fetched %u", i->len, in->fetched);
    if ( (i->op_bytes != 1 && i->op_bytes != 2 && i->op_bytes != 4 &&
          i->op_bytes != 8) || i->mem_bytes > i->op_bytes ||
         (i->op != X86EMUL_OP_MOVSX && i->op != X86EMUL_OP_MOVZX &&
          i->mem_bytes != i->op_bytes) )
        violation("sizes %u/%u", i->op_bytes, i->mem_bytes);
    if ( (i->addr_bytes != 2 && i->addr_bytes != 4 && i->addr_bytes != 8) ||
         (in->mode == 64 && i->addr_bytes == 2) ||
         (in->mode != 64 && i->addr_bytes == 8) ||
         (in->mode != 64 && i->op_bytes == 8) )
        violation("address size %u, operand size %u in mode %u",
                  i->addr_bytes, i->op_bytes, in->mode);
    if ( i->ea & ~mask_of(i->addr_bytes) || i->ea2 & ~mask_of(i->addr_bytes) )
        violation("ea %llx beyond %u-byte addresses",
                  (unsigned long long)i->ea, i->addr_bytes);
    if ( i->seg > X86EMUL_SEG_GS ||
         (in->mode == 64 && i->seg == X86EMUL_SEG_CS) )
        violation("segment %u in mode %u", i->seg, in->mode);
    if ( i->reg < X86EMUL_NO_REG || i->reg > 15 ||
         (i->reg_high && i->reg > 3) || i->bit >= 8 * i->op_bytes ||
         (i->rep && !string) || (i->lock && string) )
        violation("reg %d bit %u rep %u lock %d op %u", i->reg, i->bit,
                  i->rep, i->lock, i->op);
}

/* What changed must be what the instruction may change. */
static void check_state(const struct x86emul_insn *i, int rc,
                        const struct x86emul_regs *old,
                        const struct x86emul_regs *new, uint64_t next_rip)
{
    bool string = i->op >= X86EMUL_OP_MOVS;
    uint16_t may = 0;
    unsigned int r;

    if ( rc != X86EMUL_OKAY && !string )
    {
        if ( memcmp(old, new, sizeof(*old)) )
            violation("state changed on rc %d", rc);
        return;
    }
    if ( string )
        may = 1u << X86EMUL_RAX | 1u << X86EMUL_RCX | 1u << X86EMUL_RSI |
              1u << X86EMUL_RDI;
    else if ( i->reg >= 0 )
        may = 1u << i->reg;
    for ( r = 0; r < 16; r++ )
        if ( old->gpr[r] != new->gpr[r] && !(may & (1u << r)) )
            violation("op %u changed gpr %u", i->op, r);
    if ( (old->rflags ^ new->rflags) & ~(RFLAGS_ARITH | RFLAGS_RF) )
        violation("rflags %llx -> %llx", (unsigned long long)old->rflags,
                  (unsigned long long)new->rflags);
    if ( rc == X86EMUL_OKAY && new->rip != next_rip &&
         !(string && new->rip == old->rip) )
        violation("rip %llx, want %llx", (unsigned long long)new->rip,
                  (unsigned long long)next_rip);
    if ( rc != X86EMUL_OKAY && new->rip != old->rip )
        violation("rip moved on rc %d", rc);
}

static void check_rc(const struct x86emul_ctx *ctx, int rc)
{
    if ( rc < X86EMUL_OKAY || rc > X86EMUL_RETRY )
        violation("rc %d", rc);
    if ( rc == X86EMUL_EXCEPTION && ctx->exn.vector != 6 &&
         ctx->exn.vector != 13 && ctx->exn.vector != 14 )
        violation("vector %u", ctx->exn.vector);
}

/* Decode alone, then decode and execute, and check both. */
static void run_one(struct input *in, uint64_t reg_seed)
{
    struct x86emul_regs regs, old;
    struct x86emul_ctx ctx = { .ops = &fz_ops, .data = in, .mode = in->mode,
                               .max_reps = in->max_reps, .regs = &regs };
    struct x86emul_insn insn;
    uint64_t next_rip;
    int rc;

    make_regs(&regs, reg_seed);
    old = regs;
    in->max_access = 0;
    rc = x86emul_decode(&ctx, &insn);
    check_rc(&ctx, rc);
    if ( memcmp(&old, &regs, sizeof(regs)) || in->naccess )
        violation("decode changed state or accessed memory");
    if ( rc != X86EMUL_OKAY )
        return;
    check_insn(in, &insn);

    in->fetched = 0;
    in->max_access = insn.op >= X86EMUL_OP_MOVS
                     ? 2 * (in->max_reps ? in->max_reps : 1) : 2;
    in->access_bytes = insn.mem_bytes;
    in->addr_mask = mask_of(insn.addr_bytes);
    next_rip = regs.rip + insn.len;
    if ( in->mode != 64 )
        next_rip &= 0xffffffff;
    rc = x86emul_emulate(&ctx);
    check_rc(&ctx, rc);
    check_state(&insn, rc, &old, &regs, next_rip);
    /* The operand decoding reported is the one accessed first. */
    if ( in->accessed && (in->first_seg != insn.seg ||
                          in->first_ea != insn.ea) )
        violation("accessed %u:%llx first, decoded %u:%llx", in->first_seg,
                  (unsigned long long)in->first_ea, insn.seg,
                  (unsigned long long)insn.ea);
}

/*
 * data: [mode and failure] [max_reps] [fail_at] [4 bytes register seed]
 * [instruction bytes...].
 */
static void fuzz_one(const uint8_t *data, size_t size)
{
    static const int fail_rcs[] = { X86EMUL_RETRY, X86EMUL_EXCEPTION,
                                    X86EMUL_UNHANDLEABLE };
    struct input in = { 0 };
    uint8_t *code;
    uint32_t seed;

    if ( size < 7 )
        return;
    in.mode = 16 << (data[0] % 3);
    in.fail_rc = fail_rcs[(data[0] >> 2) % 3];
    in.max_reps = data[1] % 8;
    in.fail_at = data[2] % 8;
    memcpy(&seed, data + 3, 4);
    in.rnd = seed | 1;
    in.code_len = size - 7 > 20 ? 20 : size - 7;
    code = malloc(in.code_len ? in.code_len : 1);
    memcpy(code, data + 7, in.code_len);
    in.code = code;
    run_one(&in, seed);
    free(code);
}

#ifdef FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one(data, size);
    return 0;
}
#else

/* --- Bounded run: generated inputs ------------------------------------- */

#define N_INPUTS 300000

static uint64_t seed = 0x5eed8086;

static uint32_t rnd(void)
{
    return next_rnd(&seed) >> 11;
}

static const uint8_t prefixes[] = {
    0x66, 0x67, 0xf0, 0xf2, 0xf3, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65,
    0x40, 0x41, 0x44, 0x48, 0x4c, 0x4f,
};
static const uint8_t opcodes[] = {
    0x00, 0x01, 0x02, 0x03, 0x09, 0x11, 0x1a, 0x23, 0x29, 0x31, 0x38, 0x3b,
    0x63, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a,
    0x8b, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xaa, 0xab, 0xac,
    0xad, 0xae, 0xaf, 0x6c, 0x6d, 0x6e, 0x6f, 0xc6, 0xc7, 0xf6, 0xf7, 0x0f,
};
static const uint8_t twobyte[] = {
    0xa3, 0xab, 0xb3, 0xbb, 0xba, 0xb6, 0xb7, 0xbe, 0xbf, 0xb8, 0xc1,
};

/* Prefixes, a supported opcode, then random ModRM, SIB and the rest. */
static size_t make_insn(uint8_t *buf)
{
    size_t n = 0, i, npfx = rnd() % 5;

    if ( rnd() % 16 == 0 )
        npfx = rnd() % 16;           /* sometimes too long */

    for ( i = 0; i < npfx; i++ )
        buf[n++] = prefixes[rnd() % ARRAY_SIZE(prefixes)];
    buf[n] = opcodes[rnd() % ARRAY_SIZE(opcodes)];
    if ( buf[n++] == 0x0f )
        buf[n++] = twobyte[rnd() % ARRAY_SIZE(twobyte)];
    while ( n < 20 )
        buf[n++] = rnd();
    return rnd() % 8 ? 20 : rnd() % 20;
}

static void fuzz_generated(void)
{
    uint8_t buf[27];
    unsigned int i;

    for ( i = 0; i < N_INPUTS; i++ )
    {
        size_t n, j;
        uint8_t *data;

        for ( j = 0; j < 7; j++ )
            buf[j] = rnd();
        if ( rnd() % 2 )
            n = 7 + make_insn(buf + 7);
        else
            for ( n = 7 + rnd() % 21, j = 7; j < n; j++ )
                buf[j] = rnd();
        data = malloc(n);
        memcpy(data, buf, n);
        fuzz_one(data, n);
        free(data);
    }
    unit_result(!violations, "x86emul-fuzz-bounded", "%u violations in %u "
                "inputs, first: %s", violations, N_INPUTS, first_violation);
}

/* --- Flags against the host CPU ---------------------------------------- */
#if defined(__x86_64__)

/* One instruction on registers, flags in and out through the stack
 * (below the red zone the compiler may be using). */
#define HOST_OP(insn) \
    asm volatile ( "sub $128, %%rsp\n\tpush %[f]\n\tpopf\n\t" insn          \
                   " %[y], %[x]\n\tpushf\n\tpop %[f]\n\tadd $128, %%rsp"    \
                   : [x] "+r" (x), [f] "+r" (f) : [y] "r" (y) : "cc", "memory")

/* ops 0-7: add..cmp; 8: test; 9-12: bt, bts, btr, btc. */
#define HOST_FN(sfx, type)                                                  \
static uint64_t host_##sfx(unsigned int op, uint64_t a, uint64_t b,         \
                           uint64_t *flags)                                 \
{                                                                           \
    type x = a, y = b;                                                      \
    uint64_t f = *flags;                                                    \
                                                                            \
    switch ( op )                                                           \
    {                                                                       \
    case 0: HOST_OP("add" #sfx); break;                                     \
    case 1: HOST_OP("or" #sfx); break;                                      \
    case 2: HOST_OP("adc" #sfx); break;                                     \
    case 3: HOST_OP("sbb" #sfx); break;                                     \
    case 4: HOST_OP("and" #sfx); break;                                     \
    case 5: HOST_OP("sub" #sfx); break;                                     \
    case 6: HOST_OP("xor" #sfx); break;                                     \
    case 7: HOST_OP("cmp" #sfx); break;                                     \
    case 8: HOST_OP("test" #sfx); break;                                    \
    HOST_BT(sfx)                                                            \
    }                                                                       \
    *flags = f;                                                             \
    return x;                                                               \
}
#define HOST_BT(sfx)                                                        \
    case 9: HOST_OP("bt" #sfx); break;                                      \
    case 10: HOST_OP("bts" #sfx); break;                                    \
    case 11: HOST_OP("btr" #sfx); break;                                    \
    case 12: HOST_OP("btc" #sfx); break;
HOST_FN(w, uint16_t)
HOST_FN(l, uint32_t)
HOST_FN(q, uint64_t)
#undef HOST_BT
#define HOST_BT(sfx)
HOST_FN(b, uint8_t)

struct flag_run {
    uint8_t code[8];
    unsigned int len;
    uint64_t mem, written;
    bool wrote;
};

static int fl_read_insn(struct x86emul_ctx *ctx, unsigned int offset,
                        void *buf, unsigned int len)
{
    struct flag_run *f = ctx->data;

    if ( offset + len > f->len )
        return x86emul_raise(ctx, 14, true, 0x10);
    memcpy(buf, f->code + offset, len);
    return X86EMUL_OKAY;
}

static int fl_read(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                   uint64_t ea, void *buf, unsigned int bytes)
{
    (void)seg, (void)ea;
    memcpy(buf, &((struct flag_run *)ctx->data)->mem, bytes);
    return X86EMUL_OKAY;
}

static int fl_write(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                    uint64_t ea, const void *buf, unsigned int bytes)
{
    struct flag_run *f = ctx->data;

    (void)seg, (void)ea;
    f->written = 0;
    memcpy(&f->written, buf, bytes);
    f->wrote = true;
    return X86EMUL_OKAY;
}

/* "op %rax,(%rbx)" in the given size, 64-bit code. */
static void encode(struct flag_run *f, unsigned int op, unsigned int size)
{
    static const uint8_t bt[] = { 0xa3, 0xab, 0xb3, 0xbb };

    f->len = 0;
    if ( size == 2 )
        f->code[f->len++] = 0x66;
    if ( size == 8 )
        f->code[f->len++] = 0x48;
    if ( op >= 9 )
    {
        f->code[f->len++] = 0x0f;
        f->code[f->len++] = bt[op - 9];
    }
    else
        f->code[f->len++] = (op == 8 ? 0x84 : op * 8) + (size > 1);
    f->code[f->len++] = 0x03;
}

static uint64_t host_op(unsigned int op, unsigned int size, uint64_t a,
                        uint64_t b, uint64_t *flags)
{
    switch ( size )
    {
    case 1: return host_b(op, a, b, flags);
    case 2: return host_w(op, a, b, flags);
    case 4: return host_l(op, a, b, flags);
    }
    return host_q(op, a, b, flags);
}

static uint64_t operand(unsigned int size)
{
    uint64_t v = rnd() % 2 ? interesting[rnd() % ARRAY_SIZE(interesting)]
                           : ((uint64_t)rnd() << 32) ^ rnd();

    return v & mask_of(size);
}

static bool one_flag_check(unsigned int op, unsigned int size)
{
    static const struct x86emul_ops ops = {
        .read_insn = fl_read_insn, .read = fl_read, .write = fl_write,
    };
    struct flag_run f = { .mem = operand(size) };
    struct x86emul_regs regs = { .rip = 0x1000 };
    struct x86emul_ctx ctx = { .ops = &ops, .data = &f, .mode = 64,
                               .regs = &regs };
    /* Flags the manuals leave undefined are not compared. */
    uint64_t cmp = op >= 9 ? 0x1 : (op == 1 || op == 4 || op == 6 ||
                                    op == 8) ? RFLAGS_ARITH & ~0x10
                                             : RFLAGS_ARITH;
    uint64_t b = operand(size), in, hf, want;

    if ( op >= 9 )
        b %= 8 * size;                 /* keep the operand at (%rbx) */
    regs.gpr[X86EMUL_RAX] = b;
    regs.gpr[X86EMUL_RBX] = 0x2000;
    regs.rflags = in = hf = 0x2 | (rnd() & RFLAGS_ARITH);
    encode(&f, op, size);
    want = host_op(op, size, f.mem, b, &hf);
    if ( x86emul_emulate(&ctx) != X86EMUL_OKAY )
        return false;
    /* bt* leave the flags other than CF as they were. */
    if ( op >= 9 && ((regs.rflags ^ in) & RFLAGS_ARITH & ~0x1) )
        return false;
    return ((regs.rflags ^ hf) & cmp) == 0 &&
           f.wrote == !(op == 7 || op == 8 || op == 9) &&
           (!f.wrote || f.written == (want & mask_of(size)));
}

static void test_flags_against_host(void)
{
    unsigned int i, bad = 0, op = 0, size = 1;

    for ( i = 0; i < 50000; i++ )
    {
        op = rnd() % 13;
        size = 1u << (rnd() % 4);
        if ( op >= 9 && size == 1 )
            size = 4;
        if ( !one_flag_check(op, size) && !bad++ )
            printf("first flag mismatch: op %u size %u\n", op, size);
    }
    unit_result(bad == 0, "x86emul-flags-match-host-cpu",
                "%u of 50000 differ", bad);
}
#else
static void test_flags_against_host(void)
{
}
#endif

int main(void)
{
    fuzz_generated();
    test_flags_against_host();
    return unit_done();
}
#endif
