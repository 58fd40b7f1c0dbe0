/*
 * `make run-linux`: a toolstack in the Linux control domain creates a
 * domain with Debian's libxenctrl, seeds that domain's grant table
 * through xenforeignmemory_map_resource() (XENMEM_acquire_resource: the
 * table is in no domain's physical map), reads the entries back through
 * a second, independent mapping, and destroys the domain while the
 * first mapping is still held.  Every step prints a "say:" line; a
 * failure prints "FAIL: linux/demo-<step>: why" and the exit status is 1.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>
#include <xen/grant_table.h>
#include <xen/memory.h>

#define GT      XENMEM_resource_grant_table
#define SHARED  XENMEM_resource_grant_table_id_shared
#define FRAMES  2
#define SEEDS   4           /* entries seeded from ref 8 on */

static int failed;

static int step(const char *name, int ok, const char *why)
{
    if ( !ok )
    {
        printf("FAIL: linux/demo-%s: %s (errno %d)\n", name, why, errno);
        failed = 1;
    }
    else
        printf("PASS: linux/demo-%s\n", name);
    fflush(stdout);
    return ok;
}

static int create(xc_interface *xch, uint32_t *domid)
{
    struct xen_domctl_createdomain cfg = {
        .flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        .max_vcpus = 1,
        .max_evtchn_port = 1023,
        .max_grant_frames = FRAMES,
        .max_maptrack_frames = -1,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
        /* PVH-style: only the local APIC emulated, as libxl asks. */
        .arch = { .emulation_flags = XEN_X86_EMU_LAPIC },
    };

    *domid = 0;             /* the hypervisor picks one */
    return xc_domain_create(xch, domid, &cfg);
}

/* Seed entries 8.. as a toolstack seeds a guest's console grant. */
static void seed(grant_entry_v1_t *gt, uint32_t domid)
{
    for ( unsigned int i = 0; i < SEEDS; i++ )
    {
        gt[8 + i].domid = 0;
        gt[8 + i].frame = 0xfeed0 + i;
        __atomic_thread_fence(__ATOMIC_RELEASE);
        gt[8 + i].flags = GTF_permit_access | GTF_readonly;
    }
    printf("say: seeded d%u's grant entries 8-%u: read-only access for d0 "
           "to frames 0xfeed0-0xfeed%u\n", domid, 8 + SEEDS - 1, SEEDS - 1);
}

static int seeds_intact(const grant_entry_v1_t *gt)
{
    for ( unsigned int i = 0; i < SEEDS; i++ )
        if ( gt[8 + i].frame != 0xfeed0 + i || gt[8 + i].domid != 0 ||
             gt[8 + i].flags != (GTF_permit_access | GTF_readonly) )
            return 0;
    return 1;
}

int main(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    xenforeignmemory_handle *fm = xenforeignmemory_open(NULL, 0);
    xenforeignmemory_resource_handle *w, *r;
    grant_entry_v1_t *gtw = NULL, *gtr = NULL;
    xc_dominfo_t info;
    size_t size = 0;
    uint32_t domid;

    if ( !step("open", xch && fm, "xc_interface_open/xenforeignmemory_open") )
        return 1;
    if ( !step("create", create(xch, &domid) == 0, "xc_domain_create") )
        return 1;
    printf("say: created d%u with xc_domain_create (PVH, %u grant frames; "
           "never started)\n", domid, FRAMES);
    step("setmaxmem", xc_domain_setmaxmem(xch, domid, 16 << 10) == 0,
         "xc_domain_setmaxmem");
    step("max-vcpus", xc_domain_max_vcpus(xch, domid, 1) == 0,
         "xc_domain_max_vcpus");
    if ( step("getinfo", xc_domain_getinfo(xch, domid, 1, &info) == 1 &&
              info.domid == domid, "xc_domain_getinfo") )
        printf("say: xc_domain_getinfo: d%u, max %lu KiB, %u vCPU(s), "
               "hvm=%d\n", info.domid, info.max_memkb, info.max_vcpu_id + 1,
               info.hvm);
    step("size", xenforeignmemory_resource_size(fm, domid, GT, SHARED,
                                                &size) == 0 &&
         size == FRAMES * 4096, "xenforeignmemory_resource_size");
    w = xenforeignmemory_map_resource(fm, domid, GT, SHARED, 0, FRAMES,
                                      (void **)&gtw, PROT_READ | PROT_WRITE,
                                      0);
    if ( !step("map", w != NULL, "xenforeignmemory_map_resource") )
        return 1;
    printf("say: mapped its whole grant table (%zu bytes) with "
           "xenforeignmemory_map_resource\n", size);
    seed(gtw, domid);
    r = xenforeignmemory_map_resource(fm, domid, GT, SHARED, 0, 1,
                                      (void **)&gtr, PROT_READ, 0);
    if ( step("map-again", r != NULL, "second mapping") )
    {
        step("read-back", seeds_intact(gtr), "entries differ");
        printf("say: a second mapping of frame 0 reads them back: entry 8 "
               "= { flags %#x, domid %u, frame %#x }\n", gtr[8].flags,
               gtr[8].domid, gtr[8].frame);
        step("unmap-again", xenforeignmemory_unmap_resource(fm, r) == 0,
             "unmap");
    }
    step("destroy", xc_domain_destroy(xch, domid) == 0, "xc_domain_destroy");
    printf("say: destroyed d%u while its table was still mapped here; the "
           "mapping still reads entry 8 frame %#x\n", domid, gtw[8].frame);
    step("unmap", xenforeignmemory_unmap_resource(fm, w) == 0, "unmap");
    printf("say: unmapped: the hypervisor can free the last of d%u's "
           "pages\n", domid);
    xenforeignmemory_close(fm);
    xc_interface_close(xch);
    return failed;
}
