/*
 * XENMEM_decrease_reservation answered as Xen 4.17 answers it, native
 * and compat: the number of extents done, never an errno (a refusal
 * before any work is the progress the call started from); extents of
 * any alignment, all of an extent or none of it; Xen's order limits
 * (9, 18 for the control domain) and mem_flags checks; nr_extents
 * bounded so that progress fits cmd; forged progress answered, never
 * truncated; continuations.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"

#define NR_FRAMES 16384u
#define BIG_RAM   1024UL        /* a control domain: one order-10 extent */

static struct domain *d0, *d1, *d2, *dm, *d4;

/* decrease_reservation of the gfns at MH_LIST_VA, continued to the end. */
static long dec(bool compat, domid_t dom, uint64_t nr, unsigned int order,
                unsigned int flags)
{
    mh_reservation_put(compat, dom, nr, order, flags, MH_LIST_VA);
    return mh_memory_op(compat, XENMEM_decrease_reservation, MH_ARG_VA, NULL);
}

/* The same with progress start in cmd, at full width, issued once. */
static long dec_from(bool compat, unsigned long start)
{
    return mh_memory_op_once(compat, XENMEM_decrease_reservation, start, MH_ARG_VA);
}

static bool mapped(struct domain *d, unsigned long gfn)
{
    p2m_type_t t;

    mh_p2m(d, gfn, &t);
    return t != p2m_invalid;
}

static void list(bool compat, unsigned int n, const uint64_t *gfns)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
        mh_list_put(compat, MH_LIST_VA, i, gfns[i]);
}

static const char *nm(bool compat, const char *what)
{
    static char buf[96];

    snprintf(buf, sizeof(buf), "decrease-%s-%s", compat ? "compat" : "native",
             what);
    return buf;
}

/* The answer is a count: refusals before any work are the start. */
static void test_counts(bool compat, unsigned long g)
{
    fake_set_current(d1);
    list(compat, 3, (uint64_t[]){ g, g + 1, g + 2 });
    CHECK_EQ(nm(compat, "all"), dec(compat, DOMID_SELF, 3, 0, 0), 3);
    CHECK(nm(compat, "all-gone"), !mapped(d1, g) && !mapped(d1, g + 2));
    list(compat, 3, (uint64_t[]){ g + 3, 9999, g + 4 });
    CHECK_EQ(nm(compat, "stops-at-hole"), dec(compat, DOMID_SELF, 3, 0, 0), 1);
    CHECK(nm(compat, "stops-at-hole-state"),
          !mapped(d1, g + 3) && mapped(d1, g + 4));
    mh_reservation_put(compat, DOMID_SELF, 2, 0, 0, FAKE_GMEM_HOLE);
    CHECK_EQ(nm(compat, "list-unreadable"),
             mh_memory_op(compat, XENMEM_decrease_reservation, MH_ARG_VA,
                          NULL), 0);
    mh_list_put(compat, FAKE_GMEM_HOLE - 8, 0, g + 4);
    mh_list_put(compat, FAKE_GMEM_HOLE - 8, 1, g + 4);
    mh_reservation_put(compat, DOMID_SELF, 3, 0, 0,
            FAKE_GMEM_HOLE - (compat ? 4 : 8));
    CHECK_EQ(nm(compat, "list-unreadable-later"),
             mh_memory_op(compat, XENMEM_decrease_reservation, MH_ARG_VA,
                          NULL), 1);
    CHECK_EQ(nm(compat, "arg-unreadable"),
             mh_memory_op(compat, XENMEM_decrease_reservation,
                          FAKE_GMEM_HOLE, NULL), 0);
    list(compat, 1, (uint64_t[]){ g + 5 });
    CHECK_EQ(nm(compat, "no-domain"), dec(compat, 77, 1, 0, 0), 0);
    CHECK_EQ(nm(compat, "other-domain"), dec(compat, 2, 1, 0, 0), 0);
    CHECK(nm(compat, "other-domain-untouched"), mapped(d2, g + 5));
    CHECK_EQ(nm(compat, "order-10-guest"), dec(compat, DOMID_SELF, 1, 10, 0),
             0);
    CHECK_EQ(nm(compat, "nothing"), dec(compat, DOMID_SELF, 0, 0, 0), 0);
    mh_reservation_put(compat, DOMID_SELF, 1, 0, 0, MH_LIST_VA);
    CHECK_EQ(nm(compat, "start-beyond"), dec_from(compat, 5), 5);
    CHECK_EQ(nm(compat, "start-at-end"), dec_from(compat, 1), 1);
    CHECK(nm(compat, "refusals-untouched"), mapped(d1, g + 5));
    fake_set_current(dm);
    list(compat, 1, (uint64_t[]){ g + 5 });
    CHECK_EQ(nm(compat, "device-model"), dec(compat, 1, 1, 0, 0), 1);
    CHECK(nm(compat, "device-model-gone"), !mapped(d1, g + 5));
}

/* Extents: any alignment; a whole extent or nothing of it. */
static void test_extents(bool compat, unsigned long g)
{
    fake_set_current(d1);
    list(compat, 1, (uint64_t[]){ g });
    CHECK_EQ(nm(compat, "order-1"), dec(compat, DOMID_SELF, 1, 1, 0), 1);
    list(compat, 1, (uint64_t[]){ g + 3 });
    CHECK_EQ(nm(compat, "order-1-unaligned"),
             dec(compat, DOMID_SELF, 1, 1, 0), 1);
    CHECK(nm(compat, "order-1-unaligned-gone"),
          !mapped(d1, g + 3) && !mapped(d1, g + 4) && mapped(d1, g + 5));
    mh_remove(compat, DOMID_SELF, g + 7);
    list(compat, 1, (uint64_t[]){ g + 6 });
    CHECK_EQ(nm(compat, "extent-with-hole"),
             dec(compat, DOMID_SELF, 1, 1, 0), 0);
    CHECK(nm(compat, "extent-with-hole-untouched"), mapped(d1, g + 6));
    list(compat, 1, (uint64_t[]){ P2M_MAX_GFN });
    CHECK_EQ(nm(compat, "extent-beyond-p2m"),
             dec(compat, DOMID_SELF, 1, 1, 0), 0);
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
        CHECK_EQ(nm(compat, what), dec(compat, DOMID_SELF, 1, 0, f[i].flags),
                 f[i].want);
        CHECK(nm(compat, "flags-state"), mapped(d1, g + i) == !f[i].want);
    }
}

/*
 * The control domain c (all 1024 pages of RAM): order up to 18, any node
 * below 64.  Its shared_info page is a page that can go for the latter.
 */
static void test_control(bool compat, struct domain *c)
{
    fake_set_current(c);
    list(compat, 1, (uint64_t[]){ 0 });
    CHECK_EQ(nm(compat, "control-order-19"), dec(compat, DOMID_SELF, 1, 19, 0),
             0);
    CHECK_EQ(nm(compat, "control-order-10"), dec(compat, DOMID_SELF, 1, 10, 0),
             1);
    CHECK(nm(compat, "control-order-10-gone"),
          !mapped(c, 0) && !mapped(c, 1023));
    mh_add(compat, DOMID_SELF, XENMAPSPACE_shared_info, 0, 0x500);
    list(compat, 1, (uint64_t[]){ 0x500 });
    CHECK_EQ(nm(compat, "control-node-64"),
             dec(compat, DOMID_SELF, 1, 0, XENMEMF_exact_node(64)), 0);
    CHECK_EQ(nm(compat, "control-node-63"),
             dec(compat, DOMID_SELF, 1, 0, XENMEMF_exact_node(63)), 1);
}

/* nr_extents must let progress fit cmd; progress is never truncated. */
static void test_widths(void)
{
    unsigned int conts;

    fake_set_current(d1);
    list(false, 2, (uint64_t[]){ 40, 41 });
    CHECK_EQ("decrease-native-nr-too-big",
             dec(false, DOMID_SELF, (UINT_MAX >> MEMOP_EXTENT_SHIFT) + 1, 0, 0),
             0);
    CHECK_EQ("decrease-compat-nr-too-big",
             dec(true, DOMID_SELF, (UINT_MAX >> MEMOP_EXTENT_SHIFT) + 1, 0, 0),
             0);
    mh_reservation_put(false, DOMID_SELF, 2, 0, 0, MH_LIST_VA);
    CHECK_EQ("decrease-native-start-2^32+1",
             dec_from(false, (1UL << 32) + 1), (long)(1UL << 32) + 1);
    mh_reservation_put(false, DOMID_SELF, (1UL << 32) + 2, 0, 0, MH_LIST_VA);
    CHECK_EQ("decrease-native-nr-2^32+2-start-2^32",
             dec_from(false, 1UL << 32), (long)(1UL << 32));
    CHECK("decrease-widths-untouched", mapped(d1, 40) && mapped(d1, 41));

    list(false, 6, (uint64_t[]){ 40, 41, 42, 43, 44, 45 });
    fake_set_preempt_every(2);
    mh_reservation_put(false, DOMID_SELF, 6, 0, 0, MH_LIST_VA);
    CHECK_EQ("decrease-continued",
             mh_memory_op(false, XENMEM_decrease_reservation, MH_ARG_VA,
                          &conts), 6);
    fake_set_preempt_every(0);
    CHECK("decrease-continued-conts", conts >= 1 && !mh_cont_bad &&
          !mapped(d1, 40) && !mapped(d1, 45));
}

int main(void)
{
    unsigned long baseline;

    fake_machine_init(NR_FRAMES, 0);
    baseline = total_free_pages();
    d0 = mh_domain(0, true, -1, 4, BIG_RAM);
    d1 = mh_domain(1, false, -1, 4, 256);
    d2 = mh_domain(2, false, -1, 4, 256);
    dm = mh_domain(3, false, 1, 4, 16);
    d4 = mh_domain(4, true, -1, 4, BIG_RAM);
    CHECK("decrease-domains", d0 && d1 && d2 && dm && d4);
    if ( !(d0 && d1 && d2 && dm && d4) )
        return unit_done();

    test_counts(false, 10);
    test_counts(true, 30);
    test_extents(false, 50);
    test_extents(true, 60);
    test_flags(false, 70);
    test_flags(true, 80);
    test_control(false, d0);
    test_control(true, d4);
    test_widths();
    CHECK_EQ("decrease-counts-consistent", mh_check_counts(), 0);

    mh_destroy_all();
    CHECK_EQ("decrease-pages-back", total_free_pages(), baseline);
    return unit_done();
}
