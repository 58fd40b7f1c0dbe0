/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Unit tests of xenforeignmemory_map_resource/unmap_resource/
 * resource_size against the fake privcmd driver.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <xenforeignmemory.h>

#include "test-common.h"

#define GNTTAB 1   /* XENMEM_resource_grant_table */
#define RW (PROT_READ | PROT_WRITE)

static const char *t_res_map_basic(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xenforeignmemory_resource_handle *r;
    void *addr = NULL;

    r = xenforeignmemory_map_resource(h, 1, GNTTAB, 0, 0, 4, &addr, RW, 0);
    EXPECT(r && addr, "map_resource failed: %s", strerrorname_np(errno));
    EXPECT(log_has("mmap fd1 addr=NULL len=0x4000 prot=0x3 flags=0x1 "
                   "off=0 -> m1\n"
                   "ioctl fd1 MMAP_RESOURCE dom=1 type=1 id=0 idx=0 num=4 "
                   "addr=m1+0\n"), "requests:\n%s", fp_log());
    EXPECT(tag_at(addr, 0) == fp_frame_tag(1, GNTTAB, 0, 0) &&
           tag_at(addr, 3) == fp_frame_tag(1, GNTTAB, 0, 3),
           "wrong frames mapped");
    EXPECT(xenforeignmemory_unmap_resource(h, r) == 0, "unmap failed");
    EXPECT(log_has("munmap addr=m1+0 len=0x4000"), "munmap:\n%s", fp_log());
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_res_two_mappings_share(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xenforeignmemory_resource_handle *a, *b;
    void *pa = NULL, *pb = NULL;
    uint64_t v = 0x1234567890abcdefULL;

    a = xenforeignmemory_map_resource(h, 1, GNTTAB, 0, 0, 2, &pa, RW, 0);
    b = xenforeignmemory_map_resource(h, 1, GNTTAB, 0, 1, 1, &pb,
                                      PROT_READ, MAP_SHARED);
    EXPECT(a && b && pa != pb, "mappings failed: %s", strerrorname_np(errno));
    memcpy((char *)pa + FP_PAGE_SIZE + 64, &v, sizeof(v));
    EXPECT(!memcmp((char *)pb + 64, &v, sizeof(v)),
           "write through one mapping not seen through the other");
    EXPECT(log_has("prot=0x1 flags=0x1 off=0 -> m2\n"
                   "ioctl fd1 MMAP_RESOURCE dom=1 type=1 id=0 idx=1 num=1"),
           "second mapping:\n%s", fp_log());
    xenforeignmemory_unmap_resource(h, a);
    xenforeignmemory_unmap_resource(h, b);
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_res_fixed_hint(void)
{
    xenforeignmemory_handle *h = open_quiet();
    char *area = mmap(NULL, 4 * 4096, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void *addr = area + 4096;
    xenforeignmemory_resource_handle *r;

    fp_set_hint_base(area, 4 * 4096);
    r = xenforeignmemory_map_resource(h, 1, GNTTAB, 0, 2, 2, &addr,
                                      PROT_READ, MAP_SHARED);
    EXPECT(r, "map failed: %s", strerrorname_np(errno));
    EXPECT(log_has("mmap fd1 addr=H+0x1000 len=0x2000 prot=0x1 flags=0x1"),
           "hint not passed on:\n%s", fp_log());
    EXPECT(tag_at(addr, 0) == fp_frame_tag(1, GNTTAB, 0, 2), "wrong frame");
    xenforeignmemory_unmap_resource(h, r);
    munmap(area, 4 * 4096);
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_res_bad_flags(void)
{
    xenforeignmemory_handle *h = open_quiet();
    void *addr = NULL;

    EXPECT(!xenforeignmemory_map_resource(h, 1, GNTTAB, 0, 0, 1, &addr,
                                          RW, MAP_FIXED) && errno == EINVAL,
           "MAP_FIXED accepted: %s", strerrorname_np(errno));
    EXPECT(!xenforeignmemory_map_resource(h, 1, GNTTAB, 0, 1UL << 32, 1,
                                          &addr, RW, 0) && errno == EINVAL,
           "frame beyond 32 bits accepted");
    EXPECT(fp_mmap_count() == 0 && fp_ioctl_count(IOCTL_RESOURCE) == 0,
           "kernel asked despite bad arguments");
    xenforeignmemory_close(h);
    return leaks();
}

/* Map 1 frame of (dom, type) and expect failure with errno want. */
static const char *expect_map_error(uint16_t dom, unsigned type,
                                    unsigned long frame, unsigned long nr,
                                    int want)
{
    xenforeignmemory_handle *h = open_quiet();
    void *addr = NULL;
    xenforeignmemory_resource_handle *r =
        xenforeignmemory_map_resource(h, dom, type, 0, frame, nr, &addr,
                                      RW, 0);

    EXPECT(!r && errno == want, "got %p %s, want %s", (void *)r,
           strerrorname_np(errno), strerrorname_np(want));
    EXPECT(addr == NULL, "*paddr changed on failure");
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_res_no_domain(void)
{
    return expect_map_error(9, GNTTAB, 0, 1, ESRCH);
}

static const char *t_res_bad_type(void)
{
    return expect_map_error(1, 77, 0, 1, EOPNOTSUPP);
}

static const char *t_res_too_many_frames(void)
{
    return expect_map_error(1, GNTTAB, 2, 3, EINVAL);
}

static const char *t_res_kernel_lacks_ioctl(void)
{
    fp_fail_ioctl(IOCTL_RESOURCE, ENOTTY, 0, -1);
    return expect_map_error(1, GNTTAB, 0, 1, EOPNOTSUPP);
}

static const char *t_res_old_kernel_einval(void)
{
    /* Old drivers fail unknown ioctls with EINVAL: that is "missing". */
    fp_set_unimplemented_errno(EINVAL);
    fp_fail_ioctl(IOCTL_RESOURCE, EINVAL, 0, -1);
    return expect_map_error(1, GNTTAB, 0, 1, EOPNOTSUPP);
}

static const char *t_res_mmap_fails(void)
{
    const char *why;

    fp_fail_mmap(ENOMEM, 1);
    why = expect_map_error(1, GNTTAB, 0, 1, ENOMEM);
    if (why)
        return why;
    EXPECT(fp_ioctl_count(IOCTL_RESOURCE) == 0, "ioctl after failed mmap");
    return NULL;
}

static const char *t_res_restricted(void)
{
    xenforeignmemory_handle *h = open_quiet();
    void *addr = NULL;

    xenforeignmemory_restrict(h, 2);
    EXPECT(!xenforeignmemory_map_resource(h, 1, GNTTAB, 0, 0, 1, &addr,
                                          RW, 0) && errno == EPERM,
           "restricted handle mapped another domain: %s",
           strerrorname_np(errno));
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_res_size_query_handle(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xenforeignmemory_resource_handle *r;
    void *addr = NULL;

    r = xenforeignmemory_map_resource(h, 1, GNTTAB, 0, 0, 0, &addr, RW, 0);
    EXPECT(r && !addr, "size query: %p %p %s", (void *)r, addr,
           strerrorname_np(errno));
    EXPECT(fp_mmap_count() == 0, "size query mapped something");
    EXPECT(log_has("MMAP_RESOURCE dom=1 type=1 id=0 idx=0 num=0 addr=NULL"),
           "requests:\n%s", fp_log());
    EXPECT(xenforeignmemory_unmap_resource(h, r) == 0, "unmap of query");
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_res_size(void)
{
    xenforeignmemory_handle *h = open_quiet();
    size_t size = 0;

    EXPECT(xenforeignmemory_resource_size(h, 1, GNTTAB, 0, &size) == 0,
           "resource_size failed: %s", strerrorname_np(errno));
    EXPECT(size == 4 * 4096, "size %zu", size);
    EXPECT(fp_mmap_count() == 0, "resource_size mapped something");
    size = 42;
    EXPECT(xenforeignmemory_resource_size(h, 9, GNTTAB, 0, &size) == -1 &&
           errno == ESRCH && size == 42, "bad domain: %s",
           strerrorname_np(errno));
    fp_fail_ioctl(IOCTL_RESOURCE, ENOTTY, 0, -1);
    EXPECT(xenforeignmemory_resource_size(h, 1, GNTTAB, 0, &size) == -1 &&
           errno == EOPNOTSUPP, "missing ioctl: %s", strerrorname_np(errno));
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_res_unmap_null(void)
{
    xenforeignmemory_handle *h = open_quiet();

    EXPECT(xenforeignmemory_unmap_resource(h, NULL) == 0, "unmap(NULL)");
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_res_null_paddr(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xenforeignmemory_resource_handle *r;

    /* Debian's library dereferences paddr; ours takes NULL as "no hint". */
    r = xenforeignmemory_map_resource(h, 1, GNTTAB, 0, 0, 1, NULL,
                                      PROT_READ, 0);
    EXPECT(r, "NULL paddr: %s", strerrorname_np(errno));
    EXPECT(fp_live_maps() == 1, "nothing mapped");
    xenforeignmemory_unmap_resource(h, r);
    xenforeignmemory_close(h);
    return leaks();
}

int main(void)
{
    static const struct { const char *name; fm_check_fn *fn; } checks[] = {
        { "resource-map-basic", t_res_map_basic },
        { "resource-two-mappings-share", t_res_two_mappings_share },
        { "resource-fixed-hint", t_res_fixed_hint },
        { "resource-bad-args", t_res_bad_flags },
        { "resource-no-domain", t_res_no_domain },
        { "resource-bad-type", t_res_bad_type },
        { "resource-too-many-frames", t_res_too_many_frames },
        { "resource-kernel-lacks-ioctl", t_res_kernel_lacks_ioctl },
        { "resource-old-kernel-einval", t_res_old_kernel_einval },
        { "resource-mmap-fails", t_res_mmap_fails },
        { "resource-restricted", t_res_restricted },
        { "resource-size-query-handle", t_res_size_query_handle },
        { "resource-size", t_res_size },
        { "resource-unmap-null", t_res_unmap_null },
        { "resource-null-paddr", t_res_null_paddr },
    };
    size_t i;

    for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
        begin_check();
        fm_run(checks[i].name, checks[i].fn);
    }
    return fm_failures ? 1 : 0;
}
