/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * OS-independent half of libxenforeignmemory: handle lifetime, argument
 * checks and the error policy of the public calls.  Everything that
 * talks to the kernel lives in the backend (linux.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "private.h"

/* Library tag in log messages, same as upstream so log filters work. */
#define LOG_CONTEXT "xenforeignmemory"

void fmem_log_errno(xenforeignmemory_handle *fmem, const char *msg)
{
    int saved = errno;

    xtl_log(fmem->logger, XTL_ERROR, saved, LOG_CONTEXT, "%s", msg);
    errno = saved;
}

/* Called by xentoolcore_restrict_all() for every open handle. */
static int restrict_all_cb(struct fmem_tc_handle *ah, domid_t domid)
{
    xenforeignmemory_handle *fmem = (xenforeignmemory_handle *)
        ((char *)ah - offsetof(xenforeignmemory_handle, tc));

    if (fmem->fd < 0)
        return 0;   /* nothing to restrict yet */
    return fmem_os_restrict(fmem, domid);
}

/* Tear down whatever open got as far as; keeps errno. */
static void release_handle(xenforeignmemory_handle *fmem)
{
    int saved = errno;

    xentoolcore__deregister_active_handle(&fmem->tc);
    fmem_os_close(fmem);
    xtl_logger_destroy(fmem->own_logger);
    free(fmem);
    errno = saved;
}

FMEM_API xenforeignmemory_handle *
xenforeignmemory_open(struct xentoollog_logger *logger, unsigned open_flags)
{
    xenforeignmemory_handle *fmem;

    (void)open_flags;   /* none defined; ignored, as upstream does */

    fmem = calloc(1, sizeof(*fmem));
    if (!fmem)
        return NULL;
    fmem->fd = -1;
    fmem->logger = logger;
    fmem->tc.restrict_cb = restrict_all_cb;
    xentoolcore__register_active_handle(&fmem->tc);

    if (!fmem->logger) {
        /* Progress level and no flags: what upstream callers are used to. */
        fmem->own_logger = (xentoollog_logger *)
            xtl_createlogger_stdiostream(stderr, XTL_PROGRESS, 0);
        fmem->logger = fmem->own_logger;
        if (!fmem->logger)
            goto fail;
    }

    if (fmem_os_open(fmem) < 0)
        goto fail;
    return fmem;

 fail:
    release_handle(fmem);
    return NULL;
}

FMEM_API int xenforeignmemory_close(xenforeignmemory_handle *fmem)
{
    int rc;

    if (!fmem)
        return 0;
    xentoolcore__deregister_active_handle(&fmem->tc);
    rc = fmem_os_close(fmem);
    xtl_logger_destroy(fmem->own_logger);
    free(fmem);
    return rc;
}

/* First per-page failure (a negative errno value), or 0. */
static int first_page_error(const int err[], size_t pages)
{
    size_t i;

    for (i = 0; i < pages; i++)
        if (err[i])
            return err[i];
    return 0;
}

/*
 * Without a caller's err array the mapping is all-or-nothing, so we need
 * an array of our own to find out whether any page failed.
 */
static void *map_all_or_nothing(xenforeignmemory_handle *fmem, domid_t dom,
                                void *addr, int prot, int flags, size_t pages,
                                const xen_pfn_t arr[])
{
    int *err = calloc(pages ? pages : 1, sizeof(*err));
    void *va;
    int saved;

    if (!err)
        return NULL;
    va = fmem_os_map(fmem, dom, addr, prot, flags, pages, arr, err);
    saved = errno;
    if (va) {
        int bad = first_page_error(err, pages);

        if (bad) {
            fmem_os_unmap(fmem, va, pages);
            va = NULL;
            saved = -bad;
        }
    }
    free(err);
    errno = saved;   /* set last: nothing above may clobber it */
    return va;
}

FMEM_API void *xenforeignmemory_map2(xenforeignmemory_handle *fmem,
                                     uint32_t dom, void *addr, int prot,
                                     int flags, size_t pages,
                                     const xen_pfn_t arr[], int err[])
{
    /*
     * The driver takes a 16-bit domid and an int-sized count: refuse
     * what would otherwise be silently truncated (to another domain!).
     */
    if (dom > UINT16_MAX) {
        errno = EINVAL;
        return NULL;
    }
    if (pages > INT_MAX) {
        errno = E2BIG;
        return NULL;
    }
    if (!err)
        return map_all_or_nothing(fmem, dom, addr, prot, flags, pages, arr);
    return fmem_os_map(fmem, dom, addr, prot, flags, pages, arr, err);
}

FMEM_API void *xenforeignmemory_map(xenforeignmemory_handle *fmem,
                                    uint32_t dom, int prot, size_t pages,
                                    const xen_pfn_t arr[], int err[])
{
    return xenforeignmemory_map2(fmem, dom, NULL, prot, 0, pages, arr, err);
}

FMEM_API int xenforeignmemory_unmap(xenforeignmemory_handle *fmem,
                                    void *addr, size_t pages)
{
    return fmem_os_unmap(fmem, addr, pages);
}

FMEM_API int xenforeignmemory_restrict(xenforeignmemory_handle *fmem,
                                       domid_t domid)
{
    return fmem_os_restrict(fmem, domid);
}

/* The driver's frame index is 32 bits and lengths are in bytes. */
static int resource_args_ok(unsigned long frame, unsigned long nr_frames,
                            int flags)
{
    /* Only the POSIX sharing flags; the backend adds what it needs. */
    if (flags & ~(MAP_SHARED | MAP_PRIVATE))
        return 0;
    if (frame > UINT32_MAX)
        return 0;
    return nr_frames <= (SIZE_MAX >> FMEM_PAGE_SHIFT);
}

FMEM_API xenforeignmemory_resource_handle *xenforeignmemory_map_resource(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, unsigned long frame, unsigned long nr_frames,
    void **paddr, int prot, int flags)
{
    xenforeignmemory_resource_handle *fres;

    if (!resource_args_ok(frame, nr_frames, flags)) {
        errno = EINVAL;
        return NULL;
    }
    fres = calloc(1, sizeof(*fres));
    if (!fres) {
        errno = ENOMEM;
        return NULL;
    }
    fres->domid = domid;
    fres->type = type;
    fres->id = id;
    fres->frame = frame;
    fres->nr_frames = nr_frames;
    fres->addr = paddr ? *paddr : NULL;
    fres->prot = prot;
    fres->flags = flags;

    if (fmem_os_map_resource(fmem, fres) < 0) {
        int saved = errno;

        free(fres);
        errno = saved;
        return NULL;
    }
    if (paddr)
        *paddr = fres->addr;
    return fres;
}

FMEM_API int xenforeignmemory_unmap_resource(
    xenforeignmemory_handle *fmem, xenforeignmemory_resource_handle *fres)
{
    int rc = fmem_os_unmap_resource(fmem, fres);
    int saved = errno;

    free(fres);
    errno = saved;
    return rc;
}

FMEM_API int xenforeignmemory_resource_size(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, size_t *size)
{
    /* A query is a mapping request with no address and no frames. */
    xenforeignmemory_resource_handle q = {
        .domid = domid, .type = type, .id = id,
    };

    if (fmem_os_map_resource(fmem, &q) < 0)
        return -1;
    *size = q.nr_frames << FMEM_PAGE_SHIFT;
    return 0;
}
