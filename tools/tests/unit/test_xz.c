/*
 * Hosted tests of the xz decoder (common/decompress/) against streams the
 * system's `xz` makes at test time from data generated here, compared
 * byte for byte: check types, LZMA2 presets and options, the x86 BCJ
 * filter, several blocks, several streams, empty input.  Then every
 * truncation of small streams (each must be XZ_E_TRUNCATED), random
 * byte flips (refused, or decoded right: never a crash, never a wrong
 * result under a CRC), and hand-made streams for the rules xz never
 * breaks.  Inputs and outputs live in buffers of their exact size, so
 * ASan sees any access outside them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xen/lib.h>
#include <xen/xz.h>

#include "unit.h"
#include "xz_util.h"

static uint8_t *mixed;            /* text, x86 code, noise, zeros */
static size_t mixed_n;

/* Decode a copy of xz (exact-size buffers) with room for cap bytes. */
static int decode(const uint8_t *xz, size_t n, size_t cap, unsigned int flags,
                  uint8_t **out, struct xz_result *r)
{
    uint8_t *in = malloc(n ? n : 1);
    int rc;

    memcpy(in, xz, n);
    *out = malloc(cap ? cap : 1);
    rc = xz_decode(in, n, *out, cap, flags, xzu_work(), r);
    free(in);
    return rc;
}

/* Compress data with opts, decode, compare; also the size from the index
 * and a buffer one byte short. */
static void roundtrip(const char *name, const uint8_t *data, size_t n,
                      const char *opts)
{
    struct xz_result r;
    size_t zn;
    uint8_t *z = xzu_compress(data, n, opts, &zn), *out;
    uint64_t size = 0;
    const char *why;
    int rc, rc_size, rc_short = XZ_E_OUTPUT_SIZE;

    if ( !z )
    {
        unit_result(false, name, "xz %s failed", opts);
        return;
    }
    rc = decode(z, zn, n, 0, &out, &r);
    why = r.detail;
    rc = rc ? rc : (r.out_used != n || r.in_used != zn) ? 1 :
         memcmp(out, data, n) ? 2 : 0;
    free(out);
    rc_size = xz_uncompressed_size(z, zn, &size, &r);
    if ( n )
    {
        rc_short = decode(z, zn, n - 1, 0, &out, &r);
        free(out);
    }
    unit_result(rc == 0 && rc_size == 0 && size == n &&
                rc_short == XZ_E_OUTPUT_SIZE, name,
                "xz %s: %zu -> %zu bytes: decode %d (%s), size %d (%llu), "
                "short buffer %d", opts, n, zn, rc,
                why ? why : "", rc_size, (unsigned long long)size,
                rc_short);
    free(z);
}

static void test_options(void)
{
    static const char *const opts[] = {
        "--check=crc32", "--check=crc64", "--check=none", "-0", "-1", "-6",
        "-9", "--x86 --lzma2=preset=6", "--x86 --lzma2=preset=0",
        "--x86=start=4096 --lzma2=preset=1", "--x86 --x86 --lzma2",
        "--block-size=65536", "--block-size=1000 -0",
        "-T2 --block-size=100000", "--lzma2=preset=6,lc=0,lp=4,pb=4",
        "--lzma2=preset=6,lc=4,lp=0,pb=0", "--lzma2=preset=6,lc=1,lp=3,pb=2",
        "--lzma2=preset=3,mode=fast,mf=hc3", "--lzma2=preset=2,nice=273,mf=bt4",
        "--lzma2=dict=4KiB", "--x86 --lzma2=preset=9e --check=crc64",
    };
    char name[64];
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(opts); i++ )
    {
        snprintf(name, sizeof(name), "xz-mixed-%u", i);
        roundtrip(name, mixed, mixed_n, opts[i]);
    }
}

static void test_datasets(void)
{
    static const struct { const char *name; enum xzu_kind kind; size_t n; }
    sets[] = {
        { "text", XZU_TEXT, 300000 }, { "noise", XZU_NOISE, 100000 },
        { "calls", XZU_CALLS, 200000 }, { "zeros", XZU_ZEROS, 1000000 },
        { "code", XZU_CODE, 1u << 20 }, { "empty", XZU_TEXT, 0 },
        { "one", XZU_TEXT, 1 },
    };
    static const char *const opts[] = {
        "", "--x86 --lzma2", "-0 --check=crc32",
    };
    char name[64];
    unsigned int i, j;

    for ( i = 0; i < ARRAY_SIZE(sets); i++ )
    {
        size_t n;
        uint8_t *d = xzu_data(sets[i].kind, sets[i].n, &n);

        for ( j = 0; j < ARRAY_SIZE(opts); j++ )
        {
            snprintf(name, sizeof(name), "xz-%s-%u", sets[i].name, j);
            roundtrip(name, d, n, opts[j]);
        }
        free(d);
    }
}

/* Streams xz makes that we refuse, each with its own code. */
static void test_refused(void)
{
    static const struct { const char *opts; int rc; } v[] = {
        { "--check=sha256", XZ_E_UNSUPPORTED_CHECK },
        { "--delta=dist=4 --lzma2", XZ_E_UNSUPPORTED_FILTER },
        { "--arm --lzma2", XZ_E_UNSUPPORTED_FILTER },
        { "--format=lzma", XZ_E_FORMAT },
        { "--format=raw", XZ_E_FORMAT },
    };
    char name[64];
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(v); i++ )
    {
        struct xz_result r;
        size_t zn;
        uint8_t *z = xzu_compress(mixed, 5000, v[i].opts, &zn), *out;
        int rc = z ? decode(z, zn, 5000, 0, &out, &r) : 1;

        if ( z )
            free(out);
        snprintf(name, sizeof(name), "xz-refused-%u", i);
        unit_result(rc == v[i].rc && (rc >= 0 || r.detail), name,
                    "xz %s: %d, want %d", v[i].opts, rc, v[i].rc);
        free(z);
    }
}

/* Two streams with padding; one stream only with XZ_SINGLE_STREAM. */
static void test_streams(void)
{
    size_t an, bn, n, i;
    uint8_t *a = xzu_compress(mixed, 70000, "--check=crc64", &an);
    uint8_t *b = xzu_compress(mixed + 70000, 50000, "--x86 --lzma2 -1", &bn);
    uint8_t *cat, *out;
    struct xz_result r;
    uint64_t size;
    int rc;

    if ( !a || !b )
    {
        unit_result(false, "xz-streams", "xz failed");
        return;
    }
    /* a, 8 bytes of padding, b, 4 bytes of padding. */
    cat = calloc(1, an + bn + 12);
    memcpy(cat, a, an);
    memcpy(cat + an + 8, b, bn);
    n = an + bn + 12;
    rc = decode(cat, n, 120000, 0, &out, &r);
    CHECK("xz-two-streams", rc == 0 && r.streams == 2 &&
          r.out_used == 120000 && !memcmp(out, mixed, 120000));
    free(out);
    rc = xz_uncompressed_size(cat, n, &size, &r);
    CHECK("xz-two-streams-size", rc == 0 && size == 120000 && r.streams == 2);
    rc = decode(cat, n, 120000, XZ_SINGLE_STREAM, &out, &r);
    CHECK("xz-single-stream", rc == 0 && r.streams == 1 && r.in_used == an &&
          r.out_used == 70000);
    free(out);
    /* Padding that is not a multiple of four bytes. */
    memmove(cat + an + 7, cat + an + 8, bn + 4);
    rc = decode(cat, n - 1, 120000, 0, &out, &r);
    CHECK_EQ("xz-bad-padding", rc, XZ_E_CORRUPT);
    free(out);
    rc = xz_uncompressed_size(cat, n - 1, &size, &r);
    CHECK("xz-bad-padding-size", rc < 0);
    /* Trailing garbage after a stream. */
    memcpy(cat, a, an);
    memcpy(cat + an, "junkjunk", 8);
    rc = decode(cat, an + 8, 70000, 0, &out, &r);
    CHECK_EQ("xz-trailing-garbage", rc, XZ_E_FORMAT);
    free(out);
    /* Only padding, and nothing at all. */
    memset(cat, 0, 16);
    for ( i = 0; i < 2; i++ )
    {
        rc = xz_uncompressed_size(cat, i * 16, &size, &r);
        CHECK_EQ(i ? "xz-size-only-padding" : "xz-size-empty", rc,
                 XZ_E_FORMAT);
    }
    free(cat);
    free(a);
    free(b);
}

/* Every strict prefix of a stream is XZ_E_TRUNCATED, never anything
 * else; XZ_E_TRUNCATED or XZ_E_FORMAT from the size walk. */
static void truncations(const char *name, const uint8_t *data, size_t n,
                        const char *opts)
{
    unsigned int bad = 0, bad_size = 0;
    struct xz_result r;
    size_t zn, i, first_bad = 0;
    uint8_t *z = xzu_compress(data, n, opts, &zn), *out;
    uint64_t size;
    int rc;

    for ( i = 0; z && i < zn; i++ )
    {
        rc = decode(z, i, n, 0, &out, &r);
        free(out);
        if ( rc != XZ_E_TRUNCATED && !bad++ )
            first_bad = i;
        uint8_t *in = malloc(i ? i : 1);
        memcpy(in, z, i);
        rc = xz_uncompressed_size(in, i, &size, &r);
        bad_size += rc == XZ_OK;
        free(in);
    }
    unit_result(z && bad == 0 && bad_size == 0, name,
                "xz %s: %zu prefixes, %u not truncated (first at %zu), "
                "%u with a size", opts, zn, bad, first_bad, bad_size);
    free(z);
}

static void test_truncations(void)
{
    truncations("xz-truncate-crc64-blocks", mixed, 30000,
                "--check=crc64 --block-size=7000 --x86 --lzma2");
    truncations("xz-truncate-crc32", mixed, 12000, "-0 --check=crc32");
    truncations("xz-truncate-none", mixed + 200000, 12000, "--check=none");
    truncations("xz-truncate-empty", mixed, 0, "");
}

/*
 * Random corruption: flip bytes of a stream and decode.  Under a CRC a
 * success must give the original data; without one anything but a crash
 * goes.  Every result code must be one of ours.
 */
static void flips(const char *name, const char *opts, bool crc,
                  unsigned int rounds)
{
    const size_t n = 40000;
    unsigned int i, k, nflip, ok = 0, wrong = 0, odd = 0, codes[9] = { 0 };
    struct xz_result r;
    size_t zn;
    uint8_t *z = xzu_compress(mixed + 10000, n, opts, &zn), *c, *out;
    int rc;

    if ( !z )
    {
        unit_result(false, name, "xz %s failed", opts);
        return;
    }
    c = malloc(zn);
    for ( i = 0; i < rounds; i++ )
    {
        memcpy(c, z, zn);
        nflip = 1 + xzu_rnd() % 3;
        for ( k = 0; k < nflip; k++ )
            c[xzu_rnd() % zn] ^= 1 + xzu_rnd() % 255;
        rc = decode(c, zn, n, 0, &out, &r);
        if ( rc == 0 )
        {
            ok++;
            wrong += r.out_used != n || memcmp(out, mixed + 10000, n);
        }
        else if ( rc < XZ_E_ARG || rc > 0 || !r.detail )
            odd++;
        else
            codes[-rc]++;
        free(out);
    }
    unit_result(odd == 0 && (!crc || wrong == 0), name,
                "xz %s: %u flipped streams: %u decoded (%u differently), "
                "%u odd codes; format %u truncated %u corrupt %u check %u "
                "filter %u checktype %u output %u", opts, rounds, ok, wrong,
                odd, codes[1], codes[2], codes[3], codes[4], codes[5],
                codes[6], codes[7]);
    free(c);
    free(z);
}

static void test_flips(void)
{
    flips("xz-flips-crc64-x86", "--check=crc64 --x86 --lzma2 "
          "--block-size=9000", true, 3000);
    flips("xz-flips-crc32", "-0 --check=crc32", true, 2000);
    flips("xz-flips-none", "--check=none", false, 2000);
}

/* --- streams made by hand, for the rules xz itself never breaks -------- */

#define B(...) (const uint8_t[]){ __VA_ARGS__ }, \
               sizeof((const uint8_t[]){ __VA_ARGS__ })
#define LZMA2_ONLY B(0x00, 0x21, 0x01, 0x00)     /* flags, LZMA2, dict 4 KiB */
#define HELLO 'h', 'e', 'l', 'l', 'o'

static void hand(const char *name, const uint8_t *bh, size_t bhn,
                 const uint8_t *data, size_t dn, uint64_t usize, int want,
                 const char *want_out)
{
    uint8_t buf[256], *out;
    struct xz_result r;
    size_t n = xzu_craft(buf, sizeof(buf), bh, bhn, data, dn, usize);
    int rc = decode(buf, n, 64, 0, &out, &r);
    bool same = !want_out || (r.out_used == usize &&
                              !memcmp(out, want_out, usize));

    unit_result(n && rc == want && (rc == 0 ? same : r.detail != NULL), name,
                "%d (%s), want %d%s", rc, r.detail ? r.detail : "", want,
                same ? "" : "; output differs");
    free(out);
}

static void test_handmade(void)
{
    hand("xz-hand-stored", LZMA2_ONLY, B(0x01, 0x00, 0x04, HELLO, 0x00), 5,
         XZ_OK, "hello");
    hand("xz-hand-two-stored", LZMA2_ONLY,
         B(0x01, 0x00, 0x01, 'h', 'e', 0x02, 0x00, 0x02, 'l', 'l', 'o', 0),
         5, XZ_OK, "hello");
    hand("xz-hand-empty-lzma2", LZMA2_ONLY, B(0x00), 0, XZ_OK, "");
    hand("xz-hand-lzma-one-byte", LZMA2_ONLY,
         B(0xe0, 0x00, 0x00, 0x00, 0x05, 0x5d, 0, 0, 0, 0, 0, 0, 0x00), 1,
         XZ_OK, "");
    hand("xz-hand-lzma-overrun", LZMA2_ONLY,
         B(0xe0, 0x00, 0x00, 0x00, 0x04, 0x5d, 0, 0, 0, 0, 0, 0x00), 1,
         XZ_E_CORRUPT, NULL);
    hand("xz-hand-lzma-unused-byte", LZMA2_ONLY,
         B(0xe0, 0x00, 0x00, 0x00, 0x06, 0x5d, 0, 0, 0, 0, 0, 0, 0, 0x00), 1,
         XZ_E_CORRUPT, NULL);
    hand("xz-hand-rc-first-byte", LZMA2_ONLY,
         B(0xe0, 0x00, 0x00, 0x00, 0x05, 0x5d, 1, 0, 0, 0, 0, 0, 0x00), 1,
         XZ_E_CORRUPT, NULL);
    hand("xz-hand-no-dict-reset", LZMA2_ONLY,
         B(0x02, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_CORRUPT, NULL);
    hand("xz-hand-bad-control", LZMA2_ONLY, B(0x03, 0x00, 0x00, 'h', 0x00),
         1, XZ_E_CORRUPT, NULL);
    hand("xz-hand-no-props", LZMA2_ONLY,
         B(0x01, 0x00, 0x00, 'h', 0x80, 0x00, 0x00, 0x00, 0x05, 0, 0, 0, 0,
           0, 0, 0x00), 2, XZ_E_CORRUPT, NULL);
    hand("xz-hand-props-range", LZMA2_ONLY,
         B(0xe0, 0x00, 0x00, 0x00, 0x05, 225, 0, 0, 0, 0, 0, 0, 0x00), 1,
         XZ_E_CORRUPT, NULL);
    hand("xz-hand-lc-plus-lp", LZMA2_ONLY,
         B(0xe0, 0x00, 0x00, 0x00, 0x05, 13, 0, 0, 0, 0, 0, 0, 0x00), 1,
         XZ_E_CORRUPT, NULL);
    hand("xz-hand-no-end", LZMA2_ONLY, B(0x01, 0x00, 0x04, HELLO), 5,
         XZ_E_CORRUPT, NULL);
    hand("xz-hand-reserved-flags", B(0x04, 0x21, 0x01, 0x00),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_UNSUPPORTED_FILTER, NULL);
    hand("xz-hand-header-padding", B(0x00, 0x21, 0x01, 0x00, 0x01),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_UNSUPPORTED_FILTER, NULL);
    hand("xz-hand-dict-byte", B(0x00, 0x21, 0x01, 41),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_UNSUPPORTED_FILTER, NULL);
    hand("xz-hand-bcj-last", B(0x00, 0x04, 0x00),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_UNSUPPORTED_FILTER, NULL);
    hand("xz-hand-lzma2-first", B(0x01, 0x21, 0x01, 0x00, 0x21, 0x01, 0x00),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_UNSUPPORTED_FILTER, NULL);
    hand("xz-hand-delta", B(0x01, 0x03, 0x01, 0x00, 0x21, 0x01, 0x00),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_UNSUPPORTED_FILTER, NULL);
    hand("xz-hand-bcj-props", B(0x01, 0x04, 0x02, 0, 0, 0x21, 0x01, 0x00),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_UNSUPPORTED_FILTER, NULL);
    hand("xz-hand-bcj-start", B(0x01, 0x04, 0x04, 0x10, 0, 0, 0, 0x21, 0x01,
                                0x00),
         B(0x01, 0x00, 0x04, 0xe8, 0, 0, 0, 0, 0x00), 5, XZ_OK,
         "\xe8\xeb\xff\xff\xff");
    hand("xz-hand-props-overrun", B(0x00, 0x21, 0x09, 0x00),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_CORRUPT, NULL);
    hand("xz-hand-csize-field", B(0x40, 0x09, 0x21, 0x01, 0x00),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_OK, "hello");
    hand("xz-hand-csize-wrong", B(0x40, 0x0a, 0x21, 0x01, 0x00),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_CORRUPT, NULL);
    hand("xz-hand-usize-wrong", B(0x80, 0x06, 0x21, 0x01, 0x00),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_CORRUPT, NULL);
    hand("xz-hand-vli-not-minimal", B(0x40, 0x89, 0x00, 0x21, 0x01, 0x00),
         B(0x01, 0x00, 0x04, HELLO, 0x00), 5, XZ_E_CORRUPT, NULL);
    hand("xz-hand-index-differs", LZMA2_ONLY,
         B(0x01, 0x00, 0x04, HELLO, 0x00), 6, XZ_E_CORRUPT, NULL);
    hand("xz-hand-chunk-past-input", LZMA2_ONLY,
         B(0x01, 0x00, 0xff, HELLO, 0x00), 5, XZ_E_TRUNCATED, NULL);
}

int main(void)
{
    if ( !xzu_setup() )
    {
        printf("SKIP: unit/xz: no xz tool (apt-get install xz-utils)\n");
        return 0;
    }
    mixed = xzu_data(XZU_MIXED, 0, &mixed_n);
    test_options();
    test_datasets();
    test_refused();
    test_streams();
    test_truncations();
    test_flips();
    test_handmade();
    free(mixed);
    xzu_teardown();
    return unit_done();
}
