/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * API check, compiled twice with -Werror: once against our
 * <xenforeignmemory.h>, once against Debian's.  Each public function is
 * assigned to a pointer of its exact expected type, so any difference
 * in a prototype is an incompatible-pointer error in one of the builds.
 */
#include <stddef.h>
#include <stdint.h>
#include <xenforeignmemory.h>

/* The header must not need <xentoollog.h> for the logger pointer. */
struct xentoollog_logger;

xenforeignmemory_handle *(*p_open)(struct xentoollog_logger *, unsigned) =
    xenforeignmemory_open;
int (*p_close)(xenforeignmemory_handle *) = xenforeignmemory_close;
void *(*p_map)(xenforeignmemory_handle *, uint32_t, int, size_t,
               const xen_pfn_t *, int *) = xenforeignmemory_map;
void *(*p_map2)(xenforeignmemory_handle *, uint32_t, void *, int, int,
                size_t, const xen_pfn_t *, int *) = xenforeignmemory_map2;
int (*p_unmap)(xenforeignmemory_handle *, void *, size_t) =
    xenforeignmemory_unmap;
int (*p_restrict)(xenforeignmemory_handle *, domid_t) =
    xenforeignmemory_restrict;
xenforeignmemory_resource_handle *(*p_map_resource)(
    xenforeignmemory_handle *, domid_t, unsigned int, unsigned int,
    unsigned long, unsigned long, void **, int, int) =
    xenforeignmemory_map_resource;
int (*p_unmap_resource)(xenforeignmemory_handle *,
                        xenforeignmemory_resource_handle *) =
    xenforeignmemory_unmap_resource;
int (*p_resource_size)(xenforeignmemory_handle *, domid_t, unsigned int,
                       unsigned int, size_t *) =
    xenforeignmemory_resource_size;

/* Both handle types stay opaque: only pointers may be declared. */
_Static_assert(sizeof(xenforeignmemory_handle *) == sizeof(void *), "");
_Static_assert(sizeof(xenforeignmemory_resource_handle *) == sizeof(void *),
               "");
_Static_assert(sizeof(domid_t) == 2 && sizeof(xen_pfn_t) == 8,
               "x86-64 Xen types");
