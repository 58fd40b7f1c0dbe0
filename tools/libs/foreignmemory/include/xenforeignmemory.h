/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * xenforeignmemory.h - map memory and resources of other Xen domains
 * into the calling process.
 *
 * API- and ABI-compatible with the libxenforeignmemory.so.1 shipped by
 * Xen 4.17 (symbol versions VERS_1.0 .. VERS_1.4).  Written for this
 * tree; see docs/guide-foreignmemory.md and the xenforeignmemory_*(3)
 * manual pages for the full contract.
 */
#ifndef XENFOREIGNMEMORY_H
#define XENFOREIGNMEMORY_H

#include <stddef.h>
#include <stdint.h>

/* domid_t and xen_pfn_t come from the Xen public headers. */
#include <xen/xen.h>

/* Only a pointer is needed here; include <xentoollog.h> to make one. */
struct xentoollog_logger;

/* Opaque: one open privcmd device plus its logger. */
typedef struct xenforeignmemory_handle xenforeignmemory_handle;

/* Opaque: one mapped range of a domain resource. */
typedef struct xenforeignmemory_resource_handle
    xenforeignmemory_resource_handle;

/*
 * Open the privileged-command driver.  logger may be NULL (messages then
 * go to stderr); open_flags must be 0.  Returns NULL with errno set on
 * failure.  After fork() the child may only pass an inherited handle to
 * xenforeignmemory_close().
 */
xenforeignmemory_handle *xenforeignmemory_open(struct xentoollog_logger *logger,
                                               unsigned open_flags);

/* Release the handle (NULL is accepted).  0, or -1 with errno. */
int xenforeignmemory_close(xenforeignmemory_handle *fmem);

/*
 * Map pages gfns arr[0..pages) of domain dom at a place of the kernel's
 * choosing, with mmap(2) protection prot.  With err == NULL any failing
 * page fails the whole call (NULL, errno from the first bad page).  With
 * err != NULL the call may return a mapping while err[i] holds 0 or a
 * negative errno value for page i.
 */
void *xenforeignmemory_map(xenforeignmemory_handle *fmem, uint32_t dom,
                           int prot, size_t pages,
                           const xen_pfn_t arr[/*pages*/], int err[/*pages*/]);

/* As xenforeignmemory_map(), plus an mmap(2) address hint and flags. */
void *xenforeignmemory_map2(xenforeignmemory_handle *fmem, uint32_t dom,
                            void *addr, int prot, int flags, size_t pages,
                            const xen_pfn_t arr[/*pages*/], int err[/*pages*/]);

/* Undo a map/map2 of the given number of pages.  0, or -1 with errno. */
int xenforeignmemory_unmap(xenforeignmemory_handle *fmem,
                           void *addr, size_t pages);

/* Limit this handle, for good, to domain domid.  0, or -1 with errno. */
int xenforeignmemory_restrict(xenforeignmemory_handle *fmem,
                              domid_t domid);

/*
 * Map nr_frames frames, starting at frame, of resource (type, id) of
 * domain domid (XENMEM_resource_* types).  *paddr is an mmap(2) hint on
 * entry and the mapping's address on return; prot is for mmap(2); flags
 * may only contain MAP_SHARED/MAP_PRIVATE.  nr_frames == 0 with
 * *paddr == NULL asks only for the size (nothing is mapped).
 * Returns NULL with errno set on failure; EOPNOTSUPP means the kernel
 * or hypervisor does not know the operation or the resource type.
 */
xenforeignmemory_resource_handle *xenforeignmemory_map_resource(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, unsigned long frame, unsigned long nr_frames,
    void **paddr, int prot, int flags);

/* Unmap and free a resource handle (NULL accepted).  0, or -1 + errno. */
int xenforeignmemory_unmap_resource(xenforeignmemory_handle *fmem,
                                    xenforeignmemory_resource_handle *fres);

/* Store the size in bytes of resource (type, id) of domid in *size. */
int xenforeignmemory_resource_size(xenforeignmemory_handle *fmem,
                                   domid_t domid, unsigned int type,
                                   unsigned int id, size_t *size);

#endif /* XENFOREIGNMEMORY_H */
