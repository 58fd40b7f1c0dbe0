/*
 * Print the version-1 grant table of a domain, read through
 * xenforeignmemory_map_resource().  Usage: example <domid>
 * Build: cc example.c $(pkg-config --cflags --libs xenforeignmemory)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <xenforeignmemory.h>
#include <xen/grant_table.h>
#include <xen/memory.h>

int main(int argc, char **argv)
{
    xenforeignmemory_handle *fmem;
    xenforeignmemory_resource_handle *res;
    const grant_entry_v1_t *gnt;
    void *addr = NULL;
    size_t size, i, used = 0;
    domid_t domid;

    if (argc != 2) {
        fprintf(stderr, "usage: %s <domid>\n", argv[0]);
        return 2;
    }
    domid = (domid_t)strtoul(argv[1], NULL, 0);

    /* NULL logger: the library reports its own errors on stderr. */
    fmem = xenforeignmemory_open(NULL, 0);
    if (!fmem)
        return 1;

    /* How big is the table?  (Xen answers for this domain.) */
    if (xenforeignmemory_resource_size(fmem, domid,
                                       XENMEM_resource_grant_table,
                                       XENMEM_resource_grant_table_id_shared,
                                       &size) < 0) {
        fprintf(stderr, "resource_size: %s\n", strerror(errno));
        goto out;
    }
    printf("grant table of domain %u: %zu frames\n", domid, size >> 12);

    /* Map all of it read-only; Xen picks no address, the kernel does. */
    res = xenforeignmemory_map_resource(fmem, domid,
                                        XENMEM_resource_grant_table,
                                        XENMEM_resource_grant_table_id_shared,
                                        0, size >> 12, &addr,
                                        PROT_READ, 0);
    if (!res) {
        fprintf(stderr, "map_resource: %s\n", strerror(errno));
        goto out;
    }

    gnt = addr;
    for (i = 0; i < size / sizeof(*gnt); i++) {
        if (!gnt[i].flags && !gnt[i].domid && !gnt[i].frame)
            continue;
        if (used++ < 4)
            printf("ref %zu: flags=%#x domid=%u frame=%#x\n", i,
                   gnt[i].flags, gnt[i].domid, gnt[i].frame);
    }
    printf("%zu entries in use\n", used);

    xenforeignmemory_unmap_resource(fmem, res);
 out:
    xenforeignmemory_close(fmem);
    return used ? 0 : 1;
}
