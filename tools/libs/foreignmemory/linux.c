/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Linux backend: everything goes through the privcmd driver.
 *
 * Foreign pages are mapped in two steps: mmap() of the driver fd makes
 * an empty VMA of the right size, then a batch ioctl asks Xen to fill
 * it.  If the second step fails outright the VMA is removed again, so a
 * failed call never leaves anything mapped.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "private.h"
#include "linux-privcmd.h"

#define PRIVCMD_DEV  "/dev/xen/privcmd"
#define PRIVCMD_PROC "/proc/xen/privcmd"   /* kernels before the misc dev */

/* How long to let a pager bring pages back before asking again. */
#define PAGED_RETRY_USEC 100

/* errno values meaning "this node has no driver behind it". */
static int no_driver(int e)
{
    return e == ENOENT || e == ENXIO || e == ENODEV;
}

static int open_privcmd(void)
{
    /* CLOEXEC: an exec()ed child must not inherit our privileges. */
    int fd = open(PRIVCMD_DEV, O_RDWR | O_CLOEXEC);

    if (fd < 0 && no_driver(errno))
        fd = open(PRIVCMD_PROC, O_RDWR | O_CLOEXEC);
    return fd;
}

int fmem_os_open(xenforeignmemory_handle *fmem)
{
    int fd = open_privcmd();

    if (fd < 0) {
        fmem_log_errno(fmem, "cannot open the privcmd driver");
        return -1;
    }
    /*
     * Kernels differ in what an unknown ioctl fails with (ENOTTY, or
     * EINVAL on old ones); remember it so a missing MMAP_RESOURCE can be
     * told apart from a real error later.
     */
    if (ioctl(fd, FMEM_IOCTL_UNIMPLEMENTED, 0) >= 0) {
        errno = ENXIO;
        fmem_log_errno(fmem, "privcmd accepted an ioctl that must not exist");
        close(fd);
        errno = ENXIO;
        return -1;
    }
    fmem->unimpl_errno = errno;
    fmem->fd = fd;
    return 0;
}

int fmem_os_close(xenforeignmemory_handle *fmem)
{
    if (fmem->fd < 0)
        return 0;
    return close(fmem->fd);
}

static int batch_v2(int fd, domid_t dom, char *va, size_t num,
                    const xen_pfn_t *arr, int *err)
{
    struct fmem_privcmd_batch_v2 b = {
        .num = (unsigned int)num, .dom = dom,
        .addr = (uintptr_t)va, .arr = arr, .err = err,
    };

    return ioctl(fd, FMEM_IOCTL_BATCH_V2, &b);
}

static int batch_v1(int fd, domid_t dom, char *va, size_t num, xen_pfn_t *arr)
{
    struct fmem_privcmd_batch b = {
        .num = (int)num, .dom = dom, .addr = (uintptr_t)va, .arr = arr,
    };

    return ioctl(fd, FMEM_IOCTL_BATCH, &b);
}

/*
 * V2 said -ENOENT: some pages are paged out and the kernel left holes
 * for them.  Ask again for each run of holes until a pass finds none.
 * Returns 0, or -1 with errno on a failure other than "still paged".
 */
static int retry_paged_v2(int fd, domid_t dom, char *va, size_t num,
                          const xen_pfn_t *arr, int *err)
{
    for (;;) {
        size_t i = 0, runs = 0;

        usleep(PAGED_RETRY_USEC);
        while (i < num) {
            size_t start = i;

            if (err[i] != -ENOENT) {
                i++;
                continue;
            }
            while (i < num && err[i] == -ENOENT)
                i++;
            runs++;
            if (batch_v2(fd, dom, va + (start << FMEM_PAGE_SHIFT), i - start,
                         arr + start, err + start) < 0 && errno != ENOENT)
                return -1;
        }
        if (!runs)
            return 0;
    }
}

/* Old interface, one paged-out page: retry until it is back or fails. */
static int retry_paged_v1(int fd, domid_t dom, char *va, xen_pfn_t gfn)
{
    xen_pfn_t one;
    int rc;

    do {
        one = gfn;   /* the kernel flagged the last attempt in place */
        usleep(PAGED_RETRY_USEC);
        rc = batch_v1(fd, dom, va, 1, &one);
    } while (rc < 0 && errno == ENOENT);
    return rc;
}

/*
 * Turn the old interface's in-place flags into err[i].  rc is the
 * batch call's result as 0 or -errno.  Returns 0, or -errno if the whole
 * mapping must fail.
 */
static int decode_v1(int fd, domid_t dom, char *va, size_t num,
                     const xen_pfn_t *arr, const xen_pfn_t *out, int *err,
                     int rc)
{
    size_t i;

    for (i = 0; i < num; i++) {
        xen_pfn_t flag = out[i] ^ arr[i];

        if (flag == 0)
            err[i] = rc == -ENOENT ? 0 : rc;
        else if (flag != FMEM_BATCH_PAGED_ERROR)
            err[i] = -EINVAL;   /* the old call gives no reason */
        else if (rc != -ENOENT)
            err[i] = rc ? rc : -EINVAL;
        else if (retry_paged_v1(fd, dom, va + (i << FMEM_PAGE_SHIFT),
                                arr[i]) < 0)
            return -errno;
        else
            err[i] = 0;
    }
    return rc == -ENOENT ? 0 : rc;
}

/* Kernel without V2: same request through the old batch call. */
static int map_v1(int fd, domid_t dom, char *va, size_t num,
                  const xen_pfn_t *arr, int *err)
{
    /* The old call writes into its array, and arr is the caller's const. */
    xen_pfn_t *out = malloc(num * sizeof(*out));
    int rc;

    if (!out)
        return -1;
    memcpy(out, arr, num * sizeof(*out));
    rc = batch_v1(fd, dom, va, num, out) < 0 ? -errno : 0;
    rc = decode_v1(fd, dom, va, num, arr, out, err, rc);
    free(out);
    if (rc) {
        errno = -rc;
        return -1;
    }
    return 0;
}

/* Fill an already created privcmd VMA; 0, or -1 with errno. */
static int fill_vma(int fd, domid_t dom, char *va, size_t num,
                    const xen_pfn_t *arr, int *err)
{
    if (batch_v2(fd, dom, va, num, arr, err) == 0)
        return 0;
    if (errno == ENOENT)
        return retry_paged_v2(fd, dom, va, num, arr, err);
    /* Kernels that predate V2 reject its number with EINVAL. */
    if (errno == EINVAL && num > 0 && num <= INT_MAX)
        return map_v1(fd, dom, va, num, arr, err);
    return -1;
}

void *fmem_os_map(xenforeignmemory_handle *fmem, domid_t dom, void *addr,
                  int prot, int flags, size_t num,
                  const xen_pfn_t arr[], int err[])
{
    size_t len = num << FMEM_PAGE_SHIFT;
    char *va = mmap(addr, len, prot, flags | MAP_SHARED, fmem->fd, 0);

    if (va == MAP_FAILED)
        return NULL;
    if (fill_vma(fmem->fd, dom, va, num, arr, err) < 0) {
        int saved = errno;

        munmap(va, len);
        errno = saved;
        return NULL;
    }
    return va;
}

int fmem_os_unmap(xenforeignmemory_handle *fmem, void *addr, size_t num)
{
    (void)fmem;
    return munmap(addr, num << FMEM_PAGE_SHIFT);
}

int fmem_os_restrict(xenforeignmemory_handle *fmem, domid_t domid)
{
    return ioctl(fmem->fd, FMEM_IOCTL_RESTRICT, &domid);
}

int fmem_os_map_resource(xenforeignmemory_handle *fmem,
                         xenforeignmemory_resource_handle *fres)
{
    struct fmem_privcmd_resource r = {
        .dom = fres->domid, .type = fres->type, .id = fres->id,
        .idx = (uint32_t)fres->frame, .num = fres->nr_frames,
    };
    /* No address and no frames: the driver reports the size in num. */
    int query = !fres->addr && !fres->nr_frames;

    if (!query) {
        void *va = mmap(fres->addr, fres->nr_frames << FMEM_PAGE_SHIFT,
                        fres->prot, fres->flags | MAP_SHARED, fmem->fd, 0);

        if (va == MAP_FAILED)
            return -1;
        fres->addr = va;
        r.addr = (uintptr_t)va;
    }

    if (ioctl(fmem->fd, FMEM_IOCTL_RESOURCE, &r) != 0) {
        int saved = errno == fmem->unimpl_errno ? EOPNOTSUPP : errno;

        if (!query)
            fmem_os_unmap_resource(fmem, fres);
        errno = saved;
        return -1;
    }
    if (query)
        fres->nr_frames = r.num;
    return 0;
}

int fmem_os_unmap_resource(xenforeignmemory_handle *fmem,
                           xenforeignmemory_resource_handle *fres)
{
    (void)fmem;
    if (!fres)
        return 0;
    return munmap(fres->addr, fres->nr_frames << FMEM_PAGE_SHIFT);
}
