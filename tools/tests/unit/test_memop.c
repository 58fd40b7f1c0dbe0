/*
 * memory_op's answers to progress bits (cmd >> MEMOP_EXTENT_SHIFT) as
 * Xen 4.17 gives them: add_to_physmap ignores up to 0xffff and is -EDOM
 * beyond, remove_from_physmap and the reservation queries are -EINVAL
 * (compat: after reading the structure, as Xen's compat layer);
 * XENMEM_acquire_resource keeps its progress at full width (native) and
 * refuses spent progress first (compat).  Also the reservation queries'
 * answers and XSM, and physmap changes to a domain without a physmap.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"

#define NR_FRAMES 8192u
#define G         0x300UL       /* a gfn of the caller for acquire */

static struct domain *d0, *d1, *d2, *dm;

/* memory_op(op | progress << 6, va) issued once, at full width. */
static long raw(bool compat, unsigned int op, unsigned long progress,
                uint64_t va)
{
    unsigned long cmd = op | (progress << MEMOP_EXTENT_SHIFT);
    long rc = compat ? compat_memory_op((uint32_t)cmd, guest_ptr(va))
                     : do_memory_op(cmd, guest_ptr(va));

    current->cont.active = false;
    return rc;
}

static void put_domid(domid_t id)
{
    memcpy(fake_gmem(current->domain, MH_ARG2_VA, sizeof(id)), &id,
           sizeof(id));
}

/* XENMEM_add_to_physmap of shared_info at gfn, written to MH_ARG2_VA. */
static void put_xatp(bool compat, uint64_t gfn)
{
    struct domain *cd = current->domain;

    if ( compat )
    {
        struct compat_add_to_physmap x = {
            .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info,
            .gpfn = gfn,
        };

        memcpy(fake_gmem(cd, MH_ARG2_VA, sizeof(x)), &x, sizeof(x));
    }
    else
    {
        struct xen_add_to_physmap x = {
            .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info,
            .gpfn = gfn,
        };

        memcpy(fake_gmem(cd, MH_ARG2_VA, sizeof(x)), &x, sizeof(x));
    }
}

static const char *nm(bool compat, const char *what)
{
    static char buf[96];

    snprintf(buf, sizeof(buf), "memop-%s-%s", compat ? "compat" : "native",
             what);
    return buf;
}

static void test_progress(bool compat)
{
    fake_set_current(d1);
    /* remove_from_physmap: the structure is at MH_ARG2_VA after this. */
    mh_remove(compat, DOMID_SELF, 0x7000);
    CHECK_EQ(nm(compat, "remove-progress"),
             raw(compat, XENMEM_remove_from_physmap, 1, MH_ARG2_VA), -EINVAL);
    CHECK_EQ(nm(compat, "remove-progress-unreadable"),
             raw(compat, XENMEM_remove_from_physmap, 1, FAKE_GMEM_HOLE),
             compat ? -EFAULT : -EINVAL);
    put_xatp(compat, 0x200);
    CHECK_EQ(nm(compat, "add-progress-ignored"),
             raw(compat, XENMEM_add_to_physmap, 0xffff, MH_ARG2_VA), 0);
    CHECK_EQ(nm(compat, "add-progress-edom"),
             raw(compat, XENMEM_add_to_physmap, 0x10000, MH_ARG2_VA), -EDOM);
    CHECK_EQ(nm(compat, "add-progress-unreadable"),
             raw(compat, XENMEM_add_to_physmap, 0x10000, FAKE_GMEM_HOLE),
             compat ? -EFAULT : -EDOM);
    mh_remove(compat, DOMID_SELF, 0x200);
    put_domid(DOMID_SELF);
    CHECK_EQ(nm(compat, "current-progress"),
             raw(compat, XENMEM_current_reservation, 1, MH_ARG2_VA), -EINVAL);
    CHECK_EQ(nm(compat, "maximum-progress"),
             raw(compat, XENMEM_maximum_reservation, 1, MH_ARG2_VA), -EINVAL);
    CHECK_EQ(nm(compat, "unknown-progress"), raw(compat, 63, 1, MH_ARG2_VA),
             -ENOSYS);
}

static void test_acquire_progress(bool compat)
{
    struct mh_acq a = {
        .domid = 1, .type = XENMEM_resource_grant_table, .nr_frames = 1,
        .list = MH_LIST_VA,
    };
    p2m_type_t t;

    fake_set_current(d0);
    mh_list_put(compat, MH_LIST_VA, 0, G);
    mh_acq_write(compat, &a);
    CHECK_EQ(nm(compat, "acquire-progress-spent"),
             raw(compat, XENMEM_acquire_resource, 1, MH_ARG_VA), -EINVAL);
    if ( !compat )
    {
        /* Truncated, 2^32 would have been progress 0: all mapped. */
        CHECK_EQ("memop-native-acquire-progress-2^32",
                 raw(false, XENMEM_acquire_resource, 1UL << 32, MH_ARG_VA),
                 -EINVAL);
        mh_p2m(d0, G, &t);
        CHECK("memop-native-acquire-progress-2^32-unmapped",
              t == p2m_invalid);
    }
    /* Which check comes first: compat refuses the progress before the
     * domain is looked up; native after (Xen 4.17's layers). */
    a.domid = 77;
    mh_acq_write(compat, &a);
    CHECK_EQ(nm(compat, "acquire-progress-no-domain"),
             raw(compat, XENMEM_acquire_resource, 1, MH_ARG_VA),
             compat ? -EINVAL : -ESRCH);
    a.list = 0;
    a.nr_frames = 0;
    mh_acq_write(compat, &a);
    CHECK_EQ(nm(compat, "acquire-size-progress-no-domain"),
             raw(compat, XENMEM_acquire_resource, 1, MH_ARG_VA), -ESRCH);
}

static long query(bool compat, domid_t id, unsigned int op)
{
    put_domid(id);
    return mh_memory_op(compat, op, MH_ARG2_VA, NULL);
}

static void test_queries(bool compat)
{
    fake_set_current(d1);
    CHECK_EQ(nm(compat, "current-self"),
             query(compat, DOMID_SELF, XENMEM_current_reservation),
             d1->tot_pages - d1->resource_pages);
    CHECK_EQ(nm(compat, "maximum-self"),
             query(compat, DOMID_SELF, XENMEM_maximum_reservation),
             d1->max_pages);
    CHECK_EQ(nm(compat, "current-other"),
             query(compat, 2, XENMEM_current_reservation), -EPERM);
    CHECK_EQ(nm(compat, "current-no-domain"),
             query(compat, 77, XENMEM_current_reservation), -ESRCH);
    CHECK_EQ(nm(compat, "current-unreadable"),
             mh_memory_op(compat, XENMEM_current_reservation, FAKE_GMEM_HOLE,
                          NULL), -EFAULT);
    fake_set_current(dm);
    CHECK_EQ(nm(compat, "current-device-model"),
             query(compat, 1, XENMEM_current_reservation),
             d1->tot_pages - d1->resource_pages);
    fake_set_current(d0);
    CHECK_EQ(nm(compat, "current-control"),
             query(compat, 2, XENMEM_current_reservation),
             d2->tot_pages - d2->resource_pages);
}

/* Xen: only a translated domain has a physmap to change (-EACCES). */
static void test_untranslated(void)
{
    p2m_type_t t;

    fake_set_current(d0);
    fake_set_translated(d2, false);
    CHECK_EQ("memop-remove-untranslated", mh_remove(false, 2, 0), -EACCES);
    CHECK_EQ("memop-add-untranslated",
             mh_add(false, 2, XENMAPSPACE_shared_info, 0, 0x200), -EACCES);
    fake_set_translated(d2, true);
    mh_p2m(d2, 0, &t);
    CHECK("memop-untranslated-untouched", t == p2m_ram_rw);
}

int main(void)
{
    unsigned long baseline;

    fake_machine_init(NR_FRAMES, 0);
    baseline = total_free_pages();
    d0 = mh_domain(0, true, -1, 4, 64);
    d1 = mh_domain(1, false, -1, 4, 64);
    d2 = mh_domain(2, false, -1, 4, 64);
    dm = mh_domain(3, false, 1, 4, 16);
    CHECK("memop-domains", d0 && d1 && d2 && dm);
    if ( !(d0 && d1 && d2 && dm) )
        return unit_done();

    test_progress(false);
    test_progress(true);
    test_acquire_progress(false);
    test_acquire_progress(true);
    test_queries(false);
    test_queries(true);
    test_untranslated();
    CHECK_EQ("memop-counts-consistent", mh_check_counts(), 0);

    mh_destroy_all();
    CHECK_EQ("memop-pages-back", total_free_pages(), baseline);
    return unit_done();
}
