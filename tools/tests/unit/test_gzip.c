/*
 * Hosted tests of the gzip decoder (common/decompress/inflate.c,
 * gunzip.c) against what the system's `gzip` makes of data generated
 * here (stored, fixed and dynamic Huffman blocks, every level, with and
 * without a file name), compared byte for byte; headers with every
 * optional field, made by hand; every truncation; random byte flips.
 * Exact-size buffers throughout, for ASan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/gunzip.h>
#include <xen/lib.h>

#include "unit.h"
#include "xz_util.h"

static uint8_t *mixed;
static size_t mixed_n;

static int decode(const uint8_t *gz, size_t n, size_t cap, uint8_t **out,
                  struct xz_result *r)
{
    uint8_t *in = malloc(n ? n : 1);
    int rc;

    memcpy(in, gz, n);
    *out = malloc(cap ? cap : 1);
    rc = gunzip(in, n, *out, cap, xzu_work(), r);
    free(in);
    return rc;
}

static uint8_t *gz(const uint8_t *data, size_t n, const char *opts,
                   size_t *zn)
{
    char cmd[200];

    snprintf(cmd, sizeof(cmd), "gzip -c %s", opts);
    return xzu_filter(cmd, data, n, zn);
}

static void roundtrip(const char *name, const uint8_t *data, size_t n,
                      const char *opts)
{
    struct xz_result r;
    size_t zn;
    uint8_t *z = gz(data, n, opts, &zn), *out;
    const char *why;
    int rc, rc_short = XZ_E_OUTPUT_SIZE;

    if ( !z )
    {
        unit_result(false, name, "gzip %s failed", opts);
        return;
    }
    rc = decode(z, zn, n, &out, &r);
    why = r.detail;
    rc = rc ? rc : (r.out_used != n || r.in_used != zn) ? 1 :
         memcmp(out, data, n) ? 2 : 0;
    free(out);
    if ( n )
    {
        rc_short = decode(z, zn, n - 1, &out, &r);
        free(out);
    }
    unit_result(rc == 0 && rc_short == XZ_E_OUTPUT_SIZE, name,
                "gzip %s: %zu -> %zu bytes: %d (%s), short buffer %d", opts,
                n, zn, rc, why ? why : "", rc_short);
    free(z);
}

static void test_roundtrips(void)
{
    static const struct { const char *name; enum xzu_kind kind; size_t n; }
    sets[] = {
        { "text", XZU_TEXT, 200000 }, { "noise", XZU_NOISE, 100000 },
        { "zeros", XZU_ZEROS, 500000 }, { "code", XZU_CODE, 300000 },
        { "empty", XZU_TEXT, 0 }, { "one", XZU_TEXT, 1 },
        { "short", XZU_TEXT, 100 },
    };
    static const char *const opts[] = { "-1", "-6 -n", "-9" };
    char name[64];
    unsigned int i, j;

    for ( i = 0; i < ARRAY_SIZE(opts); i++ )
    {
        snprintf(name, sizeof(name), "gzip-mixed-%u", i);
        roundtrip(name, mixed, mixed_n, opts[i]);
    }
    for ( i = 0; i < ARRAY_SIZE(sets); i++ )
    {
        size_t n;
        uint8_t *d = xzu_data(sets[i].kind, sets[i].n, &n);

        for ( j = 0; j < 2; j++ )
        {
            snprintf(name, sizeof(name), "gzip-%s-%u", sets[i].name, j);
            roundtrip(name, d, n, opts[j * 2]);
        }
        free(d);
    }
}

/* Insert the optional header fields into a `gzip -n` stream. */
static void test_headers(void)
{
    static const uint8_t extra[] = { 6, 0, 'A', 'B', 2, 0, 'x', 'y' };
    static const char name[] = "vmlinux", comment[] = "a kernel";
    size_t zn, n, h;
    uint8_t *z = gz(mixed, 3000, "-n", &zn), *buf, *out;
    struct xz_result r;
    uint32_t crc;
    int rc;

    if ( !z )
    {
        unit_result(false, "gzip-header-fields", "gzip failed");
        return;
    }
    buf = malloc(zn + 64);
    memcpy(buf, z, 10);
    buf[3] = 0x02 | 0x04 | 0x08 | 0x10;            /* HCRC EXTRA NAME COMMENT */
    h = 10;
    memcpy(buf + h, extra, sizeof(extra));
    h += sizeof(extra);
    memcpy(buf + h, name, sizeof(name));
    h += sizeof(name);
    memcpy(buf + h, comment, sizeof(comment));
    h += sizeof(comment);
    crc = xzu_crc32(buf, h);
    buf[h++] = crc;
    buf[h++] = crc >> 8;
    memcpy(buf + h, z + 10, zn - 10);
    n = h + zn - 10;
    rc = decode(buf, n, 3000, &out, &r);
    CHECK("gzip-header-fields", rc == 0 && r.in_used == n &&
          !memcmp(out, mixed, 3000));
    free(out);
    buf[h - 1] ^= 1;
    CHECK_EQ("gzip-header-crc16", decode(buf, n, 3000, &out, &r),
             XZ_E_CORRUPT);
    free(out);
    buf[h - 1] ^= 1;
    buf[3] |= 0x20;
    CHECK_EQ("gzip-reserved-flag", decode(buf, n, 3000, &out, &r),
             XZ_E_UNSUPPORTED_FILTER);
    free(out);
    memcpy(buf, z, zn);
    buf[2] = 7;
    CHECK_EQ("gzip-method", decode(buf, zn, 3000, &out, &r),
             XZ_E_UNSUPPORTED_FILTER);
    free(out);
    buf[0] = 0x1e;
    CHECK_EQ("gzip-magic", decode(buf, zn, 3000, &out, &r), XZ_E_FORMAT);
    free(out);
    /* A bad CRC32, a bad ISIZE, bytes after the member. */
    memcpy(buf, z, zn);
    buf[zn - 8] ^= 0x40;
    CHECK_EQ("gzip-crc32", decode(buf, zn, 3000, &out, &r), XZ_E_CHECK);
    free(out);
    memcpy(buf, z, zn);
    buf[zn - 4] ^= 0x01;
    CHECK_EQ("gzip-isize", decode(buf, zn, 3000, &out, &r), XZ_E_CHECK);
    free(out);
    memcpy(buf, z, zn);
    memcpy(buf + zn, "more", 4);
    rc = decode(buf, zn + 4, 3000, &out, &r);
    CHECK("gzip-trailing-bytes", rc == 0 && r.in_used == zn);
    free(out);
    free(buf);
    free(z);
}

/* Deflate blocks made by hand, inside a gzip member. */
static void hand(const char *name, const uint8_t *defl, size_t dn,
                 const char *want, size_t want_n, int want_rc)
{
    uint8_t buf[128] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 }, *out;
    uint32_t crc = xzu_crc32((const uint8_t *)want, want_n);
    struct xz_result r;
    size_t n = 10 + dn + 8;
    int rc;

    memcpy(buf + 10, defl, dn);
    for ( unsigned int i = 0; i < 4; i++ )
    {
        buf[10 + dn + i] = crc >> (8 * i);
        buf[14 + dn + i] = want_n >> (8 * i);
    }
    rc = decode(buf, n, 64, &out, &r);
    unit_result(rc == want_rc && (rc || (r.out_used == want_n &&
                                         !memcmp(out, want, want_n))),
                name, "%d (%s), want %d", rc, r.detail ? r.detail : "",
                want_rc);
    free(out);
}

#define D(...) (const uint8_t[]){ __VA_ARGS__ }, \
               sizeof((const uint8_t[]){ __VA_ARGS__ })

static void test_handmade(void)
{
    /* Final stored block of "hi": 01, LEN 2, NLEN ~2. */
    hand("gzip-hand-stored", D(0x01, 0x02, 0x00, 0xfd, 0xff, 'h', 'i'),
         "hi", 2, XZ_OK);
    hand("gzip-hand-nlen", D(0x01, 0x02, 0x00, 0xfd, 0xfe, 'h', 'i'),
         "hi", 2, XZ_E_CORRUPT);
    hand("gzip-hand-reserved-type", D(0x07, 0x00), "", 0, XZ_E_CORRUPT);
    /* Fixed codes: 'a' (0x30 + 0x61 = 0x91, 8 bits), end of block. */
    hand("gzip-hand-fixed", D(0x4b, 0x04, 0x00), "a", 1, XZ_OK);
    /* Fixed: 'a', a match of length 3 at distance 1, end of block. */
    hand("gzip-hand-match", D(0x4b, 0x04, 0x02, 0x00), "aaaa", 4, XZ_OK);
    /* The same at distance 2: beyond the data. */
    hand("gzip-hand-distance", D(0x4b, 0x04, 0x42, 0x00), "aaaa", 4,
         XZ_E_CORRUPT);
    /* A stored block that is not the last: the trailer is read as the
     * next block, whose NLEN is wrong. */
    hand("gzip-hand-not-final", D(0x00, 0x00, 0x00, 0xff, 0xff), "", 0,
         XZ_E_CORRUPT);
    /* Dynamic with HLIT 287 (bits 11110 -> 30 + 257). */
    hand("gzip-hand-hlit", D(0xf5, 0xff, 0xff), "", 0, XZ_E_CORRUPT);
}

static void test_truncations(void)
{
    size_t zn, i, bad = 0, first = 0;
    uint8_t *z = gz(mixed, 20000, "-6", &zn), *out;
    struct xz_result r;

    for ( i = 0; z && i < zn; i++ )
    {
        if ( decode(z, i, 20000, &out, &r) != XZ_E_TRUNCATED && !bad++ )
            first = i;
        free(out);
    }
    unit_result(z && !bad, "gzip-truncations", "%zu of %zu prefixes not "
                "XZ_E_TRUNCATED, first at %zu", bad, zn, first);
    free(z);
}

static void test_flips(void)
{
    const size_t n = 30000;
    unsigned int i, k, ok = 0, wrong = 0, odd = 0;
    size_t zn;
    uint8_t *z = gz(mixed + 5000, n, "-6", &zn), *c, *out;
    struct xz_result r;
    int rc;

    if ( !z )
    {
        unit_result(false, "gzip-flips", "gzip failed");
        return;
    }
    c = malloc(zn);
    for ( i = 0; i < 4000; i++ )
    {
        memcpy(c, z, zn);
        for ( k = 1 + xzu_rnd() % 3; k; k-- )
            c[xzu_rnd() % zn] ^= 1 + xzu_rnd() % 255;
        rc = decode(c, zn, n, &out, &r);
        if ( rc == 0 )
            wrong += r.out_used != n || memcmp(out, mixed + 5000, n), ok++;
        else if ( rc < XZ_E_ARG || rc > 0 || !r.detail || r.out_used > n )
            odd++;
        free(out);
    }
    unit_result(!odd && !wrong, "gzip-flips", "%u decoded (%u wrongly), %u "
                "odd results", ok, wrong, odd);
    free(c);
    free(z);
}

int main(void)
{
    if ( !xzu_setup() || system("gzip --version >/dev/null 2>&1") )
    {
        printf("SKIP: unit/gzip: no xz or gzip tool\n");
        return 0;
    }
    mixed = xzu_data(XZU_MIXED, 0, &mixed_n);
    test_roundtrips();
    test_headers();
    test_handmade();
    test_truncations();
    test_flips();
    free(mixed);
    xzu_teardown();
    return unit_done();
}
