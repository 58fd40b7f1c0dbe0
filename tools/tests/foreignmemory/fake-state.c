/* SPDX-License-Identifier: LGPL-2.1-only */
/* Fake privcmd: model of Xen, fault injection, log.  See fake-privcmd.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fake-internal.h"

struct fp_state fp;

static char logbuf[1 << 16];
static size_t loglen;
static int log_fd = -1;       /* FAKE_PRIVCMD_LOG, or -1 */

long fp_sys_mmap(void *addr, size_t len, int prot, int flags, int fd, long off)
{
    return syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

int fp_sys_munmap(void *addr, size_t len)
{
    return (int)syscall(SYS_munmap, addr, len);
}

void fp_logf(const char *fmt, ...)
{
    char piece[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(piece, sizeof(piece), fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    if ((size_t)n >= sizeof(piece))
        n = sizeof(piece) - 1;
    /* The file gets everything; the buffer (for the tests) what fits. */
    if (log_fd >= 0 && write(log_fd, piece, (size_t)n) < 0)
        log_fd = -1;
    if ((size_t)n < sizeof(logbuf) - loglen) {
        memcpy(logbuf + loglen, piece, (size_t)n + 1);
        loglen += (size_t)n;
    }
}

const char *fp_log(void)
{
    return logbuf;
}

void fp_log_clear(void)
{
    loglen = 0;
    logbuf[0] = 0;
}

const char *fp_addr_name(const void *addr, char *buf, size_t len)
{
    const char *a = addr;
    struct fp_map *m;

    if (!addr)
        snprintf(buf, len, "NULL");
    else if ((m = fp_find_map(addr)))
        snprintf(buf, len, "m%d+%#zx", m->seq, (size_t)(a - m->start));
    else if (fp.hint_base && a >= fp.hint_base &&
             a < fp.hint_base + fp.hint_len)
        snprintf(buf, len, "H+%#zx", (size_t)(a - fp.hint_base));
    else
        snprintf(buf, len, "other");
    return buf;
}

struct fp_fd *fp_find_fd(int fd)
{
    int i;

    for (i = 0; i < FP_MAX_FDS; i++)
        if (fp.fds[i].used && fp.fds[i].fd == fd)
            return &fp.fds[i];
    return NULL;
}

struct fp_map *fp_find_map(const void *addr)
{
    const char *a = addr;
    int i;

    for (i = 0; i < FP_MAX_MAPS; i++) {
        struct fp_map *m = &fp.maps[i];

        if (m->used && a >= m->start && a < m->start + m->len)
            return m;
    }
    return NULL;
}

struct fp_dom *fp_find_dom(uint16_t dom)
{
    int i;

    for (i = 0; i < FP_MAX_DOMS; i++)
        if (fp.doms[i].used && fp.doms[i].dom == dom)
            return &fp.doms[i];
    return NULL;
}

int fp_page_filled(const struct fp_map *m, size_t pg)
{
    return m->filled[pg / 8] & (1u << (pg % 8));
}

int fp_fill_page(struct fp_map *m, size_t pg, int memfd, uint64_t idx)
{
    char *va = m->start + pg * FP_PAGE_SIZE;
    long r = fp_sys_mmap(va, FP_PAGE_SIZE, m->prot, MAP_SHARED | MAP_FIXED,
                         memfd, (long)(idx * FP_PAGE_SIZE));

    if (r == -1)
        return -errno;
    /* privcmd VMAs are VM_DONTCOPY: a fork()ed child does not get them. */
    madvise(va, FP_PAGE_SIZE, MADV_DONTFORK);
    m->filled[pg / 8] |= (uint8_t)(1u << (pg % 8));
    return 0;
}

uint64_t fp_page_tag(uint16_t dom, uint64_t gfn)
{
    return 0xd000000000000000ULL | ((uint64_t)dom << 32) | gfn;
}

uint64_t fp_frame_tag(uint16_t dom, unsigned type, unsigned id,
                      uint64_t frame)
{
    return 0xe000000000000000ULL | ((uint64_t)dom << 32) |
        ((uint64_t)(type & 0xff) << 24) | ((uint64_t)(id & 0xff) << 16) |
        (frame & 0xffff);
}

/* A memfd of n pages whose page i starts with tag(i). */
static int tagged_memfd(unsigned n, uint64_t (*tag)(const void *, uint64_t),
                        const void *ctx)
{
    int fd = memfd_create("fake-xen", MFD_CLOEXEC);
    unsigned i;

    if (fd < 0 || ftruncate(fd, (off_t)n * FP_PAGE_SIZE) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        uint64_t t = tag(ctx, i);

        if (pwrite(fd, &t, sizeof(t), (off_t)i * FP_PAGE_SIZE) != sizeof(t))
            return -1;
    }
    return fd;
}

static uint64_t dom_tag(const void *ctx, uint64_t i)
{
    return fp_page_tag(((const struct fp_dom *)ctx)->dom, i);
}

static uint64_t res_tag(const void *ctx, uint64_t i)
{
    const struct fp_res *r = ctx;

    return fp_frame_tag(r->dom, r->type, r->id, i);
}

void fp_add_domain(uint16_t dom, unsigned pages)
{
    int i;

    for (i = 0; i < FP_MAX_DOMS; i++) {
        struct fp_dom *d = &fp.doms[i];

        if (d->used)
            continue;
        d->dom = dom;
        d->pages = pages;
        d->memfd = tagged_memfd(pages, dom_tag, d);
        d->used = 1;
        return;
    }
}

void fp_add_resource(uint16_t dom, unsigned type, unsigned id,
                     unsigned frames)
{
    int i;

    for (i = 0; i < FP_MAX_RES; i++) {
        struct fp_res *r = &fp.res[i];

        if (r->used)
            continue;
        r->dom = dom;
        r->type = type;
        r->id = id;
        r->frames = frames;
        r->memfd = tagged_memfd(frames, res_tag, r);
        r->used = 1;
        return;
    }
}

static void drop_model(void)
{
    int i;

    for (i = 0; i < FP_MAX_DOMS; i++)
        if (fp.doms[i].used)
            close(fp.doms[i].memfd);
    for (i = 0; i < FP_MAX_RES; i++)
        if (fp.res[i].used)
            close(fp.res[i].memfd);
}

void fp_reset(void)
{
    struct fp_fd fds[FP_MAX_FDS];
    struct fp_map maps[FP_MAX_MAPS];

    /* Keep tracking what is really open/mapped: leak checks need it. */
    memcpy(fds, fp.fds, sizeof(fds));
    memcpy(maps, fp.maps, sizeof(maps));
    drop_model();
    memset(&fp, 0, sizeof(fp));
    memcpy(fp.fds, fds, sizeof(fds));
    memcpy(fp.maps, maps, sizeof(maps));
    fp.unimpl_errno = ENOTTY;
    fp_log_clear();
    fp_set_world("1:16:4 2:4");
}

int fp_set_world(const char *spec)
{
    unsigned long v[FP_MAX_DOMS][3];
    const char *p = spec;
    char *end;
    int n = 0, i, j, k;

    /* Parse all of it first: a bad spec changes nothing. */
    for (;;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        if (n == FP_MAX_DOMS)
            return -1;
        v[n][1] = v[n][2] = 0;
        for (k = 0; k < 3; k++) {
            if (*p < '0' || *p > '9')
                return -1;
            v[n][k] = strtoul(p, &end, 0);
            p = end;
            if (*p != ':')
                break;
            p++;
        }
        if (k == 0 || k == 3 || (*p && *p != ' ' && *p != ','))
            return -1;
        /* Below the reserved ids (DOMID_FIRST_RESERVED); at least a page. */
        if (v[n][0] >= 0x7ff0 || !v[n][1] || v[n][1] > 65536 ||
            v[n][2] > FP_MAX_PAGES)
            return -1;
        for (j = 0; j < n; j++)
            if (v[j][0] == v[n][0])
                return -1;
        n++;
    }
    drop_model();
    memset(fp.doms, 0, sizeof(fp.doms));
    memset(fp.res, 0, sizeof(fp.res));
    for (i = 0; i < n; i++) {
        fp_add_domain((uint16_t)v[i][0], (unsigned)v[i][1]);
        if (v[i][2])
            fp_add_resource((uint16_t)v[i][0], 1, 0, (unsigned)v[i][2]);
    }
    return 0;
}

/* Settings for programs run under the fake-privcmd tool. */
__attribute__((constructor)) static void fp_init(void)
{
    const char *world = getenv("FAKE_PRIVCMD_WORLD");
    const char *log = getenv("FAKE_PRIVCMD_LOG");

    fp_reset();
    if (world && fp_set_world(world) < 0) {
        fprintf(stderr, "libfakeprivcmd: bad FAKE_PRIVCMD_WORLD \"%s\" "
                "(want \"DOM:PAGES[:GNTFRAMES] ...\")\n", world);
        _exit(2);
    }
    /* Raw openat: not our own interposer.  Appending, so that children
     * (which load the fake again) add to the same file. */
    if (log && *log)
        log_fd = (int)syscall(SYS_openat, AT_FDCWD, log,
                              O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
}

void fp_fail_open(const char *path, int err)
{
    int i = fp.fail_path[0][0] ? 1 : 0;

    snprintf(fp.fail_path[i], sizeof(fp.fail_path[i]), "%s", path);
    fp.fail_path_err[i] = err;
}

void fp_fail_ioctl(unsigned long req, int err, int skip, int count)
{
    int i;

    for (i = 0; i < FP_MAX_FAULTS; i++) {
        struct fp_ioctl_fault *f = &fp.ifaults[i];

        if (f->used)
            continue;
        *f = (struct fp_ioctl_fault){ 1, req, err, skip, count };
        return;
    }
}

void fp_fail_mmap(int err, int count)
{
    fp.mmap_err = err;
    fp.mmap_count = count;
}

void fp_page_error(uint16_t dom, uint64_t gfn, int err, int count)
{
    int i;

    for (i = 0; i < FP_MAX_FAULTS; i++) {
        struct fp_page_fault *f = &fp.pfaults[i];

        if (f->used)
            continue;
        *f = (struct fp_page_fault){ 1, dom, gfn, err, count };
        return;
    }
}

void fp_set_unimplemented_errno(int err)
{
    fp.unimpl_errno = err;
}

void fp_set_hint_base(void *base, size_t len)
{
    fp.hint_base = base;
    fp.hint_len = len;
}

int fp_open_fds(void)
{
    int i, n = 0;

    for (i = 0; i < FP_MAX_FDS; i++)
        n += fp.fds[i].used;
    return n;
}

int fp_live_maps(void)
{
    int i, n = 0;

    for (i = 0; i < FP_MAX_MAPS; i++)
        n += fp.maps[i].used;
    return n;
}

int fp_last_fd(void)
{
    int i, best = -1, seq = -1;

    for (i = 0; i < FP_MAX_FDS; i++)
        if (fp.fds[i].used && fp.fds[i].seq > seq) {
            seq = fp.fds[i].seq;
            best = fp.fds[i].fd;
        }
    return best;
}

int fp_ioctl_count(unsigned long req)
{
    return fp.n_ioctl[_IOC_NR(req) & 0xff];
}

int fp_mmap_count(void)
{
    return fp.n_mmap;
}
