/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Reference for the type-level ABI check: empty definitions of every
 * function, compiled with -g against DEBIAN's <xenforeignmemory.h> and
 * our symbol-version script.  Its DWARF describes Debian's declared
 * types (Debian's own library ships without debug info), so abidiff
 * against our library compares parameter and return types too.
 */
#include <stddef.h>
#include <xenforeignmemory.h>

#define REF __attribute__((visibility("default")))

REF xenforeignmemory_handle *xenforeignmemory_open(
    struct xentoollog_logger *logger, unsigned open_flags)
{
    (void)logger; (void)open_flags;
    return NULL;
}

REF int xenforeignmemory_close(xenforeignmemory_handle *fmem)
{
    (void)fmem;
    return 0;
}

REF void *xenforeignmemory_map(xenforeignmemory_handle *fmem, uint32_t dom,
                               int prot, size_t pages, const xen_pfn_t arr[],
                               int err[])
{
    (void)fmem; (void)dom; (void)prot; (void)pages; (void)arr; (void)err;
    return NULL;
}

REF void *xenforeignmemory_map2(xenforeignmemory_handle *fmem, uint32_t dom,
                                void *addr, int prot, int flags, size_t pages,
                                const xen_pfn_t arr[], int err[])
{
    (void)fmem; (void)dom; (void)addr; (void)prot; (void)flags;
    (void)pages; (void)arr; (void)err;
    return NULL;
}

REF int xenforeignmemory_unmap(xenforeignmemory_handle *fmem, void *addr,
                               size_t pages)
{
    (void)fmem; (void)addr; (void)pages;
    return 0;
}

REF int xenforeignmemory_restrict(xenforeignmemory_handle *fmem,
                                  domid_t domid)
{
    (void)fmem; (void)domid;
    return 0;
}

REF xenforeignmemory_resource_handle *xenforeignmemory_map_resource(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, unsigned long frame, unsigned long nr_frames,
    void **paddr, int prot, int flags)
{
    (void)fmem; (void)domid; (void)type; (void)id; (void)frame;
    (void)nr_frames; (void)paddr; (void)prot; (void)flags;
    return NULL;
}

REF int xenforeignmemory_unmap_resource(
    xenforeignmemory_handle *fmem, xenforeignmemory_resource_handle *fres)
{
    (void)fmem; (void)fres;
    return 0;
}

REF int xenforeignmemory_resource_size(
    xenforeignmemory_handle *fmem, domid_t domid, unsigned int type,
    unsigned int id, size_t *size)
{
    (void)fmem; (void)domid; (void)type; (void)id; (void)size;
    return 0;
}
