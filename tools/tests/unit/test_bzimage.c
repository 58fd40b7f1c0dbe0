/*
 * Hosted tests of common/bzimage.c: bzImages assembled here around an
 * ELF (made by elfgen, or a real guest test image) compressed by the
 * system's `xz` as Linux does it (x86 BCJ + LZMA2, CRC32, the size
 * appended), or by gzip, unpacked and parsed as PVH ELF; malformed headers and
 * payloads refused with a reason; every truncation refused.  Then
 * Debian's kernel, if scripts/deb-cache has unpacked it into build/debs.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/bzimage.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pvh_elf.h>
#include <xen/xz.h>

#include "elfgen.h"
#include "unit.h"
#include "xz_util.h"

#define SECTS      3                  /* setup sectors after the boot one */
#define PM_START   ((SECTS + 1) * 512)
#define PAYLOAD_AT 0x200               /* from PM_START */
#define XZ_LINUX   "--x86 --lzma2=preset=6 --check=crc32"

static uint8_t *elf;
static size_t elf_n;

static void put(uint8_t *p, uint32_t v, unsigned int n)
{
    while ( n-- )
        *p++ = v, v >>= 8;
}

/* A bzImage of exact size around payload (plus 64 bytes after it). */
static uint8_t *make(const uint8_t *payload, size_t plen, size_t *n)
{
    uint8_t *img;

    *n = PM_START + PAYLOAD_AT + plen + 64;
    img = calloc(1, *n);
    img[0x1f1] = SECTS;
    put(img + 0x1fe, 0xaa55, 2);
    memcpy(img + 0x202, "HdrS", 4);
    put(img + 0x206, 0x020f, 2);
    put(img + 0x248, PAYLOAD_AT, 4);
    put(img + 0x24c, plen, 4);
    memset(img + PM_START, 0x90, PAYLOAD_AT);   /* "decompressor" code */
    memcpy(img + PM_START + PAYLOAD_AT, payload, plen);
    return img;
}

/* Compress the ELF as Linux does, with the 4-byte size after it. */
static uint8_t *linux_payload(size_t *plen, bool trailer, uint32_t size)
{
    size_t zn;
    uint8_t *z = xzu_compress(elf, elf_n, XZ_LINUX, &zn);

    if ( !z )
        return NULL;
    uint8_t *bigger = realloc(z, zn + 4);

    if ( !bigger )
    {
        free(z);
        return NULL;
    }
    z = bigger;
    put(z + zn, size, 4);
    *plen = zn + (trailer ? 4 : 0);
    return z;
}

/* Parse and unpack img (a copy of exact size); 0 and the ELF checked,
 * or the first error with its reason in why. */
static int unpack(const uint8_t *img0, size_t n, char *why, size_t wl,
                  struct bzimage_info *bi)
{
    uint8_t *img = malloc(n ? n : 1), *out = NULL;
    struct pvh_elf_info info;
    int rc;

    memcpy(img, img0, n);
    why[0] = '\0';
    rc = bzimage_parse(img, n, bi, why, wl);
    if ( !rc && bi->compressed )
    {
        out = malloc(bi->elf_size ? bi->elf_size : 1);
        rc = bzimage_unpack(bi, img, out, bi->elf_size, xzu_work(), why, wl);
        if ( !rc )
            rc = pvh_elf_parse(out, bi->elf_size, &info) ? -1000 :
                 bi->elf_size != elf_n || memcmp(out, elf, elf_n) ? -1001 : 0;
    }
    else if ( !rc )
        rc = bi->elf != img + bi->payload_off ? -1002 :
             pvh_elf_parse(bi->elf, bi->elf_size, &info) ? -1000 : 0;
    free(out);
    free(img);
    return rc;
}

static void expect(const char *name, const uint8_t *img, size_t n, int want,
                   const char *why_has)
{
    struct bzimage_info bi;
    char why[160];
    int rc = unpack(img, n, why, sizeof(why), &bi);

    unit_result(rc == want && (!why_has || strstr(why, why_has)), name,
                "%d, want %d; why: '%s'", rc, want, why);
}

static void test_good(void)
{
    struct bzimage_info bi;
    size_t plen, n;
    uint8_t *p = linux_payload(&plen, true, elf_n), *img;
    char why[160];

    if ( !p )
    {
        unit_result(false, "bzimage-xz", "xz failed");
        return;
    }

    img = make(p, plen, &n);
    CHECK_EQ("bzimage-xz", unpack(img, n, why, sizeof(why), &bi), 0);
    CHECK("bzimage-xz-info", bi.version == 0x20f && bi.compressed &&
          !strcmp(bi.format, "xz") && bi.elf_size == elf_n &&
          bi.payload_off == PM_START + PAYLOAD_AT &&
          bi.payload_len == plen - 4);
    free(img);
    img = make(p, plen - 4, &n);               /* no size after it */
    expect("bzimage-xz-no-trailer", img, n, 0, NULL);
    free(img);
    put(p + plen - 4, elf_n + 1, 4);
    img = make(p, plen, &n);
    expect("bzimage-xz-trailer-differs", img, n, -EINVAL, "differs");
    free(img);
    /* gzip, as CONFIG_KERNEL_GZIP makes it (gzip -n -9). */
    free(p);
    p = xzu_filter("gzip -c -n -9", elf, elf_n, &plen);
    img = p ? make(p, plen, &n) : NULL;
    CHECK_EQ("bzimage-gzip", img ? unpack(img, n, why, sizeof(why), &bi) : 1,
             0);
    CHECK("bzimage-gzip-info", img && !strcmp(bi.format, "gzip") &&
          bi.elf_size == elf_n && bi.payload_len == plen);
    free(img);
    if ( p )
    {
        /* One byte more (after the member): the size read is wrong. */
        img = malloc(plen + 1);
        memcpy(img, p, plen);
        img[plen] = 0;
        free(p);
        p = img;
        img = make(p, plen + 1, &n);
        expect("bzimage-gzip-trailing", img, n, -EINVAL, "gzip");
        free(img);
    }
    img = make(elf, elf_n, &n);
    expect("bzimage-elf", img, n, 0, NULL);
    free(img);
    /* setup_sects 0 means 4. */
    img = make(elf, elf_n, &n);
    img[0x1f1] = 0;
    put(img + 0x248, PAYLOAD_AT - 512, 4);
    expect("bzimage-setup-sects-0", img, n, 0, NULL);
    free(img);
    free(p);
}

static void test_bad_headers(void)
{
    size_t plen, n;
    uint8_t *p = linux_payload(&plen, true, elf_n), *img, *bad;
    static const struct {
        const char *name; size_t off; uint32_t v; unsigned int w; int rc;
        const char *why;
    } v[] = {
        { "bzimage-no-hdrs", 0x202, 0x53726448 + 1, 4, -ENOEXEC, NULL },
        { "bzimage-no-boot-flag", 0x1fe, 0x55aa, 2, -EINVAL, "boot flag" },
        { "bzimage-old-protocol", 0x206, 0x0207, 2, -EINVAL, "2.07" },
        { "bzimage-payload-offset", 0x248, 0x7fffffff, 4, -EINVAL, "outside" },
        { "bzimage-payload-wrap", 0x248, 0xffffffff, 4, -EINVAL, "outside" },
        { "bzimage-payload-length", 0x24c, 0xfffffff0, 4, -EINVAL, "outside" },
        { "bzimage-setup-sects", 0x1f1, 0xff, 1, -EINVAL, "outside" },
        { "bzimage-payload-short", 0x24c, 40, 4, -EINVAL, "xz payload" },
        { "bzimage-bzip2", PM_START + PAYLOAD_AT, 0x39685a42, 4, -EOPNOTSUPP,
          "bzip2" },
        { "bzimage-not-gzip", PM_START + PAYLOAD_AT, 0x00088b1f, 4, -EINVAL,
          "gzip: " },
        { "bzimage-zstd", PM_START + PAYLOAD_AT, 0xfd2fb528, 4, -EOPNOTSUPP,
          "zstd" },
        { "bzimage-unknown", PM_START + PAYLOAD_AT, 0x12345678, 4, -EINVAL,
          "not xz" },
        /* Corrupt LZMA2 data: the index is intact, decoding fails. */
        { "bzimage-corrupt-payload", PM_START + PAYLOAD_AT + 100, 0x5a5a5a5a,
          4, -EINVAL, "xz: " },
    };
    unsigned int i;

    if ( !p )
    {
        unit_result(false, "bzimage-headers", "xz failed");
        return;
    }
    img = make(p, plen, &n);
    bad = malloc(n);
    for ( i = 0; i < ARRAY_SIZE(v); i++ )
    {
        memcpy(bad, img, n);
        put(bad + v[i].off, v[i].v, v[i].w);
        expect(v[i].name, bad, n, v[i].rc, v[i].why);
    }
    expect("bzimage-short-header", img, 0x240, -EINVAL, "truncated");
    expect("bzimage-tiny", img, 0x100, -ENOEXEC, NULL);
    expect("bzimage-plain-elf", elf, elf_n, -ENOEXEC, NULL);
    free(bad);
    free(img);
    free(p);
}

/* Every truncation of a whole bzImage: refused, with a reason. */
static void test_truncations(void)
{
    size_t plen, n, i, bad = 0, first = 0;
    uint8_t *p = linux_payload(&plen, true, elf_n), *img;
    struct bzimage_info bi;
    char why[160];
    int rc;

    if ( !p )
    {
        unit_result(false, "bzimage-truncations", "xz failed");
        return;
    }
    img = make(p, plen, &n);
    n -= 64;                                   /* end at the payload */
    for ( i = 0; i < n; i++ )
    {
        rc = unpack(img, i, why, sizeof(why), &bi);
        if ( (rc != -EINVAL && rc != -ENOEXEC) ||
             (rc == -EINVAL && !why[0]) )
            first = bad++ ? first : i;
    }
    unit_result(bad == 0, "bzimage-truncations", "%zu of %zu refused "
                "wrongly, first at %zu", bad, n, first);
    free(img);
    free(p);
}

/* An index that claims more than BZIMAGE_ELF_MAX. */
static void test_too_big(void)
{
    static const uint8_t bh[] = { 0x00, 0x21, 0x01, 0x00 };
    static const uint8_t data[] = { 0x01, 0x00, 0x00, 'x', 0x00 };
    uint8_t z[256], *img;
    size_t zn = xzu_craft(z, sizeof(z), bh, sizeof(bh), data, sizeof(data),
                          BZIMAGE_ELF_MAX + 1ull), n;

    img = make(z, zn, &n);
    expect("bzimage-too-big", img, n, -EINVAL, "larger than");
    free(img);
}

/* Debian's packaged kernel, if scripts/deb-cache has fetched it. */
static void test_debian(void)
{
    char pattern[600];
    const char *root = getenv("XEN_ROOT") ? getenv("XEN_ROOT") : "../../..";
    const char *cache = getenv("RESMAP_DEB_CACHE");
    struct pvh_elf_info info;
    struct bzimage_info bi;
    uint8_t *img, *out;
    char why[200];
    glob_t g;
    size_t n;
    int rc;

    if ( cache )
        snprintf(pattern, sizeof(pattern), "%s/linux-image-*/boot/vmlinuz-*",
                 cache);
    else
        snprintf(pattern, sizeof(pattern),
                 "%s/build/debs/linux-image-*/boot/vmlinuz-*", root);
    if ( glob(pattern, 0, NULL, &g) || !g.gl_pathc )
    {
        printf("SKIP: unit/bzimage-debian: no Debian kernel in build/debs "
               "(scripts/deb-cache linux-image-amd64 fetches it)\n");
        return;
    }
    img = xzu_read_file(g.gl_pathv[g.gl_pathc - 1], 256u << 20, &n);
    rc = img ? bzimage_parse(img, n, &bi, why, sizeof(why)) : -ENOENT;
    unit_result(rc == 0 && bi.compressed, "bzimage-debian-header",
                "%s: %d %s", g.gl_pathv[g.gl_pathc - 1], rc, why);
    if ( rc == 0 && bi.compressed )
    {
        out = malloc(bi.elf_size);
        rc = bzimage_unpack(&bi, img, out, bi.elf_size, xzu_work(), why,
                            sizeof(why));
        unit_result(rc == 0, "bzimage-debian-unpack", "%d %s", rc, why);
        rc = rc ? rc : pvh_elf_parse(out, bi.elf_size, &info);
        unit_result(rc == 0 && info.elf_class == 64, "bzimage-debian-pvh-elf",
                    "%d", rc);
        if ( rc == 0 )
            printf("info: %s: protocol %u.%02u, %s payload %zu bytes -> ELF "
                   "%zu bytes; PHYS32_ENTRY %#x, %u segments at "
                   "%#llx-%#llx\n", g.gl_pathv[g.gl_pathc - 1],
                   bi.version >> 8, bi.version & 0xff, bi.format,
                   bi.payload_len, bi.elf_size, info.entry, info.nr_segs,
                   (unsigned long long)info.load_start,
                   (unsigned long long)info.load_end);
        free(out);
    }
    free(img);
    globfree(&g);
}

int main(void)
{
    const char *root = getenv("XEN_ROOT") ? getenv("XEN_ROOT") : "../../..";
    char path[600];
    size_t n;
    uint8_t *guest;

    if ( !xzu_setup() )
    {
        printf("SKIP: unit/bzimage: no xz tool (apt-get install xz-utils)\n");
        return 0;
    }
    /* A real guest test image if built (x86 code), else elfgen's. */
    snprintf(path, sizeof(path), "%s/tools/tests/guest/build/hello-64", root);
    guest = xzu_read_file(path, 16u << 20, &n);
    if ( guest && pvh_elf_parse(guest, n, &(struct pvh_elf_info){ 0 }) == 0 )
    {
        elf = guest;
        elf_n = n;
    }
    else
    {
        struct elfgen g;
        struct elfgen_layout lay;

        free(guest);
        elfgen_default(&g, true);
        elf = malloc(16384);
        elf_n = elfgen_build(&g, elf, 16384, &lay);
    }
    test_good();
    test_bad_headers();
    test_truncations();
    test_too_big();
    test_debian();
    free(elf);
    xzu_teardown();
    return unit_done();
}
