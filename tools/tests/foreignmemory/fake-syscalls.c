/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Fake privcmd: the interposed libc entry points.  Anything that is not
 * about a privcmd fd or mapping goes straight to the kernel through
 * syscall(2), so the fake never recurses into itself (or into ASan's
 * interceptors, which call us as "the real function").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fake-internal.h"

static int is_privcmd_path(const char *path)
{
    return !strcmp(path, "/dev/xen/privcmd") ||
           !strcmp(path, "/proc/xen/privcmd");
}

static int injected_open_error(const char *path)
{
    int i;

    for (i = 0; i < 2; i++)
        if (fp.fail_path[i][0] && !strcmp(fp.fail_path[i], path))
            return fp.fail_path_err[i];
    return 0;
}

/* Hand out a tracked fd; /dev/null stands in for the device node. */
static int open_privcmd(const char *path, int flags)
{
    int e = injected_open_error(path);
    int i, fd;

    fp_logf("open %s flags=%#x", path, flags);
    if (e) {
        fp_logf(" -> injected %d\n", e);
        errno = e;
        return -1;
    }
    fd = (int)syscall(SYS_openat, AT_FDCWD, "/dev/null", flags, 0);
    if (fd < 0)
        return -1;
    for (i = 0; i < FP_MAX_FDS && fp.fds[i].used; i++)
        ;
    if (i == FP_MAX_FDS) {
        syscall(SYS_close, fd);
        errno = EMFILE;
        return -1;
    }
    fp.fds[i] = (struct fp_fd){ 1, fd, ++fp.fd_seq, -1 };
    fp_logf(" -> fd%d\n", fp.fds[i].seq);
    return fd;
}

static int do_open(int dirfd, const char *path, int flags, mode_t mode)
{
    if (is_privcmd_path(path))
        return open_privcmd(path, flags);
    return (int)syscall(SYS_openat, dirfd, path, flags, mode);
}

/* mode is only passed when O_CREAT/O_TMPFILE asks for it. */
#define OPEN_MODE(flags, mode)                                  \
    do {                                                        \
        if ((flags) & (O_CREAT | O_TMPFILE)) {                  \
            va_list ap;                                         \
            va_start(ap, flags);                                \
            mode = (mode_t)va_arg(ap, int);                     \
            va_end(ap);                                         \
        }                                                       \
    } while (0)

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;

    OPEN_MODE(flags, mode);
    return do_open(AT_FDCWD, path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    mode_t mode = 0;

    OPEN_MODE(flags, mode);
    return do_open(AT_FDCWD, path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;

    OPEN_MODE(flags, mode);
    return do_open(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;

    OPEN_MODE(flags, mode);
    return do_open(dirfd, path, flags, mode);
}

int __open_2(const char *path, int flags)
{
    return do_open(AT_FDCWD, path, flags, 0);
}

int __open64_2(const char *path, int flags)
{
    return do_open(AT_FDCWD, path, flags, 0);
}

int close(int fd)
{
    struct fp_fd *f = fp_find_fd(fd);

    if (f) {
        fp_logf("close fd%d\n", f->seq);
        f->used = 0;
    }
    return (int)syscall(SYS_close, fd);
}

int ioctl(int fd, unsigned long req, ...)
{
    struct fp_fd *f = fp_find_fd(fd);
    va_list ap;
    void *arg;
    long r;

    va_start(ap, req);
    arg = va_arg(ap, void *);
    va_end(ap);
    if (!f)
        return (int)syscall(SYS_ioctl, fd, req, arg);
    r = fp_do_ioctl(f, req, arg);
    if (r < 0) {
        fp_logf("  -> %s\n", strerrorname_np((int)-r));
        errno = (int)-r;
        return -1;
    }
    return (int)r;
}

static struct fp_map *new_map(void)
{
    int i;

    for (i = 0; i < FP_MAX_MAPS; i++)
        if (!fp.maps[i].used)
            return &fp.maps[i];
    return NULL;
}

/*
 * An empty privcmd VMA: PROT_NONE anonymous memory of the same size, so
 * touching a page the batch call did not fill faults as on real Xen.
 */
static void *mmap_privcmd(void *addr, size_t len, int prot, int flags,
                          struct fp_fd *f, off_t off)
{
    int keep = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    struct fp_map *m = new_map();
    char a[48];
    long r;

    fp.n_mmap++;
    fp_logf("mmap fd%d addr=%s len=%#zx prot=%#x flags=%#x off=%#llx",
            f->seq, fp_addr_name(addr, a, sizeof(a)), len, prot, flags,
            (unsigned long long)off);
    if (fp.mmap_count != 0) {
        if (fp.mmap_count > 0)
            fp.mmap_count--;
        fp_logf(" -> injected %d\n", fp.mmap_err);
        errno = fp.mmap_err;
        return MAP_FAILED;
    }
    if (len == 0 || len / FP_PAGE_SIZE > FP_MAX_PAGES || !m || off != 0) {
        fp_logf(" -> EINVAL\n");
        errno = EINVAL;
        return MAP_FAILED;
    }
    r = fp_sys_mmap(addr, len, PROT_NONE,
                    MAP_SHARED | MAP_ANONYMOUS | keep, -1, 0);
    if (r == -1) {
        fp_logf(" -> %s\n", strerrorname_np(errno));
        return MAP_FAILED;
    }
    madvise((void *)r, len, MADV_DONTFORK);
    *m = (struct fp_map){ .used = 1, .seq = ++fp.map_seq, .start = (char *)r,
                          .len = len, .prot = prot, .flags = flags };
    fp_logf(" -> m%d\n", m->seq);
    return (void *)r;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    struct fp_fd *f = (flags & MAP_ANONYMOUS) ? NULL : fp_find_fd(fd);

    if (f)
        return mmap_privcmd(addr, len, prot, flags, f, off);
    return (void *)fp_sys_mmap(addr, len, prot, flags, fd, off);
}

void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    return mmap(addr, len, prot, flags, fd, off);
}

/* Forget the parts of tracked mappings that [a, a+len) covers. */
static void untrack(char *a, size_t len)
{
    int i;

    for (i = 0; i < FP_MAX_MAPS; i++) {
        struct fp_map *m = &fp.maps[i];

        if (!m->used || a + len <= m->start || a >= m->start + m->len)
            continue;
        if (a <= m->start && a + len >= m->start + m->len)
            m->used = 0;                       /* whole mapping gone */
        else if (a <= m->start) {              /* head trimmed */
            m->len -= (size_t)(a + len - m->start);
            m->start = a + len;
        } else                                 /* tail trimmed */
            m->len = (size_t)(a - m->start);
    }
}

int munmap(void *addr, size_t len)
{
    char *a = addr;
    char name[48];
    int r;

    if (!addr || fp_find_map(addr) || fp_find_map(a + len - 1))
        fp_logf("munmap addr=%s len=%#zx\n",
                fp_addr_name(addr, name, sizeof(name)), len);
    r = fp_sys_munmap(addr, len);
    if (r == 0)
        untrack(addr, len);
    return r;
}
