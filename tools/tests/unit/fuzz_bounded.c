/*
 * Bounded random testing, run by `make test` under ASan/UBSan: a fixed
 * seed, N inputs per parser.  Each input lives in a malloc'd buffer of
 * exactly its size, so any read past the end is caught by ASan.  Inputs
 * are mutations of valid data (the interesting cases) plus pure noise.
 * Invariants of successful results are checked too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/bzimage.h>
#include <xen/domain_config.h>
#include <xen/errno.h>
#include <xen/gunzip.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/pvh_elf.h>
#include <xen/xz.h>
#include <asm-x86/hvm/svm/insn_len.h>

#include "elfgen.h"
#include "unit.h"
#include "xz_util.h"

#define N_INPUTS 20000

static uint64_t seed = 0x5eed2024;

static uint32_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)seed;
}

static uint64_t interesting(void)
{
    static const uint64_t v[] = { 0, 1, 4, 8, 18, 0x7f, 0xff, 0xffff,
                                  0x10000, 0x7fffffff, 0xffffffff,
                                  0x100000000ULL, ~0ULL, ~0ULL - 7,
                                  0x8000000000000000ULL };
    return rnd() % 2 ? v[rnd() % ARRAY_SIZE(v)] : rnd();
}

/* --- pvh_elf ---------------------------------------------------------- */

struct load_ctx {
    uint64_t mem;
    bool bad;
};

static int fz_copy(void *c, uint64_t gpa, const void *src, size_t len)
{
    struct load_ctx *l = c;

    l->bad |= gpa > l->mem || len > l->mem - gpa;
    (void)src;
    return rnd() % 64 ? 0 : -EIO;
}

static int fz_zero(void *c, uint64_t gpa, size_t len)
{
    struct load_ctx *l = c;

    l->bad |= gpa > l->mem || len > l->mem - gpa;
    return 0;
}

static size_t make_elf(uint8_t *buf, size_t cap)
{
    struct elfgen g;
    struct elfgen_layout lay;
    unsigned int i, muts;
    size_t n;

    elfgen_default(&g, rnd() % 2);
    g.nsegs = 1 + rnd() % 3;
    for ( i = 0; i < g.nsegs; i++ )
    {
        g.segs[i].paddr = (uint64_t)(rnd() % 64) << 16;
        g.segs[i].filesz = rnd() % 512;
        g.segs[i].memsz = g.segs[i].filesz + rnd() % 0x4000;
    }
    g.note = rnd() % 3;
    g.desc_size = rnd() % 4 ? (rnd() % 2 ? 4 : 8) : rnd() % 16;
    g.entry = g.segs[0].paddr + rnd() % 600;
    n = elfgen_build(&g, buf, cap, &lay);

    muts = rnd() % 5;
    for ( i = 0; n && i < muts; i++ )
    {
        size_t off = rnd() % n;
        unsigned int w = 1u << (rnd() % 4);

        if ( off + w <= n )
            elfgen_wr(buf + off, interesting(), w);
    }
    if ( n && rnd() % 4 == 0 )
        n = rnd() % n;                            /* truncate */
    return n;
}

static void fuzz_pvh_elf(void)
{
    static uint8_t tmp[8192];
    unsigned int i, ok = 0, bad_load = 0, bad_info = 0;

    for ( i = 0; i < N_INPUTS; i++ )
    {
        struct pvh_elf_info info;
        struct load_ctx l = { .mem = (uint64_t)(rnd() % 128) << 16 };
        size_t n = rnd() % 16 ? make_elf(tmp, sizeof(tmp)) : rnd() % 300;
        uint8_t *img = malloc(n ? n : 1);

        if ( n && rnd() % 16 == 0 )
            for ( size_t j = 0; j < n; j++ )
                tmp[j] = rnd();
        memcpy(img, tmp, n);
        if ( pvh_elf_parse(img, n, &info) == 0 )
        {
            ok++;
            bad_info += info.nr_segs == 0 || info.nr_segs > PVH_ELF_MAX_SEGS ||
                        info.load_end <= info.load_start;
            if ( pvh_elf_load(&info, img, l.mem, fz_copy, fz_zero, &l) == 0 ||
                 l.bad )
                bad_load += l.bad;
        }
        free(img);
    }
    unit_result(bad_load == 0 && bad_info == 0 && ok > 100, "fuzz-pvh-elf",
                "%u inputs: %u parsed, %u loads outside guest memory, "
                "%u bad infos", N_INPUTS, ok, bad_load, bad_info);
}

/* --- domain_config and cmdline ---------------------------------------- */

static const char *const words[] = {
    "name", "mem", "vcpus", "role", "target", "gnttab-frames", "label",
    "gnttab_version", "console", "no-flag", "flag", "num", "str", "=", "==",
    "\"", " ", "  ", "\t", "0", "1", "65536", "0x10", "-1", "control",
    "plain", "99999999999999999999", "M", "G", "a:b_c", "/", "img", "--",
};

static size_t make_words(char *buf, size_t cap)
{
    unsigned int i, n = rnd() % 24;
    size_t len = 0;

    for ( i = 0; i < n; i++ )
    {
        const char *w = words[rnd() % ARRAY_SIZE(words)];
        size_t wl = strlen(w);
        char one = (char)(1 + rnd() % 255);

        if ( rnd() % 32 == 0 )          /* a random byte now and then */
        {
            w = &one;
            wl = 1;
        }
        if ( len + wl >= cap )
            break;
        memcpy(buf + len, w, wl);
        len += wl;
    }
    buf[len] = '\0';
    return len;
}

struct cb_ctx {
    const char *s;
    size_t len;
    bool bad;
};

static void fz_unknown(void *c, const char *key, size_t len)
{
    struct cb_ctx *x = c;

    x->bad |= key < x->s || key + len > x->s + x->len || len == 0;
}

static void fuzz_domain_config(void)
{
    char tmp[512];
    unsigned int i, ok = 0, bad = 0;

    for ( i = 0; i < N_INPUTS; i++ )
    {
        size_t n = make_words(tmp, sizeof(tmp));
        char *s = malloc(n + 1);
        struct cb_ctx x = { .s = s, .len = n };
        struct domain_config c;

        memcpy(s, tmp, n + 1);
        if ( domain_config_parse(s, rnd() % 8, &c, fz_unknown, &x) == 0 )
        {
            ok++;
            bad += strnlen(c.name, sizeof(c.name)) >= sizeof(c.name) ||
                   strnlen(c.label, sizeof(c.label)) >= sizeof(c.label) ||
                   c.cmdline < s || c.cmdline > s + n || c.mem_mb == 0 ||
                   c.vcpus == 0;
        }
        bad += x.bad;
        free(s);
    }
    unit_result(bad == 0 && ok > 100, "fuzz-domain-config",
                "%u inputs: %u parsed, %u invariant violations", N_INPUTS,
                ok, bad);
}

static bool opt_flag;
static unsigned int opt_num;
static char opt_str[6];
boolean_param("flag", opt_flag);
integer_param("num", opt_num);
string_param("str", opt_str);

static void fuzz_cmdline(void)
{
    char tmp[512];
    unsigned int i, bad = 0;

    for ( i = 0; i < N_INPUTS; i++ )
    {
        size_t n = make_words(tmp, sizeof(tmp));
        char *s = malloc(n + 1);

        memcpy(s, tmp, n + 1);
        cmdline_parse(s);
        bad += strnlen(opt_str, sizeof(opt_str)) >= sizeof(opt_str);
        free(s);
    }
    unit_result(bad == 0, "fuzz-cmdline", "%u inputs: %u bad strings",
                N_INPUTS, bad);
}

/* --- intercepted instruction lengths (svm/insn_len.c) ------------------ */

/*
 * Bytes drawn mostly from prefixes and the opcodes looked for, each
 * input in a buffer of exactly its length: a result is the instruction's
 * length (the opcode ends it, within the buffer and 15 bytes) or an error.
 */
static void fuzz_insn_len(void)
{
    static const uint8_t pool[] = { 0x66, 0x67, 0x2e, 0x3e, 0x26, 0x36, 0x64,
                                    0x65, 0xf0, 0xf2, 0xf3, 0x40, 0x48, 0x4f,
                                    0x0f, 0xa2, 0x01, 0xd9, 0xf4, 0x32 };
    static const uint8_t op[] = { 0x0f, 0x01, 0xd9 };
    unsigned int i, ok = 0, bad = 0;

    for ( i = 0; i < N_INPUTS; i++ )
    {
        unsigned int n = rnd() % 18, j;
        uint8_t *b = malloc(n ? n : 1);
        bool mode64 = rnd() & 1;
        int len;

        for ( j = 0; j < n; j++ )
            b[j] = rnd() % 4 ? pool[rnd() % sizeof(pool)] : rnd();
        len = insn_len_if(b, n, mode64, op, 3);
        if ( len > 0 )
        {
            ok++;
            bad += len > (int)INSN_MAX_LEN || len > (int)n ||
                   memcmp(b + len - 3, op, 3);
        }
        else
            bad += len != -EFAULT && len != -EOPNOTSUPP;
        free(b);
    }
    unit_result(bad == 0, "fuzz-insn-len", "%u inputs: %u lengths, %u bad",
                N_INPUTS, ok, bad);
}

/* --- the xz decoder and bzImages -------------------------------------- */

#define XZ_SEEDS 8

struct seed {
    uint8_t *p;
    size_t n, out;                  /* stream size, uncompressed size */
};

/* Streams to mutate: made by hand, and by xz if it is installed. */
static unsigned int xz_seeds(struct seed *s)
{
    static const char *const opts[] = {
        "--check=crc64 --x86 --lzma2 --block-size=1500", "-0 --check=crc32",
        "--check=none", "-9 --lzma2=lc=1,lp=3,pb=0", "--x86 --lzma2",
    };
    static const uint8_t bh[] = { 0x00, 0x21, 0x01, 0x00 };
    static const uint8_t stored[] = { 0x01, 0x00, 0x05, 'h', 'e', 'l', 'l',
                                      'o', '!', 0x02, 0x00, 0x00, 'x', 0 };
    unsigned int n = 0, i;
    uint8_t *data, buf[128];
    size_t dn;

    s[n].n = xzu_craft(buf, sizeof(buf), bh, sizeof(bh), stored,
                       sizeof(stored), 7);
    s[n].p = malloc(s[n].n);
    memcpy(s[n].p, buf, s[n].n);
    s[n++].out = 7;
    if ( !xzu_setup() )
        return n;
    data = xzu_data(XZU_CALLS, 3000, &dn);
    memcpy(data, "the kernel the kernel the kernel ", 33);
    for ( i = 0; i < ARRAY_SIZE(opts) && n < XZ_SEEDS; i++ )
        if ( (s[n].p = xzu_compress(data, dn, opts[i], &s[n].n)) )
            s[n++].out = dn;
    free(data);
    return n;
}

/* 1-4 mutations: a byte flipped, a field overwritten, a truncation, or
 * bytes spliced in from another seed. */
static size_t mutate(uint8_t *buf, size_t n, const struct seed *other)
{
    unsigned int k, m = 1 + rnd() % 4, w;
    size_t off, len;

    for ( k = 0; k < m && n; k++ )
    {
        off = rnd() % n;
        switch ( rnd() % 4 )
        {
        case 0:
            buf[off] ^= 1u << (rnd() % 8);
            break;
        case 1:
            w = 1u << (rnd() % 3);
            if ( off + w <= n )
                elfgen_wr(buf + off, interesting(), w);
            break;
        case 2:
            n = off + (rnd() % 2 ? 0 : rnd() % (n - off));
            break;
        default:
            len = min(other->n, n - off);
            len = len ? rnd() % len : 0;
            memcpy(buf + off, other->p + rnd() % (other->n - len + 1), len);
            break;
        }
    }
    return n;
}

static bool xz_result_ok(int rc, const struct xz_result *r, size_t in,
                         size_t cap)
{
    return rc <= 0 && rc >= XZ_E_ARG && (!rc || r->detail) &&
           r->in_used <= in && r->out_used <= cap;
}

/*
 * Decode one mutated input into cap bytes; promises the decoder breaks
 * on the way (besides the result the loop checks) are added to *bad.
 */
typedef int decode_fn(const uint8_t *in, size_t n, uint8_t *out,
                      size_t cap, struct xz_result *r, unsigned int *bad);

/*
 * Mutate the ns seeds N_INPUTS times, decode each input into an exact or
 * short buffer, and check every result keeps the decoder's promises.
 * Frees the seeds.
 */
static void fuzz_decoder(struct seed *s, unsigned int ns, decode_fn *decode,
                         const char *name)
{
    unsigned int i, ok = 0, bad = 0, codes = 0;
    static uint8_t tmp[16384];
    struct xz_result r;

    for ( i = 0; i < N_INPUTS; i++ )
    {
        const struct seed *a = &s[rnd() % ns];
        size_t n = min(a->n, sizeof(tmp)), cap;
        uint8_t *in, *out;
        int rc;

        memcpy(tmp, a->p, n);
        n = mutate(tmp, n, &s[rnd() % ns]);
        in = malloc(n ? n : 1);
        memcpy(in, tmp, n);
        cap = rnd() % 4 ? a->out : rnd() % (a->out + 1);
        out = malloc(cap ? cap : 1);
        rc = decode(in, n, out, cap, &r, &bad);
        bad += !xz_result_ok(rc, &r, n, cap);
        ok += rc == 0;
        codes |= 1u << (-rc & 15);
        free(out);
        free(in);
    }
    for ( i = 0; i < ns; i++ )
        free(s[i].p);
    unit_result(bad == 0 && ok > 0 && codes > 0x10, name,
                "%u inputs from %u seeds: %u decoded, %u broken promises, "
                "result codes seen %#x", N_INPUTS, ns, ok, bad, codes);
}

/* The index walk must keep its promises too, before the full decode. */
static int decode_xz(const uint8_t *in, size_t n, uint8_t *out, size_t cap,
                     struct xz_result *r, unsigned int *bad)
{
    uint64_t size;
    int rc = xz_uncompressed_size(in, n, &size, r);

    *bad += !xz_result_ok(rc, r, n, 0);
    return xz_decode(in, n, out, cap, rnd() % 2 ? XZ_SINGLE_STREAM : 0,
                     xzu_work(), r);
}

static void fuzz_xz(void)
{
    struct seed s[XZ_SEEDS];

    fuzz_decoder(s, xz_seeds(s), decode_xz, "fuzz-xz");
}

static int decode_gzip(const uint8_t *in, size_t n, uint8_t *out, size_t cap,
                       struct xz_result *r, unsigned int *bad)
{
    (void)bad;
    return gunzip(in, n, out, cap, xzu_work(), r);
}

/* gzip members made by gzip (levels 1, 6, 9: stored, fixed, dynamic). */
static void fuzz_gzip(void)
{
    static const char *const cmds[] = {
        "gzip -c -1", "gzip -c -6 -n", "gzip -c -9",
    };
    static const uint8_t stored[] = {
        0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x01, 0x02, 0x00, 0xfd, 0xff, 'h',
        'i', 0xac, 0x2a, 0x93, 0xd8, 2, 0, 0, 0,
    };
    struct seed s[XZ_SEEDS];
    unsigned int ns = 0, i;
    uint8_t *data;
    size_t dn;

    s[ns].p = malloc(sizeof(stored));
    memcpy(s[ns].p, stored, sizeof(stored));
    s[ns].n = sizeof(stored);
    s[ns++].out = 2;
    data = xzu_data(XZU_TEXT, 2500, &dn);
    memcpy(data + 2000, "\x01\x02\xf3\x99\x00\xff\x17", 7);
    for ( i = 0; i < ARRAY_SIZE(cmds) && xzu_setup(); i++ )
        if ( (s[ns].p = xzu_filter(cmds[i], data, dn, &s[ns].n)) )
            s[ns++].out = dn;
    free(data);
    fuzz_decoder(s, ns, decode_gzip, "fuzz-gzip");
}

/* A bzImage around a seed (xz, or an ELF), mutated near its header. */
static void fuzz_bzimage(void)
{
    struct elfgen g;
    struct elfgen_layout lay;
    static uint8_t elf[4096], tmp[16384];
    unsigned int i, ok = 0, bad = 0;
    size_t elf_n, zn = 0, base;
    uint8_t *z;

    elfgen_default(&g, true);
    elf_n = elfgen_build(&g, elf, sizeof(elf), &lay);
    z = xzu_setup() ? xzu_compress(elf, elf_n, "--x86 --lzma2", &zn) : NULL;
    base = 0x400;
    for ( i = 0; i < N_INPUTS / 4; i++ )
    {
        struct bzimage_info bi;
        const uint8_t *pl = z && rnd() % 2 ? z : elf;
        size_t pn = pl == z ? zn : elf_n, n = base + pn + 4;
        uint8_t *img, *out;
        char why[128];
        struct seed other = { elf, elf_n, 0 };
        int rc;

        memset(tmp, 0, base);
        tmp[0x1f1] = 1;
        elfgen_wr(tmp + 0x1fe, 0xaa55, 2);
        memcpy(tmp + 0x202, "HdrS", 4);
        elfgen_wr(tmp + 0x206, 0x20f, 2);
        elfgen_wr(tmp + 0x24c, pn + 4, 4);
        memcpy(tmp + base, pl, pn);
        elfgen_wr(tmp + base + pn, elf_n, 4);
        /* Mostly the header, now and then the payload. */
        n = rnd() % 3 ? base + mutate(tmp + base - 0x80, n - base + 0x80,
                                      &other) - 0x80 :
            mutate(tmp, n, &other);
        img = malloc(n ? n : 1);
        memcpy(img, tmp, n);
        rc = bzimage_parse(img, n, &bi, why, sizeof(why));
        if ( !rc && (bi.payload_off > n ||
                     bi.payload_len > n - bi.payload_off) )
            bad++;
        if ( !rc && bi.compressed && bi.elf_size <= (1u << 20) )
        {
            out = malloc(bi.elf_size ? bi.elf_size : 1);
            rc = bzimage_unpack(&bi, img, out, bi.elf_size, xzu_work(), why,
                                sizeof(why));
            free(out);
        }
        ok += rc == 0;
        free(img);
    }
    free(z);
    unit_result(bad == 0 && ok > 0, "fuzz-bzimage", "%u inputs: %u "
                "unpacked, %u payloads outside the image", N_INPUTS / 4, ok,
                bad);
}

int main(void)
{
    fuzz_pvh_elf();
    fuzz_domain_config();
    fuzz_cmdline();
    fuzz_insn_len();
    fuzz_xz();
    fuzz_gzip();
    fuzz_bzimage();
    xzu_teardown();
    return unit_done();
}
