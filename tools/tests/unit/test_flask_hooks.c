/*
 * The FLASK XSM module (xen/xsm/flask/hooks.c) with the real policy of
 * tools/flask/policy, over the fake arch: domains labelled as boot
 * modules label them, hooks called as the current domain, and one
 * XENMEM_acquire_resource end to end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"
#include "flask_harness.h"
#include <xen/domain_config.h>
#include <xsm/xsm.h>
#include <xsm/flask/hooks.h>
#include <xsm/flask/policydb.h>

#ifndef FLASK_POLICY
#define FLASK_POLICY "../../flask/policy/build/xenpolicy-4.17"
#endif

#define NR_FRAMES 4096u

static void *policy;
static size_t policy_len;

static bool read_policy(void)
{
    FILE *f = fopen(FLASK_POLICY, "rb");
    long n;

    if ( !f )
        return false;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    policy = malloc(n > 0 ? n : 1);
    policy_len = n > 0 && fread(policy, 1, n, f) == (size_t)n ? n : 0;
    fclose(f);
    return policy_len;
}

static int as(struct domain *caller, int (*hook)(struct domain *),
              struct domain *d)
{
    int rc;

    current = caller->vcpu[0];
    rc = hook(d);
    current = NULL;
    return rc;
}

#define MAP(c, d) as(c, xsm_ops->domain_resource_map, d)

int main(void)
{
    struct domain *d0, *u1, *u2, *dm, *iso, *self;
    unsigned long baseline;
    struct mh_acq a = { .type = XENMEM_resource_grant_table };

    if ( !read_policy() )
    {
        unit_result(false, "flask-hooks-policy", "cannot read %s",
                    FLASK_POLICY);
        return unit_done();
    }
    fake_machine_init(NR_FRAMES, 0);
    baseline = total_free_pages();

    CHECK("flask-hooks-policy-module", xsm_is_policy_module(policy, policy_len) &&
          !xsm_is_policy_module(policy, 12) &&
          !xsm_is_policy_module("\x8c\xff\x7c\xf9\x08\0\0\0XenFlasK", 16));
    CHECK_EQ("flask-hooks-bad-policy", flask_init(policy, 64, true), -EINVAL);
    CHECK("flask-hooks-still-dummy", xsm_ops == &xsm_dummy_ops);
    CHECK_EQ("flask-hooks-load", flask_init(policy, policy_len, true), 0);
    CHECK("flask-hooks-active", xsm_ops == &xsm_flask_ops &&
          !strcmp(xsm_ops->name, "flask"));

    d0 = fh_domain(0, true, -1, "");                              /* dom0_t */
    u1 = fh_domain(1, false, -1, "");                             /* domU_t */
    u2 = fh_domain(2, false, -1, "system_u:system_r:domU_t");
    dm = fh_domain(3, false, 1, "system_u:system_r:dm_dom_t");   /* dm of u1 */
    iso = fh_domain(4, true, -1, "system_u:system_r:isolated_t");
    CHECK("flask-hooks-domains", d0 && u1 && u2 && dm && iso);
    if ( !(d0 && u1 && u2 && dm && iso) )
        return unit_done();

    /* labels, self and target types */
    {
        struct domain_config cfg = { .role = DOMROLE_PLAIN };
        uint32_t type = 1;

        strcpy(cfg.label, "system_u:system_r:nope_t");
        CHECK_EQ("flask-hooks-unknown-label",
                 xsm_domain_config_label(&cfg, &type), -ENOENT);
        strcpy(cfg.label, "system_u:system_r");
        CHECK_EQ("flask-hooks-malformed-label",
                 xsm_domain_config_label(&cfg, &type), -EINVAL);
    }
    CHECK("flask-hooks-default-labels",
          d0->flask_type && d0->flask_type != u1->flask_type &&
          u1->flask_type == u2->flask_type);
    CHECK("flask-hooks-self-type",
          u1->flask_self_type != u1->flask_type &&
          d0->flask_self_type == d0->flask_type);   /* dom0_t: singleton */
    CHECK("flask-hooks-target-type",
          dm->flask_target_type &&
          dm->flask_target_type != u1->flask_type &&
          dm->flask_target_type != u1->flask_self_type);

    /* domain_resource_map */
    CHECK_EQ("flask-hooks-dom0-maps-domU", MAP(d0, u1), 0);
    CHECK_EQ("flask-hooks-domU-not-dom0", MAP(u1, d0), -EACCES);
    CHECK_EQ("flask-hooks-domU-not-domU", MAP(u1, u2), -EACCES);
    CHECK_EQ("flask-hooks-dm-maps-target", MAP(dm, u1), 0);
    CHECK_EQ("flask-hooks-dm-not-other-domU", MAP(dm, u2), -EACCES);
    CHECK_EQ("flask-hooks-isolated-control-denied", MAP(iso, u1), -EACCES);
    CHECK_EQ("flask-hooks-isolated-dummy-would-allow",
             xsm_default_action(XSM_DM_PRIV, iso, u1), 0);
    unit_log_clear();
    (void)MAP(u1, d0);
    CHECK("flask-hooks-denial-logged",
          unit_log_count("avc: denied { resource_map } for domid=1 target=0 "
                         "scontext=domU_t tcontext=dom0_t tclass=domain2") == 1);

    /* physmap, dm_op, grants */
    CHECK_EQ("flask-hooks-physmap-self", as(u1, xsm_ops->add_to_physmap, u1), 0);
    CHECK_EQ("flask-hooks-physmap-remove-self",
             as(iso, xsm_ops->remove_from_physmap, iso), 0);
    CHECK_EQ("flask-hooks-physmap-dm", as(dm, xsm_ops->add_to_physmap, u1), 0);
    CHECK_EQ("flask-hooks-physmap-other",
             as(u1, xsm_ops->add_to_physmap, u2), -EACCES);
    CHECK_EQ("flask-hooks-dm-op-dm", as(dm, xsm_ops->dm_op, u1), 0);
    CHECK_EQ("flask-hooks-dm-op-other", as(dm, xsm_ops->dm_op, u2), -EACCES);
    CHECK_EQ("flask-hooks-dm-op-domU", as(u2, xsm_ops->dm_op, u1), -EACCES);
    CHECK_EQ("flask-hooks-grant-query-self",
             as(u1, xsm_ops->grant_query_size, u1), 0);
    CHECK_EQ("flask-hooks-grant-query-dom0-setup",
             as(d0, xsm_ops->grant_setup, u1), 0);
    CHECK_EQ("flask-hooks-grant-query-iso",
             as(iso, xsm_ops->grant_query_size, u1), -EACCES);
    current = u1->vcpu[0];
    CHECK_EQ("flask-hooks-grant-map-domU-domU",
             xsm_ops->grant_mapref(u1, u2, GNTMAP_host_map), 0);
    CHECK_EQ("flask-hooks-grant-map-domU-dom0",
             xsm_ops->grant_mapref(u1, d0, GNTMAP_host_map | GNTMAP_readonly),
             0);
    current = iso->vcpu[0];
    CHECK_EQ("flask-hooks-grant-map-iso",
             xsm_ops->grant_mapref(iso, u1, GNTMAP_host_map | GNTMAP_readonly),
             -EACCES);
    current = NULL;

    /* XENMEM_acquire_resource end to end (size query) */
    current = d0->vcpu[0];
    a.domid = 1;
    CHECK_EQ("flask-hooks-acquire-dom0", mh_acquire(false, &a, NULL), 0);
    current = iso->vcpu[0];
    CHECK_EQ("flask-hooks-acquire-isolated", mh_acquire(false, &a, NULL),
             -EACCES);
    current = dm->vcpu[0];
    CHECK_EQ("flask-hooks-acquire-dm", mh_acquire(false, &a, NULL), 0);
    a.domid = 2;
    CHECK_EQ("flask-hooks-acquire-dm-other", mh_acquire(false, &a, NULL),
             -EACCES);
    current = NULL;

    /* permissive: logged, allowed */
    mh_destroy_all();
    CHECK_EQ("flask-hooks-reload-permissive",
             flask_init(policy, policy_len, false), 0);
    d0 = fh_domain(0, false, -1, "system_u:system_r:domU_t");
    self = fh_domain(1, false, -1, "");
    CHECK("flask-hooks-permissive-domains", d0 && self);
    if ( !d0 || !self )
        return unit_done();
    unit_log_clear();
    CHECK_EQ("flask-hooks-permissive-allows", MAP(d0, self), 0);
    CHECK("flask-hooks-permissive-logged",
          unit_log_count("avc: denied (permissive) { resource_map }") == 1);

    mh_destroy_all();
    flask_reset();
    CHECK("flask-hooks-reset", xsm_ops == &xsm_dummy_ops);
    CHECK_EQ("flask-hooks-pages-back", total_free_pages(), baseline);
    free(policy);
    return unit_done();
}
