/*
 * Optional coverage-guided fuzz targets (clang -fsanitize=fuzzer), built
 * by `make fuzz`; one binary per target, chosen with -DFUZZ_TARGET_*.
 * The input is copied into an exactly-sized buffer so ASan sees overruns.
 */
#include <stdlib.h>
#include <string.h>

#include <xen/domain_config.h>
#include <xen/gunzip.h>
#include <xen/lib.h>
#include <xen/pvh_elf.h>
#include <xen/xz.h>
#if defined(FUZZ_TARGET_FLASK)
#include <xsm/flask/policydb.h>
#endif

static int nop_copy(void *ctx, uint64_t gpa, const void *src, size_t len)
{
    (void)ctx, (void)gpa, (void)src, (void)len;
    return 0;
}

static int nop_zero(void *ctx, uint64_t gpa, size_t len)
{
    (void)ctx, (void)gpa, (void)len;
    return 0;
}

static void nop_unknown(void *ctx, const char *key, size_t len)
{
    (void)ctx, (void)key, (void)len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#if defined(FUZZ_TARGET_ELF)
    struct pvh_elf_info info;
    uint8_t *img = malloc(size ? size : 1);

    memcpy(img, data, size);
    if ( pvh_elf_parse(img, size, &info) == 0 )
        pvh_elf_load(&info, img, 64u << 20, nop_copy, nop_zero, NULL);
    free(img);
#elif defined(FUZZ_TARGET_DOMCFG)
    struct domain_config cfg;
    char *s = malloc(size + 1);

    memcpy(s, data, size);
    s[size] = '\0';
    domain_config_parse(s, 1, &cfg, nop_unknown, NULL);
    free(s);
#elif defined(FUZZ_TARGET_FLASK)
    /* The policy module a boot loader hands over: any bytes. */
    struct policydb p;
    uint8_t *img = malloc(size ? size : 1);

    memcpy(img, data, size);
    if ( policydb_load(&p, img, size) == 0 )
        policydb_destroy(&p);
    free(img);
#elif defined(FUZZ_TARGET_XZ)
    /*
     * Any bytes as xz data: the size walk, then a decode into a buffer
     * of the size the index gives (at most 64 KiB), then one with half
     * the room and XZ_SINGLE_STREAM.  A result outside the API's promises
     * aborts, which libFuzzer reports as a crash.
     */
    static uint64_t work[XZ_WORK_SIZE / 8];
    struct xz_result r;
    uint64_t want = 0;
    uint8_t *in = malloc(size ? size : 1), *out;
    unsigned int pass;
    size_t cap;
    int rc;

    memcpy(in, data, size);
    rc = xz_uncompressed_size(in, size, &want, &r);
    if ( rc > 0 || rc < XZ_E_ARG || (rc && !r.detail) || r.in_used > size )
        abort();
    if ( rc || want > (64u << 10) )
        want = 64u << 10;
    for ( pass = 0; pass < 2; pass++ )
    {
        cap = pass ? want / 2 : want;
        out = malloc(cap ? cap : 1);
        rc = xz_decode(in, size, out, cap, pass ? XZ_SINGLE_STREAM : 0,
                       work, &r);
        if ( rc > 0 || rc < XZ_E_ARG || (rc && !r.detail) ||
             r.in_used > size || r.out_used > cap ||
             (!rc && !pass && r.in_used != size) )
            abort();
        free(out);
    }
    free(in);
#elif defined(FUZZ_TARGET_GZIP)
    /* Any bytes as a gzip member, into the room its ISIZE asks for (at
     * most 64 KiB); aborts on a result outside the API's promises. */
    static uint64_t work[GUNZIP_WORK_SIZE / 8];
    struct xz_result r;
    uint8_t *in = malloc(size ? size : 1), *out;
    size_t cap = 64u << 10;
    int rc;

    memcpy(in, data, size);
    if ( size >= 4 )
        cap = min(cap, (size_t)(data[size - 4] | data[size - 3] << 8 |
                                data[size - 2] << 16 |
                                (uint32_t)data[size - 1] << 24));
    out = malloc(cap ? cap : 1);
    rc = gunzip(in, size, out, cap, work, &r);
    if ( rc > 0 || rc < XZ_E_ARG || (rc && !r.detail) || r.in_used > size ||
         r.out_used > cap )
        abort();
    free(out);
    free(in);
#else
#error "define FUZZ_TARGET_ELF, DOMCFG, FLASK, XZ or GZIP"
#endif
    return 0;
}
