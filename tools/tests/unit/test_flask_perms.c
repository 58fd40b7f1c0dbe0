/*
 * Each operation asks FLASK for its own permission, the one Xen 4.17
 * checks, and a policy granting one permission of a pair does not grant
 * the other.  The test policy (flask/hooks-test.te on top of the real
 * one) has hk_* actors that each hold one permission on domU_t; the
 * hooks are called directly, then the operations are issued as
 * hypercalls (memory_op, grant_table_op) to show which hook each calls.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"
#include "flask_harness.h"
#include <xen/event.h>
#include <xsm/xsm.h>
#include <public/hvm/hvm_op.h>

#ifndef FLASK_TEST_POLICY
#define FLASK_TEST_POLICY "build/flask-test/xenpolicy-4.17"
#endif

#define OP_VA 0x3000UL

enum { PHYSMAP, ADJUST, STAT, SETUP, QUERY, MAP, UNMAP, SETPARAM, GETPARAM,
       EV, EVSTATUS, EVNB, EVNC, MAPR, MAPRW, NR_ACTORS };
static const char *const labels[NR_ACTORS] = {
    "hk_physmap_t", "hk_adjust_t", "hk_stat_t", "hk_setup_t", "hk_query_t",
    "hk_map_t", "hk_unmap_t", "hk_setparam_t", "hk_getparam_t", "hk_ev_t",
    "hk_evstatus_t", "hk_evnb_t", "hk_evnc_t", "hk_mapr_t", "hk_maprw_t",
};
static struct domain *actor[NR_ACTORS], *d0, *u1;

/* hook(XSM_TARGET, u1) as actor a: allowed? */
static bool may(unsigned int a, int (*hook)(xsm_default_t, struct domain *))
{
    fake_set_current(actor[a]);
    return !hook(XSM_TARGET, u1);
}

static void test_memory_hooks(void)
{
    CHECK("perms-physmap-only",
          may(PHYSMAP, xsm_add_to_physmap) &&
          may(PHYSMAP, xsm_remove_from_physmap) &&
          !may(PHYSMAP, xsm_memory_adjust_reservation) &&
          !may(PHYSMAP, xsm_memory_stat_reservation));
    CHECK("perms-adjust-only",
          may(ADJUST, xsm_memory_adjust_reservation) &&
          !may(ADJUST, xsm_remove_from_physmap) &&
          !may(ADJUST, xsm_add_to_physmap) &&
          !may(ADJUST, xsm_memory_stat_reservation));
    CHECK("perms-stat-only",
          may(STAT, xsm_memory_stat_reservation) &&
          !may(STAT, xsm_memory_adjust_reservation) &&
          !may(STAT, xsm_remove_from_physmap));
}

/* The domain whose physmap gets the page asks, not the caller. */
static void test_map_foreign_hook(void)
{
    fake_set_current(d0);
    CHECK("perms-map-foreign-needs-both",
          xsm_map_gmfn_foreign(XSM_TARGET, actor[MAPR], u1) == -EACCES &&
          !xsm_map_gmfn_foreign(XSM_TARGET, actor[MAPRW], u1));
    CHECK("perms-map-foreign-not-physmap",
          xsm_map_gmfn_foreign(XSM_TARGET, actor[PHYSMAP], u1) == -EACCES &&
          !may(MAPRW, xsm_add_to_physmap));
    fake_set_current(actor[MAPRW]);
    CHECK("perms-map-foreign-of-target",
          xsm_map_gmfn_foreign(XSM_TARGET, d0, u1) == 0 &&
          xsm_map_gmfn_foreign(XSM_TARGET, u1, actor[MAPRW]) == -EACCES);
}

static void test_grant_hvm_hooks(void)
{
    CHECK("perms-setup-only",
          may(SETUP, xsm_grant_setup) && !may(SETUP, xsm_grant_query_size));
    CHECK("perms-query-only",
          may(QUERY, xsm_grant_query_size) && !may(QUERY, xsm_grant_setup));
    CHECK("perms-map-not-unmap",
          !xsm_grant_mapref(XSM_HOOK, actor[MAP], u1, 0) &&
          xsm_grant_unmapref(XSM_HOOK, actor[MAP], u1) == -EACCES);
    CHECK("perms-unmap-not-map",
          !xsm_grant_unmapref(XSM_HOOK, actor[UNMAP], u1) &&
          xsm_grant_mapref(XSM_HOOK, actor[UNMAP], u1, GNTMAP_readonly) ==
          -EACCES);
    fake_set_current(actor[SETPARAM]);
    CHECK("perms-setparam-only",
          !xsm_hvm_param(XSM_TARGET, u1, HVMOP_set_param) &&
          xsm_hvm_param(XSM_TARGET, u1, HVMOP_get_param) == -EACCES);
    fake_set_current(actor[GETPARAM]);
    CHECK("perms-getparam-only",
          !xsm_hvm_param(XSM_TARGET, u1, HVMOP_get_param) &&
          xsm_hvm_param(XSM_TARGET, u1, HVMOP_set_param) == -EACCES);
}

static void test_event_hooks(void)
{
    struct domain *ev = actor[EV];
    struct evtchn c = { .state = ECS_INTERDOMAIN };

    fake_set_current(ev);
    CHECK_EQ("perms-ev-unbound", xsm_evtchn_unbound(XSM_TARGET, ev, &c, 1), 0);
    CHECK_EQ("perms-ev-label", c.flask_sid, fh_type("hk_ev_t_channel"));
    unit_log_clear();
    CHECK_EQ("perms-ev-bind-only-to-domU",
             xsm_evtchn_unbound(XSM_TARGET, ev, &c, 0), -EACCES);
    CHECK("perms-ev-bind-denied-logged", unit_log_count("{ bind }") == 1);
    CHECK("perms-ev-send-not-status",
          !xsm_evtchn_send(XSM_HOOK, ev, &c) &&
          xsm_evtchn_status(XSM_TARGET, ev, &c) == -EACCES);
    CHECK("perms-evstatus-status-not-send",
          !xsm_evtchn_status(XSM_TARGET, actor[EVSTATUS], &c) &&
          xsm_evtchn_send(XSM_HOOK, actor[EVSTATUS], &c) == -EACCES);
    CHECK("perms-ev-reset",
          !xsm_evtchn_reset(XSM_TARGET, ev, u1) &&
          xsm_evtchn_reset(XSM_TARGET, ev, d0) == -EACCES &&
          xsm_evtchn_reset(XSM_TARGET, u1, ev) == -EACCES);
    fake_set_current(actor[EVNB]);
    unit_log_clear();
    CHECK_EQ("perms-create-not-bind",
             xsm_evtchn_unbound(XSM_TARGET, actor[EVNB], &c, 1), -EACCES);
    CHECK("perms-create-not-bind-logged", unit_log_count("{ bind }") == 1);
    fake_set_current(actor[EVNC]);
    unit_log_clear();
    CHECK_EQ("perms-bind-not-create",
             xsm_evtchn_unbound(XSM_TARGET, actor[EVNC], &c, 1), -EACCES);
    CHECK("perms-bind-not-create-logged", unit_log_count("{ create }") == 1);
}

/* decrease_reservation or populate_physmap of u1's gfn. */
static long reservation_one(unsigned int op, uint64_t gfn)
{
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = 1 };

    r.extent_start.p = (xen_pfn_t *)MH_LIST_VA;
    mh_list_put(false, MH_LIST_VA, 0, gfn);
    memcpy(fake_gmem(current->domain, MH_ARG_VA, sizeof(r)), &r, sizeof(r));
    return mh_memory_op(false, op, MH_ARG_VA, NULL);
}

static long decrease_one(uint64_t gfn)
{
    return reservation_one(XENMEM_decrease_reservation, gfn);
}

static long populate_one(uint64_t gfn)
{
    return reservation_one(XENMEM_populate_physmap, gfn);
}

static long current_reservation(void)
{
    domid_t id = 1;

    memcpy(fake_gmem(current->domain, MH_ARG_VA, sizeof(id)), &id, sizeof(id));
    return mh_memory_op(false, XENMEM_current_reservation, MH_ARG_VA, NULL);
}

static bool mapped(uint64_t gfn)
{
    p2m_type_t t;

    mh_p2m(u1, gfn, &t);
    return t != p2m_invalid;
}

/*
 * memory_op: remove (physmap), decrease and populate (adjust), queries
 * (stat).
 */
static void test_memory_ops(void)
{
    fake_set_current(actor[PHYSMAP]);
    CHECK_EQ("perms-op-physmap-remove", mh_remove(false, 1, 2), 0);
    CHECK_EQ("perms-op-physmap-decrease", decrease_one(3), 0);
    CHECK("perms-op-physmap-decrease-untouched", mapped(3));
    CHECK_EQ("perms-op-physmap-populate", populate_one(0x40), 0);
    CHECK("perms-op-physmap-populate-untouched", !mapped(0x40));
    CHECK_EQ("perms-op-physmap-query", current_reservation(), -EACCES);
    fake_set_current(actor[ADJUST]);
    CHECK_EQ("perms-op-adjust-decrease", decrease_one(3), 1);
    CHECK_EQ("perms-op-adjust-populate", populate_one(0x40), 1);
    CHECK("perms-op-adjust-populated", mapped(0x40));
    CHECK_EQ("perms-op-adjust-remove", mh_remove(false, 1, 4), -EACCES);
    CHECK_EQ("perms-op-adjust-query", current_reservation(), -EACCES);
    fake_set_current(actor[STAT]);
    CHECK_EQ("perms-op-stat-query", current_reservation(),
             u1->tot_pages - u1->resource_pages);
    CHECK_EQ("perms-op-stat-decrease", decrease_one(4), 0);
    CHECK("perms-op-stat-untouched", mapped(4));
    CHECK_EQ("perms-op-stat-populate", populate_one(0x41), 0);
    CHECK("perms-op-stat-populate-untouched", !mapped(0x41));
}

static long gnttab_op(unsigned int cmd, void *op, size_t size)
{
    long rc;

    memcpy(fake_gmem(current->domain, OP_VA, size), op, size);
    rc = mh_grant_op(false, cmd, OP_VA, 1, NULL);
    memcpy(op, fake_gmem(current->domain, OP_VA, size), size);
    return rc;
}

/* grant_table_op: setup_table (setup), query_size, get_version (query). */
static void test_grant_ops(void)
{
    struct gnttab_setup_table st = { .dom = 1, .nr_frames = 3 };
    struct gnttab_query_size qs = { .dom = 1 };
    struct gnttab_get_version gv = { .dom = 1 };
    unsigned int frames = u1->grant_table->nr_frames;

    st.frame_list.p = (xen_pfn_t *)MH_LIST_VA;
    fake_set_current(actor[QUERY]);
    CHECK("perms-op-query-query-size",
          !gnttab_op(GNTTABOP_query_size, &qs, sizeof(qs)) &&
          qs.status == GNTST_okay);
    CHECK_EQ("perms-op-query-get-version",
             gnttab_op(GNTTABOP_get_version, &gv, sizeof(gv)), 0);
    CHECK("perms-op-query-setup",
          !gnttab_op(GNTTABOP_setup_table, &st, sizeof(st)) &&
          st.status == GNTST_permission_denied);
    CHECK_EQ("perms-op-query-setup-not-grown", u1->grant_table->nr_frames,
             frames);
    fake_set_current(actor[SETUP]);
    CHECK("perms-op-setup-setup",
          !gnttab_op(GNTTABOP_setup_table, &st, sizeof(st)) &&
          st.status == GNTST_okay && u1->grant_table->nr_frames == 3);
    CHECK("perms-op-setup-query-size",
          !gnttab_op(GNTTABOP_query_size, &qs, sizeof(qs)) &&
          qs.status == GNTST_permission_denied);
    CHECK_EQ("perms-op-setup-get-version",
             gnttab_op(GNTTABOP_get_version, &gv, sizeof(gv)), -EACCES);
}

/* unmap_grant_ref asks grant:unmap: a mapper without it keeps the map. */
static void test_unmap_op(void)
{
    grant_handle_t h;
    p2m_type_t t;

    mh_grant(u1, 8, GTF_permit_access, actor[MAP]->domain_id, 5);
    fake_set_current(actor[MAP]);
    CHECK_EQ("perms-op-map", mh_map_grant(1, 8, GNTMAP_host_map, 0x40, &h),
             GNTST_okay);
    CHECK_EQ("perms-op-unmap-denied", mh_unmap_grant(h, 0x40),
             GNTST_permission_denied);
    mh_p2m(actor[MAP], 0x40, &t);
    CHECK("perms-op-unmap-denied-still-mapped", p2m_is_grant(t));
}

int main(void)
{
    unsigned long baseline;
    unsigned int i;
    bool ok;

    fake_machine_init(8192, 0);
    baseline = total_free_pages();
    CHECK("perms-load", fh_load(FLASK_TEST_POLICY, true));
    d0 = fh_domain(0, true, -1, "");
    u1 = fh_domain(1, false, -1, "");
    ok = d0 && u1;
    for ( i = 0; i < NR_ACTORS; i++ )
    {
        char label[64];

        snprintf(label, sizeof(label), "system_u:system_r:%s", labels[i]);
        actor[i] = fh_domain(10 + i, false, -1, label);
        ok = ok && actor[i];
    }
    CHECK("perms-domains", ok);
    if ( !ok )
        return unit_done();

    test_memory_hooks();
    test_grant_hvm_hooks();
    test_map_foreign_hook();
    test_event_hooks();
    test_memory_ops();
    test_grant_ops();
    test_unmap_op();
    CHECK_EQ("perms-counts-consistent", mh_check_counts(), 0);

    mh_destroy_all();
    fh_unload();
    CHECK_EQ("perms-pages-back", total_free_pages(), baseline);
    return unit_done();
}
