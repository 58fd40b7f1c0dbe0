/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * The Linux privcmd driver interface, as far as this library uses it.
 * Numbers and layouts are the kernel's ABI (include/uapi/xen/privcmd.h);
 * tools/tests/foreignmemory/test-layout.c checks them against Debian's
 * <xen/sys/privcmd.h>.
 */
#ifndef FOREIGNMEMORY_LINUX_PRIVCMD_H
#define FOREIGNMEMORY_LINUX_PRIVCMD_H

#include <stdint.h>
#include <sys/ioctl.h>
#include <xen/xen.h>

/* Old batch call: failures are flagged in the top bits of arr[i]. */
struct fmem_privcmd_batch {
    int num;                 /* pages */
    domid_t dom;
    uint64_t addr;           /* start of our privcmd mapping */
    xen_pfn_t *arr;          /* in: gfns; out: gfn | error flag */
};

/* Current batch call: per-page errors go to a separate array. */
struct fmem_privcmd_batch_v2 {
    unsigned int num;
    domid_t dom;
    uint64_t addr;
    const xen_pfn_t *arr;
    int *err;                /* out: 0 or -errno per page */
};

/* XENMEM_acquire_resource through the driver; addr == num == 0: size. */
struct fmem_privcmd_resource {
    domid_t dom;
    uint32_t type;
    uint32_t id;
    uint32_t idx;            /* first frame */
    uint64_t num;            /* frames; size query returns it here */
    uint64_t addr;
};

#define FMEM_PRIVCMD_IOC(nr, size) _IOC(_IOC_NONE, 'P', (nr), (size))

#define FMEM_IOCTL_BATCH    FMEM_PRIVCMD_IOC(3, sizeof(struct fmem_privcmd_batch))
#define FMEM_IOCTL_BATCH_V2 FMEM_PRIVCMD_IOC(4, sizeof(struct fmem_privcmd_batch_v2))
#define FMEM_IOCTL_RESTRICT FMEM_PRIVCMD_IOC(6, sizeof(domid_t))
#define FMEM_IOCTL_RESOURCE FMEM_PRIVCMD_IOC(7, sizeof(struct fmem_privcmd_resource))
/* Never implemented: probes what the driver answers to unknown calls. */
#define FMEM_IOCTL_UNIMPLEMENTED FMEM_PRIVCMD_IOC(0xff, 0)

/* Flags the old batch call ORs into arr[i]. */
#define FMEM_BATCH_PAGED_ERROR 0x80000000U  /* page is paged out: retry */
#define FMEM_BATCH_MFN_ERROR   0xf0000000U  /* any other failure */

#endif
