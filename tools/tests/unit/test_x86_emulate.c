/*
 * Hosted tests of the x86 emulator (xen/arch/x86/x86_emulate).
 *
 * The table below holds every supported form in 16-, 32- and 64-bit code:
 * the AT&T text, its bytes (checked against `as` by the first test, so
 * the two cannot drift apart), and what the instruction must do.  Its
 * expectations were worked out from the assembly text by a reference
 * model written apart from the decoder, not by running it.
 *
 * A spec is "SETUP | EXPECT" or just "EXPECT".  SETUP overrides the
 * registers of base_regs() (rax=, rflags=, ...), fixes what memory reads
 * return (mem=; otherwise the byte at address a reads as pat_byte(a)) or
 * the rep iterations per call (reps=; default 64).  EXPECT lists the
 * accesses in order -- "r|w SEG:EA/SIZE=VALUE" for memory, "i|o
 * PORT/SIZE=VALUE" for ports -- then the registers that change (rip: if
 * not the next instruction).  Numbers in EXPECT are hex.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/lib.h>
#include <asm-x86/x86_emulate.h>

#include "unit.h"

#define RFLAGS_RF (1ULL << 16)

/* --- The harness ------------------------------------------------------ */

struct access {
    char kind;                   /* r, w: memory; i, o: port */
    uint8_t seg, size;
    uint64_t addr, val;
};

#define MAX_LOG 16

struct harness {
    const uint8_t *code;         /* the instruction bytes there are */
    unsigned int code_len, fetched;
    bool fetch_bad;              /* out of order, or past 15 bytes */
    bool fixed;                  /* reads return fixed_val */
    uint64_t fixed_val;
    struct access log[MAX_LOG];
    unsigned int nlog, naccess;
    unsigned int fail_at;        /* access number that answers fail_rc */
    int fail_rc;
};

static uint8_t pat_byte(uint64_t a)
{
    return a * 31 + 0x5a + (a >> 8);
}

static uint64_t pattern(uint64_t addr, unsigned int size)
{
    uint64_t v = 0;
    unsigned int i;

    for ( i = 0; i < size; i++ )
        v |= (uint64_t)pat_byte(addr + i) << (8 * i);
    return v;
}

static uint64_t mem_value(const struct harness *h, uint64_t addr,
                          unsigned int size)
{
    if ( !h->fixed )
        return pattern(addr, size);
    return size == 8 ? h->fixed_val
                     : h->fixed_val & ((1ULL << (8 * size)) - 1);
}

/* Missing bytes are a #PF on the fetch, as past the end of a page. */
static int h_read_insn(struct x86emul_ctx *ctx, unsigned int offset,
                       void *buf, unsigned int len)
{
    struct harness *h = ctx->data;

    h->fetch_bad |= offset != h->fetched || len == 0 || len > 8 ||
                    offset + len > 15;
    if ( offset + len > h->code_len )
        return x86emul_raise(ctx, 14, true, 0x10);
    memcpy(buf, h->code + offset, len);
    h->fetched = offset + len;
    return X86EMUL_OKAY;
}

static int record(struct harness *h, char kind, unsigned int seg,
                  uint64_t addr, unsigned int size, uint64_t val)
{
    if ( ++h->naccess == h->fail_at )
        return h->fail_rc;
    if ( h->nlog < MAX_LOG )
        h->log[h->nlog++] = (struct access){ kind, seg, size, addr, val };
    return X86EMUL_OKAY;
}

static uint64_t from_buf(const void *buf, unsigned int size)
{
    uint64_t v = 0;

    memcpy(&v, buf, size);
    return v;
}

static int h_read(struct x86emul_ctx *ctx, enum x86emul_seg seg, uint64_t ea,
                  void *buf, unsigned int bytes)
{
    struct harness *h = ctx->data;
    uint64_t v = mem_value(h, ea, bytes);
    int rc = record(h, 'r', seg, ea, bytes, v);

    if ( rc == X86EMUL_OKAY )
        memcpy(buf, &v, bytes);
    return rc;
}

static int h_write(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                   uint64_t ea, const void *buf, unsigned int bytes)
{
    return record(ctx->data, 'w', seg, ea, bytes, from_buf(buf, bytes));
}

static int h_read_io(struct x86emul_ctx *ctx, uint16_t port, void *buf,
                     unsigned int bytes)
{
    struct harness *h = ctx->data;
    uint64_t v = pattern(port, bytes);
    int rc = record(h, 'i', 0, port, bytes, v);

    if ( rc == X86EMUL_OKAY )
        memcpy(buf, &v, bytes);
    return rc;
}

static int h_write_io(struct x86emul_ctx *ctx, uint16_t port,
                      const void *buf, unsigned int bytes)
{
    return record(ctx->data, 'o', 0, port, bytes, from_buf(buf, bytes));
}

static const struct x86emul_ops h_ops = {
    .read_insn = h_read_insn, .read = h_read, .write = h_write,
    .read_io = h_read_io, .write_io = h_write_io,
};

static const uint64_t base_gpr[16] = {
    0x0123456789abcdef, 3, 0x3f8, 0x1000, 0x8000, 0x2000, 0x3000, 0x4000,
    0x10, 0xfffffffffffffff0, 0xa000, 0xb0000, 0xc00000, 0xd000000,
    0xe0000000, 0xf00000000,
};

static void base_regs(struct x86emul_regs *r, unsigned int mode)
{
    memcpy(r->gpr, base_gpr, sizeof(r->gpr));
    r->rip = mode == 16 ? 0x100 : 0x100000;
    r->rflags = 0x2;
}

static unsigned int parse_hex(const char *s, uint8_t *buf, unsigned int max)
{
    unsigned int n = 0;
    char *end;

    while ( n < max && *s )
    {
        buf[n++] = strtoul(s, &end, 16);
        s = end;
    }
    return n;
}

static const char *const reg_names[] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
static const char *const seg_names[] = { "es", "cs", "ss", "ds", "fs", "gs" };

/* Set "name=value" in regs; false if name is not a register. */
static bool set_reg(struct x86emul_regs *r, const char *tok, int base)
{
    size_t len = strcspn(tok, "=");
    uint64_t v = strtoull(tok + len + 1, NULL, base);
    unsigned int i;

    for ( i = 0; i < 16; i++ )
        if ( strlen(reg_names[i]) == len && !strncmp(tok, reg_names[i], len) )
        {
            r->gpr[i] = v;
            return true;
        }
    if ( !strncmp(tok, "rflags=", 7) )
        r->rflags = v;
    else if ( !strncmp(tok, "rip=", 4) )
        r->rip = v;
    else
        return false;
    return true;
}

static unsigned int seg_of(const char *s)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(seg_names); i++ )
        if ( !strncmp(s, seg_names[i], 2) )
            return i;
    return ~0u;
}

/* "ds:1000/4=ff" (memory) or "3f8/1=ff" (port) into a. */
static bool parse_access(char kind, const char *s, struct access *a)
{
    char *end;

    a->kind = kind;
    a->seg = 0;
    if ( kind == 'r' || kind == 'w' )
    {
        a->seg = seg_of(s);
        if ( a->seg > X86EMUL_SEG_GS || s[2] != ':' )
            return false;
        s += 3;
    }
    a->addr = strtoull(s, &end, 16);
    if ( *end != '/' )
        return false;
    a->size = strtoul(end + 1, &end, 10);
    if ( *end != '=' )
        return false;
    a->val = strtoull(end + 1, &end, 16);
    return *end == '\0';
}

/* --- The table -------------------------------------------------------- */

struct tcase {
    uint8_t mode;                /* 16, 32 or 64 */
    const char *text, *hex, *spec;
};

static const struct tcase cases[] = {
    { 16, "movw %ax,(%bx,%si)", "89 00", "w ds:4000/2=cdef" },
    { 16, "movw %ax,(%bx,%di)", "89 01", "w ds:5000/2=cdef" },
    { 16, "movw %ax,(%bp,%si)", "89 02", "w ss:5000/2=cdef" },
    { 16, "movw %ax,(%bp,%di)", "89 03", "w ss:6000/2=cdef" },
    { 16, "movw %ax,(%si)", "89 04", "w ds:3000/2=cdef" },
    { 16, "movw %ax,(%di)", "89 05", "w ds:4000/2=cdef" },
    { 16, "movw %ax,0x1234", "a3 34 12", "w ds:1234/2=cdef" },
    { 16, "movw %ax,(%bx)", "89 07", "w ds:1000/2=cdef" },
    { 16, "movw %ax,0x12(%bp)", "89 46 12", "w ss:2012/2=cdef" },
    { 16, "movw %ax,-2(%bx,%si)", "89 40 fe", "w ds:3ffe/2=cdef" },
    { 16, "movw %ax,0x1234(%bp,%di)", "89 83 34 12", "w ss:7234/2=cdef" },
    { 16, "movw %ax,0xfff0(%bx)", "89 47 f0", "w ds:ff0/2=cdef" },
    { 16, "movw %ax,%es:(%bp,%di)", "26 89 03", "w es:6000/2=cdef" },
    { 16, "movw %ax,%fs:0x7f(%bx)", "64 89 47 7f", "w fs:107f/2=cdef" },
    { 32, "addr16 movl %eax,(%bp,%si)", "67 89 02", "w ss:5000/4=89abcdef" },
    { 32, "addr16 movl %eax,-2(%bx,%di)", "67 89 41 fe",
      "w ds:4ffe/4=89abcdef" },
    { 32, "addr16 movl %eax,%gs:0x1234(%bp)", "65 67 89 86 34 12",
      "w gs:3234/4=89abcdef" },
    { 32, "addr16 movl %ecx,0x1234", "67 89 0e 34 12", "w ds:1234/4=3" },
    { 32, "movl %ecx,(%eax)", "89 08", "w ds:89abcdef/4=3" },
    { 32, "movl %ecx,(%ecx)", "89 09", "w ds:3/4=3" },
    { 32, "movl %ecx,(%edx)", "89 0a", "w ds:3f8/4=3" },
    { 32, "movl %ecx,(%ebx)", "89 0b", "w ds:1000/4=3" },
    { 32, "movl %ecx,(%esp)", "89 0c 24", "w ss:8000/4=3" },
    { 32, "movl %ecx,(%ebp)", "89 4d 00", "w ss:2000/4=3" },
    { 32, "movl %ecx,(%esi)", "89 0e", "w ds:3000/4=3" },
    { 32, "movl %ecx,(%edi)", "89 0f", "w ds:4000/4=3" },
    { 32, "movl %ecx,0x12(%ebx)", "89 4b 12", "w ds:1012/4=3" },
    { 32, "movl %ecx,-0x80(%ebx)", "89 4b 80", "w ds:f80/4=3" },
    { 32, "movl %ecx,0x12345678(%ebx)", "89 8b 78 56 34 12",
      "w ds:12346678/4=3" },
    { 32, "movl %ecx,(%ebx,%esi)", "89 0c 33", "w ds:4000/4=3" },
    { 32, "movl %ecx,(%ebx,%esi,2)", "89 0c 73", "w ds:7000/4=3" },
    { 32, "movl %ecx,4(%ebx,%esi,4)", "89 4c b3 04", "w ds:d004/4=3" },
    { 32, "movl %ecx,-8(%ebp,%edi,8)", "89 4c fd f8", "w ss:21ff8/4=3" },
    { 32, "movl %ecx,0x100(,%esi,4)", "89 0c b5 00 01 00 00",
      "w ds:c100/4=3" },
    { 32, "movl %ecx,8(%esp)", "89 4c 24 08", "w ss:8008/4=3" },
    { 32, "movl %ecx,(%esp,%ebx)", "89 0c 1c", "w ss:9000/4=3" },
    { 32, "movl %ecx,%ds:(%ebp)", "3e 89 4d 00", "w ds:2000/4=3" },
    { 32, "movl %ecx,%ss:(%ebx)", "36 89 0b", "w ss:1000/4=3" },
    { 32, "movl %ecx,%cs:(%ebx)", "2e 89 0b", "w cs:1000/4=3" },
    { 32, "movl %ecx,%es:4(%ebx)", "26 89 4b 04", "w es:1004/4=3" },
    { 32, "movl %ecx,%gs:(%ebx)", "65 89 0b", "w gs:1000/4=3" },
    { 32, "movl %ecx,0x1234", "89 0d 34 12 00 00", "w ds:1234/4=3" },
    { 16, "addr32 movw %ax,(%ebx,%esi,4)", "67 89 04 b3", "w ds:d000/2=cdef" },
    { 64, "addr32 movl %ecx,(%ebx,%esi,4)", "67 89 0c b3", "w ds:d000/4=3" },
    { 16, "addr32 movw %ax,-8(%ebp,%edi,8)", "67 89 44 fd f8",
      "w ss:21ff8/2=cdef" },
    { 64, "addr32 movl %ecx,-8(%ebp,%edi,8)", "67 89 4c fd f8",
      "w ss:21ff8/4=3" },
    { 16, "addr32 movw %ax,(%eax)", "67 89 00", "w ds:89abcdef/2=cdef" },
    { 64, "addr32 movl %ecx,(%eax)", "67 89 08", "w ds:89abcdef/4=3" },
    { 16, "addr32 movw %ax,%fs:(%ebp)", "64 67 89 45 00", "w fs:2000/2=cdef" },
    { 64, "addr32 movl %ecx,%gs:(%ebp)", "65 67 89 4d 00", "w gs:2000/4=3" },
    { 64, "movl %ecx,(%eax)", "67 89 08",
      "rax=0xffffffff00001234 | w ds:1234/4=3" },
    { 64, "movl %ecx,-4(%eax,%ebx)", "67 89 4c 18 fc",
      "rax=0xfffffff0 | w ds:fec/4=3" },
    { 64, "movl %ecx,(%rax)", "89 08", "w ds:123456789abcdef/4=3" },
    { 64, "movl %ecx,(%rsp)", "89 0c 24", "w ss:8000/4=3" },
    { 64, "movl %ecx,(%rbp)", "89 4d 00", "w ss:2000/4=3" },
    { 64, "movl %ecx,(%r8)", "41 89 08", "w ds:10/4=3" },
    { 64, "movl %ecx,(%r9)", "41 89 09", "w ds:fffffffffffffff0/4=3" },
    { 64, "movl %ecx,(%r12)", "41 89 0c 24", "w ds:c00000/4=3" },
    { 64, "movl %ecx,(%r13)", "41 89 4d 00", "w ds:d000000/4=3" },
    { 64, "movl %ecx,0x10(%r15)", "41 89 4f 10", "w ds:f00000010/4=3" },
    { 64, "movl %ecx,(%rax,%r12,2)", "42 89 0c 60",
      "w ds:12345678b2bcdef/4=3" },
    { 64, "movl %ecx,(%r8,%r9,8)", "43 89 0c c8",
      "w ds:ffffffffffffff90/4=3" },
    { 64, "movl %ecx,-0x1000(%r14,%rbx)", "41 89 8c 1e 00 f0 ff ff",
      "w ds:e0000000/4=3" },
    { 64, "movl %ecx,0x10(%rip)", "89 0d 10 00 00 00", "w ds:100016/4=3" },
    { 64, "movl %ecx,-0x20(%rip)", "89 0d e0 ff ff ff", "w ds:fffe6/4=3" },
    { 64, "movl %ecx,0x10(%eip)", "67 89 0d 10 00 00 00", "w ds:100017/4=3" },
    { 64, "movl %ecx,0x1000", "89 0c 25 00 10 00 00", "w ds:1000/4=3" },
    { 64, "movl %ecx,0xfffffffffffffff0", "89 0c 25 f0 ff ff ff",
      "w ds:fffffffffffffff0/4=3" },
    { 64, "movl %ecx,(,%r10,8)", "42 89 0c d5 00 00 00 00", "w ds:50000/4=3" },
    { 64, "movl %ecx,%fs:0x28", "64 89 0c 25 28 00 00 00", "w fs:28/4=3" },
    { 64, "movl %ecx,%gs:(%rbx)", "65 89 0b", "w gs:1000/4=3" },
    { 64, "movl %ecx,%es:(%rbx)", "26 89 0b", "w ds:1000/4=3" },
    { 64, "movl %ecx,%cs:(%rbp)", "2e 89 4d 00", "w ss:2000/4=3" },
    { 64, "movl %ecx,%ss:(%rbx)", "36 89 0b", "w ds:1000/4=3" },
    { 64, "movl %ecx,8(%rsp,%rcx,4)", "89 4c 8c 08", "w ss:8014/4=3" },
    { 64, "movl $0x5,0x10(%rip)", "c7 05 10 00 00 00 05 00 00 00",
      "w ds:10001a/4=5" },
    { 64, "movq $-2,-0x20(%rip)", "48 c7 05 e0 ff ff ff fe ff ff ff",
      "w ds:fffeb/8=fffffffffffffffe" },
    { 64, "movw $0x1234,0x10(%rip)", "66 c7 05 10 00 00 00 34 12",
      "w ds:100019/2=1234" },
    { 64, "movb $0x12,0x10(%rip)", "c6 05 10 00 00 00 12",
      "w ds:100017/1=12" },
    { 16, "movb %ah,(%bx)", "88 27", "w ds:1000/1=cd" },
    { 16, "movw %dx,(%bx)", "89 17", "w ds:1000/2=3f8" },
    { 16, "movl %ecx,(%bx)", "66 89 0f", "w ds:1000/4=3" },
    { 16, "movb $0x81,(%bx)", "c6 07 81", "w ds:1000/1=81" },
    { 16, "movw $0x8234,(%bx)", "c7 07 34 82", "w ds:1000/2=8234" },
    { 16, "movl $0x87654321,(%bx)", "66 c7 07 21 43 65 87",
      "w ds:1000/4=87654321" },
    { 16, "movb (%bx),%ch", "8a 2f", "r ds:1000/1=6a rcx=6a03" },
    { 16, "movw (%bx),%cx", "8b 0f", "r ds:1000/2=896a rcx=896a" },
    { 16, "movl (%bx),%ecx", "66 8b 0f", "r ds:1000/4=c7a8896a rcx=c7a8896a" },
    { 16, "movzbw (%bx),%cx", "0f b6 0f",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=f0" },
    { 16, "movzbl (%bx),%ecx", "66 0f b6 0f",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=f0" },
    { 16, "movzwl (%bx),%ecx", "66 0f b7 0f",
      "mem=0x80f0 | r ds:1000/2=80f0 rcx=80f0" },
    { 16, "movsbw (%bx),%cx", "0f be 0f",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=fff0" },
    { 16, "movsbl (%bx),%ecx", "66 0f be 0f",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=fffffff0" },
    { 16, "movswl (%bx),%ecx", "66 0f bf 0f",
      "mem=0x80f0 | r ds:1000/2=80f0 rcx=ffff80f0" },
    { 16, "mov 0x1234,%al", "a0 34 12", "r ds:1234/1=b8 rax=123456789abcdb8" },
    { 16, "mov 0x1234,%eax", "66 a1 34 12",
      "r ds:1234/4=15f6d7b8 rax=15f6d7b8" },
    { 16, "mov %ax,0x1234", "a3 34 12", "w ds:1234/2=cdef" },
    { 32, "movb %ah,(%ebx)", "88 23", "w ds:1000/1=cd" },
    { 32, "movw %dx,(%ebx)", "66 89 13", "w ds:1000/2=3f8" },
    { 32, "movl %ecx,(%ebx)", "89 0b", "w ds:1000/4=3" },
    { 32, "movb $0x81,(%ebx)", "c6 03 81", "w ds:1000/1=81" },
    { 32, "movw $0x8234,(%ebx)", "66 c7 03 34 82", "w ds:1000/2=8234" },
    { 32, "movl $0x87654321,(%ebx)", "c7 03 21 43 65 87",
      "w ds:1000/4=87654321" },
    { 32, "movb (%ebx),%ch", "8a 2b", "r ds:1000/1=6a rcx=6a03" },
    { 32, "movw (%ebx),%cx", "66 8b 0b", "r ds:1000/2=896a rcx=896a" },
    { 32, "movl (%ebx),%ecx", "8b 0b", "r ds:1000/4=c7a8896a rcx=c7a8896a" },
    { 32, "movzbw (%ebx),%cx", "66 0f b6 0b",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=f0" },
    { 32, "movzbl (%ebx),%ecx", "0f b6 0b",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=f0" },
    { 32, "movzwl (%ebx),%ecx", "0f b7 0b",
      "mem=0x80f0 | r ds:1000/2=80f0 rcx=80f0" },
    { 32, "movsbw (%ebx),%cx", "66 0f be 0b",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=fff0" },
    { 32, "movsbl (%ebx),%ecx", "0f be 0b",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=fffffff0" },
    { 32, "movswl (%ebx),%ecx", "0f bf 0b",
      "mem=0x80f0 | r ds:1000/2=80f0 rcx=ffff80f0" },
    { 32, "mov 0xfee000b0,%al", "a0 b0 00 e0 fe",
      "r ds:fee000b0/1=aa rax=123456789abcdaa" },
    { 32, "mov 0xfee000b0,%eax", "a1 b0 00 e0 fe",
      "r ds:fee000b0/4=7e8c9aa rax=7e8c9aa" },
    { 32, "mov %ax,0xfee000b0", "66 a3 b0 00 e0 fe", "w ds:fee000b0/2=cdef" },
    { 64, "movb %ah,(%rbx)", "88 23", "w ds:1000/1=cd" },
    { 64, "movw %dx,(%rbx)", "66 89 13", "w ds:1000/2=3f8" },
    { 64, "movl %ecx,(%rbx)", "89 0b", "w ds:1000/4=3" },
    { 64, "movb $0x81,(%rbx)", "c6 03 81", "w ds:1000/1=81" },
    { 64, "movw $0x8234,(%rbx)", "66 c7 03 34 82", "w ds:1000/2=8234" },
    { 64, "movl $0x87654321,(%rbx)", "c7 03 21 43 65 87",
      "w ds:1000/4=87654321" },
    { 64, "movb (%rbx),%ch", "8a 2b", "r ds:1000/1=6a rcx=6a03" },
    { 64, "movw (%rbx),%cx", "66 8b 0b", "r ds:1000/2=896a rcx=896a" },
    { 64, "movl (%rbx),%ecx", "8b 0b", "r ds:1000/4=c7a8896a rcx=c7a8896a" },
    { 64, "movzbw (%rbx),%cx", "66 0f b6 0b",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=f0" },
    { 64, "movzbl (%rbx),%ecx", "0f b6 0b",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=f0" },
    { 64, "movzwl (%rbx),%ecx", "0f b7 0b",
      "mem=0x80f0 | r ds:1000/2=80f0 rcx=80f0" },
    { 64, "movsbw (%rbx),%cx", "66 0f be 0b",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=fff0" },
    { 64, "movsbl (%rbx),%ecx", "0f be 0b",
      "mem=0x80f0 | r ds:1000/1=f0 rcx=fffffff0" },
    { 64, "movswl (%rbx),%ecx", "0f bf 0b",
      "mem=0x80f0 | r ds:1000/2=80f0 rcx=ffff80f0" },
    { 64, "movabs 0xfee000b0,%al", "a0 b0 00 e0 fe 00 00 00 00",
      "r ds:fee000b0/1=aa rax=123456789abcdaa" },
    { 64, "movabs 0xfee000b0,%eax", "a1 b0 00 e0 fe 00 00 00 00",
      "r ds:fee000b0/4=7e8c9aa rax=7e8c9aa" },
    { 64, "movabs %ax,0xfee000b0", "66 a3 b0 00 e0 fe 00 00 00 00",
      "w ds:fee000b0/2=cdef" },
    { 16, "addr32 mov 0x12345678,%al", "67 a0 78 56 34 12",
      "r ds:12345678/1=38 rax=123456789abcd38" },
    { 32, "addr16 mov 0x1234,%eax", "67 a1 34 12",
      "r ds:1234/4=15f6d7b8 rax=15f6d7b8" },
    { 16, "movb %al,(%bx)", "88 07", "w ds:1000/1=ef" },
    { 32, "movb %bh,(%ebx)", "88 3b", "w ds:1000/1=10" },
    { 64, "movb %sil,(%rbx)", "40 88 33", "w ds:1000/1=0" },
    { 64, "movb %r9b,(%rbx)", "44 88 0b", "w ds:1000/1=f0" },
    { 64, "rex movb %al,(%rbx)", "40 88 03", "w ds:1000/1=ef" },
    { 64, "movb (%rbx),%dil", "40 8a 3b", "r ds:1000/1=6a rdi=406a" },
    { 64, "movb (%rbx),%dh", "8a 33", "r ds:1000/1=6a rdx=6af8" },
    { 64, "movb (%rbx),%r15b", "44 8a 3b", "r ds:1000/1=6a r15=f0000006a" },
    { 64, "movq %rax,(%rbx)", "48 89 03", "w ds:1000/8=123456789abcdef" },
    { 64, "movq %r11,(%r12)", "4d 89 1c 24", "w ds:c00000/8=b0000" },
    { 64, "movq (%rbx),%r8", "4c 8b 03",
      "r ds:1000/8=432405e6c7a8896a r8=432405e6c7a8896a" },
    { 64, "movl (%rbx),%r8d", "44 8b 03", "r ds:1000/4=c7a8896a r8=c7a8896a" },
    { 64, "movw (%rbx),%r8w", "66 44 8b 03", "r ds:1000/2=896a r8=896a" },
    { 64, "movq $-2,(%rbx)", "48 c7 03 fe ff ff ff",
      "w ds:1000/8=fffffffffffffffe" },
    { 64, "movq $0x7fffffff,(%rbx)", "48 c7 03 ff ff ff 7f",
      "w ds:1000/8=7fffffff" },
    { 64, "data16 movq %rax,(%rbx)", "66 48 89 03",
      "w ds:1000/8=123456789abcdef" },
    { 64, "rex.W movl %eax,(%rbx)", "48 89 03",
      "w ds:1000/8=123456789abcdef" },
    { 64, "movabs 0x1122334455667788,%rax", "48 a1 88 77 66 55 44 33 22 11",
      "r ds:1122334455667788/8=2203e4c5a6876849 rax=2203e4c5a6876849" },
    { 64, "movabs %eax,0x1122334455667788", "a3 88 77 66 55 44 33 22 11",
      "w ds:1122334455667788/4=89abcdef" },
    { 64, "addr32 movabs 0x11223344,%al", "67 a0 44 33 22 11",
      "r ds:11223344/1=c9 rax=123456789abcdc9" },
    { 64, "movzbq (%rbx),%rcx", "48 0f b6 0b",
      "mem=0x800080f0 | r ds:1000/1=f0 rcx=f0" },
    { 64, "movzwq (%rbx),%rcx", "48 0f b7 0b",
      "mem=0x800080f0 | r ds:1000/2=80f0 rcx=80f0" },
    { 64, "movsbq (%rbx),%rcx", "48 0f be 0b",
      "mem=0x800080f0 | r ds:1000/1=f0 rcx=fffffffffffffff0" },
    { 64, "movswq (%rbx),%rcx", "48 0f bf 0b",
      "mem=0x800080f0 | r ds:1000/2=80f0 rcx=ffffffffffff80f0" },
    { 64, "movslq (%rbx),%rcx", "48 63 0b",
      "mem=0x800080f0 | r ds:1000/4=800080f0 rcx=ffffffff800080f0" },
    { 64, "movsbw (%rbx),%r10w", "66 44 0f be 13",
      "mem=0x7f | r ds:1000/1=7f r10=7f" },
    { 64, "movzbl (%rbx),%r10d", "44 0f b6 13",
      "mem=0xff | r ds:1000/1=ff r10=ff" },
    { 16, "orb %ah,(%bx)", "08 27",
      "mem=0x7f rflags=0x3 | r ds:1000/1=7f w ds:1000/1=ff rflags=86" },
    { 16, "adcw %ax,(%bx)", "11 07",
      "rflags=0x3 | r ds:1000/2=896a w ds:1000/2=575a rflags=817" },
    { 16, "sbbb (%bx),%cl", "1a 0f",
      "mem=0x81 | r ds:1000/1=81 rcx=82 rflags=887" },
    { 16, "andw (%bx),%cx", "23 0f",
      "rflags=0x1 | r ds:1000/2=896a rcx=2 rflags=0" },
    { 16, "subb $0x80,(%bx)", "80 2f 80",
      "mem=0x80 | r ds:1000/1=80 w ds:1000/1=0 rflags=46" },
    { 16, "xorw $0x1234,(%bx)", "81 37 34 12",
      "r ds:1000/2=896a w ds:1000/2=9b5e rflags=82" },
    { 16, "cmpw $-3,(%bx)", "83 3f fd", "mem=0x3 | r ds:1000/2=3 rflags=17" },
    { 16, "addw %dx,(%bx)", "01 17",
      "r ds:1000/2=896a w ds:1000/2=8d62 rflags=92" },
    { 16, "lock orl %edx,(%bx)", "66 f0 09 17",
      "r ds:1000/4=c7a8896a w ds:1000/4=c7a88bfa rflags=86" },
    { 16, "lock andl %edx,(%bx)", "66 f0 21 17",
      "r ds:1000/4=c7a8896a w ds:1000/4=168" },
    { 32, "adcb %ah,(%ebx)", "10 23",
      "mem=0x7f rflags=0x3 | r ds:1000/1=7f w ds:1000/1=4d rflags=17" },
    { 32, "sbbl %eax,(%ebx)", "19 03",
      "rflags=0x3 | r ds:1000/4=c7a8896a w ds:1000/4=3dfcbb7a rflags=12" },
    { 32, "andb (%ebx),%cl", "22 0b", "mem=0x81 | r ds:1000/1=81 rcx=1" },
    { 32, "subl (%ebx),%ecx", "2b 0b",
      "rflags=0x1 | r ds:1000/4=c7a8896a rcx=38577699 rflags=15" },
    { 32, "xorb $0x80,(%ebx)", "80 33 80",
      "mem=0x80 | r ds:1000/1=80 w ds:1000/1=0 rflags=46" },
    { 32, "cmpl $0x1234,(%ebx)", "81 3b 34 12 00 00",
      "r ds:1000/4=c7a8896a rflags=86" },
    { 32, "addl $-3,(%ebx)", "83 03 fd",
      "mem=0x3 | r ds:1000/4=3 w ds:1000/4=0 rflags=57" },
    { 32, "orw %dx,(%ebx)", "66 09 13",
      "r ds:1000/2=896a w ds:1000/2=8bfa rflags=86" },
    { 32, "lock adcl %edx,(%ebx)", "f0 11 13",
      "r ds:1000/4=c7a8896a w ds:1000/4=c7a88d62 rflags=92" },
    { 32, "lock subl %edx,(%ebx)", "f0 29 13",
      "r ds:1000/4=c7a8896a w ds:1000/4=c7a88572 rflags=86" },
    { 64, "andb %ah,(%rbx)", "20 23",
      "mem=0x7f rflags=0x3 | r ds:1000/1=7f w ds:1000/1=4d rflags=6" },
    { 64, "subq %rax,(%rbx)", "48 29 03",
      "rflags=0x3 | r ds:1000/8=432405e6c7a8896a "
      "w ds:1000/8=4200c07f3dfcbb7b rflags=16" },
    { 64, "xorb (%rbx),%cl", "32 0b",
      "mem=0x81 | r ds:1000/1=81 rcx=82 rflags=86" },
    { 64, "cmpq (%rbx),%rcx", "48 3b 0b",
      "rflags=0x1 | r ds:1000/8=432405e6c7a8896a rflags=95" },
    { 64, "addb $0x80,(%rbx)", "80 03 80",
      "mem=0x80 | r ds:1000/1=80 w ds:1000/1=0 rflags=847" },
    { 64, "orq $0x1234,(%rbx)", "48 81 0b 34 12 00 00",
      "r ds:1000/8=432405e6c7a8896a w ds:1000/8=432405e6c7a89b7e rflags=6" },
    { 64, "adcq $-3,(%rbx)", "48 83 13 fd",
      "mem=0x3 | r ds:1000/8=3 w ds:1000/8=0 rflags=57" },
    { 64, "sbbw %dx,(%rbx)", "66 19 13",
      "r ds:1000/2=896a w ds:1000/2=8572 rflags=86" },
    { 64, "lock addl %edx,(%rbx)", "f0 01 13",
      "r ds:1000/4=c7a8896a w ds:1000/4=c7a88d62 rflags=92" },
    { 64, "lock orl %edx,(%rbx)", "f0 09 13",
      "r ds:1000/4=c7a8896a w ds:1000/4=c7a88bfa rflags=86" },
    { 64, "lock adcl %edx,(%rbx)", "f0 11 13",
      "r ds:1000/4=c7a8896a w ds:1000/4=c7a88d62 rflags=92" },
    { 64, "lock sbbl %edx,(%rbx)", "f0 19 13",
      "r ds:1000/4=c7a8896a w ds:1000/4=c7a88572 rflags=86" },
    { 64, "lock andl %edx,(%rbx)", "f0 21 13",
      "r ds:1000/4=c7a8896a w ds:1000/4=168" },
    { 64, "lock subl %edx,(%rbx)", "f0 29 13",
      "r ds:1000/4=c7a8896a w ds:1000/4=c7a88572 rflags=86" },
    { 64, "lock xorl %edx,(%rbx)", "f0 31 13",
      "r ds:1000/4=c7a8896a w ds:1000/4=c7a88a92 rflags=82" },
    { 32, "addw $0x7fff,(%ebx)", "66 81 03 ff 7f",
      "mem=0x7fff rflags=0x1 | r ds:1000/2=7fff w ds:1000/2=fffe rflags=890" },
    { 64, "addq %r9,(%r8)", "4d 01 08",
      "mem=0x8000000000000000 rflags=0x1 | r ds:10/8=8000000000000000 "
      "w ds:10/8=7ffffffffffffff0 rflags=805" },
    { 32, "orw $0x7fff,(%ebx)", "66 81 0b ff 7f",
      "mem=0x7fff rflags=0x1 | r ds:1000/2=7fff w ds:1000/2=7fff rflags=4" },
    { 64, "orq %r9,(%r8)", "4d 09 08",
      "mem=0x8000000000000000 rflags=0x1 | r ds:10/8=8000000000000000 "
      "w ds:10/8=fffffffffffffff0 rflags=84" },
    { 32, "adcw $0x7fff,(%ebx)", "66 81 13 ff 7f",
      "mem=0x7fff rflags=0x1 | r ds:1000/2=7fff w ds:1000/2=ffff rflags=894" },
    { 64, "adcq %r9,(%r8)", "4d 11 08",
      "mem=0x8000000000000000 rflags=0x1 | r ds:10/8=8000000000000000 "
      "w ds:10/8=7ffffffffffffff1 rflags=801" },
    { 32, "sbbw $0x7fff,(%ebx)", "66 81 1b ff 7f",
      "mem=0x7fff rflags=0x1 | r ds:1000/2=7fff w ds:1000/2=ffff rflags=95" },
    { 64, "sbbq %r9,(%r8)", "4d 19 08",
      "mem=0x8000000000000000 rflags=0x1 | r ds:10/8=8000000000000000 "
      "w ds:10/8=800000000000000f rflags=95" },
    { 32, "andw $0x7fff,(%ebx)", "66 81 23 ff 7f",
      "mem=0x7fff rflags=0x1 | r ds:1000/2=7fff w ds:1000/2=7fff rflags=4" },
    { 64, "andq %r9,(%r8)", "4d 21 08",
      "mem=0x8000000000000000 rflags=0x1 | r ds:10/8=8000000000000000 "
      "w ds:10/8=8000000000000000 rflags=84" },
    { 32, "subw $0x7fff,(%ebx)", "66 81 2b ff 7f",
      "mem=0x7fff rflags=0x1 | r ds:1000/2=7fff w ds:1000/2=0 rflags=44" },
    { 64, "subq %r9,(%r8)", "4d 29 08",
      "mem=0x8000000000000000 rflags=0x1 | r ds:10/8=8000000000000000 "
      "w ds:10/8=8000000000000010 rflags=81" },
    { 32, "xorw $0x7fff,(%ebx)", "66 81 33 ff 7f",
      "mem=0x7fff rflags=0x1 | r ds:1000/2=7fff w ds:1000/2=0 rflags=44" },
    { 64, "xorq %r9,(%r8)", "4d 31 08",
      "mem=0x8000000000000000 rflags=0x1 | r ds:10/8=8000000000000000 "
      "w ds:10/8=7ffffffffffffff0 rflags=4" },
    { 32, "cmpw $0x7fff,(%ebx)", "66 81 3b ff 7f",
      "mem=0x7fff rflags=0x1 | r ds:1000/2=7fff rflags=44" },
    { 64, "cmpq %r9,(%r8)", "4d 39 08",
      "mem=0x8000000000000000 rflags=0x1 | r ds:10/8=8000000000000000 "
      "rflags=81" },
    { 64, "addq $-1,(%rbx)", "48 83 03 ff",
      "mem=0x1 | r ds:1000/8=1 w ds:1000/8=0 rflags=57" },
    { 64, "subl (%rbx),%r13d", "44 2b 2b",
      "mem=0xd000001 | r ds:1000/4=d000001 r13=ffffffff rflags=97" },
    { 64, "adcb %r12b,(%rbx)", "44 10 23",
      "mem=0xff rflags=0x1 | r ds:1000/1=ff w ds:1000/1=0 rflags=55" },
    { 16, "subw $1,(%bx)", "83 2f 01",
      "mem=0x8000 | r ds:1000/2=8000 w ds:1000/2=7fff rflags=816" },
    { 32, "lock addw %ax,%fs:(%esi)", "64 66 f0 01 06",
      "r fs:3000/2=a98a w fs:3000/2=7779 rflags=813" },
    { 64, "lock orq %rax,%gs:0x18", "65 f0 48 09 04 25 18 00 00 00",
      "r gs:18/8=1bfcddbe9f806142 w gs:18/8=1bffddff9fabedef" },
    { 16, "testb %ah,(%bx)", "84 27", "mem=0x10 | r ds:1000/1=10 rflags=46" },
    { 16, "testw %ax,(%bx)", "85 07",
      "mem=0x8000 | r ds:1000/2=8000 rflags=86" },
    { 16, "testb $0x81,(%bx)", "f6 07 81", "r ds:1000/1=6a rflags=46" },
    { 16, "testl $0x12345678,(%bx)", "66 f7 07 78 56 34 12",
      "r ds:1000/4=c7a8896a" },
    { 16, "xchgb %ch,(%bx)", "86 2f",
      "r ds:1000/1=6a w ds:1000/1=0 rcx=6a03" },
    { 16, "xchgw (%bx),%dx", "87 17",
      "r ds:1000/2=896a w ds:1000/2=3f8 rdx=896a" },
    { 16, "lock xchgl %eax,(%bx)", "66 f0 87 07",
      "r ds:1000/4=c7a8896a w ds:1000/4=89abcdef rax=c7a8896a" },
    { 32, "testb %ah,(%ebx)", "84 23", "mem=0x10 | r ds:1000/1=10 rflags=46" },
    { 32, "testw %ax,(%ebx)", "66 85 03",
      "mem=0x8000 | r ds:1000/2=8000 rflags=86" },
    { 32, "testb $0x81,(%ebx)", "f6 03 81", "r ds:1000/1=6a rflags=46" },
    { 32, "testl $0x12345678,(%ebx)", "f7 03 78 56 34 12",
      "r ds:1000/4=c7a8896a" },
    { 32, "xchgb %ch,(%ebx)", "86 2b",
      "r ds:1000/1=6a w ds:1000/1=0 rcx=6a03" },
    { 32, "xchgw (%ebx),%dx", "66 87 13",
      "r ds:1000/2=896a w ds:1000/2=3f8 rdx=896a" },
    { 32, "lock xchgl %eax,(%ebx)", "f0 87 03",
      "r ds:1000/4=c7a8896a w ds:1000/4=89abcdef rax=c7a8896a" },
    { 64, "testb %ah,(%rbx)", "84 23", "mem=0x10 | r ds:1000/1=10 rflags=46" },
    { 64, "testw %ax,(%rbx)", "66 85 03",
      "mem=0x8000 | r ds:1000/2=8000 rflags=86" },
    { 64, "testb $0x81,(%rbx)", "f6 03 81", "r ds:1000/1=6a rflags=46" },
    { 64, "testl $0x12345678,(%rbx)", "f7 03 78 56 34 12",
      "r ds:1000/4=c7a8896a" },
    { 64, "xchgb %ch,(%rbx)", "86 2b",
      "r ds:1000/1=6a w ds:1000/1=0 rcx=6a03" },
    { 64, "xchgw (%rbx),%dx", "66 87 13",
      "r ds:1000/2=896a w ds:1000/2=3f8 rdx=896a" },
    { 64, "lock xchgl %eax,(%rbx)", "f0 87 03",
      "r ds:1000/4=c7a8896a w ds:1000/4=89abcdef rax=c7a8896a" },
    { 64, "testq $-1,(%rbx)", "48 f7 03 ff ff ff ff",
      "mem=0x0 | r ds:1000/8=0 rflags=46" },
    { 64, "testq %r9,(%rbx)", "4c 85 0b",
      "mem=0x8000000000000000 | r ds:1000/8=8000000000000000 rflags=86" },
    { 64, "xchgq %r15,(%rbx)", "4c 87 3b",
      "r ds:1000/8=432405e6c7a8896a w ds:1000/8=f00000000 "
      "r15=432405e6c7a8896a" },
    { 64, "xchgb %sil,(%rbx)", "40 86 33",
      "r ds:1000/1=6a w ds:1000/1=0 rsi=306a" },
    { 16, "btsw %cx,(%bx)", "0f ab 0f",
      "r ds:1000/2=896a w ds:1000/2=896a rflags=3" },
    { 16, "btrl %ecx,(%bx)", "66 0f b3 0f",
      "rcx=0x64 | r ds:100c/4=3b1cfdde w ds:100c/4=3b1cfdce rflags=3" },
    { 16, "btcw %cx,(%bx)", "0f bb 0f",
      "rcx=0xfff9 | r ds:ffe/2=4a2b w ds:ffe/2=482b rflags=3" },
    { 16, "btl $33,(%bx)", "66 0f ba 27 21", "r ds:1000/4=c7a8896a rflags=3" },
    { 16, "btsw $0x13,(%bx)", "0f ba 2f 13",
      "mem=0xffff | r ds:1000/2=ffff w ds:1000/2=ffff rflags=3" },
    { 16, "lock btsl %edx,(%bx)", "66 f0 0f ab 17",
      "r ds:107c/4=cbac8d6e w ds:107c/4=cbac8d6e rflags=3" },
    { 32, "btrw %cx,(%ebx)", "66 0f b3 0b",
      "r ds:1000/2=896a w ds:1000/2=8962 rflags=3" },
    { 32, "btcl %ecx,(%ebx)", "0f bb 0b",
      "rcx=0x64 | r ds:100c/4=3b1cfdde w ds:100c/4=3b1cfdce rflags=3" },
    { 32, "btw %cx,(%ebx)", "66 0f a3 0b",
      "rcx=0xfff9 | r ds:ffe/2=4a2b rflags=3" },
    { 32, "btsl $33,(%ebx)", "0f ba 2b 21",
      "r ds:1000/4=c7a8896a w ds:1000/4=c7a8896a rflags=3" },
    { 32, "btrw $0x13,(%ebx)", "66 0f ba 33 13",
      "mem=0xffff | r ds:1000/2=ffff w ds:1000/2=fff7 rflags=3" },
    { 32, "lock btrl %edx,(%ebx)", "f0 0f b3 13",
      "r ds:107c/4=cbac8d6e w ds:107c/4=caac8d6e rflags=3" },
    { 64, "btw %cx,(%rbx)", "66 0f a3 0b", "r ds:1000/2=896a rflags=3" },
    { 64, "btsl %ecx,(%rbx)", "0f ab 0b",
      "rcx=0x64 | r ds:100c/4=3b1cfdde w ds:100c/4=3b1cfdde rflags=3" },
    { 64, "btrw %cx,(%rbx)", "66 0f b3 0b",
      "rcx=0xfff9 | r ds:ffe/2=4a2b w ds:ffe/2=482b rflags=3" },
    { 64, "btcl $33,(%rbx)", "0f ba 3b 21",
      "r ds:1000/4=c7a8896a w ds:1000/4=c7a88968 rflags=3" },
    { 64, "btw $0x13,(%rbx)", "66 0f ba 23 13",
      "mem=0xffff | r ds:1000/2=ffff rflags=3" },
    { 64, "lock btcl %edx,(%rbx)", "f0 0f bb 13",
      "r ds:107c/4=cbac8d6e w ds:107c/4=caac8d6e rflags=3" },
    { 64, "btq %r9,(%rbx)", "4c 0f a3 0b",
      "r ds:ff8/8=4a2b0cedceaf9071 rflags=3" },
    { 64, "btq $63,(%rbx)", "48 0f ba 23 3f",
      "mem=0x8000000000000000 | r ds:1000/8=8000000000000000 rflags=3" },
    { 64, "btsq %r9,(%rbx)", "4c 0f ab 0b",
      "r ds:ff8/8=4a2b0cedceaf9071 w ds:ff8/8=4a2b0cedceaf9071 rflags=3" },
    { 64, "btsq $63,(%rbx)", "48 0f ba 2b 3f",
      "mem=0x8000000000000000 | r ds:1000/8=8000000000000000 "
      "w ds:1000/8=8000000000000000 rflags=3" },
    { 64, "btrq %r9,(%rbx)", "4c 0f b3 0b",
      "r ds:ff8/8=4a2b0cedceaf9071 w ds:ff8/8=4a2a0cedceaf9071 rflags=3" },
    { 64, "btrq $63,(%rbx)", "48 0f ba 33 3f",
      "mem=0x8000000000000000 | r ds:1000/8=8000000000000000 w ds:1000/8=0 "
      "rflags=3" },
    { 64, "btcq %r9,(%rbx)", "4c 0f bb 0b",
      "r ds:ff8/8=4a2b0cedceaf9071 w ds:ff8/8=4a2a0cedceaf9071 rflags=3" },
    { 64, "btcq $63,(%rbx)", "48 0f ba 3b 3f",
      "mem=0x8000000000000000 | r ds:1000/8=8000000000000000 w ds:1000/8=0 "
      "rflags=3" },
    { 64, "btsq %rcx,(%rbx)", "48 0f ab 0b",
      "rcx=0x8000000000000000 | r ds:f000000000001000/8=432405e6c7a8896a "
      "w ds:f000000000001000/8=432405e6c7a8896b" },
    { 64, "btrl %ecx,(%rbx)", "0f b3 0b",
      "rcx=0xffffffff80000000 | r ds:fffffffff0001000/4=c7a8896a "
      "w ds:fffffffff0001000/4=c7a8896a" },
    { 16, "btw %cx,(%bx)", "0f a3 0f", "rcx=0x8000 | r ds:0/2=795a" },
    { 32, "addr16 btl %ecx,(%bx)", "67 0f a3 0f",
      "rcx=0x80000000 | r ds:1000/4=c7a8896a" },
    { 16, "movsb", "a4", "r ds:3000/1=8a w es:4000/1=8a rsi=3001 rdi=4001" },
    { 16, "stosw", "ab", "w es:4000/2=cdef rdi=4002" },
    { 16, "lodsl", "66 ad", "r ds:3000/4=e7c8a98a rax=e7c8a98a rsi=3004" },
    { 16, "cmpsb", "a6",
      "r ds:3000/1=8a r es:4000/1=9a rsi=3001 rdi=4001 rflags=87" },
    { 16, "scasw", "af", "r es:4000/2=b99a rdi=4002 rflags=6" },
    { 16, "insl", "66 6d", "i 3f8/4=c2a38465 w es:4000/4=c2a38465 rdi=4004" },
    { 16, "outsb", "6e", "r ds:3000/1=8a o 3f8/1=8a rsi=3001" },
    { 16, "rep movsl", "66 f3 a5",
      "r ds:3000/4=e7c8a98a w es:4000/4=e7c8a98a r ds:3004/4=63442506 "
      "w es:4004/4=63442506 r ds:3008/4=dfc0a182 w es:4008/4=dfc0a182 rcx=0 "
      "rsi=300c rdi=400c" },
    { 16, "rep stosw", "f3 ab",
      "rflags=0x402 | w es:4000/2=cdef w es:3ffe/2=cdef w es:3ffc/2=cdef "
      "rcx=0 rdi=3ffa" },
    { 16, "rep insw", "f3 6d",
      "i 3f8/2=8465 w es:4000/2=8465 i 3f8/2=8465 w es:4002/2=8465 "
      "i 3f8/2=8465 w es:4004/2=8465 rcx=0 rdi=4006" },
    { 16, "rep outsb", "f3 6e",
      "rflags=0x402 | r ds:3000/1=8a o 3f8/1=8a r ds:2fff/1=6a o 3f8/1=6a "
      "r ds:2ffe/1=4b o 3f8/1=4b rcx=0 rsi=2ffd" },
    { 16, "repe cmpsb", "f3 a6",
      "mem=0x44 | r ds:3000/1=44 r es:4000/1=44 r ds:3001/1=44 "
      "r es:4001/1=44 r ds:3002/1=44 r es:4002/1=44 rcx=0 rsi=3003 rdi=4003 "
      "rflags=46" },
    { 16, "repne scasb", "f2 ae",
      "mem=0xef | r es:4000/1=ef rcx=2 rdi=4001 rflags=46" },
    { 16, "rep movsb", "f3 a4", "rcx=0x0 | " },
    { 16, "fs movsb", "64 a4",
      "r fs:3000/1=8a w es:4000/1=8a rsi=3001 rdi=4001" },
    { 32, "movsb", "a4", "r ds:3000/1=8a w es:4000/1=8a rsi=3001 rdi=4001" },
    { 32, "stosw", "66 ab", "w es:4000/2=cdef rdi=4002" },
    { 32, "lodsl", "ad", "r ds:3000/4=e7c8a98a rax=e7c8a98a rsi=3004" },
    { 32, "cmpsb", "a6",
      "r ds:3000/1=8a r es:4000/1=9a rsi=3001 rdi=4001 rflags=87" },
    { 32, "scasw", "66 af", "r es:4000/2=b99a rdi=4002 rflags=6" },
    { 32, "insl", "6d", "i 3f8/4=c2a38465 w es:4000/4=c2a38465 rdi=4004" },
    { 32, "outsb", "6e", "r ds:3000/1=8a o 3f8/1=8a rsi=3001" },
    { 32, "rep movsl", "f3 a5",
      "r ds:3000/4=e7c8a98a w es:4000/4=e7c8a98a r ds:3004/4=63442506 "
      "w es:4004/4=63442506 r ds:3008/4=dfc0a182 w es:4008/4=dfc0a182 rcx=0 "
      "rsi=300c rdi=400c" },
    { 32, "rep stosw", "66 f3 ab",
      "rflags=0x402 | w es:4000/2=cdef w es:3ffe/2=cdef w es:3ffc/2=cdef "
      "rcx=0 rdi=3ffa" },
    { 32, "rep insw", "66 f3 6d",
      "i 3f8/2=8465 w es:4000/2=8465 i 3f8/2=8465 w es:4002/2=8465 "
      "i 3f8/2=8465 w es:4004/2=8465 rcx=0 rdi=4006" },
    { 32, "rep outsb", "f3 6e",
      "rflags=0x402 | r ds:3000/1=8a o 3f8/1=8a r ds:2fff/1=6a o 3f8/1=6a "
      "r ds:2ffe/1=4b o 3f8/1=4b rcx=0 rsi=2ffd" },
    { 32, "repe cmpsb", "f3 a6",
      "mem=0x44 | r ds:3000/1=44 r es:4000/1=44 r ds:3001/1=44 "
      "r es:4001/1=44 r ds:3002/1=44 r es:4002/1=44 rcx=0 rsi=3003 rdi=4003 "
      "rflags=46" },
    { 32, "repne scasb", "f2 ae",
      "mem=0xef | r es:4000/1=ef rcx=2 rdi=4001 rflags=46" },
    { 32, "rep movsb", "f3 a4", "rcx=0x0 | " },
    { 32, "fs movsb", "64 a4",
      "r fs:3000/1=8a w es:4000/1=8a rsi=3001 rdi=4001" },
    { 64, "movsb", "a4", "r ds:3000/1=8a w es:4000/1=8a rsi=3001 rdi=4001" },
    { 64, "movsl", "a5",
      "r ds:3000/4=e7c8a98a w es:4000/4=e7c8a98a rsi=3004 rdi=4004" },
    { 64, "stosw", "66 ab", "w es:4000/2=cdef rdi=4002" },
    { 64, "stosq", "48 ab", "w es:4000/8=123456789abcdef rdi=4008" },
    { 64, "lodsl", "ad", "r ds:3000/4=e7c8a98a rax=e7c8a98a rsi=3004" },
    { 64, "lodsb", "ac", "r ds:3000/1=8a rax=123456789abcd8a rsi=3001" },
    { 64, "cmpsq", "48 a7",
      "r ds:3000/8=63442506e7c8a98a r es:4000/8=73543516f7d8b99a rsi=3008 "
      "rdi=4008 rflags=87" },
    { 64, "cmpsw", "66 a7",
      "r ds:3000/2=a98a r es:4000/2=b99a rsi=3002 rdi=4002 rflags=87" },
    { 64, "scasb", "ae", "r es:4000/1=9a rdi=4001 rflags=6" },
    { 64, "scasl", "af", "r es:4000/4=f7d8b99a rdi=4004 rflags=87" },
    { 64, "insw", "66 6d", "i 3f8/2=8465 w es:4000/2=8465 rdi=4002" },
    { 64, "insb", "6c", "i 3f8/1=65 w es:4000/1=65 rdi=4001" },
    { 64, "outsl", "6f", "r ds:3000/4=e7c8a98a o 3f8/4=e7c8a98a rsi=3004" },
    { 64, "outsb", "6e", "r ds:3000/1=8a o 3f8/1=8a rsi=3001" },
    { 64, "rep movsq", "f3 48 a5",
      "r ds:3000/8=63442506e7c8a98a w es:4000/8=63442506e7c8a98a "
      "r ds:3008/8=5b3c1dfedfc0a182 w es:4008/8=5b3c1dfedfc0a182 "
      "r ds:3010/8=533415f6d7b8997a w es:4010/8=533415f6d7b8997a rcx=0 "
      "rsi=3018 rdi=4018" },
    { 64, "rep stosw", "66 f3 ab",
      "rflags=0x402 | w es:4000/2=cdef w es:3ffe/2=cdef w es:3ffc/2=cdef "
      "rcx=0 rdi=3ffa" },
    { 64, "rep insw", "66 f3 6d",
      "i 3f8/2=8465 w es:4000/2=8465 i 3f8/2=8465 w es:4002/2=8465 "
      "i 3f8/2=8465 w es:4004/2=8465 rcx=0 rdi=4006" },
    { 64, "rep outsb", "f3 6e",
      "rflags=0x402 | r ds:3000/1=8a o 3f8/1=8a r ds:2fff/1=6a o 3f8/1=6a "
      "r ds:2ffe/1=4b o 3f8/1=4b rcx=0 rsi=2ffd" },
    { 64, "repe cmpsb", "f3 a6",
      "mem=0x44 | r ds:3000/1=44 r es:4000/1=44 r ds:3001/1=44 "
      "r es:4001/1=44 r ds:3002/1=44 r es:4002/1=44 rcx=0 rsi=3003 rdi=4003 "
      "rflags=46" },
    { 64, "repne scasb", "f2 ae",
      "mem=0xef | r es:4000/1=ef rcx=2 rdi=4001 rflags=46" },
    { 64, "rep movsb", "f3 a4", "rcx=0x0 | " },
    { 64, "fs movsb", "64 a4",
      "r fs:3000/1=8a w es:4000/1=8a rsi=3001 rdi=4001" },
    { 16, "rep lodsb", "f3 ac",
      "r ds:3000/1=8a r ds:3001/1=a9 r ds:3002/1=c8 rax=123456789abcdc8 "
      "rcx=0 rsi=3003" },
    { 32, "repe cmpsb", "f3 a6",
      "r ds:3000/1=8a r es:4000/1=9a rcx=2 rsi=3001 rdi=4001 rflags=87" },
    { 64, "repne scasb", "f2 ae",
      "mem=0x44 | r es:4000/1=44 r es:4001/1=44 r es:4002/1=44 rcx=0 "
      "rdi=4003 rflags=82" },
    { 16, "repe scasw", "f3 af",
      "mem=0xcdef | r es:4000/2=cdef r es:4002/2=cdef r es:4004/2=cdef rcx=0 "
      "rdi=4006 rflags=46" },
    { 32, "repne cmpsw", "66 f2 a7",
      "r ds:3000/2=a98a r es:4000/2=b99a r ds:3002/2=e7c8 r es:4002/2=f7d8 "
      "r ds:3004/2=2506 r es:4004/2=3516 rcx=0 rsi=3006 rdi=4006 rflags=87" },
    { 64, "lodsw %es:(%rsi),%ax", "26 66 ad",
      "r ds:3000/2=a98a rax=123456789aba98a rsi=3002" },
    { 32, "ss outsb", "36 6e", "r ss:3000/1=8a o 3f8/1=8a rsi=3001" },
    { 64, "gs cmpsb", "65 a6",
      "r gs:3000/1=8a r es:4000/1=9a rsi=3001 rdi=4001 rflags=87" },
    { 16, "cs movsl", "2e 66 a5",
      "rflags=0x402 | r cs:3000/4=e7c8a98a w es:4000/4=e7c8a98a rsi=2ffc "
      "rdi=3ffc" },
    { 32, "rep stosl", "f3 ab",
      "rcx=0x10000 reps=0x2 | w es:4000/4=89abcdef w es:4004/4=89abcdef "
      "rcx=fffe rdi=4008 rflags=10002 rip=100000" },
    { 16, "addr32 rep movsb", "67 f3 a4",
      "r ds:3000/1=8a w es:4000/1=8a r ds:3001/1=a9 w es:4001/1=a9 "
      "r ds:3002/1=c8 w es:4002/1=c8 rcx=0 rsi=3003 rdi=4003" },
    { 16, "rep movsw", "f3 a5",
      "rsi=0x1ffff rdi=0x2fffe | r ds:ffff/2=5a3a w es:fffe/2=5a3a "
      "r ds:1/2=9879 w es:0/2=9879 r ds:3/2=d6b7 w es:2/2=d6b7 rcx=0 "
      "rsi=10005 rdi=20004" },
    { 32, "addr16 rep stosb", "67 f3 aa",
      "rdi=0xffff | w es:ffff/1=ef w es:0/1=ef w es:1/1=ef rcx=0 rdi=2" },
    { 32, "addr16 movsl", "67 a5",
      "rsi=0x12345678 | r ds:5678/4=95765738 w es:4000/4=95765738 "
      "rsi=1234567c rdi=4004" },
    { 64, "addr32 rep stosb", "67 f3 aa",
      "rdi=0xabcdef00ffffffff | w es:ffffffff/1=ef w es:0/1=ef w es:1/1=ef "
      "rcx=0 rdi=2" },
    { 64, "addr32 lodsq", "67 48 ad",
      "rsi=0x100000000 | r ds:0/8=3314f5d6b798795a rax=3314f5d6b798795a "
      "rsi=8" },
    { 64, "rep movsq", "f3 48 a5",
      "rcx=0x100000002 rflags=0x402 reps=0x3 | r ds:3000/8=63442506e7c8a98a "
      "w es:4000/8=63442506e7c8a98a r ds:2ff8/8=6a4b2c0deecfb091 "
      "w es:3ff8/8=6a4b2c0deecfb091 r ds:2ff0/8=72533415f6d7b899 "
      "w es:3ff0/8=72533415f6d7b899 rcx=ffffffff rsi=2fe8 rdi=3fe8 "
      "rflags=10402 rip=100000" },
    { 64, "addr32 rep movsq", "67 f3 48 a5",
      "rcx=0x100000002 | r ds:3000/8=63442506e7c8a98a "
      "w es:4000/8=63442506e7c8a98a r ds:3008/8=5b3c1dfedfc0a182 "
      "w es:4008/8=5b3c1dfedfc0a182 rcx=0 rsi=3010 rdi=4010" },
};

/* --- Running the table ------------------------------------------------- */

struct setup {
    struct x86emul_regs regs;
    struct harness h;
    unsigned int reps;
};

struct expect {
    struct x86emul_regs regs;
    struct access acc[MAX_LOG];
    unsigned int nacc;
};

static bool parse_setup_token(struct setup *s, const char *tok)
{
    if ( !strncmp(tok, "mem=", 4) )
    {
        s->h.fixed = true;
        s->h.fixed_val = strtoull(tok + 4, NULL, 0);
        return true;
    }
    if ( !strncmp(tok, "reps=", 5) )
    {
        s->reps = strtoul(tok + 5, NULL, 0);
        return true;
    }
    return set_reg(&s->regs, tok, 0);
}

/* A spec into setup and expectations; false if a token is not understood. */
static bool parse_spec(const struct tcase *t, unsigned int len,
                       struct setup *s, struct expect *e)
{
    const char *bar = strchr(t->spec, '|');
    char buf[512], *save = NULL, *tok;
    bool ok = true;

    memset(s, 0, sizeof(*s));
    base_regs(&s->regs, t->mode);
    s->reps = 64;
    snprintf(buf, sizeof(buf), "%.*s", bar ? (int)(bar - t->spec) : 0,
             t->spec);
    for ( tok = strtok_r(buf, " ", &save); tok;
          tok = strtok_r(NULL, " ", &save) )
        ok &= parse_setup_token(s, tok);

    e->regs = s->regs;
    e->regs.rip += len;
    e->nacc = 0;
    snprintf(buf, sizeof(buf), "%s", bar ? bar + 1 : t->spec);
    for ( tok = strtok_r(buf, " ", &save); tok;
          tok = strtok_r(NULL, " ", &save) )
    {
        char kind = tok[0];

        if ( tok[1] || !strchr("rwio", kind) )
        {
            ok &= set_reg(&e->regs, tok, 16);
            continue;
        }
        tok = strtok_r(NULL, " ", &save);
        ok &= tok && e->nacc < MAX_LOG &&
              parse_access(kind, tok, &e->acc[e->nacc++]);
    }
    return ok;
}

static bool same_access(const struct access *a, const struct access *b)
{
    return a->kind == b->kind && a->seg == b->seg && a->size == b->size &&
           a->addr == b->addr && a->val == b->val;
}

static void describe_access(char *buf, size_t n, const struct access *a)
{
    snprintf(buf, n, "%c %s:%llx/%u=%llx", a->kind,
             a->seg < 6 ? seg_names[a->seg] : "??",
             (unsigned long long)a->addr, a->size,
             (unsigned long long)a->val);
}

/* The registers that differ, into why (empty if none). */
static void diff_regs(const struct x86emul_regs *got,
                      const struct x86emul_regs *want, char *why, size_t n)
{
    unsigned int i;

    why[0] = '\0';
    for ( i = 0; i < 16; i++ )
        if ( got->gpr[i] != want->gpr[i] )
        {
            snprintf(why, n, "%s=%llx, want %llx", reg_names[i],
                     (unsigned long long)got->gpr[i],
                     (unsigned long long)want->gpr[i]);
            return;
        }
    if ( got->rip != want->rip || got->rflags != want->rflags )
        snprintf(why, n, "rip=%llx rflags=%llx, want %llx %llx",
                 (unsigned long long)got->rip,
                 (unsigned long long)got->rflags,
                 (unsigned long long)want->rip,
                 (unsigned long long)want->rflags);
}

/* Decode only: the length, the first memory operand, nothing changed. */
static void check_decode(struct x86emul_ctx *ctx, const struct expect *e,
                         unsigned int len, char *why, size_t n)
{
    struct harness *h = ctx->data;
    struct x86emul_regs before = *ctx->regs;
    struct x86emul_insn insn;
    unsigned int i;
    int rc = x86emul_decode(ctx, &insn);

    if ( rc != X86EMUL_OKAY || insn.len != len || h->fetched != len ||
         h->fetch_bad || h->naccess ||
         memcmp(&before, ctx->regs, sizeof(before)) )
    {
        snprintf(why, n, "decode: rc %d len %u fetched %u (want %u), %u "
                 "accesses", rc, insn.len, h->fetched, len, h->naccess);
        return;
    }
    for ( i = 0; i < e->nacc; i++ )
    {
        const struct access *a = &e->acc[i];

        if ( a->kind != 'r' && a->kind != 'w' )
            continue;
        if ( insn.seg != a->seg || insn.ea != a->addr )
            snprintf(why, n, "decode: operand %u:%llx, want %u:%llx",
                     insn.seg, (unsigned long long)insn.ea, a->seg,
                     (unsigned long long)a->addr);
        break;
    }
}

static void check_execute(struct x86emul_ctx *ctx, const struct expect *e,
                          char *why, size_t n)
{
    struct harness *h = ctx->data;
    char got[80], want[80];
    unsigned int i;
    int rc;

    h->fetched = 0;
    rc = x86emul_emulate(ctx);
    if ( rc != X86EMUL_OKAY || h->fetch_bad )
    {
        snprintf(why, n, "emulate: rc %d, fetch_bad %d", rc, h->fetch_bad);
        return;
    }
    for ( i = 0; i < e->nacc || i < h->nlog; i++ )
    {
        if ( i < e->nacc && i < h->nlog &&
             same_access(&h->log[i], &e->acc[i]) )
            continue;
        got[0] = want[0] = '\0';
        if ( i < h->nlog )
            describe_access(got, sizeof(got), &h->log[i]);
        if ( i < e->nacc )
            describe_access(want, sizeof(want), &e->acc[i]);
        snprintf(why, n, "access %u: got '%s', want '%s'", i, got, want);
        return;
    }
    diff_regs(ctx->regs, &e->regs, why, n);
}

static void run_case(const struct tcase *t, unsigned int idx)
{
    struct setup s;
    struct expect e;
    struct x86emul_regs regs;
    struct x86emul_ctx ctx = { .ops = &h_ops, .mode = t->mode };
    uint8_t code[16];
    unsigned int len = parse_hex(t->hex, code, sizeof(code));
    char name[96], why[200] = "", *p;

    if ( !parse_spec(t, len, &s, &e) )
        snprintf(why, sizeof(why), "malformed spec");
    s.h.code = code;
    s.h.code_len = len;
    regs = s.regs;
    ctx.regs = &regs;
    ctx.data = &s.h;
    ctx.max_reps = s.reps;

    if ( !why[0] )
        check_decode(&ctx, &e, len, why, sizeof(why));
    if ( !why[0] )
        check_execute(&ctx, &e, why, sizeof(why));

    snprintf(name, sizeof(name), "x86emul-%03u-%u-%s", idx, t->mode, t->text);
    for ( p = name; *p; p++ )
        if ( *p == ' ' )
            *p = '_';
    unit_result(!why[0], name, "%s", why);
}

/* The table's bytes are what `as` makes of its text. */
static void check_table_against_as(void)
{
    char dir[] = "/tmp/x86emul-XXXXXX", cmd[160], path[64];
    size_t cap = 16 * ARRAY_SIZE(cases), n = 0, off = 0;
    uint8_t *bin = malloc(cap), code[16];
    const char *why = NULL;
    unsigned int i, len;
    FILE *f;

    if ( !mkdtemp(dir) )
    {
        free(bin);
        unit_result(false, "x86emul-table-matches-as", "mkdtemp failed");
        return;
    }
    snprintf(path, sizeof(path), "%s/t.s", dir);
    if ( (f = fopen(path, "w")) )
    {
        for ( i = 0; i < ARRAY_SIZE(cases); i++ )
            fprintf(f, ".code%u\n%s\n", cases[i].mode, cases[i].text);
        fclose(f);
    }
    snprintf(cmd, sizeof(cmd), "cd %s && as --64 -o t.o t.s && objcopy "
             "-O binary -j .text t.o t.bin", dir);
    snprintf(path, sizeof(path), "%s/t.bin", dir);
    if ( system(cmd) == 0 && (f = fopen(path, "rb")) )
    {
        n = fread(bin, 1, cap, f);
        fclose(f);
    }
    if ( n == 0 )
        why = "as or objcopy failed";
    for ( i = 0; !why && i < ARRAY_SIZE(cases); i++ )
    {
        len = parse_hex(cases[i].hex, code, sizeof(code));
        if ( off + len > n || memcmp(bin + off, code, len) )
            why = cases[i].text;
        off += len;
    }
    if ( !why && off != n )
        why = "bytes left over";
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    if ( system(cmd) != 0 )
        why = why ? why : "rm failed";
    free(bin);
    unit_result(!why, "x86emul-table-matches-as", "differs: %s", why);
}

/* --- Encodings that must not be emulated ------------------------------ */

struct run {
    struct harness h;
    struct x86emul_regs regs, before;
    struct x86emul_ctx ctx;
    uint8_t code[24];
};

static void run_init(struct run *r, unsigned int mode, const char *hex)
{
    memset(r, 0, sizeof(*r));
    r->h.code_len = parse_hex(hex, r->code, sizeof(r->code));
    r->h.code = r->code;
    base_regs(&r->regs, mode);
    r->ctx = (struct x86emul_ctx){ .ops = &h_ops, .data = &r->h,
                                   .mode = mode, .max_reps = 64,
                                   .regs = &r->regs };
}

static int run_go(struct run *r)
{
    r->before = r->regs;
    r->h.fetched = 0;
    return x86emul_emulate(&r->ctx);
}

static bool unchanged(const struct run *r)
{
    return !memcmp(&r->before, &r->regs, sizeof(r->regs));
}

#define UNH X86EMUL_UNHANDLEABLE
#define EXC X86EMUL_EXCEPTION

static const struct {
    const char *name;
    uint8_t mode;
    const char *hex;
    int rc, vector;              /* vector: on X86EMUL_EXCEPTION */
} bad[] = {
    /* Longer than 15 bytes is #GP(0), prefixes or not. */
    { "len16-prefixes", 64, "66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 "
      "89 03", EXC, 13 },
    { "len16-lock-add", 64, "64 64 64 f0 64 81 84 18 44 33 22 11 78 56 34 "
      "12", EXC, 13 },
    { "len17-mode16", 16, "66 66 66 66 67 66 81 84 18 44 33 22 11 78 56 "
      "34 12", EXC, 13 },
    /* Instructions we do not emulate. */
    { "nop", 64, "90", UNH, 0 },
    { "int3", 32, "cc", UNH, 0 },
    { "syscall", 64, "0f 05", UNH, 0 },
    { "ud2", 64, "0f 0b", UNH, 0 },
    { "0f38", 64, "0f 38 00 03", UNH, 0 },
    { "inc-mem", 64, "ff 03", UNH, 0 },
    { "push-mem", 64, "ff 33", UNH, 0 },
    { "not-mem", 32, "f7 13", UNH, 0 },
    { "neg-mem", 16, "f6 1f", UNH, 0 },
    { "cmpxchg", 64, "0f b1 03", UNH, 0 },
    { "xadd", 64, "0f c1 03", UNH, 0 },
    { "movnti", 64, "0f c3 03", UNH, 0 },
    { "popcnt", 64, "f3 0f b8 03", UNH, 0 },
    { "movdqa", 64, "66 0f 6f 03", UNH, 0 },
    { "mov-from-sreg", 32, "8c 03", UNH, 0 },
    { "mov-to-sreg", 32, "8e 03", UNH, 0 },
    { "c7-reg1", 64, "c7 0b 00 00 00 00", UNH, 0 },
    { "xabort", 64, "c6 f8 00", UNH, 0 },
    { "group8-reg0", 64, "0f ba 03 05", UNH, 0 },
    { "82-in-64bit", 64, "82 03 05", UNH, 0 },
    { "arpl", 32, "63 03", UNH, 0 },
    { "movsxd-no-rexw", 64, "63 03", UNH, 0 },
    { "inc-eax-not-rex", 32, "40 89 03", UNH, 0 },
    { "add-acc-imm", 64, "05 78 56 34 12", UNH, 0 },
    { "test-acc-imm", 64, "a8 01", UNH, 0 },
    { "test-acc-imm16", 16, "a9 01 00", UNH, 0 },
    /* Register forms never reach MMIO. */
    { "mov-reg", 64, "89 c3", UNH, 0 },
    { "add-reg", 32, "01 c3", UNH, 0 },
    { "movzx-reg", 64, "0f b6 c3", UNH, 0 },
    { "mov-imm-reg", 64, "c7 c0 01 00 00 00", UNH, 0 },
    { "bt-reg", 16, "0f a3 c3", UNH, 0 },
    { "xchg-reg", 64, "87 c3", UNH, 0 },
    /* Prefixes whose effect is model-specific or another instruction. */
    { "two-segments", 64, "64 65 89 03", UNH, 0 },
    { "two-segments-16", 16, "26 2e 89 07", UNH, 0 },
    { "rep-mov", 64, "f3 89 03", UNH, 0 },
    { "repne-mov", 32, "f2 8b 03", UNH, 0 },
    { "repne-movs", 64, "f2 a4", UNH, 0 },
    { "repne-stos", 32, "f2 aa", UNH, 0 },
    { "rep-and-repne", 64, "f2 f3 a6", UNH, 0 },
    { "rep-movzx", 64, "f3 0f b6 03", UNH, 0 },
    { "rex-not-last", 64, "48 66 89 03", UNH, 0 },
    { "two-rex", 64, "41 48 89 03", UNH, 0 },
    { "insq", 64, "48 6d", UNH, 0 },
    /* LOCK where it is illegal is #UD ... */
    { "lock-mov", 64, "f0 89 03", EXC, 6 },
    { "lock-load", 32, "f0 8b 03", EXC, 6 },
    { "lock-add-reg", 64, "f0 01 c3", EXC, 6 },
    { "lock-add-to-reg", 64, "f0 03 03", EXC, 6 },
    { "lock-cmp", 64, "f0 39 03", EXC, 6 },
    { "lock-cmp-imm", 16, "f0 83 3f 05", EXC, 6 },
    { "lock-test", 64, "f0 85 03", EXC, 6 },
    { "lock-test-imm", 64, "f0 f7 03 01 00 00 00", EXC, 6 },
    { "lock-bt", 32, "f0 0f a3 03", EXC, 6 },
    { "lock-bt-imm", 64, "f0 0f ba 23 05", EXC, 6 },
    { "lock-movzx", 64, "f0 0f b6 03", EXC, 6 },
    { "lock-movsx", 64, "f0 48 0f bf 03", EXC, 6 },
    { "lock-moffs", 32, "f0 a1 00 10 00 00", EXC, 6 },
    { "lock-mov-imm", 64, "f0 c7 03 01 00 00 00", EXC, 6 },
    { "lock-movs", 64, "f0 a4", EXC, 6 },
    { "lock-rep-stos", 32, "f0 f3 aa", EXC, 6 },
    { "lock-xchg-reg", 64, "f0 87 c3", EXC, 6 },
    { "lock-bts-reg", 64, "f0 0f ab c3", EXC, 6 },
    /* ... but an instruction we do not know stays unhandleable. */
    { "lock-nop", 64, "f0 90", UNH, 0 },
    { "lock-inc", 64, "f0 ff 03", UNH, 0 },
};

static void test_bad_encodings(void)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        struct run r;
        char name[64];
        int rc;

        run_init(&r, bad[i].mode, bad[i].hex);
        rc = run_go(&r);
        snprintf(name, sizeof(name), "x86emul-bad-%s", bad[i].name);
        unit_result(rc == bad[i].rc && unchanged(&r) && !r.h.naccess &&
                    !r.h.fetch_bad &&
                    (rc != EXC || (r.ctx.exn.vector == bad[i].vector &&
                                   r.ctx.exn.has_error_code ==
                                   (bad[i].vector == 13) &&
                                   r.ctx.exn.error_code == 0)),
                    name, "rc %d (want %d), vector %u, %u accesses", rc,
                    bad[i].rc, r.ctx.exn.vector, r.h.naccess);
    }
}

/* Every table instruction cut short: the fetch's #PF, nothing else. */
static void test_truncated(void)
{
    unsigned int i, k, n = 0, wrong = 0;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        struct run r;
        unsigned int len;

        run_init(&r, cases[i].mode, cases[i].hex);
        len = r.h.code_len;
        for ( k = 0; k < len; k++, n++ )
        {
            int rc;

            r.h.code_len = k;
            rc = run_go(&r);
            /* fetched < k when a multi-byte field was cut */
            wrong += rc != EXC || r.ctx.exn.vector != 14 ||
                     r.h.fetched > k || r.h.naccess || !unchanged(&r);
        }
    }
    unit_result(wrong == 0 && n > 1000, "x86emul-truncated",
                "%u of %u truncations wrong", wrong, n);
}

/* The longest instruction there can be: 15 bytes. */
static void test_fifteen_bytes(void)
{
    struct run r;
    int rc;

    run_init(&r, 64, "64 64 f0 64 81 84 18 44 33 22 11 78 56 34 12");
    r.regs.gpr[X86EMUL_RAX] = 0;
    rc = run_go(&r);
    unit_result(rc == X86EMUL_OKAY && r.regs.rip == r.before.rip + 15 &&
                r.h.nlog == 2 && r.h.log[1].kind == 'w' &&
                r.h.log[1].seg == X86EMUL_SEG_FS &&
                r.h.log[1].addr == 0x11224344 &&
                r.h.log[1].val ==
                (uint32_t)(mem_value(&r.h, 0x11224344, 4) + 0x12345678),
                "x86emul-15-bytes", "rc %d", rc);
}

/* --- Callbacks that fail, rep budgets, unclaimed addresses ------------- */

/* A callback's X86EMUL_RETRY at access `at`: nothing may change. */
static void check_retry(const char *name, unsigned int mode, const char *hex,
                        unsigned int at)
{
    struct run r;
    int rc;

    run_init(&r, mode, hex);
    r.h.fail_at = at;
    r.h.fail_rc = X86EMUL_RETRY;
    rc = run_go(&r);
    unit_result(rc == X86EMUL_RETRY && unchanged(&r) && r.h.naccess == at,
                name, "rc %d, %u accesses", rc, r.h.naccess);
}

static void test_retry(void)
{
    check_retry("x86emul-retry-load", 64, "8b 03", 1);
    check_retry("x86emul-retry-store", 32, "89 03", 1);
    check_retry("x86emul-retry-rmw-read", 64, "01 03", 1);
    check_retry("x86emul-retry-rmw-write", 64, "01 03", 2);  /* flags too */
    check_retry("x86emul-retry-xchg-write", 16, "87 07", 2);
    check_retry("x86emul-retry-bts-write", 64, "0f ab 0b", 2);
    check_retry("x86emul-retry-movs-write", 64, "a4", 2);
    check_retry("x86emul-retry-lods", 32, "ad", 1);
    check_retry("x86emul-retry-cmps-second", 64, "a6", 2);
    check_retry("x86emul-retry-ins-write", 64, "6c", 2);
    check_retry("x86emul-retry-rep-first", 64, "f3 a4", 1);
}

/* rep movsb stopped in its second iteration keeps the first. */
static void test_retry_rep_resumes(void)
{
    struct run r;
    int rc1, rc2;
    bool first;

    run_init(&r, 64, "f3 a4");
    r.h.fail_at = 3;
    r.h.fail_rc = X86EMUL_RETRY;
    rc1 = run_go(&r);
    first = r.regs.gpr[X86EMUL_RCX] == 2 && r.regs.rip == r.before.rip &&
            r.regs.gpr[X86EMUL_RSI] == 0x3001 &&
            r.regs.gpr[X86EMUL_RDI] == 0x4001;
    r.h.fail_at = 0;
    r.h.naccess = r.h.nlog = 0;
    rc2 = run_go(&r);
    unit_result(rc1 == X86EMUL_RETRY && first && rc2 == X86EMUL_OKAY &&
                r.regs.gpr[X86EMUL_RCX] == 0 && r.h.nlog == 4 &&
                r.h.log[0].addr == 0x3001 && r.h.log[3].addr == 0x4002 &&
                r.regs.rip == r.before.rip + 2,
                "x86emul-retry-rep-resumes", "rc %d then %d", rc1, rc2);
}

static int raise_pf(struct x86emul_ctx *ctx, enum x86emul_seg seg,
                    uint64_t ea, const void *buf, unsigned int bytes)
{
    (void)seg, (void)ea, (void)buf, (void)bytes;
    return x86emul_raise(ctx, 14, true, 0x6);
}

static int refuse(struct x86emul_ctx *ctx, enum x86emul_seg seg, uint64_t ea,
                  void *buf, unsigned int bytes)
{
    (void)ctx, (void)seg, (void)ea, (void)buf, (void)bytes;
    return X86EMUL_UNHANDLEABLE;
}

/* Exceptions and refusals from callbacks reach the caller untouched. */
static void test_callback_failures(void)
{
    struct x86emul_ops ops = h_ops;
    struct run r;
    int rc;

    ops.write = raise_pf;
    run_init(&r, 64, "83 03 01");
    r.ctx.ops = &ops;
    rc = run_go(&r);
    unit_result(rc == EXC && r.ctx.exn.vector == 14 &&
                r.ctx.exn.has_error_code && r.ctx.exn.error_code == 6 &&
                unchanged(&r), "x86emul-callback-exception", "rc %d", rc);

    ops = h_ops;
    ops.read = refuse;
    run_init(&r, 32, "0f b6 03");
    r.ctx.ops = &ops;
    rc = run_go(&r);
    unit_result(rc == UNH && unchanged(&r), "x86emul-callback-unhandleable",
                "rc %d", rc);

    ops = h_ops;
    ops.read_io = NULL;
    ops.write_io = NULL;
    run_init(&r, 64, "6c");
    r.ctx.ops = &ops;
    rc = run_go(&r);
    run_init(&r, 64, "6f");
    r.ctx.ops = &ops;
    unit_result(rc == UNH && run_go(&r) == UNH, "x86emul-ins-outs-need-io",
                "rc %d", rc);
}

/* rep stosb of 5 with 2 iterations per call: RIP stays until the end. */
static void test_rep_budget(void)
{
    struct run r;
    uint64_t rcx[3], rip[3], rf[3];
    unsigned int i;
    bool ok = true;

    run_init(&r, 32, "f3 aa");
    r.regs.gpr[X86EMUL_RCX] = 5;
    r.ctx.max_reps = 2;
    for ( i = 0; i < 3; i++ )
    {
        ok &= run_go(&r) == X86EMUL_OKAY;
        rcx[i] = r.regs.gpr[X86EMUL_RCX];
        rip[i] = r.regs.rip;
        rf[i] = r.regs.rflags & RFLAGS_RF;
    }
    unit_result(ok && rcx[0] == 3 && rcx[1] == 1 && rcx[2] == 0 &&
                rip[0] == 0x100000 && rip[1] == 0x100000 &&
                rip[2] == 0x100002 && rf[0] && rf[1] && !rf[2] &&
                r.h.nlog == 5 && r.h.log[4].addr == 0x4004 &&
                r.regs.gpr[X86EMUL_RDI] == 0x4005, "x86emul-rep-budget",
                "rcx %llx %llx %llx", (unsigned long long)rcx[0],
                (unsigned long long)rcx[1], (unsigned long long)rcx[2]);

    run_init(&r, 64, "f3 48 ab");
    r.ctx.max_reps = 0;                 /* means one */
    ok = run_go(&r) == X86EMUL_OKAY;
    unit_result(ok && r.regs.gpr[X86EMUL_RCX] == 2 && r.h.nlog == 1 &&
                r.regs.rip == r.before.rip, "x86emul-rep-budget-zero",
                "rcx %llx", (unsigned long long)r.regs.gpr[X86EMUL_RCX]);
}

/* No ioreq server: reads are all ones, writes vanish. */
static void test_unclaimed(void)
{
    static const struct x86emul_ops ops = {
        .read_insn = h_read_insn,
        .read = x86emul_unclaimed_read, .write = x86emul_unclaimed_write,
        .read_io = x86emul_unclaimed_read_io,
        .write_io = x86emul_unclaimed_write_io,
    };
    struct run r;
    int rc;

    run_init(&r, 64, "8b 03");                          /* mov (%rbx),%eax */
    r.ctx.ops = &ops;
    rc = run_go(&r);
    unit_result(rc == X86EMUL_OKAY && r.regs.gpr[X86EMUL_RAX] == 0xffffffff,
                "x86emul-unclaimed-load", "rax %llx",
                (unsigned long long)r.regs.gpr[X86EMUL_RAX]);

    run_init(&r, 32, "80 03 01");                       /* addb $1,(%ebx) */
    r.ctx.ops = &ops;
    rc = run_go(&r);
    unit_result(rc == X86EMUL_OKAY && r.regs.rflags == 0x57,
                "x86emul-unclaimed-add", "rflags %llx",
                (unsigned long long)r.regs.rflags);

    run_init(&r, 16, "66 0f bf 07");                    /* movswl (%bx) */
    r.ctx.ops = &ops;
    rc = run_go(&r);
    unit_result(rc == X86EMUL_OKAY && r.regs.gpr[X86EMUL_RAX] == 0xffffffff,
                "x86emul-unclaimed-movsx", "rax %llx",
                (unsigned long long)r.regs.gpr[X86EMUL_RAX]);

    run_init(&r, 64, "f3 6d");                          /* rep insl */
    r.ctx.ops = &ops;
    rc = run_go(&r);
    unit_result(rc == X86EMUL_OKAY && r.regs.gpr[X86EMUL_RDI] == 0x400c &&
                r.regs.gpr[X86EMUL_RCX] == 0, "x86emul-unclaimed-ins",
                "rc %d", rc);
}

/* Decoded fields a caller relies on, for a few instructions. */
static void test_decode_fields(void)
{
    struct run r;
    struct x86emul_insn i;
    int rc;

    /* lock addl $5,%fs:8(%rbx) */
    run_init(&r, 64, "f0 64 83 43 08 05");
    rc = x86emul_decode(&r.ctx, &i);
    unit_result(rc == X86EMUL_OKAY && i.op == X86EMUL_OP_ADD &&
                i.len == 6 && i.op_bytes == 4 && i.addr_bytes == 8 &&
                i.seg == X86EMUL_SEG_FS && i.ea == 0x1008 && i.lock &&
                i.access == (X86EMUL_ACCESS_READ | X86EMUL_ACCESS_WRITE) &&
                i.has_imm && i.imm == 5 && i.mem_is_dst &&
                i.reg == X86EMUL_NO_REG && i.opcode == 0x83,
                "x86emul-decode-lock-add", "rc %d", rc);

    /* movzbl (%ebx),%ecx; movb %ah,(%ebx) */
    run_init(&r, 32, "0f b6 0b");
    rc = x86emul_decode(&r.ctx, &i);
    unit_result(rc == X86EMUL_OKAY && i.op == X86EMUL_OP_MOVZX &&
                i.op_bytes == 4 && i.mem_bytes == 1 && i.reg == 1 &&
                !i.reg_high && i.access == X86EMUL_ACCESS_READ &&
                i.opcode == 0x0fb6, "x86emul-decode-movzx", "rc %d", rc);
    run_init(&r, 32, "88 23");
    rc = x86emul_decode(&r.ctx, &i);
    unit_result(rc == X86EMUL_OKAY && i.reg == 0 && i.reg_high &&
                i.access == X86EMUL_ACCESS_WRITE, "x86emul-decode-ah",
                "rc %d", rc);

    /* rep movsw (16-bit code) */
    run_init(&r, 16, "f3 a5");
    rc = x86emul_decode(&r.ctx, &i);
    unit_result(rc == X86EMUL_OKAY && i.op == X86EMUL_OP_MOVS &&
                i.rep == X86EMUL_REPE && i.seg == X86EMUL_SEG_DS &&
                i.ea == 0x3000 && i.access == X86EMUL_ACCESS_READ &&
                i.seg2 == X86EMUL_SEG_ES && i.ea2 == 0x4000 &&
                i.access2 == X86EMUL_ACCESS_WRITE && i.addr_bytes == 2,
                "x86emul-decode-rep-movs", "rc %d", rc);

    /* btl %ecx,(%rbx) with ecx = -33: the dword before, bit 31 */
    run_init(&r, 64, "0f a3 0b");
    r.regs.gpr[X86EMUL_RCX] = (uint32_t)-33;
    rc = x86emul_decode(&r.ctx, &i);
    unit_result(rc == X86EMUL_OKAY && i.op == X86EMUL_OP_BT &&
                i.ea == 0x1000 - 8 && i.bit == 31, "x86emul-decode-bt",
                "rc %d ea %llx bit %u", rc, (unsigned long long)i.ea, i.bit);
}

/* Odd corners: 82 outside 64-bit code, RIP wrap, RF, a bad mode. */
static void test_corners(void)
{
    struct run r;
    int rc;

    run_init(&r, 32, "82 03 05");                  /* addb $5,(%ebx) */
    rc = run_go(&r);
    unit_result(rc == X86EMUL_OKAY && r.h.nlog == 2 &&
                r.h.log[1].val == ((mem_value(&r.h, 0x1000, 1) + 5) & 0xff),
                "x86emul-82-alias", "rc %d", rc);

    run_init(&r, 32, "89 03");
    r.regs.rip = 0xfffffffe;
    r.regs.rflags |= RFLAGS_RF;
    rc = run_go(&r);
    unit_result(rc == X86EMUL_OKAY && r.regs.rip == 0 &&
                !(r.regs.rflags & RFLAGS_RF), "x86emul-eip-wraps-rf-cleared",
                "rip %llx", (unsigned long long)r.regs.rip);

    run_init(&r, 64, "89 03");
    r.ctx.mode = 0;
    unit_result(run_go(&r) == UNH && unchanged(&r), "x86emul-bad-mode", "%s",
                "");
}

int main(void)
{
    unsigned int i;

    check_table_against_as();
    for ( i = 0; i < ARRAY_SIZE(cases); i++ )
        run_case(&cases[i], i);
    test_bad_encodings();
    test_truncated();
    test_fifteen_bytes();
    test_retry();
    test_retry_rep_resumes();
    test_callback_failures();
    test_rep_budget();
    test_unclaimed();
    test_decode_fields();
    test_corners();
    return unit_done();
}
