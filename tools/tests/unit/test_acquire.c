/*
 * XENMEM_acquire_resource through both memory_op front ends (native
 * struct xen_mem_acquire_resource and compat struct
 * compat_mem_acquire_resource), on the fake arch: every row of the error
 * table, successful requests of many sizes with their continuations,
 * translated and untranslated callers, compat -ERANGE on a machine with
 * wide MFNs, and the page references that mappings hold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"

#define NR_FRAMES 16384u
#define G         0x10000UL      /* where callers map acquired frames */
#define GRANT_GFN 0x0f000UL      /* a grant mapping in d0 (-EBUSY) */
#define NO_DOMAIN 77

enum { D0, DU, DM, DX, DV, DBIG, DPV };
static struct domain *dom[7];
static unsigned long baseline;

static const char *nm(bool compat, const char *what)
{
    static char buf[8][96];
    static unsigned int next;
    char *b = buf[next++ % 8];

    snprintf(b, sizeof(buf[0]), "acquire-%s-%s", compat ? "compat" : "native",
             what);
    return b;
}

static long acq(bool compat, domid_t domid, uint16_t type, uint32_t id,
                uint64_t frame, uint32_t nr, uint64_t list, unsigned int *conts)
{
    struct mh_acq a = {
        .domid = domid, .type = type, .id = id, .nr_frames = nr,
        .frame = frame, .list = list,
    };

    return mh_acquire(compat, &a, conts);
}

/* Shared grant-table frames, the common case. */
static long acq_gt(bool compat, domid_t domid, uint64_t frame, uint32_t nr,
                   uint64_t list)
{
    return acq(compat, domid, XENMEM_resource_grant_table, 0, frame, nr, list,
               NULL);
}

/* P2M entries of type p2m_map_foreign in d. */
static unsigned long d_foreign(struct domain *d)
{
    unsigned long i, n = 0;

    for ( i = 0; i < d->arch.p2m.nr; i++ )
        n += d->arch.p2m.e[i].type == p2m_map_foreign;
    return n;
}

static void unmap_range(bool compat, unsigned long gfn, unsigned int n)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
        mh_remove(compat, DOMID_SELF, gfn + i);
}

static void setup(void)
{
    fake_machine_init(NR_FRAMES, 0);
    baseline = total_free_pages();
    dom[D0] = mh_domain(0, true, -1, 0, 16);
    dom[DU] = mh_domain(1, false, -1, 8, 16);
    dom[DM] = mh_domain(2, false, 1, 0, 16);     /* device model of d1 */
    dom[DX] = mh_domain(3, false, -1, 0, 16);    /* nobody's */
    dom[DV] = mh_domain(4, false, -1, 16, 16);   /* grant table v2 */
    dom[DBIG] = mh_domain(5, false, -1, 1024, 0);
    dom[DPV] = mh_domain(6, true, -1, 0, 16);    /* untranslated control */
    CHECK("acquire-setup-domains", dom[D0] && dom[DU] && dom[DM] && dom[DX] &&
          dom[DV] && dom[DBIG] && dom[DPV]);
    fake_set_translated(dom[DPV], false);
    CHECK_EQ("acquire-setup-v2", gnttab_set_version(dom[DV], 2), 0);
    /* d1 grants its gfn 3 to d0, which maps it at GRANT_GFN. */
    mh_grant(dom[DU], 8, GTF_permit_access, 0, 3);
    fake_set_current(dom[D0]);
    CHECK_EQ("acquire-setup-grant-map",
             mh_map_grant(1, 8, GNTMAP_host_map, GRANT_GFN, NULL), GNTST_okay);
}

static void test_errors(bool compat)
{
    struct domain *dS;
    uint32_t types[] = { XENMEM_resource_vmtrace_buf, 3, 0xffff };
    unsigned int i;
    bool ok;

    fake_set_current(dom[D0]);
    mh_list_seq(compat, MH_LIST_VA, 64, G);

    /* pad */
    {
        struct mh_acq a = { .domid = 1, .type = 1, .nr_frames = 1, .pad = 1,
                            .list = MH_LIST_VA };

        CHECK_EQ(nm(compat, "pad"), mh_acquire(compat, &a, NULL), -EINVAL);
        a.nr_frames = 0;
        a.list = 0;
        CHECK_EQ(nm(compat, "pad-size-query"), mh_acquire(compat, &a, NULL),
                 -EINVAL);
    }

    /* Size queries: the resource's real size. */
    CHECK_EQ(nm(compat, "size-shared"), acq_gt(compat, 1, 0, 0, 0), 0);
    CHECK_EQ(nm(compat, "size-shared-value"), mh_acq_nr_frames(compat), 8);
    CHECK_EQ(nm(compat, "size-default"), acq_gt(compat, 3, 0, 0, 0), 0);
    CHECK_EQ(nm(compat, "size-default-value"), mh_acq_nr_frames(compat),
             GNTTAB_DEFAULT_MAX_FRAMES);
    CHECK_EQ(nm(compat, "size-1024"), acq_gt(compat, 5, 0, 0, 0), 0);
    CHECK_EQ(nm(compat, "size-1024-value"), mh_acq_nr_frames(compat), 1024);
    CHECK_EQ(nm(compat, "size-v2-shared"), acq_gt(compat, 4, 0, 0, 0), 0);
    CHECK_EQ(nm(compat, "size-v2-shared-value"), mh_acq_nr_frames(compat), 16);
    CHECK_EQ(nm(compat, "size-v2-status"),
             acq(compat, 4, XENMEM_resource_grant_table, 1, 0, 0, 0, NULL), 0);
    CHECK_EQ(nm(compat, "size-v2-status-value"), mh_acq_nr_frames(compat), 2);
    /* Xen 4.17: status frames are sized as for v2 even for a v1 table
     * (a query succeeds), but cannot be mapped. */
    CHECK_EQ(nm(compat, "size-v1-status"),
             acq(compat, 1, XENMEM_resource_grant_table, 1, 0, 0, 0, NULL), 0);
    CHECK_EQ(nm(compat, "size-v1-status-value"), mh_acq_nr_frames(compat), 1);
    CHECK_EQ(nm(compat, "map-v1-status"),
             acq(compat, 1, XENMEM_resource_grant_table, 1, 0, 1, MH_LIST_VA,
                 NULL), -EINVAL);
    CHECK_EQ(nm(compat, "size-frame-ignored"), acq_gt(compat, 1, 5, 0, 0), 0);
    CHECK_EQ(nm(compat, "size-missing-domain"),
             acq_gt(compat, NO_DOMAIN, 0, 0, 0), -ESRCH);
    CHECK_EQ(nm(compat, "size-unknown-type"),
             acq(compat, 1, XENMEM_resource_vmtrace_buf, 0, 0, 0, 0, NULL),
             -EOPNOTSUPP);
    /* Type 0 (ioreq servers; test_ioreq.c): sized 2 with or without one. */
    CHECK_EQ(nm(compat, "size-ioreq"),
             acq(compat, 1, XENMEM_resource_ioreq_server, 0, 0, 0, 0, NULL), 0);
    CHECK_EQ(nm(compat, "size-ioreq-value"), mh_acq_nr_frames(compat), 2);
    acq_gt(compat, 1, 0, 0, 0);       /* a valid size query, then... */
    CHECK_EQ(nm(compat, "size-continued"),
             mh_memory_op(compat, XENMEM_acquire_resource |
                          (1u << MEMOP_EXTENT_SHIFT), MH_ARG_VA, NULL),
             -EINVAL);
    CHECK_EQ(nm(compat, "null-list-nr"), acq_gt(compat, 1, 0, 1, 0), -EINVAL);

    /* The target. */
    CHECK_EQ(nm(compat, "missing-domain"),
             acq_gt(compat, NO_DOMAIN, 0, 1, MH_LIST_VA), -ESRCH);
    CHECK_EQ(nm(compat, "reserved-domid"),
             acq_gt(compat, DOMID_IO, 0, 1, MH_LIST_VA), -ESRCH);
    dS = mh_domain(9, false, -1, 0, 0);
    domain_shutdown(dS, SHUTDOWN_poweroff);
    CHECK_EQ(nm(compat, "shutdown-domain"), acq_gt(compat, 9, 0, 1, MH_LIST_VA),
             -ESRCH);
    domain_destroy(dS);
    CHECK_EQ(nm(compat, "dying-domain"), acq_gt(compat, 9, 0, 1, MH_LIST_VA),
             -ESRCH);
    while ( domain_destroy_continue() )
        continue;
    CHECK_EQ(nm(compat, "destroyed-domain"),
             acq_gt(compat, 9, 0, 1, MH_LIST_VA), -ESRCH);
    CHECK_EQ(nm(compat, "self"), acq_gt(compat, 0, 0, 1, MH_LIST_VA), -EPERM);
    /* Xen 4.17 looks the id up as it is: DOMID_SELF names no domain. */
    CHECK_EQ(nm(compat, "domid-self"), acq_gt(compat, DOMID_SELF, 0, 1,
                                             MH_LIST_VA), -ESRCH);
    CHECK_EQ(nm(compat, "self-size-query"), acq_gt(compat, DOMID_SELF, 0, 0, 0),
             -ESRCH);

    /* XSM (dummy): control domain or the target's device model. */
    fake_set_current(dom[DX]);
    mh_list_seq(compat, MH_LIST_VA, 4, G);
    CHECK_EQ(nm(compat, "xsm-unprivileged"), acq_gt(compat, 1, 0, 1,
                                                   MH_LIST_VA), -EPERM);
    CHECK_EQ(nm(compat, "xsm-unprivileged-size"), acq_gt(compat, 1, 0, 0, 0),
             -EPERM);
    CHECK_EQ(nm(compat, "xsm-before-type"), acq(compat, 1, 0, 0, 0, 1,
                                                MH_LIST_VA, NULL), -EPERM);
    fake_set_current(dom[DM]);
    mh_list_seq(compat, MH_LIST_VA, 4, G);
    CHECK_EQ(nm(compat, "xsm-device-model"), acq_gt(compat, 1, 0, 1,
                                                   MH_LIST_VA), 0);
    CHECK_EQ(nm(compat, "xsm-device-model-mapped"),
             mh_count(mh_gnttab_mfn(dom[DU], 0, 0)), 2);
    CHECK_EQ(nm(compat, "xsm-device-model-unmap"),
             mh_remove(compat, DOMID_SELF, G), 0);
    CHECK_EQ(nm(compat, "xsm-device-model-other"),
             acq_gt(compat, 4, 0, 1, MH_LIST_VA), -EPERM);
    fake_set_current(dom[D0]);
    mh_list_seq(compat, MH_LIST_VA, 64, G);

    /* Resource type and id. */
    ok = true;
    for ( i = 0; i < ARRAY_SIZE(types); i++ )
        ok &= acq(compat, 1, types[i], 0, 0, 1, MH_LIST_VA, NULL) == -EOPNOTSUPP;
    CHECK(nm(compat, "unknown-types"), ok);
    CHECK_EQ(nm(compat, "unknown-gnttab-id"),
             acq(compat, 1, XENMEM_resource_grant_table, 2, 0, 1, MH_LIST_VA,
                 NULL), -EINVAL);
    CHECK_EQ(nm(compat, "status-on-v1"),
             acq(compat, 1, XENMEM_resource_grant_table, 1, 0, 1, MH_LIST_VA,
                 NULL), -EINVAL);

    /* The frame range. */
    CHECK_EQ(nm(compat, "frame-at-end"), acq_gt(compat, 1, 8, 1, MH_LIST_VA),
             -EINVAL);
    CHECK_EQ(nm(compat, "range-past-end"), acq_gt(compat, 1, 7, 2, MH_LIST_VA),
             -EINVAL);
    CHECK_EQ(nm(compat, "nr-past-end"), acq_gt(compat, 1, 0, 9, MH_LIST_VA),
             -EINVAL);
    CHECK_EQ(nm(compat, "frame-2^32"),
             acq_gt(compat, 1, 1ULL << 32, 1, MH_LIST_VA), -EINVAL);
    CHECK_EQ(nm(compat, "frame-2^32-size-query"),
             acq_gt(compat, 1, 1ULL << 32, 0, 0), -EINVAL);
    CHECK_EQ(nm(compat, "frame-wraps-2^32"),
             acq_gt(compat, 1, 0xffffffffULL, 2, MH_LIST_VA), -EINVAL);
    CHECK_EQ(nm(compat, "frame-2^63"),
             acq_gt(compat, 1, 1ULL << 63, 1, MH_LIST_VA), -EINVAL);
    CHECK_EQ(nm(compat, "nr-max"),
             acq_gt(compat, 1, 0, 0xffffffffu, MH_LIST_VA), -EINVAL);
    CHECK_EQ(nm(compat, "nr-0-with-list"), acq_gt(compat, 1, 0, 0, MH_LIST_VA),
             -EINVAL);
    CHECK_EQ(nm(compat, "nothing-mapped-by-errors"),
             d_foreign(dom[D0]), 0);

    /* Guest memory. */
    CHECK_EQ(nm(compat, "arg-in-hole"),
             mh_memory_op(compat, XENMEM_acquire_resource, FAKE_GMEM_HOLE,
                          NULL), -EFAULT);
    CHECK_EQ(nm(compat, "arg-null"),
             mh_memory_op(compat, XENMEM_acquire_resource, 0, NULL), -EFAULT);
    CHECK_EQ(nm(compat, "list-in-hole"),
             acq_gt(compat, 1, 0, 1, FAKE_GMEM_HOLE), -EFAULT);
    CHECK_EQ(nm(compat, "list-past-end"),
             acq_gt(compat, 1, 0, 1, FAKE_GMEM_SIZE - 2), -EFAULT);
}

/* -EIO: a failure after the first frame; the earlier frames stay mapped. */
static void test_eio(bool compat)
{
    unsigned long f0 = mh_gnttab_mfn(dom[DU], 0, 0);
    unsigned int conts, i;
    bool ok;
    p2m_type_t t;
    long rc;

    fake_set_current(dom[D0]);
    mh_list_put(compat, MH_LIST_VA, 0, G);
    mh_list_put(compat, MH_LIST_VA, 1, GRANT_GFN);
    CHECK_EQ(nm(compat, "eio-second-frame"), acq_gt(compat, 1, 0, 2,
                                                    MH_LIST_VA), -EIO);
    CHECK(nm(compat, "eio-first-stays-mapped"),
          mh_p2m(dom[D0], G, &t) == f0 && t == p2m_map_foreign &&
          mh_count(f0) == 2);
    CHECK(nm(compat, "eio-grant-untouched"),
          mh_p2m(dom[D0], GRANT_GFN, &t) != ~0UL && t == p2m_grant_map_rw);
    unmap_range(compat, G, 1);
    CHECK_EQ(nm(compat, "eio-unmapped"), mh_count(f0), 1);

    mh_list_put(compat, MH_LIST_VA, 0, GRANT_GFN);
    mh_list_put(compat, MH_LIST_VA, 1, G);
    CHECK_EQ(nm(compat, "first-frame-busy"), acq_gt(compat, 1, 0, 2,
                                                    MH_LIST_VA), -EBUSY);
    CHECK_EQ(nm(compat, "first-frame-busy-nothing-mapped"),
             d_foreign(dom[D0]), 0);
    if ( !compat )
    {
        /* Only a 64-bit list can name a gfn beyond the P2M. */
        mh_list_put(compat, MH_LIST_VA, 0, G);
        mh_list_put(compat, MH_LIST_VA, 1, P2M_MAX_GFN + 1);
        CHECK_EQ(nm(compat, "eio-bad-gfn"), acq_gt(compat, 1, 0, 2,
                                                   MH_LIST_VA), -EIO);
        unmap_range(compat, G, 1);
        mh_list_put(compat, MH_LIST_VA, 0, P2M_MAX_GFN + 1);
        CHECK_EQ(nm(compat, "first-gfn-bad"), acq_gt(compat, 1, 0, 2,
                                                     MH_LIST_VA), -EINVAL);
    }

    /* After a continuation: frames 0-34 of d5 mapped, 35 fails. */
    mh_list_seq(compat, MH_LIST_VA, 40, G);
    mh_list_put(compat, MH_LIST_VA, 35, GRANT_GFN);
    mh_cont_bad = false;
    rc = acq(compat, 5, 1, 0, 0, 40, MH_LIST_VA, &conts);
    CHECK_EQ(nm(compat, "eio-after-continuation"), rc, -EIO);
    CHECK_EQ(nm(compat, "eio-after-continuation-conts"), conts, 1);
    CHECK_EQ(nm(compat, "eio-after-continuation-mapped"), d_foreign(dom[D0]),
             35);
    unmap_range(compat, G, 40);

    /* The list runs into the hole: the second batch cannot be read. */
    {
        uint64_t va = FAKE_GMEM_HOLE - 32 * (compat ? 4 : 8);

        mh_list_seq(compat, va, 32, G);
        CHECK_EQ(nm(compat, "eio-list-fault-later"),
                 acq(compat, 5, 1, 0, 0, 40, va, NULL), -EIO);
        CHECK_EQ(nm(compat, "eio-list-fault-later-mapped"),
                 d_foreign(dom[D0]), 32);
        unmap_range(compat, G, 32);
    }
    ok = true;
    for ( i = 0; i < 40; i++ )
        ok &= mh_count(mh_gnttab_mfn(dom[DBIG], 0, i)) == 1;
    CHECK(nm(compat, "eio-all-refs-back"), ok && d_foreign(dom[D0]) == 0);
    CHECK(nm(compat, "eio-continuations-ok"), !mh_cont_bad);
}

/*
 * Map n frames of d's resource id from frame: translated caller cd maps
 * them at G..; an untranslated one gets the MFNs.  Checks everything and
 * unmaps again.
 */
static void map_and_check(bool compat, struct domain *cd, struct domain *d,
                          unsigned int id, uint64_t frame, unsigned int n,
                          const char *what)
{
    bool translated = paging_mode_translate(cd);
    unsigned int conts, i;
    bool ok = true, prog = true;
    char name[64];
    long rc;

    fake_set_current(cd);
    mh_cont_bad = false;
    mh_list_seq(compat, MH_LIST_VA, n, G);
    rc = acq(compat, d->domain_id, XENMEM_resource_grant_table, id, frame, n,
             MH_LIST_VA, &conts);
    snprintf(name, sizeof(name), "%s-%s", what, translated ? "hvm" : "pv");
    CHECK_EQ(nm(compat, name), rc, 0);
    snprintf(name, sizeof(name), "%s-%s-conts", what, translated ? "hvm" : "pv");
    CHECK_EQ(nm(compat, name), conts, (n - 1) / ACQUIRE_BATCH);
    for ( i = 0; i < conts && i < MH_MAX_PROGRESS; i++ )
        prog &= mh_progress[i] == (i + 1) * ACQUIRE_BATCH;
    snprintf(name, sizeof(name), "%s-%s-progress", what,
             translated ? "hvm" : "pv");
    CHECK(nm(compat, name), prog && !mh_cont_bad);
    for ( i = 0; i < n; i++ )
    {
        unsigned long mfn = mh_gnttab_mfn(d, id, frame + i);
        p2m_type_t t;

        if ( translated )
            ok &= mh_p2m(cd, G + i, &t) == mfn && t == p2m_map_foreign &&
                  mh_count(mfn) == 2;
        else
            ok &= mh_list_get(compat, MH_LIST_VA, i) == mfn &&
                  mh_count(mfn) == 1;
    }
    snprintf(name, sizeof(name), "%s-%s-frames", what,
             translated ? "hvm" : "pv");
    CHECK(nm(compat, name), ok && mh_check_counts() == 0);
    if ( translated )
        unmap_range(compat, G, n);
    ok = d_foreign(cd) == 0;
    for ( i = 0; i < n; i++ )
        ok &= mh_count(mh_gnttab_mfn(d, id, frame + i)) == 1;
    snprintf(name, sizeof(name), "%s-%s-released", what,
             translated ? "hvm" : "pv");
    CHECK(nm(compat, name), ok);
}

static void test_success(bool compat)
{
    static const unsigned int sizes[] = { 1, 2, 32, 33, 64, 100, 1024 };
    struct domain *callers[] = { dom[D0], dom[DPV] };
    unsigned int c, i;
    char what[32];

    for ( c = 0; c < 2; c++ )
    {
        for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
        {
            snprintf(what, sizeof(what), "map-%u", sizes[i]);
            map_and_check(compat, callers[c], dom[DBIG], 0, 0, sizes[i], what);
        }
        map_and_check(compat, callers[c], dom[DBIG], 0, 5, 33, "map-33-at-5");
        map_and_check(compat, callers[c], dom[DBIG], 0, 1024 - 70, 70,
                      "map-tail");
        map_and_check(compat, callers[c], dom[DU], 0, 0, 8, "v1-whole");
        map_and_check(compat, callers[c], dom[DV], 0, 0, 16, "v2-whole");
        map_and_check(compat, callers[c], dom[DV], 1, 0, 2, "v2-status");
        map_and_check(compat, callers[c], dom[DV], 1, 1, 1, "v2-status-1");
    }
    /* The table grew on demand to what was asked for. */
    CHECK_EQ(nm(compat, "table-grew"), dom[DBIG]->grant_table->nr_frames, 1024);
}

/* Page and domain references held by foreign entries. */
static void test_refs(void)
{
    struct domain *d1 = dom[DU], *dC, *dT;
    unsigned long f0 = mh_gnttab_mfn(d1, 0, 0), f1 = mh_gnttab_mfn(d1, 0, 1);
    unsigned long tm[4], free_before;
    unsigned int i, r0 = d1->refcnt;   /* d0's grant mapping holds one */
    p2m_type_t t;
    bool ok;

    fake_set_current(dom[D0]);
    CHECK("refs-before", mh_count(f0) == 1 && d1->refcnt == r0 + 0);
    mh_list_put(false, MH_LIST_VA, 0, G);
    CHECK_EQ("refs-map", acq_gt(false, 1, 0, 1, MH_LIST_VA), 0);
    CHECK("refs-after-map", mh_count(f0) == 2 && d1->refcnt == r0 + 1);
    CHECK_EQ("refs-remap-same", acq_gt(false, 1, 0, 1, MH_LIST_VA), 0);
    CHECK("refs-after-remap-same", mh_count(f0) == 2 && d1->refcnt == r0 + 1);
    CHECK_EQ("refs-remap-other", acq_gt(false, 1, 1, 1, MH_LIST_VA), 0);
    CHECK("refs-after-remap-other", mh_count(f0) == 1 && mh_count(f1) == 2 &&
          d1->refcnt == r0 + 1 && mh_p2m(dom[D0], G, &t) == f1);
    CHECK_EQ("refs-remove", mh_remove(false, DOMID_SELF, G), 0);
    CHECK("refs-after-remove", mh_count(f1) == 1 && d1->refcnt == r0 + 0);
    CHECK_EQ("refs-remove-again", mh_remove(false, DOMID_SELF, G), -ENOENT);

    /* Over the caller's own RAM: the RAM page stays the caller's. */
    mh_list_put(false, MH_LIST_VA, 0, 2);
    CHECK_EQ("refs-over-own-ram", acq_gt(false, 1, 0, 1, MH_LIST_VA), 0);
    CHECK_EQ("refs-over-own-ram-count", mh_count(f0), 2);
    CHECK_EQ("refs-over-own-ram-remove", mh_remove(false, DOMID_SELF, 2), 0);
    CHECK("refs-over-own-ram-consistent", mh_count(f0) == 1 &&
          mh_check_counts() == 0);

    /* Through the compat front end too. */
    mh_list_put(true, MH_LIST_VA, 0, G);
    CHECK_EQ("refs-compat-map", acq_gt(true, 1, 0, 1, MH_LIST_VA), 0);
    CHECK_EQ("refs-compat-remove", mh_remove(true, DOMID_SELF, G), 0);
    CHECK("refs-compat-after", mh_count(f0) == 1 && d1->refcnt == r0 + 0);

    /* A caller that dies drops every reference it held. */
    dC = mh_domain(7, true, -1, 0, 0);
    fake_set_current(dC);
    mh_list_seq(false, MH_LIST_VA, 8, G);
    CHECK_EQ("refs-caller-maps", acq_gt(false, 1, 0, 8, MH_LIST_VA), 0);
    CHECK("refs-caller-holds", mh_count(f0) == 2 && d1->refcnt == r0 + 8);
    mh_destroy(dC);
    ok = d1->refcnt == r0 + 0;
    for ( i = 0; i < 8; i++ )
        ok &= mh_count(mh_gnttab_mfn(d1, 0, i)) == 1;
    CHECK("refs-caller-destroyed", ok && unit_log_count("d7: freed") == 1);

    /* A target that dies while mapped lives on until the last unmap. */
    free_before = total_free_pages();
    dT = mh_domain(8, false, -1, 4, 4);
    fake_set_current(dom[D0]);
    mh_list_seq(false, MH_LIST_VA, 4, G);
    CHECK_EQ("refs-target-mapped", acq_gt(false, 8, 0, 4, MH_LIST_VA), 0);
    for ( i = 0; i < 4; i++ )
        tm[i] = mh_gnttab_mfn(dT, 0, i);
    mh_destroy(dT);
    CHECK("refs-target-gone-from-list", domain_lookup(8) == NULL &&
          unit_log_count("d8: freed") == 0);
    ok = true;
    for ( i = 0; i < 4; i++ )
        ok &= mh_count(tm[i]) == 1 && mfn_to_page(_mfn(tm[i]))->owner == dT &&
              mfn_to_page(_mfn(tm[i]))->type == PGT_domain;
    CHECK("refs-target-pages-alive", ok && dT->state == DOMSTATE_dying &&
          dT->refcnt == 4 && dT->tot_pages == 4);
    CHECK_EQ("refs-target-dying-acquire", acq_gt(false, 8, 0, 1, MH_LIST_VA),
             -ESRCH);
    CHECK_EQ("refs-target-dying-size", acq_gt(false, 8, 0, 0, 0), -ESRCH);
    CHECK_EQ("refs-target-consistent", mh_check_counts(), 0);
    for ( i = 0; i < 3; i++ )
        mh_remove(false, DOMID_SELF, G + i);
    CHECK("refs-target-partly-unmapped", unit_log_count("d8: freed") == 0 &&
          dT->refcnt == 1 && mh_count(tm[3]) == 1);
    mh_remove(false, DOMID_SELF, G + 3);
    CHECK_EQ("refs-target-freed", unit_log_count("d8: freed"), 1);
    CHECK_EQ("refs-target-pages-back", total_free_pages(), free_before);
    CHECK_EQ("refs-target-page-free", mfn_to_page(_mfn(tm[3]))->type, PGT_free);
}

/* MFNs above 32 bits: what a 32-bit untranslated caller cannot get. */
static void test_wide_mfns(void)
{
    struct domain *d0, *d1, *dpv;
    unsigned long m0;
    p2m_type_t t;

    fake_machine_init(4096, 1UL << 32);
    baseline = total_free_pages();
    d0 = mh_domain(0, true, -1, 0, 4);
    d1 = mh_domain(1, false, -1, 4, 4);
    dpv = mh_domain(2, true, -1, 0, 4);
    fake_set_translated(dpv, false);
    m0 = mh_gnttab_mfn(d1, 0, 0);
    CHECK("wide-mfn-setup", d0 && d1 && dpv && m0 >= (1UL << 32));

    fake_set_current(dpv);
    CHECK_EQ("acquire-compat-erange", acq_gt(true, 1, 0, 1, MH_LIST_VA),
             -ERANGE);
    CHECK_EQ("acquire-compat-erange-2", acq_gt(true, 1, 0, 2, MH_LIST_VA),
             -ERANGE);
    CHECK_EQ("acquire-compat-erange-no-ref", mh_count(m0), 1);
    CHECK_EQ("acquire-compat-size-query-wide", acq_gt(true, 1, 0, 0, 0), 0);
    CHECK_EQ("acquire-native-pv-wide", acq_gt(false, 1, 0, 1, MH_LIST_VA), 0);
    CHECK_EQ("acquire-native-pv-wide-mfn", mh_list_get(false, MH_LIST_VA, 0),
             m0);

    /* A translated 32-bit caller never sees MFNs. */
    fake_set_current(d0);
    mh_list_put(true, MH_LIST_VA, 0, G);
    CHECK_EQ("acquire-compat-hvm-wide", acq_gt(true, 1, 0, 1, MH_LIST_VA), 0);
    CHECK("acquire-compat-hvm-wide-mapped",
          mh_p2m(d0, G, &t) == m0 && t == p2m_map_foreign && mh_count(m0) == 2);

    /* The caller dies with the mapping in place: all is returned. */
    mh_destroy_all();
    CHECK_EQ("wide-mfn-pages-back", total_free_pages(), baseline);
    CHECK_EQ("wide-mfn-no-domains", domain_count(), 0);
}

int main(void)
{
    long xbase = fake_xmalloc_live();
    bool compat;

    setup();
    for ( compat = false; ; compat = true )
    {
        test_errors(compat);
        test_eio(compat);
        test_success(compat);
        if ( compat )
            break;
    }
    test_refs();
    CHECK_EQ("acquire-counts-consistent", mh_check_counts(), 0);

    fake_set_current(dom[D0]);
    CHECK_EQ("acquire-grant-unmap", mh_unmap_grant(0, GRANT_GFN), GNTST_okay);
    mh_destroy_all();
    CHECK_EQ("acquire-pages-back", total_free_pages(), baseline);
    CHECK_EQ("acquire-no-domains", domain_count(), 0);
    CHECK_EQ("acquire-no-xmalloc-left", fake_xmalloc_live(), xbase);

    test_wide_mfns();
    CHECK_EQ("wide-mfn-no-xmalloc-left", fake_xmalloc_live(), xbase);
    fake_machine_fini();
    return unit_done();
}
