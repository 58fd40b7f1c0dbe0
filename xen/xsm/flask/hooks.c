/*
 * The FLASK XSM module over the loaded policy (xsm/flask/policydb.h):
 * loading it, labelling domains, and the hooks on domains, each with the
 * permission Xen 4.17 checks (docs/flask.md).  Decisions: access.c;
 * event channels: evtchn.c.  See xsm/flask/hooks.h for how domains are
 * labelled and seen.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/domain_config.h>
#include <public/grant_table.h>
#include <public/hvm/hvm_op.h>
#include <xsm/xsm.h>
#include <xsm/flask/policydb.h>
#include <xsm/flask/hooks.h>
#include <flask/flask.h>
#include <flask/av_permissions.h>
#include "private.h"

#define DEFAULT_CONTROL_LABEL "system_u:system_r:dom0_t"
#define DEFAULT_DOMAIN_LABEL  "system_u:system_r:domU_t"

struct policydb flask_policy;
bool flask_enforce = true;
static bool flask_loaded;

int flask_init(const void *policy, size_t len, bool enforcing)
{
    struct policydb p;
    int rc = policydb_load(&p, policy, len);

    if ( rc )
        return rc;
    if ( (rc = flask_check_numbering(&p)) )
    {
        policydb_destroy(&p);
        return rc;
    }
    flask_reset();
    flask_policy = p;
    flask_loaded = true;
    flask_enforce = enforcing;
    xsm_ops = &xsm_flask_ops;
    return 0;
}

void flask_reset(void)
{
    if ( flask_loaded )
        policydb_destroy(&flask_policy);
    flask_loaded = false;
    flask_enforce = true;
    xsm_ops = &xsm_dummy_ops;
}

bool flask_enforcing(void)
{
    return flask_enforce;
}

int flask_config_type(const struct domain_config *cfg)
{
    const char *label = cfg->label[0] ? cfg->label :
                        cfg->role == DOMROLE_CONTROL ? DEFAULT_CONTROL_LABEL
                                                     : DEFAULT_DOMAIN_LABEL;

    if ( !flask_loaded )
        return -ENOENT;
    return policydb_context_type(&flask_policy, label);
}

void flask_domain_label(struct domain *d, uint32_t type)
{
    uint32_t self = policydb_transition(&flask_policy, type, type,
                                        SECCLASS_DOMAIN);

    d->flask_type = type;
    d->flask_self_type = self ? self : type;
    d->flask_target_type = 0;
}

/* As Xen's set_target: transition(target's type, dm's type, domain). */
void flask_domain_target(struct domain *d)
{
    uint32_t tt;

    if ( !d->target )
    {
        d->flask_target_type = 0;
        return;
    }
    tt = policydb_transition(&flask_policy, d->target->flask_type,
                             d->flask_type, SECCLASS_DOMAIN);
    d->flask_target_type = tt ? tt : d->target->flask_type;
}

static int current_has_perm(const struct domain *d, uint16_t tclass,
                            uint32_t perms)
{
    return flask_domain_has_perm(current_domain(), d, tclass, perms);
}

static int flask_domain_resource_map(struct domain *d)
{
    return current_has_perm(d, SECCLASS_DOMAIN2, DOMAIN2__RESOURCE_MAP);
}

static int flask_grant_setup(struct domain *d)
{
    return current_has_perm(d, SECCLASS_GRANT, GRANT__SETUP);
}

static int flask_grant_query_size(struct domain *d)
{
    return current_has_perm(d, SECCLASS_GRANT, GRANT__QUERY);
}

static int flask_grant_mapref(struct domain *ld, struct domain *rd,
                              uint32_t flags)
{
    uint32_t perms = GRANT__MAP_READ;

    if ( !(flags & GNTMAP_readonly) )
        perms |= GRANT__MAP_WRITE;
    return flask_domain_has_perm(ld, rd, SECCLASS_GRANT, perms);
}

static int flask_grant_unmapref(struct domain *ld, struct domain *rd)
{
    return flask_domain_has_perm(ld, rd, SECCLASS_GRANT, GRANT__UNMAP);
}

static int flask_add_to_physmap(struct domain *d)
{
    return current_has_perm(d, SECCLASS_MMU, MMU__PHYSMAP);
}

static int flask_remove_from_physmap(struct domain *d)
{
    return current_has_perm(d, SECCLASS_MMU, MMU__PHYSMAP);
}

/* Both permissions, asked of d (the physmap's owner) on t. */
static int flask_map_gmfn_foreign(struct domain *d, struct domain *t)
{
    return flask_domain_has_perm(d, t, SECCLASS_MMU,
                                 MMU__MAP_READ | MMU__MAP_WRITE);
}

static int flask_memory_adjust_reservation(struct domain *d)
{
    return current_has_perm(d, SECCLASS_MMU, MMU__ADJUST);
}

static int flask_memory_stat_reservation(struct domain *d)
{
    return current_has_perm(d, SECCLASS_MMU, MMU__STAT);
}

static int flask_dm_op(struct domain *d)
{
    return current_has_perm(d, SECCLASS_HVM, HVM__DM);
}

static int flask_hvm_param(struct domain *d, unsigned long op)
{
    uint32_t perm;

    switch ( op )
    {
    case HVMOP_set_param:
        perm = HVM__SETPARAM;
        break;
    case HVMOP_get_param:
        perm = HVM__GETPARAM;
        break;
    default:
        perm = HVM__HVMCTL;
    }
    return current_has_perm(d, SECCLASS_HVM, perm);
}

const struct xsm_ops xsm_flask_ops = {
    .name = "flask",
    .domain_resource_map = flask_domain_resource_map,
    .grant_setup = flask_grant_setup,
    .grant_query_size = flask_grant_query_size,
    .grant_mapref = flask_grant_mapref,
    .grant_unmapref = flask_grant_unmapref,
    .add_to_physmap = flask_add_to_physmap,
    .remove_from_physmap = flask_remove_from_physmap,
    .map_gmfn_foreign = flask_map_gmfn_foreign,
    .memory_adjust_reservation = flask_memory_adjust_reservation,
    .memory_stat_reservation = flask_memory_stat_reservation,
    .dm_op = flask_dm_op,
    .hvm_param = flask_hvm_param,
    .evtchn_unbound = flask_evtchn_unbound,
    .evtchn_interdomain = flask_evtchn_interdomain,
    .evtchn_close_post = flask_evtchn_close_post,
    .evtchn_send = flask_evtchn_send,
    .evtchn_status = flask_evtchn_status,
    .evtchn_reset = flask_evtchn_reset,
    .domctl = flask_domctl,
    .domain_create = flask_domain_create,
    .getdomaininfo = flask_getdomaininfo,
    .sysctl = flask_sysctl,
    .platform_op = flask_platform_op,
};
