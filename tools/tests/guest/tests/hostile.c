/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a hostile guest tries against the hypervisor itself, one scenario
 * per boot (scenario=NAME on the command line).  Each must end with the
 * guest refused as Xen refuses it, the hypervisor intact, other domains
 * running on, and every page back at the end (the runner checks that).
 *
 *   p2m-pool   map shared_info at gfns 1 GiB apart, so that every call
 *              needs new nested page tables, until the domain's P2M pool
 *              is empty: -ENOMEM, and the guest goes on working.
 *   forged     memory_op with forged continuation progress in cmd (as a
 *              guest may write any cmd): each sub-op answers as Xen.
 *   gnttab     grow the grant table to 16 frames (2 status frames in
 *              v2) and switch versions back and forth many times, with
 *              entries filled between switches: no page lost or kept.
 *   switcher   (a plain peer) a v2 table; once told it is mapped, it
 *              switches to v1 (its status frame goes back) and dies.
 *   mapper     (role=control, peer=N) maps the switcher's shared and
 *              status frames with acquire_resource, tells it, outlives
 *              it while still mapping both, reads them, unmaps: the
 *              pages were alive until then, and every page comes back.
 */
#include "resmap.h"

const char test_title[] = "hostile";

#define GFN_STRIDE (1UL << 18)      /* 1 GiB: new L2 and L1 tables */

static void p2m_pool(void)
{
    unsigned long i, last = 0;
    long rc = 0;

    for ( i = 1; i < 4096; i++ )
    {
        rc = add_to_physmap(XENMAPSPACE_shared_info, 0, i * GFN_STRIDE);
        if ( rc )
            break;
        last = i * GFN_STRIDE;
    }
    printk("info: %lu mappings 1 GiB apart before the pool ran out\n", i - 1);
    check_eq("the P2M pool runs out", rc, -ENOMEM);
    check(i > 16 && i < 4096, "it ran out after a bounded number of tables",
          "after %lu", i - 1);
    check_eq("mapping where tables exist still works",
             add_to_physmap(XENMAPSPACE_shared_info, 0, last), 0);
    check_eq("unmapping still works", remove_from_physmap(last), 0);
    check_eq("and it can be mapped again there",
             add_to_physmap(XENMAPSPACE_shared_info, 0, last), 0);
}

#define MEMOP_EXTENT_SHIFT 6

static long memop_progress(unsigned int op, unsigned long progress, void *arg)
{
    return HC(__HYPERVISOR_memory_op,
              op | (progress << MEMOP_EXTENT_SHIFT), arg, 0);
}

static void forged(void)
{
    struct xen_mem_acquire_resource a = {
        .domid = DOMID_SELF, .type = XENMEM_resource_grant_table,
        .nr_frames = 1,
    };
    struct xen_memory_reservation r = { .nr_extents = 4, .domid = DOMID_SELF };
    struct xen_add_to_physmap x = { .domid = DOMID_SELF,
                                    .space = XENMAPSPACE_shared_info,
                                    .gpfn = 0x26000 };
    xen_pfn_t gfn = 0x26000;

    /* 32-bit callers: progress is checked right after the structure is
     * read; 64-bit ones: after the request's own checks, of which the
     * first refuses DOMID_SELF (-ESRCH), as in Xen 4.17. */
#ifdef __x86_64__
    const long want = -ESRCH;
#else
    const long want = -EINVAL;
#endif

    set_xen_guest_handle(a.frame_list, &gfn);
    check_eq("acquire_resource: progress at nr_frames",
             memop_progress(XENMEM_acquire_resource, 1, &a), want);
    check_eq("acquire_resource: huge progress",
             memop_progress(XENMEM_acquire_resource, ~0UL >> 7, &a), want);
    set_xen_guest_handle(r.extent_start, &gfn);
    check_eq("decrease_reservation: progress past nr_extents answers it",
             memop_progress(XENMEM_decrease_reservation, 9, &r), 9);
    check_eq("add_to_physmap: progress up to 0xffff ignored",
             memop_progress(XENMEM_add_to_physmap, 0xffff, &x), 0);
    check_eq("add_to_physmap: progress beyond 0xffff",
             memop_progress(XENMEM_add_to_physmap, 0x10000, &x), -EDOM);
    check_eq("unknown sub-op with progress",
             memop_progress(60, 5, &x), -ENOSYS);
}

static void gnttab_versions(void)
{
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 16 };
    xen_pfn_t frames[16];
    unsigned int i, bad = 0;

    set_xen_guest_handle(st.frame_list, frames);
    check_eq("grow to 16 frames", hypercall_grant_table_op(
                 GNTTABOP_setup_table, &st, 1) ?: st.status, 0);
    for ( i = 0; i < 200; i++ )
    {
        struct gnttab_set_version sv = { .version = (i & 1) ? 1 : 2 };

        bad += hypercall_grant_table_op(GNTTABOP_set_version, &sv, 1) != 0;
    }
    check_eq("200 version switches", bad, 0);
}

#define SW_OWN_GT   0x28000UL      /* switcher: its own frame 0 */
#define MAP_SHARED  0x29000UL      /* mapper: the switcher's frame 0 */
#define MAP_STATUS  0x29001UL      /* mapper: its status frame 0 */
#define TOLD_MAPPED 0x77aa0001u

static void switcher(void)
{
    struct gnttab_set_version sv = { .version = 2 };
    void *gt = gfn_ptr(SW_OWN_GT);
    unsigned long i;

    check_eq("v2", hypercall_grant_table_op(GNTTABOP_set_version, &sv, 1), 0);
    check_eq("map our own frame 0",
             add_to_physmap(XENMAPSPACE_grant_table, 0, SW_OWN_GT), 0);
    gte_set_frame(gt, 2, 4, READY_MAGIC);
    for ( i = 0; i < 2000000 && gte_frame(gt, 2, 6) != TOLD_MAPPED; i++ )
        yield();
    check(i < 2000000, "the mapper said it maps us", " ");
    sv.version = 1;
    check_eq("back to v1 while mapped (no grant in use)",
             hypercall_grant_table_op(GNTTABOP_set_version, &sv, 1), 0);
    /* ... and power off, with both frames still mapped by the mapper. */
}

static void mapper(domid_t peer)
{
    xen_pfn_t gfn = MAP_SHARED, sgfn = MAP_STATUS;
    volatile uint16_t *status = gfn_ptr(MAP_STATUS);
    unsigned long i;
    uint32_t nr = 0;

    for ( i = 0; i < 2000000; i++ )
    {
        if ( !map_gnttab_frames(peer, 0, 0, 1, &gfn) &&
             gte_frame(gfn_ptr(MAP_SHARED), 2, 4) == READY_MAGIC )
            break;
        remove_from_physmap(MAP_SHARED);
        yield();
    }
    check(i < 2000000, "mapped the switcher's frame 0 in v2", " ");
    check_eq("map its status frame 0", map_gnttab_frames(peer, 1, 0, 1, &sgfn),
             0);
    status[3] = 0x1234;             /* ours to scribble on: it is gone */
    gte_set_frame(gfn_ptr(MAP_SHARED), 2, 6, TOLD_MAPPED);
    for ( i = 0; i < 2000000; i++ )
    {
        nr = 0;
        if ( acquire_resource(peer, XENMEM_resource_grant_table, 0, 0, &nr,
                              NULL) == -ESRCH )
            break;
        yield();
    }
    check(i < 2000000, "the switcher went away", " ");
    for ( i = 0; i < 256; i++ )
        yield();                    /* its destruction ends in steps */
    check(status[3] == 0x1234, "its old status frame is still ours to read",
          "%#x", status[3]);
    check_eq("unmap the status frame", remove_from_physmap(MAP_STATUS), 0);
    check_eq("unmap the shared frame", remove_from_physmap(MAP_SHARED), 0);
}

void test_main(void)
{
    char scenario[24] = "";

    cmdline_get("scenario", scenario, sizeof(scenario));
    if ( !strcmp(scenario, "p2m-pool") )
        p2m_pool();
    else if ( !strcmp(scenario, "forged") )
        forged();
    else if ( !strcmp(scenario, "gnttab") )
        gnttab_versions();
    else if ( !strcmp(scenario, "switcher") )
        switcher();
    else if ( !strcmp(scenario, "mapper") )
        mapper(cmdline_ulong("peer", 1));
    else
        check(false, "a known scenario", "scenario '%s'", scenario);
}
