/*
 * XENMEM_populate_physmap answered as Xen 4.17 answers it, native and
 * compat: the number of extents done, never an errno (a refusal before
 * any work is the progress the call started from); a domain on itself,
 * a control domain or device model on another, a plain domain on
 * another refused; max_pages (an extent fits whole or not at all,
 * counted before what it replaces); Xen's order limits and mem_flags
 * checks; populate-on-demand refused; nr_extents bounded so that
 * progress fits cmd; continuations.  An extent is all or nothing: over a
 * grant or foreign mapping, beyond the P2M, when the P2M pool or the
 * heap runs out, nothing changes.  Every page is accounted for.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"

#define NR_FRAMES 16384u
#define RAM       256UL         /* pages each plain domain boots with */
#define MAX       1024UL        /* its max_pages (4 MiB) */
#define GRANT_GFN 0x900UL       /* where d2 maps d1's grant */
#define FOREIGN_GFN 0x910UL     /* where d0 maps d1's grant frame */

static struct domain *d0, *d1, *d2, *dm, *d4;

/* populate_physmap of the gfns at MH_LIST_VA, continued to the end. */
static long pop(bool compat, domid_t dom, uint64_t nr, unsigned int order,
                unsigned int flags)
{
    mh_reservation_put(compat, dom, nr, order, flags, MH_LIST_VA);
    return mh_memory_op(compat, XENMEM_populate_physmap, MH_ARG_VA, NULL);
}

/* The same with progress start in cmd, at full width, issued once. */
static long pop_from(bool compat, unsigned long start)
{
    return mh_memory_op_once(compat, XENMEM_populate_physmap, start, MH_ARG_VA);
}

static p2m_type_t type_at(struct domain *d, unsigned long gfn)
{
    p2m_type_t t;

    mh_p2m(d, gfn, &t);
    return t;
}

static unsigned long mfn_at(struct domain *d, unsigned long gfn)
{
    p2m_type_t t;

    return mh_p2m(d, gfn, &t);
}

static bool ram_at(struct domain *d, unsigned long gfn)
{
    return type_at(d, gfn) == p2m_ram_rw;
}

static void list(bool compat, unsigned int n, const uint64_t *gfns)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
        mh_list_put(compat, MH_LIST_VA, i, gfns[i]);
}

/* Pages d holds as RAM (what max_pages limits). */
static unsigned long ram_pages(const struct domain *d)
{
    return d->tot_pages - d->resource_pages;
}

static const char *nm(bool compat, const char *what)
{
    static char buf[96];

    snprintf(buf, sizeof(buf), "populate-%s-%s", compat ? "compat" : "native",
             what);
    return buf;
}

/* The answer is a count: refusals before any work are the start. */
static void test_counts(bool compat, unsigned long g)
{
    unsigned long before;

    fake_set_current(d1);
    before = ram_pages(d1);
    list(compat, 3, (uint64_t[]){ g, g + 1, g + 7 });
    CHECK_EQ(nm(compat, "self"), pop(compat, DOMID_SELF, 3, 0, 0), 3);
    CHECK(nm(compat, "self-mapped"),
          ram_at(d1, g) && ram_at(d1, g + 1) && ram_at(d1, g + 7) &&
          !ram_at(d1, g + 2) && ram_pages(d1) == before + 3);
    CHECK_EQ(nm(compat, "self-by-id"), pop(compat, 1, 1, 0, 0), 1);
    mh_reservation_put(compat, DOMID_SELF, 2, 0, 0, FAKE_GMEM_HOLE);
    CHECK_EQ(nm(compat, "list-unreadable"),
             mh_memory_op(compat, XENMEM_populate_physmap, MH_ARG_VA, NULL),
             0);
    mh_list_put(compat, FAKE_GMEM_HOLE - 8, 0, g + 2);
    mh_list_put(compat, FAKE_GMEM_HOLE - 8, 1, g + 2);
    mh_reservation_put(compat, DOMID_SELF, 3, 0, 0, FAKE_GMEM_HOLE - (compat ? 4 : 8));
    CHECK_EQ(nm(compat, "list-unreadable-later"),
             mh_memory_op(compat, XENMEM_populate_physmap, MH_ARG_VA, NULL),
             1);
    CHECK(nm(compat, "list-unreadable-later-state"), ram_at(d1, g + 2));
    CHECK_EQ(nm(compat, "arg-unreadable"),
             mh_memory_op(compat, XENMEM_populate_physmap, FAKE_GMEM_HOLE,
                          NULL), 0);
    list(compat, 1, (uint64_t[]){ g + 3 });
    CHECK_EQ(nm(compat, "no-domain"), pop(compat, 77, 1, 0, 0), 0);
    CHECK_EQ(nm(compat, "other-domain"), pop(compat, 2, 1, 0, 0), 0);
    CHECK(nm(compat, "other-domain-untouched"), !ram_at(d2, g + 3));
    CHECK_EQ(nm(compat, "order-10-guest"), pop(compat, DOMID_SELF, 1, 10, 0),
             0);
    CHECK_EQ(nm(compat, "nothing"), pop(compat, DOMID_SELF, 0, 0, 0), 0);
    mh_reservation_put(compat, DOMID_SELF, 1, 0, 0, MH_LIST_VA);
    CHECK_EQ(nm(compat, "start-beyond"), pop_from(compat, 5), 5);
    CHECK_EQ(nm(compat, "start-at-end"), pop_from(compat, 1), 1);
    CHECK(nm(compat, "refusals-untouched"), !ram_at(d1, g + 3));
    fake_set_current(dm);
    list(compat, 1, (uint64_t[]){ g + 3 });
    CHECK_EQ(nm(compat, "device-model"), pop(compat, 1, 1, 0, 0), 1);
    CHECK(nm(compat, "device-model-mapped"), ram_at(d1, g + 3));
    fake_set_current(d0);
    list(compat, 1, (uint64_t[]){ g + 4 });
    CHECK_EQ(nm(compat, "control-on-other"), pop(compat, 2, 1, 0, 0), 1);
    CHECK(nm(compat, "control-on-other-mapped"),
          ram_at(d2, g + 4) && !ram_at(d0, g + 4));
    CHECK_EQ(nm(compat, "populate-on-demand-other"),
             pop(compat, 2, 1, 0, XENMEMF_populate_on_demand), 0);
    fake_set_current(d1);
    list(compat, 1, (uint64_t[]){ g + 5 });
    CHECK_EQ(nm(compat, "populate-on-demand-self"),
             pop(compat, DOMID_SELF, 1, 0, XENMEMF_populate_on_demand), 0);
    CHECK(nm(compat, "populate-on-demand-untouched"), !ram_at(d1, g + 5));
}

/* Extents: any alignment; all or nothing; what they may replace. */
static void test_extents(bool compat, unsigned long g)
{
    unsigned long before, mfn;

    fake_set_current(d1);
    list(compat, 1, (uint64_t[]){ g + 3 });
    CHECK_EQ(nm(compat, "order-2-unaligned"),
             pop(compat, DOMID_SELF, 1, 2, 0), 1);
    CHECK(nm(compat, "order-2-unaligned-mapped"),
          !ram_at(d1, g + 2) && ram_at(d1, g + 3) && ram_at(d1, g + 6) &&
          !ram_at(d1, g + 7));
    /* Over own RAM: a fresh zeroed page, the old one given back. */
    mfn = mfn_at(d1, g + 3);
    memset(page_to_virt(mfn_to_page(_mfn(mfn))), 0xa5, PAGE_SIZE);
    before = ram_pages(d1);
    CHECK_EQ(nm(compat, "over-ram"), pop(compat, DOMID_SELF, 1, 0, 0), 1);
    CHECK(nm(compat, "over-ram-replaced"),
          mfn_at(d1, g + 3) != mfn && ram_pages(d1) == before &&
          !*(uint8_t *)page_to_virt(mfn_to_page(_mfn(mfn_at(d1, g + 3)))));
    /* Over the shared_info page: unmapped, not freed. */
    CHECK_EQ(nm(compat, "shared-info-map"),
             mh_add(compat, DOMID_SELF, XENMAPSPACE_shared_info, 0, g + 8), 0);
    list(compat, 1, (uint64_t[]){ g + 8 });
    CHECK_EQ(nm(compat, "over-shared-info"),
             pop(compat, DOMID_SELF, 1, 0, 0), 1);
    CHECK(nm(compat, "over-shared-info-state"),
          mfn_at(d1, g + 8) != mfn_x(page_to_mfn(d1->shared_info)) &&
          d1->shared_info->owner == d1);
    if ( compat )
        return;                 /* 32-bit gfns are all within the P2M */
    list(compat, 1, (uint64_t[]){ P2M_MAX_GFN });
    CHECK_EQ(nm(compat, "extent-beyond-p2m"),
             pop(compat, DOMID_SELF, 1, 1, 0), 0);
    CHECK(nm(compat, "extent-beyond-p2m-untouched"),
          !ram_at(d1, P2M_MAX_GFN));
    list(compat, 1, (uint64_t[]){ P2M_MAX_GFN + 1 });
    CHECK_EQ(nm(compat, "gfn-beyond-p2m"), pop(compat, DOMID_SELF, 1, 0, 0),
             0);
}

/* Grant and foreign mappings are only undone by their own unmap. */
static void test_mappings(bool compat)
{
    unsigned long before;
    struct mh_acq a = {
        .domid = 1, .type = XENMEM_resource_grant_table, .nr_frames = 1,
        .list = MH_LIST_VA,
    };
    grant_handle_t h;

    mh_grant(d1, 8, GTF_permit_access, 2, 5);
    fake_set_current(d2);
    CHECK_EQ(nm(compat, "grant-map"),
             mh_map_grant(1, 8, GNTMAP_host_map, GRANT_GFN, &h), GNTST_okay);
    before = ram_pages(d2);
    list(compat, 1, (uint64_t[]){ GRANT_GFN - 1 });
    CHECK_EQ(nm(compat, "over-grant"), pop(compat, DOMID_SELF, 1, 1, 0), 0);
    CHECK(nm(compat, "over-grant-untouched"),
          p2m_is_grant(type_at(d2, GRANT_GFN)) &&
          !ram_at(d2, GRANT_GFN - 1) && ram_pages(d2) == before);
    CHECK_EQ(nm(compat, "grant-unmap"), mh_unmap_grant(h, GRANT_GFN),
             GNTST_okay);

    fake_set_current(d0);
    mh_list_put(compat, MH_LIST_VA, 0, FOREIGN_GFN);
    CHECK_EQ(nm(compat, "foreign-map"), mh_acquire(compat, &a, NULL), 0);
    before = ram_pages(d0);
    CHECK_EQ(nm(compat, "over-foreign"), pop(compat, DOMID_SELF, 1, 0, 0), 0);
    CHECK(nm(compat, "over-foreign-untouched"),
          type_at(d0, FOREIGN_GFN) == p2m_map_foreign &&
          ram_pages(d0) == before);
    CHECK_EQ(nm(compat, "foreign-unmap"),
             mh_remove(compat, DOMID_SELF, FOREIGN_GFN), 0);
}

/* max_pages: an extent fits whole or not at all; nothing changes. */
static void test_max_pages(bool compat, unsigned long g)
{
    unsigned long max = d2->max_pages, free_before;

    fake_set_current(d2);
    free_before = total_free_pages();
    d2->max_pages = ram_pages(d2) + 1;
    list(compat, 1, (uint64_t[]){ g });
    CHECK_EQ(nm(compat, "max-order-1-one-left"),
             pop(compat, DOMID_SELF, 1, 1, 0), 0);
    CHECK(nm(compat, "max-order-1-untouched"),
          !ram_at(d2, g) && total_free_pages() == free_before);
    list(compat, 2, (uint64_t[]){ g, g + 1 });
    CHECK_EQ(nm(compat, "max-last-page"), pop(compat, DOMID_SELF, 2, 0, 0), 1);
    CHECK(nm(compat, "max-last-page-state"),
          ram_at(d2, g) && !ram_at(d2, g + 1) &&
          ram_pages(d2) == d2->max_pages);
    /* Xen allocates before it maps: at the limit, not even a page over RAM. */
    list(compat, 1, (uint64_t[]){ g });
    CHECK_EQ(nm(compat, "max-over-ram"), pop(compat, DOMID_SELF, 1, 0, 0), 0);
    /* Lowered below what it holds: nothing more. */
    d2->max_pages = 10;
    list(compat, 1, (uint64_t[]){ g + 1 });
    CHECK_EQ(nm(compat, "max-below-held"), pop(compat, DOMID_SELF, 1, 0, 0),
             0);
    d2->max_pages = max;
}

/* The P2M pool and the heap running out: nothing changes. */
static void test_exhaustion(bool compat, unsigned long g)
{
    unsigned long free_before, held, max, big;

    fake_set_current(d1);
    held = ram_pages(d1);
    free_before = total_free_pages();
    fake_set_p2m_limit(d1, d1->arch.p2m.nr + 1);
    list(compat, 1, (uint64_t[]){ g });
    CHECK_EQ(nm(compat, "p2m-pool-short"), pop(compat, DOMID_SELF, 1, 1, 0),
             0);
    CHECK(nm(compat, "p2m-pool-short-untouched"),
          !ram_at(d1, g) && !ram_at(d1, g + 1) && ram_pages(d1) == held &&
          total_free_pages() == free_before);
    CHECK_EQ(nm(compat, "p2m-pool-one-left"),
             pop(compat, DOMID_SELF, 1, 0, 0), 1);
    fake_set_p2m_limit(d1, 0);

    /* The control domain asks for more than the heap has left. */
    fake_set_current(d0);
    max = d0->max_pages;
    d0->max_pages = ~0UL;
    held = ram_pages(d0);
    free_before = total_free_pages();
    list(compat, 1, (uint64_t[]){ 1UL << 20 });
    CHECK_EQ(nm(compat, "heap-short"), pop(compat, DOMID_SELF, 1, 15, 0), 0);
    CHECK(nm(compat, "heap-short-untouched"),
          ram_pages(d0) == held && total_free_pages() == free_before &&
          !ram_at(d0, 1UL << 20));
    CHECK_EQ(nm(compat, "control-order-19"),
             pop(compat, DOMID_SELF, 1, 19, 0), 0);
    big = compat ? 3UL << 20 : 1UL << 21;
    list(compat, 1, (uint64_t[]){ big });
    CHECK_EQ(nm(compat, "control-order-10"),
             pop(compat, DOMID_SELF, 1, 10, 0), 1);
    CHECK(nm(compat, "control-order-10-mapped"),
          ram_at(d0, big) && ram_at(d0, big + 1023) &&
          !ram_at(d0, big + 1024) && ram_pages(d0) == held + 1024);
    d0->max_pages = max;
}

/* mem_flags Xen refuses, and those it lets through. */
static void test_flags(bool compat, unsigned long g)
{
    static const struct { unsigned int flags; long want; } f[] = {
        { XENMEMF_address_bits(12), 0 },
        { XENMEMF_address_bits(13), 1 },
        { XENMEMF_exact_node(0), 0 },
        { XENMEMF_node(0), 1 },
        { XENMEMF_vnode | XENMEMF_exact_node(5), 1 },
    };
    unsigned int i;
    char what[48];

    fake_set_current(d1);
    for ( i = 0; i < ARRAY_SIZE(f); i++ )
    {
        list(compat, 1, (uint64_t[]){ g + i });
        snprintf(what, sizeof(what), "flags-%#x", f[i].flags);
        CHECK_EQ(nm(compat, what), pop(compat, DOMID_SELF, 1, 0, f[i].flags),
                 f[i].want);
        CHECK(nm(compat, "flags-state"), ram_at(d1, g + i) == !!f[i].want);
    }
}

/* nr_extents must let progress fit cmd; progress is never truncated. */
static void test_widths(void)
{
    unsigned int conts;

    fake_set_current(d1);
    list(false, 2, (uint64_t[]){ 0x400, 0x401 });
    CHECK_EQ("populate-native-nr-too-big",
             pop(false, DOMID_SELF, (UINT_MAX >> MEMOP_EXTENT_SHIFT) + 1, 0, 0),
             0);
    CHECK_EQ("populate-compat-nr-too-big",
             pop(true, DOMID_SELF, (UINT_MAX >> MEMOP_EXTENT_SHIFT) + 1, 0, 0),
             0);
    mh_reservation_put(false, DOMID_SELF, 2, 0, 0, MH_LIST_VA);
    CHECK_EQ("populate-native-start-2^32+1",
             pop_from(false, (1UL << 32) + 1), (long)(1UL << 32) + 1);
    mh_reservation_put(false, DOMID_SELF, (1UL << 32) + 2, 0, 0, MH_LIST_VA);
    CHECK_EQ("populate-native-nr-2^32+2-start-2^32",
             pop_from(false, 1UL << 32), (long)(1UL << 32));
    CHECK("populate-widths-untouched",
          !ram_at(d1, 0x400) && !ram_at(d1, 0x401));

    for ( int c = 0; c < 2; c++ )
    {
        unsigned long g = 0x410 + 8 * c;

        list(c, 6, (uint64_t[]){ g, g + 1, g + 2, g + 3, g + 4, g + 5 });
        mh_reservation_put(c, DOMID_SELF, 6, 0, 0, MH_LIST_VA);
        fake_set_preempt_every(2);
        CHECK_EQ(nm(c, "continued"),
                 mh_memory_op(c, XENMEM_populate_physmap, MH_ARG_VA, &conts),
                 6);
        fake_set_preempt_every(0);
        CHECK(nm(c, "continued-state"),
              conts >= 1 && !mh_cont_bad && ram_at(d1, g) && ram_at(d1, g + 5));
    }
}

/* Given back by decrease_reservation, populated again: same count. */
static void test_round_trip(void)
{
    unsigned long held;

    fake_set_current(d4);
    held = ram_pages(d4);
    list(false, 4, (uint64_t[]){ 20, 21, 22, 23 });
    mh_reservation_put(false, DOMID_SELF, 4, 0, 0, MH_LIST_VA);
    CHECK_EQ("populate-round-trip-decrease",
             mh_memory_op(false, XENMEM_decrease_reservation, MH_ARG_VA, NULL),
             4);
    CHECK_EQ("populate-round-trip-held", ram_pages(d4), held - 4);
    CHECK_EQ("populate-round-trip-populate",
             pop(false, DOMID_SELF, 4, 0, 0), 4);
    CHECK("populate-round-trip-back",
          ram_pages(d4) == held && ram_at(d4, 20) && ram_at(d4, 23));
}

int main(void)
{
    unsigned long baseline;

    fake_machine_init(NR_FRAMES, 0);
    baseline = total_free_pages();
    d0 = mh_domain(0, true, -1, 4, RAM);
    d1 = mh_domain(1, false, -1, 4, RAM);
    d2 = mh_domain(2, false, -1, 4, RAM);
    dm = mh_domain(3, false, 1, 4, 16);
    d4 = mh_domain(4, false, -1, 4, RAM);
    CHECK("populate-domains", d0 && d1 && d2 && dm && d4);
    if ( !(d0 && d1 && d2 && dm && d4) )
        return unit_done();
    CHECK_EQ("populate-max-pages", d1->max_pages, MAX);

    test_counts(false, 0x300);
    test_counts(true, 0x320);
    test_extents(false, 0x340);
    test_extents(true, 0x360);
    test_mappings(false);
    test_mappings(true);
    test_max_pages(false, 0x380);
    test_max_pages(true, 0x3a0);
    test_exhaustion(false, 0x3c0);
    test_exhaustion(true, 0x3e0);
    test_flags(false, 0x500);
    test_flags(true, 0x520);
    test_widths();
    test_round_trip();
    CHECK_EQ("populate-counts-consistent", mh_check_counts(), 0);

    mh_destroy_all();
    CHECK_EQ("populate-pages-back", total_free_pages(), baseline);
    return unit_done();
}
