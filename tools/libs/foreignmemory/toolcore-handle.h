/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Our view of libxentoolcore's "active handle" registration, which
 * Debian does not ship a header for.  xentoolcore_restrict_all(domid)
 * walks every registered handle and calls its callback; the first
 * non-zero return stops the walk and becomes its result.
 *
 * Layout facts (x86-64, checked against libxentoolcore.so.1 4.17):
 * callback at offset 0, then two list links owned by libxentoolcore.
 * The library only ever fills in the callback.
 */
#ifndef FOREIGNMEMORY_TOOLCORE_HANDLE_H
#define FOREIGNMEMORY_TOOLCORE_HANDLE_H

#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>

struct fmem_tc_handle;
typedef int fmem_tc_restrict_fn(struct fmem_tc_handle *ah, domid_t domid);

struct fmem_tc_handle {
    fmem_tc_restrict_fn *restrict_cb;
    struct fmem_tc_handle *link_next;    /* owned by libxentoolcore */
    struct fmem_tc_handle **link_pprev;  /* owned by libxentoolcore */
};

_Static_assert(offsetof(struct fmem_tc_handle, restrict_cb) == 0,
               "libxentoolcore calls through offset 0");
_Static_assert(sizeof(struct fmem_tc_handle) == 24,
               "libxentoolcore writes links at offsets 8 and 16");

/* Exported by libxentoolcore.so.1 (VERS_1.0); thread safe there. */
void xentoolcore__register_active_handle(struct fmem_tc_handle *ah);
void xentoolcore__deregister_active_handle(struct fmem_tc_handle *ah);

#endif
