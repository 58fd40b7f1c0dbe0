/*
 * The XSM hooks of xsm/xsm.h with Xen 4.17's default actions (dummy
 * module) and, for the event channels and hvm_op parameters, the FLASK
 * module over the real policy: channel labels, the checks of unbound,
 * interdomain, send, status and reset, and EVTCHNOP end to end.  The
 * struct evtchn is the real one (xen/event.h), as the contract in
 * xsm/xsm.h describes it.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"
#include "flask_harness.h"
#include <xen/event.h>
#include <xsm/xsm.h>
#include <xsm/flask/hooks.h>
#include <public/hvm/hvm_op.h>
#include <public/event_channel.h>

#ifndef FLASK_POLICY
#define FLASK_POLICY "../../flask/policy/build/xenpolicy-4.17"
#endif

#define ARG 0x1000UL

static struct domain *d0, *d1, *d2, *dm, *iso;

/* The XSM_TARGET hooks on one domain, as the caller. */
static const struct {
    const char *name;
    int (*hook)(xsm_default_t, struct domain *);
} target_hooks[] = {
    { "grant-setup", xsm_grant_setup },
    { "grant-query-size", xsm_grant_query_size },
    { "add-to-physmap", xsm_add_to_physmap },
    { "remove-from-physmap", xsm_remove_from_physmap },
    { "memory-adjust-reservation", xsm_memory_adjust_reservation },
    { "memory-stat-reservation", xsm_memory_stat_reservation },
};

static int as(struct domain *c, int (*hook)(xsm_default_t, struct domain *),
              struct domain *d)
{
    fake_set_current(c);
    return hook(XSM_TARGET, d);
}

static void test_dummy_target(void)
{
    unsigned int i;
    char n[96];

    for ( i = 0; i < ARRAY_SIZE(target_hooks); i++ )
    {
        int (*h)(xsm_default_t, struct domain *) = target_hooks[i].hook;

        snprintf(n, sizeof(n), "xsm-dummy-%s", target_hooks[i].name);
        CHECK(n, !as(d1, h, d1) && !as(dm, h, d1) && !as(d0, h, d2) &&
                 as(d1, h, d2) == -EPERM && as(dm, h, d2) == -EPERM);
    }
    /* Between the two domains named, whoever calls (Xen 4.17). */
    fake_set_current(d1);
    CHECK("xsm-dummy-map-gmfn-foreign",
          !xsm_map_gmfn_foreign(XSM_TARGET, d0, d2) &&
          !xsm_map_gmfn_foreign(XSM_TARGET, dm, d1) &&
          xsm_map_gmfn_foreign(XSM_TARGET, dm, d2) == -EPERM &&
          xsm_map_gmfn_foreign(XSM_TARGET, d1, d2) == -EPERM);
    fake_set_current(d0);
    CHECK("xsm-dummy-map-gmfn-foreign-not-caller",
          xsm_map_gmfn_foreign(XSM_TARGET, d1, d2) == -EPERM);
    fake_set_current(d1);
    CHECK("xsm-dummy-hvm-param",
          !xsm_hvm_param(XSM_TARGET, d1, HVMOP_set_param) &&
          xsm_hvm_param(XSM_TARGET, d2, HVMOP_get_param) == -EPERM);
    CHECK("xsm-dummy-grant-map-unmap",
          !xsm_grant_mapref(XSM_HOOK, d1, d2, 0) &&
          !xsm_grant_unmapref(XSM_HOOK, d1, d2));
}

static void test_dummy_evtchn(void)
{
    struct evtchn c = { .state = ECS_VIRQ, .flask_sid = 77 };

    fake_set_current(d1);
    CHECK("xsm-dummy-evtchn-unbound",
          !xsm_evtchn_unbound(XSM_TARGET, d1, &c, 2) &&
          xsm_evtchn_unbound(XSM_TARGET, d2, &c, 1) == -EPERM);
    CHECK("xsm-dummy-evtchn-status",
          !xsm_evtchn_status(XSM_TARGET, d1, &c) &&
          xsm_evtchn_status(XSM_TARGET, d2, &c) == -EPERM);
    CHECK("xsm-dummy-evtchn-hooks-anyone",
          !xsm_evtchn_interdomain(XSM_HOOK, d1, &c, d2, &c) &&
          !xsm_evtchn_send(XSM_HOOK, d1, &c));
    /* reset: d1 (the caller Xen passes) on d2, not current on d2. */
    CHECK("xsm-dummy-evtchn-reset",
          !xsm_evtchn_reset(XSM_TARGET, d1, d1) &&
          !xsm_evtchn_reset(XSM_TARGET, dm, d1) &&
          !xsm_evtchn_reset(XSM_TARGET, d0, d2) &&
          xsm_evtchn_reset(XSM_TARGET, d1, d2) == -EPERM);
    fake_set_current(dm);
    CHECK_EQ("xsm-dummy-evtchn-unbound-dm",
             xsm_evtchn_unbound(XSM_TARGET, d1, &c, 3), 0);
    xsm_evtchn_close_post(&c);
    CHECK_EQ("xsm-dummy-evtchn-label-untouched", c.flask_sid, 77);
}

/* FLASK: the label an unbound port gets, and who may make one. */
static void test_flask_unbound(void)
{
    struct evtchn c = { 0 };

    fake_set_current(d1);
    CHECK_EQ("xsm-flask-unbound", xsm_evtchn_unbound(XSM_TARGET, d1, &c, 0), 0);
    CHECK_EQ("xsm-flask-unbound-label", c.flask_sid, fh_type("domU_t_channel"));
    c.flask_sid = 0;
    CHECK_EQ("xsm-flask-unbound-self",
             xsm_evtchn_unbound(XSM_TARGET, d1, &c, DOMID_SELF), 0);
    CHECK_EQ("xsm-flask-unbound-self-label", c.flask_sid,
             fh_type("domU_t_channel"));
    c.flask_sid = 0;
    CHECK_EQ("xsm-flask-unbound-no-remote",
             xsm_evtchn_unbound(XSM_TARGET, d1, &c, 77), -EPERM);
    CHECK_EQ("xsm-flask-unbound-other-plain",
             xsm_evtchn_unbound(XSM_TARGET, d1, &c, 2), 0);
    fake_set_current(d0);       /* the toolstack, in d1's table */
    CHECK_EQ("xsm-flask-unbound-by-control",
             xsm_evtchn_unbound(XSM_TARGET, d1, &c, 0), 0);
    fake_set_current(dm);       /* towards its target, seen as domU_t_target */
    CHECK_EQ("xsm-flask-unbound-dm", xsm_evtchn_unbound(XSM_TARGET, dm, &c, 1),
             0);
    CHECK_EQ("xsm-flask-unbound-dm-label", c.flask_sid,
             fh_type("dm_dom_t_channel"));
    c.flask_sid = 0;
    fake_set_current(iso);
    CHECK_EQ("xsm-flask-unbound-isolated",
             xsm_evtchn_unbound(XSM_TARGET, iso, &c, 1), -EACCES);
    CHECK_EQ("xsm-flask-unbound-refused-unlabelled", c.flask_sid, 0);
    CHECK_EQ("xsm-flask-unbound-isolated-self",
             xsm_evtchn_unbound(XSM_TARGET, iso, &c, DOMID_SELF), 0);
}

/* FLASK: binding, with the remote end's label checked again. */
static void test_flask_interdomain(void)
{
    struct evtchn r = { .state = ECS_UNBOUND }, l = { 0 };

    fake_set_current(d1);
    xsm_evtchn_unbound(XSM_TARGET, d1, &r, 0);
    fake_set_current(d0);
    CHECK_EQ("xsm-flask-interdomain",
             xsm_evtchn_interdomain(XSM_HOOK, d0, &l, d1, &r), 0);
    CHECK_EQ("xsm-flask-interdomain-label", l.flask_sid,
             fh_type("dom0_t_channel"));
    l.flask_sid = 0;
    r.flask_sid = fh_type("isolated_t_channel");    /* as if relabelled */
    CHECK_EQ("xsm-flask-interdomain-remote-relabelled",
             xsm_evtchn_interdomain(XSM_HOOK, d0, &l, d1, &r), -EACCES);
    CHECK_EQ("xsm-flask-interdomain-refused-unlabelled", l.flask_sid, 0);
    r.flask_sid = fh_type("domU_t_channel");
    fake_set_current(iso);
    CHECK_EQ("xsm-flask-interdomain-isolated",
             xsm_evtchn_interdomain(XSM_HOOK, iso, &l, d1, &r), -EACCES);
}

/* FLASK: send and status against the label; close unlabels. */
static void test_flask_send_status(void)
{
    struct evtchn c = { .state = ECS_INTERDOMAIN,
                        .flask_sid = fh_type("domU_t_channel") };

    fake_set_current(d1);
    CHECK_EQ("xsm-flask-send", xsm_evtchn_send(XSM_HOOK, d1, &c), 0);
    CHECK_EQ("xsm-flask-status", xsm_evtchn_status(XSM_TARGET, d1, &c), 0);
    c.flask_sid = fh_type("dom0_t_channel");
    CHECK_EQ("xsm-flask-send-other-label", xsm_evtchn_send(XSM_HOOK, d1, &c),
             -EACCES);
    CHECK_EQ("xsm-flask-status-other-label",
             xsm_evtchn_status(XSM_TARGET, d1, &c), -EACCES);
    xsm_evtchn_close_post(&c);
    CHECK_EQ("xsm-flask-close-unlabels", c.flask_sid, 0);
    CHECK_EQ("xsm-flask-status-unlabelled",
             xsm_evtchn_status(XSM_TARGET, d1, &c), -EACCES);
    c.state = ECS_IPI;
    CHECK_EQ("xsm-flask-send-ipi", xsm_evtchn_send(XSM_HOOK, d1, &c), 0);
    c.state = ECS_UNBOUND;
    CHECK_EQ("xsm-flask-send-unbound", xsm_evtchn_send(XSM_HOOK, d1, &c), 0);
    c.state = ECS_VIRQ;
    unit_log_clear();
    CHECK_EQ("xsm-flask-send-virq", xsm_evtchn_send(XSM_HOOK, d1, &c), -EPERM);
    CHECK("xsm-flask-send-virq-logged",
          unit_log_count("FLASK: Denying unknown event channel state") == 1);
    /* The real policy grants event:reset to nobody. */
    fake_set_current(d0);
    CHECK_EQ("xsm-flask-reset", xsm_evtchn_reset(XSM_TARGET, d0, d1), -EACCES);
}

static void test_flask_hvm_param(void)
{
    fake_set_current(d1);
    CHECK("xsm-flask-hvm-param-self",
          !xsm_hvm_param(XSM_TARGET, d1, HVMOP_set_param) &&
          !xsm_hvm_param(XSM_TARGET, d1, HVMOP_get_param));
    CHECK_EQ("xsm-flask-hvm-param-self-hvmctl",
             xsm_hvm_param(XSM_TARGET, d1, 99), -EACCES);
    CHECK_EQ("xsm-flask-hvm-param-other",
             xsm_hvm_param(XSM_TARGET, d2, HVMOP_get_param), -EACCES);
    fake_set_current(dm);
    CHECK_EQ("xsm-flask-hvm-param-dm",
             xsm_hvm_param(XSM_TARGET, d1, HVMOP_set_param), 0);
    fake_set_current(d0);
    CHECK_EQ("xsm-flask-hvm-param-control-hvmctl",
             xsm_hvm_param(XSM_TARGET, d1, 99), 0);
    fake_set_current(iso);
    CHECK_EQ("xsm-flask-hvm-param-isolated",
             xsm_hvm_param(XSM_TARGET, d1, HVMOP_get_param), -EACCES);
}

static long evtchn_op(unsigned int cmd, void *arg, size_t size)
{
    long rc;

    memcpy(fake_gmem(current->domain, ARG, size), arg, size);
    rc = do_event_channel_op(cmd, guest_ptr(ARG));
    memcpy(arg, fake_gmem(current->domain, ARG, size), size);
    return rc;
}

/* EVTCHNOP through the event-channel code, FLASK deciding. */
static void test_flask_evtchnop(void)
{
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = 0 };
    struct evtchn_bind_interdomain b = { .remote_dom = 1 };

    fake_set_current(d1);
    CHECK_EQ("xsm-flask-op-alloc-unbound",
             evtchn_op(EVTCHNOP_alloc_unbound, &a, sizeof(a)), 0);
    CHECK_EQ("xsm-flask-op-port-label", evtchn_from_port(d1, a.port)->flask_sid,
             fh_type("domU_t_channel"));
    b.remote_port = a.port;
    fake_set_current(d0);
    CHECK_EQ("xsm-flask-op-bind", evtchn_op(EVTCHNOP_bind_interdomain, &b,
                                            sizeof(b)), 0);
    CHECK_EQ("xsm-flask-op-bound-label",
             evtchn_from_port(d0, b.local_port)->flask_sid,
             fh_type("dom0_t_channel"));
    fake_set_current(iso);
    a = (struct evtchn_alloc_unbound){ .dom = DOMID_SELF, .remote_dom = 1 };
    CHECK_EQ("xsm-flask-op-isolated",
             evtchn_op(EVTCHNOP_alloc_unbound, &a, sizeof(a)), -EACCES);
}

int main(void)
{
    unsigned long baseline;

    fake_machine_init(4096, 0);
    baseline = total_free_pages();
    d0 = mh_domain(0, true, -1, 4, 16);
    d1 = mh_domain(1, false, -1, 4, 16);
    d2 = mh_domain(2, false, -1, 4, 16);
    dm = mh_domain(3, false, 1, 4, 16);
    CHECK("xsm-dummy-domains", d0 && d1 && d2 && dm);
    if ( !(d0 && d1 && d2 && dm) )
        return unit_done();
    test_dummy_target();
    test_dummy_evtchn();
    mh_destroy_all();

    CHECK("xsm-flask-load", fh_load(FLASK_POLICY, true));
    d0 = fh_domain(0, true, -1, "");
    d1 = fh_domain(1, false, -1, "");
    d2 = fh_domain(2, false, -1, "");
    dm = fh_domain(3, false, 1, "system_u:system_r:dm_dom_t");
    iso = fh_domain(4, true, -1, "system_u:system_r:isolated_t");
    CHECK("xsm-flask-domains", d0 && d1 && d2 && dm && iso);
    if ( !(d0 && d1 && d2 && dm && iso) )
        return unit_done();
    test_flask_unbound();
    test_flask_interdomain();
    test_flask_send_status();
    test_flask_hvm_param();
    test_flask_evtchnop();
    mh_destroy_all();

    /* Permissive: unknown states are logged and allowed. */
    CHECK("xsm-flask-load-permissive", fh_load(FLASK_POLICY, false));
    d1 = fh_domain(1, false, -1, "");
    if ( d1 )
    {
        struct evtchn c = { .state = ECS_VIRQ };

        fake_set_current(d1);
        unit_log_clear();
        CHECK_EQ("xsm-flask-permissive-virq",
                 xsm_evtchn_send(XSM_HOOK, d1, &c), 0);
        CHECK("xsm-flask-permissive-virq-logged",
              unit_log_count("FLASK: Allowing unknown event channel") == 1);
    }
    mh_destroy_all();
    fh_unload();
    CHECK_EQ("xsm-hooks-pages-back", total_free_pages(), baseline);
    return unit_done();
}
