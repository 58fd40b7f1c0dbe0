/*
 * The dummy XSM module: Xen's built-in policy.  The control domain may do
 * anything; a device model may act on its target; a domain may act on
 * itself where the action allows it; nobody else may.  Each hook applies
 * the default action Xen 4.17's dummy module gives it, between the same
 * two domains.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xsm/xsm.h>

int xsm_default_action(xsm_default_t action, const struct domain *src,
                       const struct domain *target)
{
    switch ( action )
    {
    case XSM_HOOK:
        return 0;
    case XSM_TARGET:
        if ( src == target )
            return 0;
        /* fall through */
    case XSM_DM_PRIV:
        if ( target && src->target == target )
            return 0;
        /* fall through */
    case XSM_PRIV:
        return src->is_privileged ? 0 : -EPERM;
    }
    return -EPERM;
}

/* The caller on d, with the given default action. */
static int caller_may(xsm_default_t action, struct domain *d)
{
    return xsm_default_action(action, current_domain(), d);
}

static int dummy_domain_resource_map(struct domain *d)
{
    return caller_may(XSM_DM_PRIV, d);
}

static int dummy_grant_setup(struct domain *d)
{
    return caller_may(XSM_TARGET, d);
}

static int dummy_grant_query_size(struct domain *d)
{
    return caller_may(XSM_TARGET, d);
}

static int dummy_grant_mapref(struct domain *ld, struct domain *rd,
                              uint32_t flags)
{
    (void)flags;
    return xsm_default_action(XSM_HOOK, ld, rd);
}

static int dummy_grant_unmapref(struct domain *ld, struct domain *rd)
{
    return xsm_default_action(XSM_HOOK, ld, rd);
}

static int dummy_add_to_physmap(struct domain *d)
{
    return caller_may(XSM_TARGET, d);
}

static int dummy_remove_from_physmap(struct domain *d)
{
    return caller_may(XSM_TARGET, d);
}

/* Xen 4.17: between the two domains, whoever the caller is. */
static int dummy_map_gmfn_foreign(struct domain *d, struct domain *t)
{
    return xsm_default_action(XSM_TARGET, d, t);
}

static int dummy_memory_adjust_reservation(struct domain *d)
{
    return caller_may(XSM_TARGET, d);
}

static int dummy_memory_stat_reservation(struct domain *d)
{
    return caller_may(XSM_TARGET, d);
}

static int dummy_dm_op(struct domain *d)
{
    return caller_may(XSM_DM_PRIV, d);
}

static int dummy_hvm_param(struct domain *d, unsigned long op)
{
    (void)op;
    return caller_may(XSM_TARGET, d);
}

static int dummy_evtchn_unbound(struct domain *d, struct evtchn *chn,
                                domid_t id2)
{
    (void)chn; (void)id2;
    return caller_may(XSM_TARGET, d);
}

static int dummy_evtchn_interdomain(struct domain *d1, struct evtchn *chn1,
                                    struct domain *d2, struct evtchn *chn2)
{
    (void)chn1; (void)chn2;
    return xsm_default_action(XSM_HOOK, d1, d2);
}

static void dummy_evtchn_close_post(struct evtchn *chn)
{
    (void)chn;
}

static int dummy_evtchn_send(struct domain *d, struct evtchn *chn)
{
    (void)chn;
    return xsm_default_action(XSM_HOOK, d, NULL);
}

static int dummy_evtchn_status(struct domain *d, struct evtchn *chn)
{
    (void)chn;
    return caller_may(XSM_TARGET, d);
}

static int dummy_evtchn_reset(struct domain *d1, struct domain *d2)
{
    return xsm_default_action(XSM_TARGET, d1, d2);
}

static int dummy_domctl(struct domain *d, unsigned int cmd)
{
    (void)cmd;
    return caller_may(XSM_PRIV, d);
}

static int dummy_domain_create(uint32_t ssidref, uint32_t *type)
{
    (void)ssidref;
    *type = 0;
    return caller_may(XSM_PRIV, NULL);
}

static int dummy_getdomaininfo(struct domain *d)
{
    return caller_may(XSM_HOOK, d);
}

static int dummy_sysctl(unsigned int cmd)
{
    (void)cmd;
    return caller_may(XSM_PRIV, NULL);
}

static int dummy_platform_op(uint32_t cmd)
{
    (void)cmd;
    return caller_may(XSM_PRIV, NULL);
}

const struct xsm_ops xsm_dummy_ops = {
    .name = "dummy",
    .domain_resource_map = dummy_domain_resource_map,
    .grant_setup = dummy_grant_setup,
    .grant_query_size = dummy_grant_query_size,
    .grant_mapref = dummy_grant_mapref,
    .grant_unmapref = dummy_grant_unmapref,
    .add_to_physmap = dummy_add_to_physmap,
    .remove_from_physmap = dummy_remove_from_physmap,
    .map_gmfn_foreign = dummy_map_gmfn_foreign,
    .memory_adjust_reservation = dummy_memory_adjust_reservation,
    .memory_stat_reservation = dummy_memory_stat_reservation,
    .dm_op = dummy_dm_op,
    .hvm_param = dummy_hvm_param,
    .evtchn_unbound = dummy_evtchn_unbound,
    .evtchn_interdomain = dummy_evtchn_interdomain,
    .evtchn_close_post = dummy_evtchn_close_post,
    .evtchn_send = dummy_evtchn_send,
    .evtchn_status = dummy_evtchn_status,
    .evtchn_reset = dummy_evtchn_reset,
    .domctl = dummy_domctl,
    .domain_create = dummy_domain_create,
    .getdomaininfo = dummy_getdomaininfo,
    .sysctl = dummy_sysctl,
    .platform_op = dummy_platform_op,
};
