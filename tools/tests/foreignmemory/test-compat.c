/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Drop-in check.  Built against DEBIAN's <xenforeignmemory.h> and
 * linked against DEBIAN's libxenforeignmemory.so.1; run-compat.sh runs
 * it once as built and once with LD_LIBRARY_PATH pointing at ours.
 * Each case prints its results and the fake driver's record of every
 * request; the two transcripts must be identical case by case.
 * Nothing here prints a raw address.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <xentoollog.h>
#include <xentoolcore.h>
#include <xenforeignmemory.h>
#include <xen/sys/privcmd.h>

#include "fake-privcmd.h"

#define GNTTAB 1
#define RW (PROT_READ | PROT_WRITE)

static xentoollog_logger *quiet;

static xenforeignmemory_handle *fm_open(void)
{
    return xenforeignmemory_open(quiet, 0);
}

static void show(const char *what, const void *p)
{
    if (p)
        printf("%s=ok\n", what);
    else
        printf("%s=NULL errno=%s\n", what, strerrorname_np(errno));
}

static void show_rc(const char *what, int rc)
{
    printf("%s=%d errno=%s\n", what, rc, rc ? strerrorname_np(errno) : "-");
}

static void show_err(const int *err, size_t n)
{
    size_t i;

    printf("err=");
    for (i = 0; i < n; i++)
        printf("%s%d", i ? "," : "", err[i]);
    printf("\n");
}

static void show_tags(const void *p, size_t n)
{
    size_t i;
    uint64_t t;

    for (i = 0; p && i < n; i++) {
        memcpy(&t, (const char *)p + i * FP_PAGE_SIZE, sizeof(t));
        printf("tag[%zu]=%#llx\n", i, (unsigned long long)t);
    }
}

/* ---- cases ---- */

static void c_open_close(void)
{
    xenforeignmemory_handle *h = fm_open();

    show("open", h);
    show_rc("close", xenforeignmemory_close(h));
    show_rc("close-null", xenforeignmemory_close(NULL));
}

static void c_open_fallback(void)
{
    fp_fail_open("/dev/xen/privcmd", ENOENT);
    c_open_close();
}

static void c_open_eacces(void)
{
    fp_fail_open("/dev/xen/privcmd", EACCES);
    show("open", fm_open());
}

static void c_open_probe_accepted(void)
{
    fp_set_unimplemented_errno(0);
    printf("open=%s\n", fm_open() ? "ok" : "NULL");   /* errno undefined */
}

/* Map arr with/without an err array (pre-cleared), print, unmap. */
static void map_and_show(uint32_t dom, void *hint, int flags,
                         const xen_pfn_t *arr, size_t n, int with_err)
{
    xenforeignmemory_handle *h = fm_open();
    int err[16] = { 0 };
    void *p = xenforeignmemory_map2(h, dom, hint, RW, flags, n, arr,
                                    with_err ? err : NULL);

    show("map", p);
    if (with_err)
        show_err(err, n);
    if (p) {
        size_t i;

        for (i = 0; i < n; i++)
            if (!with_err || !err[i])
                show_tags((char *)p + i * FP_PAGE_SIZE, 1);
        show_rc("unmap", xenforeignmemory_unmap(h, p, n));
    }
    xenforeignmemory_close(h);
}

static const xen_pfn_t gfns[6] = { 0, 1, 2, 3, 4, 5 };
static const xen_pfn_t bad_gfns[4] = { 1, 100, 3, 200 };

static void c_map_basic(void)   { map_and_show(1, NULL, 0, gfns, 6, 1); }
static void c_map_noerr(void)   { map_and_show(1, NULL, 0, gfns, 3, 0); }
static void c_map_partial(void) { map_and_show(1, NULL, 0, bad_gfns, 4, 1); }
static void c_map_all_or_nothing(void)
{
    map_and_show(1, NULL, 0, bad_gfns, 4, 0);
}
static void c_map_no_domain(void) { map_and_show(9, NULL, 0, gfns, 2, 1); }
static void c_map_zero(void)
{
    map_and_show(1, NULL, 0, gfns, 0, 1);
    map_and_show(1, NULL, 0, gfns, 0, 0);
}

static void c_map_mmap_fails(void)
{
    fp_fail_mmap(ENOMEM, 1);
    map_and_show(1, NULL, 0, gfns, 2, 1);
}

static void inject_v2(int err)
{
    fp_fail_ioctl(IOCTL_PRIVCMD_MMAPBATCH_V2, err, 0, -1);
}

static void c_map_v2_efault(void) { inject_v2(EFAULT); map_and_show(1, NULL, 0, gfns, 2, 1); }
static void c_map_v2_enosys(void) { inject_v2(ENOSYS); map_and_show(1, NULL, 0, gfns, 2, 1); }
static void c_map_v2_enotty(void) { inject_v2(ENOTTY); map_and_show(1, NULL, 0, gfns, 2, 1); }

static void c_map_paged(void)
{
    fp_page_error(1, 1, ENOENT, 2);
    fp_page_error(1, 2, ENOENT, 1);
    fp_page_error(1, 4, ENOENT, 3);
    fp_page_error(1, 5, EFAULT, -1);
    map_and_show(1, NULL, 0, gfns, 6, 1);
}

static void c_map_paged_noerr(void)
{
    fp_page_error(1, 3, ENOENT, 1);
    map_and_show(1, NULL, 0, gfns, 6, 0);
}

static void c_map_paged_retry_fails(void)
{
    fp_page_error(1, 1, ENOENT, -1);
    fp_fail_ioctl(IOCTL_PRIVCMD_MMAPBATCH_V2, EFAULT, 2, 1);
    map_and_show(1, NULL, 0, gfns, 3, 1);
}

static void c_map_v1(void)
{
    inject_v2(EINVAL);
    map_and_show(1, NULL, 0, gfns, 4, 1);
    map_and_show(1, NULL, 0, bad_gfns, 4, 1);
    map_and_show(1, NULL, 0, bad_gfns, 4, 0);
}

static void c_map_v1_paged(void)
{
    inject_v2(EINVAL);
    fp_page_error(1, 1, ENOENT, 2);
    fp_page_error(1, 3, ENOENT, 1);
    map_and_show(1, NULL, 0, gfns, 5, 1);
}

static void c_map_v1_paged_fails(void)
{
    inject_v2(EINVAL);
    fp_page_error(1, 1, ENOENT, 1);
    fp_fail_ioctl(IOCTL_PRIVCMD_MMAPBATCH, EFAULT, 1, 1);
    map_and_show(1, NULL, 0, gfns, 3, 1);
}

static void c_map_v1_fails(void)
{
    inject_v2(EINVAL);
    fp_fail_ioctl(IOCTL_PRIVCMD_MMAPBATCH, EFAULT, 0, -1);
    map_and_show(1, NULL, 0, gfns, 3, 1);
}

static void c_map2_fixed(void)
{
    char *area = mmap(NULL, 8 * FP_PAGE_SIZE, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    fp_set_hint_base(area, 8 * FP_PAGE_SIZE);
    map_and_show(1, area + FP_PAGE_SIZE, MAP_FIXED, gfns + 2, 3, 1);
    map_and_show(1, area + FP_PAGE_SIZE, MAP_POPULATE, gfns + 2, 3, 0);
    munmap(area, 8 * FP_PAGE_SIZE);
}

static void c_unmap_bad(void)
{
    xenforeignmemory_handle *h = fm_open();

    show_rc("unmap-unaligned", xenforeignmemory_unmap(h, (void *)1, 1));
    xenforeignmemory_close(h);
}

static void c_restrict(void)
{
    xenforeignmemory_handle *h = fm_open();
    void *p;

    show_rc("restrict", xenforeignmemory_restrict(h, 2));
    p = xenforeignmemory_map(h, 1, RW, 1, gfns, NULL);
    show("map-other", p);
    p = xenforeignmemory_map(h, 2, RW, 1, gfns, NULL);
    show("map-own", p);
    if (p)
        xenforeignmemory_unmap(h, p, 1);
    show_rc("restrict-again", xenforeignmemory_restrict(h, 1));
    xenforeignmemory_close(h);
}

static void c_restrict_all(void)
{
    xenforeignmemory_handle *a = fm_open(), *b = fm_open();

    show_rc("restrict-all", xentoolcore_restrict_all(1));
    xenforeignmemory_close(a);
    fp_fail_ioctl(IOCTL_PRIVCMD_RESTRICT, EPERM, 0, 1);
    show_rc("restrict-all-fail", xentoolcore_restrict_all(1));
    xenforeignmemory_close(b);
}

/* map_resource with the given arguments, print, unmap. */
static void res(uint16_t dom, unsigned type, unsigned long frame,
                unsigned long nr, void *hint, int prot, int flags)
{
    xenforeignmemory_handle *h = fm_open();
    void *addr = hint;
    xenforeignmemory_resource_handle *r =
        xenforeignmemory_map_resource(h, dom, type, 0, frame, nr, &addr,
                                      prot, flags);

    show("map_resource", r);
    printf("addr-%s\n", addr == hint ? "unchanged" : "set");
    if (r && addr)
        show_tags(addr, nr);
    if (r)
        show_rc("unmap_resource", xenforeignmemory_unmap_resource(h, r));
    xenforeignmemory_close(h);
}

static void c_res_basic(void) { res(1, GNTTAB, 0, 4, NULL, RW, 0); }
static void c_res_part(void)  { res(1, GNTTAB, 1, 2, NULL, PROT_READ, MAP_SHARED); }
static void c_res_private(void) { res(1, GNTTAB, 1, 2, NULL, PROT_READ, MAP_PRIVATE); }
static void c_res_fixed_flag(void) { res(1, GNTTAB, 0, 1, NULL, RW, MAP_FIXED); }
static void c_res_no_domain(void) { res(9, GNTTAB, 0, 1, NULL, RW, 0); }
static void c_res_bad_type(void) { res(1, 77, 0, 1, NULL, RW, 0); }
static void c_res_too_many(void) { res(1, GNTTAB, 2, 3, NULL, RW, 0); }
static void c_res_query(void) { res(1, GNTTAB, 0, 0, NULL, RW, 0); }

static void c_res_hint(void)
{
    char *area = mmap(NULL, 4 * FP_PAGE_SIZE, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    fp_set_hint_base(area, 4 * FP_PAGE_SIZE);
    res(1, GNTTAB, 0, 2, area + FP_PAGE_SIZE, PROT_READ, 0);
    munmap(area, 4 * FP_PAGE_SIZE);
}

static void c_res_enotty(void)
{
    fp_fail_ioctl(IOCTL_PRIVCMD_MMAP_RESOURCE, ENOTTY, 0, -1);
    res(1, GNTTAB, 0, 1, NULL, RW, 0);
}

static void c_res_old_kernel(void)
{
    fp_set_unimplemented_errno(EINVAL);
    fp_fail_ioctl(IOCTL_PRIVCMD_MMAP_RESOURCE, EINVAL, 0, -1);
    res(1, GNTTAB, 0, 1, NULL, RW, 0);
}

static void c_res_mmap_fails(void)
{
    fp_fail_mmap(ENOMEM, 1);
    res(1, GNTTAB, 0, 1, NULL, RW, 0);
}

static void c_res_size(void)
{
    xenforeignmemory_handle *h = fm_open();
    size_t size = 7;

    show_rc("size", xenforeignmemory_resource_size(h, 1, GNTTAB, 0, &size));
    printf("size=%zu\n", size);
    show_rc("size-nodom", xenforeignmemory_resource_size(h, 9, GNTTAB, 0,
                                                         &size));
    show_rc("size-type", xenforeignmemory_resource_size(h, 1, 77, 0, &size));
    fp_fail_ioctl(IOCTL_PRIVCMD_MMAP_RESOURCE, ENOTTY, 0, 1);
    show_rc("size-enotty", xenforeignmemory_resource_size(h, 1, GNTTAB, 0,
                                                          &size));
    printf("size=%zu\n", size);
    show_rc("unmap-null", xenforeignmemory_unmap_resource(h, NULL));
    xenforeignmemory_close(h);
}

int main(void)
{
    static const struct { const char *name; void (*fn)(void); } cases[] = {
        { "open-close", c_open_close },
        { "open-fallback", c_open_fallback },
        { "open-eacces", c_open_eacces },
        { "open-probe-accepted", c_open_probe_accepted },
        { "map-basic", c_map_basic },
        { "map-noerr", c_map_noerr },
        { "map-partial", c_map_partial },
        { "map-all-or-nothing", c_map_all_or_nothing },
        { "map-no-domain", c_map_no_domain },
        { "map-zero", c_map_zero },
        { "map-mmap-fails", c_map_mmap_fails },
        { "map-v2-efault", c_map_v2_efault },
        { "map-v2-enosys", c_map_v2_enosys },
        { "map-v2-enotty", c_map_v2_enotty },
        { "map-paged", c_map_paged },
        { "map-paged-noerr", c_map_paged_noerr },
        { "map-paged-retry-fails", c_map_paged_retry_fails },
        { "map-v1", c_map_v1 },
        { "map-v1-paged", c_map_v1_paged },
        { "map-v1-paged-fails", c_map_v1_paged_fails },
        { "map-v1-fails", c_map_v1_fails },
        { "map2-hint", c_map2_fixed },
        { "unmap-bad", c_unmap_bad },
        { "restrict", c_restrict },
        { "restrict-all", c_restrict_all },
        { "resource-basic", c_res_basic },
        { "resource-part", c_res_part },
        { "resource-private", c_res_private },
        { "resource-fixed-flag", c_res_fixed_flag },
        { "resource-no-domain", c_res_no_domain },
        { "resource-bad-type", c_res_bad_type },
        { "resource-too-many", c_res_too_many },
        { "resource-query", c_res_query },
        { "resource-hint", c_res_hint },
        { "resource-enotty", c_res_enotty },
        { "resource-old-kernel", c_res_old_kernel },
        { "resource-mmap-fails", c_res_mmap_fails },
        { "resource-size", c_res_size },
    };
    size_t i;

    quiet = (xentoollog_logger *)xtl_createlogger_stdiostream(
        fopen("/dev/null", "w"), XTL_PROGRESS, 0);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int fds, maps;

        fp_reset();
        fds = fp_open_fds();
        maps = fp_live_maps();
        printf("== case %s\n", cases[i].name);
        cases[i].fn();
        printf("-- requests\n%s", fp_log());
        printf("-- leaked fds=%d maps=%d\n", fp_open_fds() - fds,
               fp_live_maps() - maps);
    }
    return 0;
}
