/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Fake privcmd: ioctl emulation.  The argument checks follow the Linux
 * driver (drivers/xen/privcmd.c) and the per-page answers come from the
 * model in fake-state.c.  Layouts are taken from Debian's
 * <xen/sys/privcmd.h>, independent of the library's own copy.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <xen/xen.h>
#include <xen/sys/privcmd.h>

#include "fake-internal.h"

/* Consume an injected failure for req, if one is due; 0 or -errno. */
static int injected(unsigned long req)
{
    int i;

    for (i = 0; i < FP_MAX_FAULTS; i++) {
        struct fp_ioctl_fault *f = &fp.ifaults[i];

        if (!f->used || f->req != req || f->count == 0)
            continue;
        if (f->skip > 0) {
            f->skip--;
            return 0;
        }
        if (f->count > 0)
            f->count--;
        return -f->err;
    }
    return 0;
}

/* What Xen answers for mapping gfn of dom: 0 or -errno. */
static int page_answer(uint16_t dom, uint64_t gfn)
{
    struct fp_dom *d = fp_find_dom(dom);
    int i;

    for (i = 0; i < FP_MAX_FAULTS; i++) {
        struct fp_page_fault *f = &fp.pfaults[i];

        if (f->used && f->dom == dom && f->gfn == gfn && f->count != 0) {
            if (f->count > 0)
                f->count--;
            return -f->err;
        }
    }
    if (!d)
        return -ESRCH;
    return gfn < d->pages ? 0 : -EINVAL;
}

/*
 * The driver's VMA rules for batch calls: the first call must cover the
 * whole privcmd VMA exactly; later ones may only fill holes.
 */
static struct fp_map *batch_vma(uint64_t addr, size_t num)
{
    struct fp_map *m = fp_find_map((void *)(uintptr_t)addr);
    size_t first, i;

    if (!m || num == 0)
        return NULL;
    first = (size_t)((char *)(uintptr_t)addr - m->start) / FP_PAGE_SIZE;
    if (!m->locked) {
        if (first != 0 || num * FP_PAGE_SIZE != m->len)
            return NULL;
        m->locked = 1;
        return m;
    }
    if (first + num > m->len / FP_PAGE_SIZE)
        return NULL;
    for (i = first; i < first + num; i++)
        if (fp_page_filled(m, i))
            return NULL;
    return m;
}

static int map_one(struct fp_map *m, size_t pg, uint16_t dom, uint64_t gfn)
{
    int e = page_answer(dom, gfn);

    if (e == 0)
        e = fp_fill_page(m, pg, fp_find_dom(dom)->memfd, gfn);
    return e;
}

static void log_batch(const char *name, int fd_seq, uint16_t dom,
                      uint64_t addr, size_t num, const xen_pfn_t *arr)
{
    char a[48];
    size_t i;

    fp_logf("ioctl fd%d %s dom=%u addr=%s num=%zu gfns=", fd_seq, name, dom,
            fp_addr_name((void *)(uintptr_t)addr, a, sizeof(a)), num);
    for (i = 0; i < num && i < 16; i++)
        fp_logf("%s%#lx", i ? "," : "", (unsigned long)arr[i]);
    fp_logf("\n");
}

static long do_batch_v2(struct fp_fd *f, privcmd_mmapbatch_v2_t *b)
{
    struct fp_map *m;
    size_t i, first;
    int global = 0;

    log_batch("MMAPBATCH_V2", f->seq, b->dom, b->addr, b->num, b->arr);
    if (f->restricted >= 0 && f->restricted != b->dom)
        return -EPERM;
    if (!b->err)
        return -EFAULT;
    m = batch_vma(b->addr, b->num);
    if (!m)
        return -EINVAL;
    memset(b->err, 0, b->num * sizeof(int));
    first = (size_t)((char *)(uintptr_t)b->addr - m->start) / FP_PAGE_SIZE;
    for (i = 0; i < b->num; i++) {
        int e = map_one(m, first + i, b->dom, b->arr[i]);

        b->err[i] = e;
        if (e == -ENOENT)
            global = -ENOENT;
    }
    return global;
}

static long do_batch_v1(struct fp_fd *f, privcmd_mmapbatch_t *b)
{
    struct fp_map *m;
    size_t i, first;
    int global = 0;

    log_batch("MMAPBATCH", f->seq, b->dom, b->addr,
              b->num > 0 ? (size_t)b->num : 0, b->arr);
    if (f->restricted >= 0 && f->restricted != b->dom)
        return -EPERM;
    if (b->num <= 0)
        return -EINVAL;
    m = batch_vma(b->addr, (size_t)b->num);
    if (!m)
        return -EINVAL;
    first = (size_t)((char *)(uintptr_t)b->addr - m->start) / FP_PAGE_SIZE;
    for (i = 0; i < (size_t)b->num; i++) {
        int e = map_one(m, first + i, b->dom, b->arr[i]);

        if (e == -ENOENT)
            global = -ENOENT;
        if (e)
            b->arr[i] |= e == -ENOENT ? PRIVCMD_MMAPBATCH_PAGED_ERROR
                                      : PRIVCMD_MMAPBATCH_MFN_ERROR;
    }
    return global;
}

static struct fp_res *find_res(uint16_t dom, unsigned type, unsigned id,
                               int *err)
{
    int i;

    if (!fp_find_dom(dom)) {
        *err = -ESRCH;
        return NULL;
    }
    if (type > 2) {   /* ioreq server, grant table, vmtrace buffer */
        *err = -EOPNOTSUPP;
        return NULL;
    }
    for (i = 0; i < FP_MAX_RES; i++) {
        struct fp_res *r = &fp.res[i];

        if (r->used && r->dom == dom && r->type == type && r->id == id)
            return r;
    }
    *err = -EINVAL;
    return NULL;
}

static long map_frames(struct fp_res *r, privcmd_mmap_resource_t *q)
{
    struct fp_map *m = fp_find_map((void *)(uintptr_t)q->addr);
    uint64_t i;

    if (!m || (uintptr_t)m->start != q->addr ||
        q->num * FP_PAGE_SIZE != m->len)
        return -EINVAL;
    if ((uint64_t)q->idx + q->num > r->frames)
        return -EINVAL;
    for (i = 0; i < q->num; i++) {
        int e = fp_fill_page(m, i, r->memfd, q->idx + i);

        if (e)
            return e;
    }
    return 0;
}

static long do_resource(struct fp_fd *f, privcmd_mmap_resource_t *q)
{
    struct fp_res *r;
    char a[48];
    int err = 0;

    fp_logf("ioctl fd%d MMAP_RESOURCE dom=%u type=%u id=%u idx=%u num=%llu "
            "addr=%s\n", f->seq, q->dom, q->type, q->id, q->idx,
            (unsigned long long)q->num,
            fp_addr_name((void *)(uintptr_t)q->addr, a, sizeof(a)));
    if (f->restricted >= 0 && f->restricted != q->dom)
        return -EPERM;
    if (!q->addr != !q->num)
        return -EINVAL;
    r = find_res(q->dom, q->type, q->id, &err);
    if (!r)
        return err;
    if (!q->addr) {
        q->num = r->frames;
        return 0;
    }
    return map_frames(r, q);
}

static long do_restrict(struct fp_fd *f, const domid_t *dom)
{
    fp_logf("ioctl fd%d RESTRICT dom=%u\n", f->seq, *dom);
    if (f->restricted < 0)
        f->restricted = *dom;
    else if (f->restricted != *dom)
        return -EINVAL;
    return 0;
}

long fp_do_ioctl(struct fp_fd *f, unsigned long req, void *arg)
{
    int e;

    fp.n_ioctl[_IOC_NR(req) & 0xff]++;
    e = injected(req);
    if (e) {
        fp_logf("ioctl fd%d %#lx -> injected %d\n", f->seq, req, -e);
        return e;
    }
    switch (req) {
    case IOCTL_PRIVCMD_MMAPBATCH_V2:
        return do_batch_v2(f, arg);
    case IOCTL_PRIVCMD_MMAPBATCH:
        return do_batch_v1(f, arg);
    case IOCTL_PRIVCMD_MMAP_RESOURCE:
        return do_resource(f, arg);
    case IOCTL_PRIVCMD_RESTRICT:
        return do_restrict(f, arg);
    case IOCTL_PRIVCMD_UNIMPLEMENTED:
        fp_logf("ioctl fd%d UNIMPLEMENTED\n", f->seq);
        return -fp.unimpl_errno;
    default:
        fp_logf("ioctl fd%d unknown %#lx\n", f->seq, req);
        return -ENOTTY;
    }
}
