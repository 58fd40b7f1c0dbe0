/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Our private privcmd and xentoolcore declarations against the
 * kernel's and Xen's facts.  The privcmd side is checked at compile time
 * against Debian's <xen/sys/privcmd.h>; failures stop the build, which
 * run-abi.sh reports as a FAIL of this check.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <xen/xen.h>
#include <xen/sys/privcmd.h>

#include "linux-privcmd.h"
#include "toolcore-handle.h"

#define SAME_FIELD(ours, theirs, fo, ft)                                  \
    _Static_assert(offsetof(ours, fo) == offsetof(theirs, ft) &&          \
                   sizeof(((ours *)0)->fo) == sizeof(((theirs *)0)->ft),  \
                   #ours "." #fo)

SAME_FIELD(struct fmem_privcmd_batch, privcmd_mmapbatch_t, num, num);
SAME_FIELD(struct fmem_privcmd_batch, privcmd_mmapbatch_t, dom, dom);
SAME_FIELD(struct fmem_privcmd_batch, privcmd_mmapbatch_t, addr, addr);
SAME_FIELD(struct fmem_privcmd_batch, privcmd_mmapbatch_t, arr, arr);
SAME_FIELD(struct fmem_privcmd_batch_v2, privcmd_mmapbatch_v2_t, num, num);
SAME_FIELD(struct fmem_privcmd_batch_v2, privcmd_mmapbatch_v2_t, dom, dom);
SAME_FIELD(struct fmem_privcmd_batch_v2, privcmd_mmapbatch_v2_t, addr, addr);
SAME_FIELD(struct fmem_privcmd_batch_v2, privcmd_mmapbatch_v2_t, arr, arr);
SAME_FIELD(struct fmem_privcmd_batch_v2, privcmd_mmapbatch_v2_t, err, err);
SAME_FIELD(struct fmem_privcmd_resource, privcmd_mmap_resource_t, dom, dom);
SAME_FIELD(struct fmem_privcmd_resource, privcmd_mmap_resource_t, type, type);
SAME_FIELD(struct fmem_privcmd_resource, privcmd_mmap_resource_t, id, id);
SAME_FIELD(struct fmem_privcmd_resource, privcmd_mmap_resource_t, idx, idx);
SAME_FIELD(struct fmem_privcmd_resource, privcmd_mmap_resource_t, num, num);
SAME_FIELD(struct fmem_privcmd_resource, privcmd_mmap_resource_t, addr, addr);

_Static_assert(FMEM_IOCTL_BATCH == IOCTL_PRIVCMD_MMAPBATCH, "BATCH");
_Static_assert(FMEM_IOCTL_BATCH_V2 == IOCTL_PRIVCMD_MMAPBATCH_V2, "V2");
_Static_assert(FMEM_IOCTL_RESTRICT == IOCTL_PRIVCMD_RESTRICT, "RESTRICT");
_Static_assert(FMEM_IOCTL_RESOURCE == IOCTL_PRIVCMD_MMAP_RESOURCE, "RES");
_Static_assert(FMEM_IOCTL_UNIMPLEMENTED == IOCTL_PRIVCMD_UNIMPLEMENTED, "UN");
_Static_assert(FMEM_BATCH_PAGED_ERROR == PRIVCMD_MMAPBATCH_PAGED_ERROR, "P");
_Static_assert(FMEM_BATCH_MFN_ERROR == PRIVCMD_MMAPBATCH_MFN_ERROR, "M");

/* Numbers from docs/abi-facts.md and the kernel ABI, independently. */
_Static_assert(FMEM_IOCTL_BATCH_V2 == 0x205004, "V2 number");
_Static_assert(FMEM_IOCTL_RESOURCE == 0x205007, "resource number");
_Static_assert(FMEM_IOCTL_RESTRICT == 0x25006, "restrict number");

int main(void)
{
    puts("PASS: foreignmemory/layout-privcmd");
    return 0;
}
