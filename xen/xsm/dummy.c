/*
 * The dummy XSM module: Xen's built-in policy.  The control domain may do
 * anything; a device model may act on its target; a domain may act on
 * itself where the action allows it; nobody else may.
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

static int dummy_domain_resource_map(struct domain *d)
{
    return xsm_default_action(XSM_DM_PRIV, current_domain(), d);
}

static int dummy_grant_query(struct domain *d)
{
    return xsm_default_action(XSM_TARGET, current_domain(), d);
}

static int dummy_grant_mapref(struct domain *ld, struct domain *rd,
                              uint32_t flags)
{
    (void)ld; (void)rd; (void)flags;
    return xsm_default_action(XSM_HOOK, current_domain(), NULL);
}

static int dummy_add_to_physmap(struct domain *d)
{
    return xsm_default_action(XSM_TARGET, current_domain(), d);
}

static int dummy_remove_from_physmap(struct domain *d)
{
    return xsm_default_action(XSM_TARGET, current_domain(), d);
}

static int dummy_dm_op(struct domain *d)
{
    return xsm_default_action(XSM_DM_PRIV, current_domain(), d);
}

const struct xsm_ops xsm_dummy_ops = {
    .name = "dummy",
    .domain_resource_map = dummy_domain_resource_map,
    .grant_query = dummy_grant_query,
    .grant_mapref = dummy_grant_mapref,
    .add_to_physmap = dummy_add_to_physmap,
    .remove_from_physmap = dummy_remove_from_physmap,
    .dm_op = dummy_dm_op,
};
