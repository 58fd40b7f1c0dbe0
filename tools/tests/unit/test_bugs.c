/*
 * Regression tests for bugs the hosted memory tests found in xen/ (all
 * fixed), one scenario per run (`test_bugs NAME`), because each used to
 * crash the hypervisor code (NULL dereference, use after free, ASSERT).
 * Each prints PASS when the code behaves as it should.  `make test` runs
 * them (`make -C tools/tests/unit bugs` alone).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"

#define G  0x10000UL
#define GG 0x0f000UL

static struct domain *d0, *d1;
static unsigned long baseline;

static void world(unsigned int d1_frames)
{
    fake_machine_init(4096, 0);
    baseline = total_free_pages();
    d0 = mh_domain(0, true, -1, 0, 8);
    d1 = mh_domain(1, false, -1, d1_frames, 8);
    fake_set_current(d0);
}

static void finish(const char *name)
{
    mh_destroy_all();
    CHECK_EQ(name, total_free_pages(), baseline);
}

/*
 * common/grant_table.c gnttab_map_frame(): a 64-bit idx of 2^32 passes
 * gnttab_grow(d, idx + 1) (truncated to 1) and then dereferences
 * where == NULL.  Any guest can do it to itself.
 */
static void map_frame_idx(void)
{
    world(4);
    fake_set_current(d1);
    CHECK_EQ("bug-gnttab-map-frame-idx",
             mh_add(false, DOMID_SELF, XENMAPSPACE_grant_table, 1ULL << 32,
                    0x100), -EINVAL);
    finish("bug-gnttab-map-frame-idx-pages");
}

/*
 * The owner's allocation reference is dropped twice when it gives a page
 * up while another domain still maps it and then dies: once by
 * put_page_alloc_ref() (here: status frames released by a v2 -> v1
 * switch), once more by domain_release_ram().  The page is freed while
 * d0 still maps it (Xen tracks this with PGC_allocated; XSA-379).
 */
static void alloc_ref_status(void)
{
    unsigned long st;
    struct mh_acq a = { .domid = 1, .type = XENMEM_resource_grant_table,
                        .id = 1, .nr_frames = 1, .list = MH_LIST_VA };

    world(8);
    CHECK_EQ("bug-alloc-ref-status-v2", gnttab_set_version(d1, 2), 0);
    st = mh_gnttab_mfn(d1, 1, 0);
    mh_list_put(false, MH_LIST_VA, 0, G);
    CHECK_EQ("bug-alloc-ref-status-map", mh_acquire(false, &a, NULL), 0);
    CHECK_EQ("bug-alloc-ref-status-v1", gnttab_set_version(d1, 1), 0);
    mh_destroy(d1);
    CHECK("bug-alloc-ref-status-page-alive",
          mfn_to_page(_mfn(st))->type == PGT_domain && mh_count(st) == 1);
    fflush(stdout);
    mh_remove(false, DOMID_SELF, G);
    finish("bug-alloc-ref-status-pages");
}

/* The same with RAM: granted, mapped, given back by its owner, owner dies. */
static void alloc_ref_ram(void)
{
    unsigned long ram;
    p2m_type_t t;

    world(4);
    ram = mh_p2m(d1, 3, &t);
    mh_grant(d1, 8, GTF_permit_access, 0, 3);
    CHECK_EQ("bug-alloc-ref-ram-map",
             mh_map_grant(1, 8, GNTMAP_host_map, GG, NULL), GNTST_okay);
    fake_set_current(d1);
    CHECK_EQ("bug-alloc-ref-ram-remove", mh_remove(false, DOMID_SELF, 3), 0);
    fake_set_current(d0);
    mh_destroy(d1);
    CHECK("bug-alloc-ref-ram-page-alive",
          mfn_to_page(_mfn(ram))->type == PGT_domain && mh_count(ram) == 1);
    fflush(stdout);
    mh_unmap_grant(0, GG);
    finish("bug-alloc-ref-ram-pages");
}

/*
 * add_to_physmap over a grant mapping: guest_physmap_add_own() replaces
 * the grant entry (dropping its page reference) although the maptrack
 * entry still names it; remove_from_physmap refuses it too (-ENOENT).
 * Once the granter is gone, unmap (or the caller's death) uses the freed
 * struct domain.
 */
static void add_over_grant(void)
{
    world(4);
    mh_grant(d1, 8, GTF_permit_access, 0, 3);
    CHECK_EQ("bug-add-over-grant-map",
             mh_map_grant(1, 8, GNTMAP_host_map, GG, NULL), GNTST_okay);
    CHECK_EQ("bug-add-over-grant-refused",
             mh_add(false, DOMID_SELF, XENMAPSPACE_shared_info, 0, GG), -EBUSY);
    CHECK_EQ("bug-add-over-grant-gnttab-frame-refused",
             mh_add(false, DOMID_SELF, XENMAPSPACE_grant_table, 0, GG), -EBUSY);
    mh_destroy(d1);
    fflush(stdout);
    mh_unmap_grant(0, GG);
    finish("bug-add-over-grant-pages");
}

/*
 * A failure to resolve frames in a later batch (the table cannot grow:
 * -ENOMEM) is returned as is, although 32 frames are mapped: the header
 * of acquire_resource.c promises -EIO.
 */
static void eio_later_batch(void)
{
    struct mh_acq a = { .domid = 1, .type = XENMEM_resource_grant_table,
                        .nr_frames = 40, .list = MH_LIST_VA };
    struct page_info *held[4096];
    unsigned int n = 0;
    long rc;

    world(64);
    while ( total_free_pages() > 31 && n < 4096 )
        held[n++] = alloc_heap_pages(0);
    mh_list_seq(false, MH_LIST_VA, 40, G);
    rc = mh_acquire(false, &a, NULL);
    CHECK_EQ("bug-eio-later-batch", rc, -EIO);
    CHECK_EQ("bug-eio-later-batch-mapped", d0->arch.p2m.nr_foreign, 32);
    while ( n )
        free_heap_pages(held[--n], 0);
    finish("bug-eio-later-batch-pages");
}

/* Xen sets GTF_reading for every mapping, GTF_writing for writable ones. */
static void gtf_reading_rw(void)
{
    world(4);
    mh_grant(d1, 8, GTF_permit_access, 0, 3);
    CHECK_EQ("bug-gtf-reading-rw-map",
             mh_map_grant(1, 8, GNTMAP_host_map, GG, NULL), GNTST_okay);
    CHECK_EQ("bug-gtf-reading-rw", mh_grant_status(d1, 8),
             GTF_reading | GTF_writing);
    mh_unmap_grant(0, GG);
    CHECK_EQ("bug-gtf-reading-rw-cleared", mh_grant_status(d1, 8), 0);
    finish("bug-gtf-reading-rw-pages");
}

/* Take every free heap page but keep pages; give them back with release. */
static unsigned int exhaust_heap(struct page_info **held, unsigned int room,
                                 unsigned long keep)
{
    unsigned int n = 0;

    while ( total_free_pages() > keep && n < room )
        held[n++] = alloc_heap_pages(0);
    return n;
}

static void release_heap(struct page_info **held, unsigned int n)
{
    while ( n )
        free_heap_pages(held[--n], 0);
}

/*
 * Critical (hardening issue 1): v2 -> v1 freed the status frames but kept
 * the pointers; v1 -> v2 with the heap exhausted answered -ENOMEM yet
 * left version 2 with status[0] NULL and status[1] pointing at a freed
 * page.  Mapping ref 2048 then set GTF_reading/GTF_writing in whatever
 * that page had become.  Now the failed switch changes nothing.
 */
static void v2_status_after_enomem(void)
{
    static struct page_info *held[4096];
    struct grant_table *gt;
    unsigned int n, f;

    world(16);
    gt = d1->grant_table;
    CHECK_EQ("bug-v2-enomem-grow-9", gnttab_grow(d1, 9), 0);
    CHECK_EQ("bug-v2-enomem-to-v2", gnttab_set_version(d1, 2), 0);
    CHECK_EQ("bug-v2-enomem-2-status-frames", gt->nr_status, 2);
    CHECK_EQ("bug-v2-enomem-to-v1", gnttab_set_version(d1, 1), 0);
    CHECK("bug-v2-enomem-v1-status-cleared",
          gt->nr_status == 0 && !gt->status[0] && !gt->status[1]);
    n = exhaust_heap(held, 4096, 1);     /* room for one status frame only */
    CHECK_EQ("bug-v2-enomem-refused", gnttab_set_version(d1, 2), -ENOMEM);
    CHECK_EQ("bug-v2-enomem-still-v1", mh_gnttab_version(d1), 1);
    CHECK("bug-v2-enomem-nothing-kept",
          gt->nr_status == 0 && !gt->status[0] && !gt->status[1]);
    CHECK_EQ("bug-v2-enomem-page-back", total_free_pages(), 1);
    /* A v1 grant at ref 2048 (frame 4) maps and pins in the v1 entry. */
    mh_grant(d1, 2048, GTF_permit_access, 0, 3);
    CHECK_EQ("bug-v2-enomem-map-2048",
             mh_map_grant(1, 2048, GNTMAP_host_map, GG, NULL), GNTST_okay);
    CHECK_EQ("bug-v2-enomem-v1-flags", mh_grant_status(d1, 2048),
             GTF_reading | GTF_writing);
    CHECK_EQ("bug-v2-enomem-unmap", mh_unmap_grant(0, GG), GNTST_okay);
    release_heap(held, n);
    CHECK_EQ("bug-v2-enomem-then-v2", gnttab_set_version(d1, 2), 0);
    for ( f = 0; f < 2; f++ )
        CHECK("bug-v2-enomem-status-present", gt->status[f] != NULL);
    CHECK_EQ("bug-v2-enomem-counts", mh_check_counts(), 0);
    finish("bug-v2-enomem-pages");
}

/*
 * Growing a table leaked the active-entry array of a frame whose page
 * could not be allocated (the retry allocated it again), and a v2 table
 * that got its shared frames but not its status frames broke the rule
 * that every ref of a v2 table has a status word.  Growth is now all or
 * nothing.
 */
static void grow_all_or_nothing(void)
{
    static struct page_info *held[4096];
    struct grant_table *gt;
    long xbase;
    unsigned int n;

    world(32);
    gt = d1->grant_table;
    CHECK_EQ("bug-grow-v2", gnttab_set_version(d1, 2), 0);
    xbase = fake_xmalloc_live();
    n = exhaust_heap(held, 4096, 5);
    /* 12 frames need 7 more shared frames and 1 more status frame. */
    CHECK_EQ("bug-grow-enomem", gnttab_grow(d1, 12), -ENOMEM);
    CHECK_EQ("bug-grow-enomem-again", gnttab_grow(d1, 12), -ENOMEM);
    CHECK("bug-grow-unchanged", gt->nr_frames == 1 && gt->nr_status == 1);
    CHECK_EQ("bug-grow-pages-back", total_free_pages(), 5);
    CHECK_EQ("bug-grow-no-active-leak", fake_xmalloc_live(), xbase);
    CHECK_EQ("bug-grow-within-room", gnttab_grow(d1, 4), 0);
    CHECK("bug-grow-grown", gt->nr_frames == 4 && gt->nr_status == 1);
    release_heap(held, n);
    CHECK_EQ("bug-grow-later", gnttab_grow(d1, 12), 0);
    CHECK("bug-grow-v2-status-cover", gt->nr_status == 2);
    CHECK_EQ("bug-grow-counts", mh_check_counts(), 0);
    finish("bug-grow-pages");
}

/*
 * SMP-latent (hardening issue 8): d->target held no reference, so a
 * device model outliving its target kept a dangling pointer, and a new
 * domain allocated at the same address would have been "its" target.
 * The reference now keeps the dead target's struct; a new domain with the
 * same id is not the device model's.
 */
static void target_ref(void)
{
    struct domain *dm, *t2;
    struct mh_acq a = { .domid = 1, .type = XENMEM_resource_grant_table,
                        .nr_frames = 0 };

    world(4);
    dm = mh_domain(2, false, 1, 0, 8);
    CHECK("bug-target-ref-set", dm && dm->target == d1 && d1->refcnt == 2);
    mh_destroy(d1);
    CHECK("bug-target-ref-struct-alive",
          dm->target == d1 && d1->state == DOMSTATE_dying && d1->refcnt == 1);
    t2 = mh_domain(1, false, -1, 4, 8);
    fake_set_current(dm);
    CHECK_EQ("bug-target-ref-new-domain-not-ours", mh_acquire(false, &a, NULL),
             -EPERM);
    (void)t2;
    finish("bug-target-ref-pages");
}

/*
 * SMP-latent (hardening issue 8): the grant entry is now claimed with
 * an atomic check-and-set (v1) or set-then-recheck (v2).  A map that
 * fails after the claim (the granted frame is not RAM) must take its
 * GTF bits back, and a second mapping's release must leave the first's.
 */
static void grant_claim(void)
{
    unsigned int v;

    for ( v = 1; v <= 2; v++ )
    {
        world(4);
        if ( v == 2 )
            CHECK_EQ("bug-claim-v2", gnttab_set_version(d1, 2), 0);
        mh_grant(d1, 8, GTF_permit_access, 0, 0x7ffff);   /* not RAM */
        CHECK_EQ("bug-claim-bad-frame",
                 mh_map_grant(1, 8, GNTMAP_host_map, GG, NULL), GNTST_bad_page);
        CHECK_EQ("bug-claim-undone", mh_grant_status(d1, 8), 0);
        mh_grant(d1, 9, GTF_permit_access, 0, 3);
        CHECK_EQ("bug-claim-ro", mh_map_grant(1, 9, GNTMAP_host_map |
                                              GNTMAP_readonly, GG, NULL),
                 GNTST_okay);
        CHECK_EQ("bug-claim-rw", mh_map_grant(1, 9, GNTMAP_host_map,
                                              GG + 1, NULL), GNTST_okay);
        CHECK_EQ("bug-claim-both-bits", mh_grant_status(d1, 9),
                 GTF_reading | GTF_writing);
        CHECK_EQ("bug-claim-unmap-rw", mh_unmap_grant(1, GG + 1), GNTST_okay);
        CHECK_EQ("bug-claim-reading-stays", mh_grant_status(d1, 9),
                 GTF_reading);
        mh_grant(d1, 10, GTF_permit_access | GTF_readonly, 0, 3);
        CHECK_EQ("bug-claim-rw-of-ro", mh_map_grant(1, 10, GNTMAP_host_map,
                                                    GG + 2, NULL),
                 GNTST_permission_denied);
        CHECK_EQ("bug-claim-rw-of-ro-no-bits", mh_grant_status(d1, 10), 0);
        mh_grant(d1, 11, 0, 0, 3);
        CHECK_EQ("bug-claim-revoked", mh_map_grant(1, 11, GNTMAP_host_map,
                                                   GG + 2, NULL),
                 GNTST_bad_gntref);
        CHECK_EQ("bug-claim-unmap-ro", mh_unmap_grant(0, GG), GNTST_okay);
        CHECK_EQ("bug-claim-all-clear", mh_grant_status(d1, 9), 0);
        finish("bug-claim-pages");
    }
}

int main(int argc, char **argv)
{
    static const struct { const char *name; void (*fn)(void); } cases[] = {
        { "gnttab-map-frame-idx", map_frame_idx },
        { "alloc-ref-status", alloc_ref_status },
        { "alloc-ref-ram", alloc_ref_ram },
        { "add-over-grant", add_over_grant },
        { "eio-later-batch", eio_later_batch },
        { "gtf-reading-rw", gtf_reading_rw },
        { "v2-status-after-enomem", v2_status_after_enomem },
        { "grow-all-or-nothing", grow_all_or_nothing },
        { "target-ref", target_ref },
        { "grant-claim", grant_claim },
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ )
        if ( argc > 1 && !strcmp(argv[1], cases[i].name) )
        {
            cases[i].fn();
            fake_machine_fini();
            return unit_done();
        }
    fprintf(stderr, "usage: test_bugs NAME (see BUG_CASES in Makefile)\n");
    return 2;
}
