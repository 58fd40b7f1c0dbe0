/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Internals shared by the OS-independent core (core.c) and an OS
 * backend (linux.c).  The backend does the system calls; the core does
 * argument checks, bookkeeping and the logger/xentoolcore plumbing.
 */
#ifndef FOREIGNMEMORY_PRIVATE_H
#define FOREIGNMEMORY_PRIVATE_H

#include <xentoollog.h>
#include <xenforeignmemory.h>

#include "toolcore-handle.h"

/* Xen's page size, which is also the unit of every frame count here. */
#define FMEM_PAGE_SHIFT 12

/* Mark the few functions that make up the ABI; all else stays hidden. */
#define FMEM_API __attribute__((visibility("default")))

struct xenforeignmemory_handle {
    xentoollog_logger *logger;      /* where messages go */
    xentoollog_logger *own_logger;  /* non-NULL if we created logger */
    int fd;                         /* driver fd, -1 when not open */
    int unimpl_errno;               /* driver's answer to unknown ioctls */
    struct fmem_tc_handle tc;       /* xentoolcore_restrict_all() hook */
};

struct xenforeignmemory_resource_handle {
    domid_t domid;
    unsigned int type;
    unsigned int id;
    unsigned long frame;
    unsigned long nr_frames;        /* size query: filled in by backend */
    void *addr;                     /* NULL for a size query */
    int prot;
    int flags;
};

/* Log msg with the current errno at error level; errno is preserved. */
void fmem_log_errno(xenforeignmemory_handle *fmem, const char *msg);

/* Backend: each returns 0 / pointer, or -1 / NULL with errno set. */
int fmem_os_open(xenforeignmemory_handle *fmem);
int fmem_os_close(xenforeignmemory_handle *fmem);
void *fmem_os_map(xenforeignmemory_handle *fmem, domid_t dom, void *addr,
                  int prot, int flags, size_t num,
                  const xen_pfn_t arr[], int err[]);
int fmem_os_unmap(xenforeignmemory_handle *fmem, void *addr, size_t num);
int fmem_os_restrict(xenforeignmemory_handle *fmem, domid_t domid);
int fmem_os_map_resource(xenforeignmemory_handle *fmem,
                         xenforeignmemory_resource_handle *fres);
int fmem_os_unmap_resource(xenforeignmemory_handle *fmem,
                           xenforeignmemory_resource_handle *fres);

#endif
