/*
 * Grant-table operations on the fake arch: setup_table, query_size,
 * set_version (reserved entries kept, -EBUSY while mapped), get_version,
 * get_status_frames, map/unmap_grant_ref and their status codes and
 * GTF_reading/GTF_writing, batches continued on preemption, and
 * add_to_physmap of grant frames and shared_info.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"
#include <compat/grant_table.h>

#define OP_VA   0x3000UL
#define LIST_VA 0x4000UL
#define GG      0x0f000UL

static struct domain *d0, *dA, *dB, *dX;

static void put(uint64_t va, const void *p, size_t n)
{
    memcpy(fake_gmem(current->domain, va, n), p, n);
}

static void get(uint64_t va, void *p, size_t n)
{
    memcpy(p, fake_gmem(current->domain, va, n), n);
}

static int16_t setup_table(bool compat, domid_t dom, uint32_t nr, long *rc)
{
    if ( compat )
    {
        struct compat_gnttab_setup_table op = {
            .dom = dom, .nr_frames = nr, .frame_list = LIST_VA,
        };

        put(OP_VA, &op, sizeof(op));
        *rc = mh_grant_op(true, GNTTABOP_setup_table, OP_VA, 1, NULL);
        get(OP_VA, &op, sizeof(op));
        return op.status;
    }
    else
    {
        struct gnttab_setup_table op = { .dom = dom, .nr_frames = nr };

        op.frame_list.p = (xen_pfn_t *)LIST_VA;
        put(OP_VA, &op, sizeof(op));
        *rc = mh_grant_op(false, GNTTABOP_setup_table, OP_VA, 1, NULL);
        get(OP_VA, &op, sizeof(op));
        return op.status;
    }
}

static void test_setup_query(void)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    struct gnttab_get_version gv = { .dom = DOMID_SELF };
    long rc;
    bool compat;

    fake_set_current(dA);
    for ( compat = false; ; compat = true )
    {
        const char *w = compat ? "compat" : "native";
        char n[64];

        snprintf(n, sizeof(n), "gnttab-%s-setup-table", w);
        CHECK_EQ(n, setup_table(compat, DOMID_SELF, 4, &rc), GNTST_okay);
        snprintf(n, sizeof(n), "gnttab-%s-setup-table-unmapped-gfns", w);
        CHECK(n, rc == 0 && mh_list_get(compat, LIST_VA, 3) ==
                 (compat ? 0xffffffffULL : ~0ULL));
        snprintf(n, sizeof(n), "gnttab-%s-setup-table-too-many", w);
        CHECK_EQ(n, setup_table(compat, DOMID_SELF, 9, &rc),
                 GNTST_general_error);
        snprintf(n, sizeof(n), "gnttab-%s-setup-table-bad-domain", w);
        CHECK_EQ(n, setup_table(compat, 77, 1, &rc), GNTST_bad_domain);
        snprintf(n, sizeof(n), "gnttab-%s-setup-table-other", w);
        CHECK_EQ(n, setup_table(compat, 2, 1, &rc), GNTST_permission_denied);
        if ( compat )
            break;
    }
    CHECK_EQ("gnttab-setup-table-count", mh_grant_op(false,
             GNTTABOP_setup_table, OP_VA, 2, NULL), -EINVAL);
    put(OP_VA, &q, sizeof(q));
    CHECK_EQ("gnttab-query-size", mh_grant_op(false, GNTTABOP_query_size,
                                              OP_VA, 1, NULL), 0);
    get(OP_VA, &q, sizeof(q));
    CHECK("gnttab-query-size-values", q.status == GNTST_okay &&
          q.nr_frames == 4 && q.max_nr_frames == 8);
    q.dom = 0;
    put(OP_VA, &q, sizeof(q));
    mh_grant_op(false, GNTTABOP_query_size, OP_VA, 1, NULL);
    get(OP_VA, &q, sizeof(q));
    CHECK_EQ("gnttab-query-size-other", q.status, GNTST_permission_denied);
    put(OP_VA, &gv, sizeof(gv));
    CHECK_EQ("gnttab-get-version", mh_grant_op(false, GNTTABOP_get_version,
                                               OP_VA, 1, NULL), 0);
    get(OP_VA, &gv, sizeof(gv));
    CHECK_EQ("gnttab-get-version-value", gv.version, 1);
    gv.dom = 77;
    put(OP_VA, &gv, sizeof(gv));
    CHECK_EQ("gnttab-get-version-bad-domain",
             mh_grant_op(false, GNTTABOP_get_version, OP_VA, 1, NULL), -ESRCH);
    gv.dom = 0;
    put(OP_VA, &gv, sizeof(gv));
    CHECK_EQ("gnttab-get-version-other",
             mh_grant_op(false, GNTTABOP_get_version, OP_VA, 1, NULL), -EPERM);
    CHECK_EQ("gnttab-bad-op", mh_grant_op(false, 99, OP_VA, 1, NULL), -ENOSYS);
    CHECK_EQ("gnttab-op-fault", mh_grant_op(false, GNTTABOP_query_size,
                                            FAKE_GMEM_HOLE, 1, NULL), -EFAULT);
}

static long set_version(uint32_t v, uint32_t *out)
{
    struct gnttab_set_version op = { .version = v };
    long rc;

    put(OP_VA, &op, sizeof(op));
    rc = mh_grant_op(false, GNTTABOP_set_version, OP_VA, 1, NULL);
    get(OP_VA, &op, sizeof(op));
    *out = op.version;
    return rc;
}

static void test_versions(void)
{
    struct gnttab_get_status_frames sf = { .nr_frames = 4, .dom = DOMID_SELF };
    grant_handle_t h;
    uint32_t v;
    bool ok = true;
    unsigned int i;

    sf.frame_list.p = (uint64_t *)LIST_VA;
    fake_set_current(dA);
    for ( i = 0; i < GNTTAB_NR_RESERVED_ENTRIES; i++ )
        mh_grant(dA, i, GTF_permit_access, 10 + i, 100 + i);
    mh_grant(dA, 9, GTF_permit_access, 0, 5);
    CHECK_EQ("gnttab-set-version-2", set_version(2, &v), 0);
    CHECK("gnttab-set-version-2-out", v == 2 && mh_gnttab_version(dA) == 2);
    for ( i = 0; i < GNTTAB_NR_RESERVED_ENTRIES; i++ )
    {
        grant_entry_v2_t *e = (grant_entry_v2_t *)
            page_to_virt(dA->grant_table->shared[0]) + i;

        ok &= e->hdr.flags == GTF_permit_access && e->hdr.domid == 10 + i &&
              e->full_page.frame == 100 + i;
    }
    CHECK("gnttab-v2-reserved-kept", ok);
    CHECK_EQ("gnttab-v2-others-cleared", mh_grant_flags(dA, 9), 0);
    CHECK_EQ("gnttab-v2-status-frames", dA->grant_table->nr_status, 1);
    put(OP_VA, &sf, sizeof(sf));
    CHECK_EQ("gnttab-get-status-frames",
             mh_grant_op(false, GNTTABOP_get_status_frames, OP_VA, 1, NULL), 0);
    get(OP_VA, &sf, sizeof(sf));
    CHECK_EQ("gnttab-get-status-frames-status", sf.status, GNTST_okay);
    CHECK_EQ("gnttab-get-status-frames-unmapped",
             mh_list_get(false, LIST_VA, 0), ~0ULL);
    CHECK_EQ("gnttab-set-version-same", set_version(2, &v), 0);
    CHECK_EQ("gnttab-set-version-3", set_version(3, &v), -EINVAL);
    CHECK_EQ("gnttab-set-version-3-out", v, 2);

    /* A grant of ours mapped by d0 pins the version. */
    mh_grant(dA, 9, GTF_permit_access, 0, 5);
    fake_set_current(d0);
    CHECK_EQ("gnttab-v2-map", mh_map_grant(1, 9, GNTMAP_host_map |
                                           GNTMAP_readonly, GG, &h),
             GNTST_okay);
    CHECK_EQ("gnttab-v2-status-reading", mh_grant_status(dA, 9), GTF_reading);
    fake_set_current(dA);
    CHECK_EQ("gnttab-set-version-busy", set_version(1, &v), -EBUSY);
    CHECK_EQ("gnttab-set-version-busy-out", v, 2);
    fake_set_current(d0);
    CHECK_EQ("gnttab-v2-unmap", mh_unmap_grant(h, GG), GNTST_okay);
    CHECK_EQ("gnttab-v2-status-cleared", mh_grant_status(dA, 9), 0);
    fake_set_current(dA);
    CHECK_EQ("gnttab-set-version-1", set_version(1, &v), 0);
    ok = dA->grant_table->nr_status == 0;
    for ( i = 0; i < GNTTAB_NR_RESERVED_ENTRIES; i++ )
    {
        grant_entry_v1_t *e = (grant_entry_v1_t *)
            page_to_virt(dA->grant_table->shared[0]) + i;

        ok &= e->flags == GTF_permit_access && e->domid == 10 + i &&
              e->frame == 100 + i;
    }
    CHECK("gnttab-v1-reserved-kept", ok);
    sf.dom = DOMID_SELF;
    put(OP_VA, &sf, sizeof(sf));
    mh_grant_op(false, GNTTABOP_get_status_frames, OP_VA, 1, NULL);
    get(OP_VA, &sf, sizeof(sf));
    CHECK_EQ("gnttab-get-status-frames-v1", sf.status, GNTST_general_error);
}

static void test_map_unmap(void)
{
    grant_handle_t h, h2;
    p2m_type_t t;
    unsigned long ram;

    fake_set_current(d0);
    ram = mh_p2m(dA, 5, &t);
    mh_grant(dA, 10, GTF_permit_access, 0, 5);
    mh_grant(dA, 11, GTF_permit_access | GTF_readonly, 0, 6);
    mh_grant(dA, 12, GTF_permit_access, 3, 7);          /* for dX */
    mh_grant(dA, 13, GTF_permit_access, 0, 0x7fffffff); /* no such gfn */
    CHECK_EQ("gnttab-map-bad-domain", mh_map_grant(77, 10, GNTMAP_host_map,
                                                   GG, &h), GNTST_bad_domain);
    CHECK_EQ("gnttab-map-self", mh_map_grant(DOMID_SELF, 10, GNTMAP_host_map,
                                             GG, &h), GNTST_bad_domain);
    CHECK_EQ("gnttab-map-bad-ref", mh_map_grant(1, 4 * 512, GNTMAP_host_map,
                                                GG, &h), GNTST_bad_gntref);
    CHECK_EQ("gnttab-map-unused-ref", mh_map_grant(1, 20, GNTMAP_host_map,
                                                   GG, &h), GNTST_bad_gntref);
    CHECK_EQ("gnttab-map-wrong-grantee", mh_map_grant(1, 12, GNTMAP_host_map,
                                                      GG, &h), GNTST_bad_gntref);
    CHECK_EQ("gnttab-map-ro-as-rw", mh_map_grant(1, 11, GNTMAP_host_map,
                                                 GG, &h),
             GNTST_permission_denied);
    CHECK_EQ("gnttab-map-no-host-map", mh_map_grant(1, 10, 0, GG, &h),
             GNTST_general_error);
    CHECK_EQ("gnttab-map-bad-page", mh_map_grant(1, 13, GNTMAP_host_map,
                                                 GG, &h), GNTST_bad_page);
    CHECK_EQ("gnttab-map-nothing-pinned", mh_grant_status(dA, 11) |
             mh_grant_status(dA, 10), 0);

    CHECK_EQ("gnttab-map-rw", mh_map_grant(1, 10, GNTMAP_host_map, GG, &h),
             GNTST_okay);
    CHECK("gnttab-map-rw-p2m", mh_p2m(d0, GG, &t) == ram &&
          t == p2m_grant_map_rw && mh_count(ram) == 2);
    CHECK("gnttab-map-rw-writing", mh_grant_status(dA, 10) & GTF_writing);
    CHECK_EQ("gnttab-map-over-grant", mh_map_grant(1, 11, GNTMAP_host_map |
                                                   GNTMAP_readonly, GG, &h2),
             GNTST_bad_virt_addr);
    CHECK_EQ("gnttab-map-ro", mh_map_grant(1, 11, GNTMAP_host_map |
                                           GNTMAP_readonly, GG + 1, &h2),
             GNTST_okay);
    CHECK("gnttab-map-ro-p2m", mh_p2m(d0, GG + 1, &t) != ~0UL &&
          t == p2m_grant_map_ro && mh_grant_status(dA, 11) == GTF_reading);
    CHECK_EQ("gnttab-remove-grant-refused", mh_remove(false, DOMID_SELF, GG),
             -ENOENT);
    CHECK_EQ("gnttab-unmap-bad-handle", mh_unmap_grant(4095, GG),
             GNTST_bad_handle);
    CHECK_EQ("gnttab-unmap-handle-range", mh_unmap_grant(100000, GG),
             GNTST_bad_handle);
    CHECK_EQ("gnttab-unmap-wrong-addr", mh_unmap_grant(h, GG + 5),
             GNTST_bad_virt_addr);
    CHECK_EQ("gnttab-unmap-rw", mh_unmap_grant(h, GG), GNTST_okay);
    CHECK("gnttab-unmap-rw-cleared", mh_grant_status(dA, 10) == 0 &&
          mh_count(ram) == 1 && mh_p2m(d0, GG, &t) == ~0UL);
    CHECK_EQ("gnttab-unmap-twice", mh_unmap_grant(h, GG), GNTST_bad_handle);
    CHECK_EQ("gnttab-unmap-ro", mh_unmap_grant(h2, GG + 1), GNTST_okay);
    CHECK_EQ("gnttab-unmap-ro-cleared", mh_grant_status(dA, 11), 0);

    /* The grantee: a map by dX of the grant made for it. */
    fake_set_current(dX);
    CHECK_EQ("gnttab-map-right-grantee", mh_map_grant(1, 12, GNTMAP_host_map,
                                                      GG, &h), GNTST_okay);
    CHECK_EQ("gnttab-unmap-right-grantee", mh_unmap_grant(h, GG), GNTST_okay);
    CHECK_EQ("gnttab-map-counts", mh_check_counts(), 0);
}

/* A batch of three maps, preempted after every entry. */
static void test_batch(void)
{
    struct gnttab_map_grant_ref ops[3];
    unsigned int i, conts;
    bool ok = true;

    fake_set_current(d0);
    for ( i = 0; i < 3; i++ )
    {
        mh_grant(dA, 20 + i, GTF_permit_access, 0, 8 + i);
        ops[i] = (struct gnttab_map_grant_ref){
            .host_addr = (GG + 16 + i) << PAGE_SHIFT, .flags = GNTMAP_host_map,
            .ref = 20 + i, .dom = 1,
        };
    }
    put(OP_VA, ops, sizeof(ops));
    fake_set_preempt_every(1);
    mh_cont_bad = false;
    CHECK_EQ("gnttab-batch-map", mh_grant_op(false, GNTTABOP_map_grant_ref,
                                             OP_VA, 3, &conts), 0);
    fake_set_preempt_every(0);
    get(OP_VA, ops, sizeof(ops));
    for ( i = 0; i < 3; i++ )
        ok &= ops[i].status == GNTST_okay;
    CHECK("gnttab-batch-map-all", ok && conts == 2 && !mh_cont_bad);
    for ( i = 0; i < 3; i++ )
        mh_unmap_grant(ops[i].handle, GG + 16 + i);
    CHECK_EQ("gnttab-batch-unmapped", dA->refcnt, 1);
}

static void test_physmap(void)
{
    p2m_type_t t;
    unsigned long f0 = mh_gnttab_mfn(dA, 0, 0);

    fake_set_current(dA);
    CHECK_EQ("physmap-grant-frame", mh_add(false, DOMID_SELF,
                                           XENMAPSPACE_grant_table, 0, 0x200),
             0);
    CHECK("physmap-grant-frame-p2m", mh_p2m(dA, 0x200, &t) == f0 &&
          t == p2m_ram_rw && mh_count(f0) == 1);
    CHECK_EQ("physmap-grant-frame-move", mh_add(true, DOMID_SELF,
                                                XENMAPSPACE_grant_table, 0,
                                                0x201), 0);
    CHECK("physmap-grant-frame-moved", mh_p2m(dA, 0x200, &t) == ~0UL &&
          mh_p2m(dA, 0x201, &t) == f0);
    {
        long rc;

        CHECK_EQ("physmap-setup-table-reports-gfn",
                 setup_table(false, DOMID_SELF, 1, &rc), GNTST_okay);
        CHECK_EQ("physmap-setup-table-gfn", mh_list_get(false, LIST_VA, 0),
                 0x201);
    }
    CHECK_EQ("physmap-grant-frame-grows", mh_add(false, DOMID_SELF,
                                                 XENMAPSPACE_grant_table, 7,
                                                 0x202), 0);
    CHECK_EQ("physmap-grant-frame-grown", dA->grant_table->nr_frames, 8);
    CHECK_EQ("physmap-grant-frame-beyond", mh_add(false, DOMID_SELF,
                                                  XENMAPSPACE_grant_table, 8,
                                                  0x203), -EINVAL);
    CHECK_EQ("physmap-status-on-v1", mh_add(false, DOMID_SELF,
                 XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status, 0x203),
             -EINVAL);
    CHECK_EQ("physmap-shared-info", mh_add(false, DOMID_SELF,
                                           XENMAPSPACE_shared_info, 0, 0x204),
             0);
    CHECK("physmap-shared-info-p2m", mh_p2m(dA, 0x204, &t) ==
          mfn_x(page_to_mfn(dA->shared_info)) && t == p2m_ram_rw);
    CHECK_EQ("physmap-shared-info-idx", mh_add(false, DOMID_SELF,
                                               XENMAPSPACE_shared_info, 1,
                                               0x205), -EINVAL);
    CHECK_EQ("physmap-bad-space", mh_add(false, DOMID_SELF, 9, 0, 0x205),
             -EOPNOTSUPP);
    CHECK_EQ("physmap-bad-gfn", mh_add(false, DOMID_SELF,
                                       XENMAPSPACE_shared_info, 0,
                                       P2M_MAX_GFN + 1), -EINVAL);
    CHECK_EQ("physmap-other-domain", mh_add(false, 0, XENMAPSPACE_shared_info,
                                            0, 0x205), -EPERM);
    CHECK_EQ("physmap-remove-resource", mh_remove(false, DOMID_SELF, 0x204), 0);
    CHECK("physmap-remove-resource-kept", dA->shared_info->count == 1 &&
          dA->shared_info->owner == dA);
    CHECK_EQ("physmap-set-version-2", gnttab_set_version(dA, 2), 0);
    CHECK_EQ("physmap-status", mh_add(false, DOMID_SELF,
                 XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status, 0x206),
             0);
    CHECK("physmap-status-p2m", mh_p2m(dA, 0x206, &t) ==
          mh_gnttab_mfn(dA, 1, 0) && t == p2m_ram_rw);
    CHECK_EQ("physmap-set-version-1", gnttab_set_version(dA, 1), 0);
    CHECK("physmap-status-unmapped-on-v1", mh_p2m(dA, 0x206, &t) == ~0UL);
    CHECK_EQ("physmap-counts", mh_check_counts(), 0);
}

int main(void)
{
    long xbase = fake_xmalloc_live();
    unsigned long baseline;

    fake_machine_init(4096, 0);
    baseline = total_free_pages();
    d0 = mh_domain(0, true, -1, 0, 8);
    dA = mh_domain(1, false, -1, 8, 16);
    dB = mh_domain(2, false, -1, 0, 8);
    dX = mh_domain(3, false, -1, 0, 8);
    CHECK("gnttab-setup", d0 && dA && dB && dX);

    test_setup_query();
    test_versions();
    test_map_unmap();
    test_batch();
    test_physmap();

    mh_destroy_all();
    CHECK_EQ("gnttab-pages-back", total_free_pages(), baseline);
    CHECK_EQ("gnttab-no-xmalloc-left", fake_xmalloc_live(), xbase);
    fake_machine_fini();
    return unit_done();
}
