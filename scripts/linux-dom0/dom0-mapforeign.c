/*
 * xenforeignmemory_map() from a Linux control domain, as toolstacks and
 * device models map guest RAM: privcmd's IOCTL_PRIVCMD_MMAPBATCH_V2,
 * which a PVH dom0's kernel turns into XENMEM_add_to_physmap_batch
 * (XENMAPSPACE_gmfn_foreign) into its unpopulated gfns, and
 * XENMEM_remove_from_physmap on munmap.  It makes its own domain with
 * Debian's libxenctrl (never started, a few pages populated with
 * xc_domain_populate_physmap_exact: memory_op in a multicall), so it
 * runs the same on ours and on Xen 4.17:
 *
 *   write through one mapping, read back through a second in another
 *   order; per-entry errors (a gfn with no RAM, a domain that does not
 *   exist) with the good pages still mapped; a page mapped while its
 *   domain is destroyed stays readable until unmapped.
 *
 * Prints "PASS: linux/mapforeign-<lib>-<name>" / "FAIL: ..." lines, <lib>
 * from $DOM0_LIB ("ours" or "debian"), "info:" lines with raw answers,
 * and "...-done" at its end.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>
#include <xen/memory.h>
#include <xen/sys/privcmd.h>

#define PAGES    4
#define GFN0     0x100          /* the domain's populated gfns */
#define HOLE_GFN 0x5000         /* nothing there */
#define NO_DOM   12345

static const char *lib = "ours";
static int failures;

static int check(const char *name, int ok, const char *fmt, long val)
{
    if ( ok )
        printf("PASS: linux/mapforeign-%s-%s\n", lib, name);
    else
    {
        printf("FAIL: linux/mapforeign-%s-%s: ", lib, name);
        printf(fmt, val);
        printf("\n");
        failures++;
    }
    fflush(stdout);
    return ok;
}

static char *page(void *base, unsigned int i)
{
    return (char *)base + 4096UL * i;
}

/*
 * XENMEM_populate_physmap of PAGES pages at GFN0 with libxenctrl, which
 * on 64-bit Linux wraps every memory_op in a one-entry multicall.
 */
static long populate(xc_interface *xch, uint32_t domid)
{
    xen_pfn_t gfns[PAGES];

    for ( unsigned int i = 0; i < PAGES; i++ )
        gfns[i] = GFN0 + i;
    return xc_domain_populate_physmap_exact(xch, domid, PAGES, 0, 0, gfns)
           ? -1 : PAGES;
}

/* An HVM domain that is never started, with PAGES pages at GFN0. */
static int make_domain(xc_interface *xch, uint32_t *domid)
{
    struct xen_domctl_createdomain cfg = {
        .flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        .max_vcpus = 1,
        .max_evtchn_port = 1023,
        .max_grant_frames = 1,
        .max_maptrack_frames = -1,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
        .arch = { .emulation_flags = XEN_X86_EMU_LAPIC },
    };
    long rc;

    *domid = 0;
    if ( !check("domain-create", xc_domain_create(xch, domid, &cfg) == 0,
                "errno %ld", errno) ||
         !check("setmaxmem", xc_domain_setmaxmem(xch, *domid, 1024) == 0,
                "errno %ld", errno) )
        return 0;
    rc = populate(xch, *domid);
    return check("populate", rc == PAGES, "%ld", rc < 0 ? -errno : rc);
}

/* Write each page through one mapping, read them through another. */
static void write_read_back(xenforeignmemory_handle *fm, uint32_t domid)
{
    xen_pfn_t arr[PAGES];
    int err[PAGES];
    void *p;
    unsigned int i, ok = 1;

    for ( i = 0; i < PAGES; i++ )
        arr[i] = GFN0 + i;
    p = xenforeignmemory_map(fm, domid, PROT_READ | PROT_WRITE, PAGES, arr,
                             err);
    if ( !check("map", p != NULL, "errno %ld", errno) )
        return;
    for ( i = 0; i < PAGES; i++ )
        ok &= err[i] == 0;
    check("map-errs", ok, "err[0] %ld", err[0]);
    for ( i = 0; i < PAGES; i++ )
        snprintf(page(p, i), 64, "page %u of d%u", i, domid);
    check("unmap", xenforeignmemory_unmap(fm, p, PAGES) == 0, "errno %ld",
          errno);

    for ( i = 0; i < PAGES; i++ )
        arr[i] = GFN0 + PAGES - 1 - i;
    p = xenforeignmemory_map(fm, domid, PROT_READ, PAGES, arr, err);
    if ( !check("map-again", p != NULL, "errno %ld", errno) )
        return;
    for ( i = 0, ok = 1; i < PAGES; i++ )
    {
        char want[64];

        snprintf(want, sizeof(want), "page %u of d%u", PAGES - 1 - i, domid);
        ok &= err[i] == 0 && !strcmp(page(p, i), want);
    }
    check("read-back", ok, "%ld", 0);
    printf("info: read back \"%s\"\n", page(p, 0));
    check("unmap-again", xenforeignmemory_unmap(fm, p, PAGES) == 0,
          "errno %ld", errno);
}

/* A batch with a bad entry: its error, the others mapped. */
static void bad_entries(xenforeignmemory_handle *fm, uint32_t domid)
{
    xen_pfn_t arr[3] = { GFN0, HOLE_GFN, GFN0 + 1 };
    int err[3] = { 99, 99, 99 };
    void *p = xenforeignmemory_map(fm, domid, PROT_READ, 3, arr, err);

    if ( !check("hole-map", p != NULL, "errno %ld", errno) )
        return;
    printf("info: errs for (page, hole, page): %d %d %d\n", err[0], err[1],
           err[2]);
    check("hole-errs", err[0] == 0 && err[1] == -EINVAL && err[2] == 0,
          "hole's err %ld", err[1]);
    check("hole-good-pages", !strncmp(page(p, 0), "page 0", 6) &&
          !strncmp(page(p, 2), "page 1", 6), "%ld", 0);
    check("hole-unmap", xenforeignmemory_unmap(fm, p, 3) == 0, "errno %ld",
          errno);

    arr[0] = GFN0;
    err[0] = 99;
    p = xenforeignmemory_map(fm, NO_DOM, PROT_READ, 1, arr, err);
    printf("info: no such domain: %s, err %d\n", p ? "mapped" : "NULL",
           err[0]);
    check("no-domain-err", err[0] == -ESRCH, "err %ld", err[0]);
    if ( p )
        xenforeignmemory_unmap(fm, p, 1);
}

/* Destroy the domain while one of its pages is mapped here. */
static void destroy_while_mapped(xenforeignmemory_handle *fm,
                                 xc_interface *xch, uint32_t domid)
{
    xen_pfn_t arr[1] = { GFN0 + 2 };
    int err[1];
    void *p = xenforeignmemory_map(fm, domid, PROT_READ, 1, arr, err);
    xc_dominfo_t info;

    if ( !check("keep-map", p != NULL && err[0] == 0, "errno %ld", errno) )
    {
        xc_domain_destroy(xch, domid);
        return;
    }
    check("destroy-while-mapped", xc_domain_destroy(xch, domid) == 0,
          "errno %ld", errno);
    check("page-outlives-domain", !strncmp(page(p, 0), "page 2", 6),
          "%ld", 0);
    check("unmap-last", xenforeignmemory_unmap(fm, p, 1) == 0, "errno %ld",
          errno);
    /* Gone, or on its way out once the last page went. */
    if ( xc_domain_getinfo(xch, domid, 1, &info) == 1 && info.domid == domid )
        printf("info: after the unmap: d%u still listed, dying %u\n", domid,
               info.dying);
    else
        printf("info: after the unmap: d%u gone\n", domid);
}

int main(void)
{
    xc_interface *xch;
    xenforeignmemory_handle *fm;
    uint32_t domid;

    if ( getenv("DOM0_LIB") )
        lib = getenv("DOM0_LIB");
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !check("xc-open", xch != NULL, "errno %ld", errno) )
        return 1;
    fm = xenforeignmemory_open(NULL, 0);
    if ( !check("fm-open", fm != NULL, "errno %ld", errno) )
        return 1;
    if ( make_domain(xch, &domid) )
    {
        write_read_back(fm, domid);
        bad_entries(fm, domid);
        destroy_while_mapped(fm, xch, domid);
    }
    else if ( domid )
        xc_domain_destroy(xch, domid);
    check("fm-close", xenforeignmemory_close(fm) == 0, "errno %ld", errno);
    xc_interface_close(xch);
    check("done", !failures, "%ld failures", failures);
    return failures != 0;
}
