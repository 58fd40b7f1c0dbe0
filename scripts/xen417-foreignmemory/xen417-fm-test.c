/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Runs inside a PV dom0 of Debian's Xen 4.17, linked against OUR
 * libxenforeignmemory.  Creates a domain (never started) with Debian's
 * libxenctrl and exercises the grant-table resource through the real
 * kernel driver and hypervisor.  Prints PASS:/FAIL: lines.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>
#include <xen/grant_table.h>
#include <xen/memory.h>

#define GT XENMEM_resource_grant_table
#define SHARED XENMEM_resource_grant_table_id_shared
#define FRAMES 4
#define PER_FRAME (4096 / sizeof(grant_entry_v1_t))

static int failures;

static void check(const char *name, int ok, const char *fmt, int val)
{
    if (ok) {
        printf("PASS: foreignmemory/xen417-%s\n", name);
        return;
    }
    failures++;
    printf("FAIL: foreignmemory/xen417-%s: ", name);
    printf(fmt, val);
    printf("\n");
}

static int create_domain(xc_interface *xch, uint32_t *domid)
{
    struct xen_domctl_createdomain cfg = {
        .max_vcpus = 1,
        .max_evtchn_port = 1023,
        .max_grant_frames = FRAMES,
        .max_maptrack_frames = -1,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
    };

    *domid = 0;   /* let Xen choose */
    return xc_domain_create(xch, domid, &cfg);
}

/* Map frames, expect failure with want; report as name. */
static void expect_error(xenforeignmemory_handle *fm, const char *name,
                         domid_t dom, unsigned type, unsigned long frame,
                         unsigned long nr, int want)
{
    void *addr = NULL;
    xenforeignmemory_resource_handle *r =
        xenforeignmemory_map_resource(fm, dom, type, SHARED, frame, nr,
                                      &addr, PROT_READ, 0);

    if (r)
        xenforeignmemory_unmap_resource(fm, r);
    check(name, !r && errno == want, "errno %d", r ? 0 : errno);
}

static void write_read_back(xenforeignmemory_handle *fm, uint32_t domid)
{
    xenforeignmemory_resource_handle *w, *r;
    void *wa = NULL, *ra = NULL;
    grant_entry_v1_t *wg, *rg;
    unsigned i, bad = 0;

    w = xenforeignmemory_map_resource(fm, domid, GT, SHARED, 0, FRAMES,
                                      &wa, PROT_READ | PROT_WRITE, 0);
    check("map-all-frames", w != NULL, "errno %d", errno);
    if (!w)
        return;
    wg = wa;
    for (i = 0; i < FRAMES * PER_FRAME; i++) {
        wg[i].domid = 0;
        wg[i].frame = 0x100000 + i;
    }
    /* Second, read-only mapping of frames 1..3 only. */
    r = xenforeignmemory_map_resource(fm, domid, GT, SHARED, 1, FRAMES - 1,
                                      &ra, PROT_READ, 0);
    check("map-second", r != NULL, "errno %d", errno);
    if (r) {
        rg = ra;
        for (i = 0; i < (FRAMES - 1) * PER_FRAME; i++)
            bad += rg[i].frame != 0x100000 + PER_FRAME + i;
        check("read-back", bad == 0, "%d entries differ", (int)bad);
        check("unmap-second", xenforeignmemory_unmap_resource(fm, r) == 0,
              "errno %d", errno);
    }
    check("unmap-all", xenforeignmemory_unmap_resource(fm, w) == 0,
          "errno %d", errno);
}

int main(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    xenforeignmemory_handle *fm;
    uint32_t domid;
    size_t size = 0;

    check("xc-open", xch != NULL, "errno %d", errno);
    if (!xch)
        return 1;
    check("domain-create", create_domain(xch, &domid) == 0, "errno %d",
          errno);
    fm = xenforeignmemory_open(NULL, 0);
    check("fm-open", fm != NULL, "errno %d", errno);
    if (!fm)
        return 1;

    check("resource-size",
          xenforeignmemory_resource_size(fm, domid, GT, SHARED, &size) == 0 &&
          size == FRAMES * 4096, "size/errno %d", size ? (int)size : errno);
    write_read_back(fm, domid);
    expect_error(fm, "no-such-domain", 12345, GT, 0, 1, ESRCH);
    expect_error(fm, "bad-type", domid, 77, 0, 1, EOPNOTSUPP);
    expect_error(fm, "too-many-frames", domid, GT, 0, FRAMES + 1, EINVAL);
    expect_error(fm, "frame-beyond-end", domid, GT, FRAMES, 1, EINVAL);

    check("fm-close", xenforeignmemory_close(fm) == 0, "errno %d", errno);
    check("domain-destroy", xc_domain_destroy(xch, domid) == 0, "errno %d",
          errno);
    xc_interface_close(xch);
    printf("xen417: %d failures\n", failures);
    return failures ? 1 : 0;
}
