/*
 * Optional coverage-guided fuzz targets (clang -fsanitize=fuzzer), built
 * by `make fuzz`; one binary per target, chosen with -DFUZZ_TARGET_*.
 * The input is copied into an exactly-sized buffer so ASan sees overruns.
 */
#include <stdlib.h>
#include <string.h>

#include <xen/domain_config.h>
#include <xen/lib.h>
#include <xen/pvh_elf.h>
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
#else
#error "define FUZZ_TARGET_ELF, FUZZ_TARGET_DOMCFG or FUZZ_TARGET_FLASK"
#endif
    return 0;
}
