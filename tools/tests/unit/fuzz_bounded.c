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

#include <xen/domain_config.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/pvh_elf.h>

#include "elfgen.h"
#include "unit.h"

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

int main(void)
{
    fuzz_pvh_elf();
    fuzz_domain_config();
    fuzz_cmdline();
    return unit_done();
}
