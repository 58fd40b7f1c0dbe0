/*
 * FLASK hooks of domain and system control (xsm/xsm.h): the permission
 * Xen 4.17 checks for each domctl and sysctl implemented here, and the
 * label of a domain created at run time.
 *
 * A label here is a policy type (private.h), so the ssidref of
 * XEN_DOMCTL_createdomain is a type value, as getdomaininfo reports one;
 * 0 asks for the default label of a plain domain (system_u:system_r:
 * domU_t; Xen would use unlabeled_t, which no policy lets anyone create,
 * and a caller here has no flask_op to look a label up).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/domain_config.h>
#include <public/domctl.h>
#include <public/sysctl.h>
#include <xsm/xsm.h>
#include <xsm/flask/hooks.h>
#include <flask/flask.h>
#include <flask/av_permissions.h>
#include "private.h"

static int current_has_domain_perm(const struct domain *d, uint32_t perm)
{
    return flask_domain_has_perm(current_domain(), d, SECCLASS_DOMAIN, perm);
}

int flask_domctl(struct domain *d, unsigned int cmd)
{
    switch ( cmd )
    {
    case XEN_DOMCTL_createdomain:       /* flask_domain_create() */
    case XEN_DOMCTL_getdomaininfo:      /* flask_getdomaininfo() */
        return 0;
    case XEN_DOMCTL_destroydomain:
        return current_has_domain_perm(d, DOMAIN__DESTROY);
    case XEN_DOMCTL_pausedomain:
        return current_has_domain_perm(d, DOMAIN__PAUSE);
    case XEN_DOMCTL_unpausedomain:
        return current_has_domain_perm(d, DOMAIN__UNPAUSE);
    case XEN_DOMCTL_max_vcpus:
        return current_has_domain_perm(d, DOMAIN__MAX_VCPUS);
    case XEN_DOMCTL_max_mem:
        return current_has_domain_perm(d, DOMAIN__SETDOMAINMAXMEM);
    default:
        return flask_unknown("domctl", cmd);
    }
}

/* The type of an initial SID's context, or 0. */
static uint32_t isid_type(uint32_t sid)
{
    struct policydb_context ctx;

    return policydb_isid(&flask_policy, sid, &ctx) ? 0 : ctx.type;
}

int flask_domain_create(uint32_t ssidref, uint32_t *type)
{
    const struct domain *cur = current_domain();
    struct domain_config plain = { .role = DOMROLE_PLAIN };
    int t = ssidref;
    int rc;

    if ( !ssidref )
        t = flask_config_type(&plain);
    else if ( !policydb_type_name(&flask_policy, ssidref) )
        t = -EINVAL;
    if ( t <= 0 )
        return t < 0 ? t : -EINVAL;
    rc = flask_allowed(cur->flask_type, t, SECCLASS_DOMAIN, DOMAIN__CREATE,
                       cur, NULL);
    if ( rc )
        return rc;
    /* dom0_t is a singleton label (Xen refuses a second one). */
    if ( (uint32_t)t == isid_type(SECINITSID_DOM0) )
        return -EINVAL;
    *type = t;
    return 0;
}

int flask_getdomaininfo(struct domain *d)
{
    return current_has_domain_perm(d, DOMAIN__GETDOMAININFO);
}

/* Xen's domain_has_xen: the caller on the hypervisor (xen_t). */
static int current_has_xen_perm(uint32_t perm)
{
    const struct domain *cur = current_domain();

    return flask_allowed(cur->flask_type, isid_type(SECINITSID_XEN),
                         SECCLASS_XEN, perm, cur, NULL);
}

int flask_sysctl(unsigned int cmd)
{
    switch ( cmd )
    {
    case XEN_SYSCTL_getdomaininfolist:  /* per domain: getdomaininfo */
        return 0;
    case XEN_SYSCTL_physinfo:
        return current_has_xen_perm(XEN__PHYSINFO);
    case XEN_SYSCTL_sched_id:
        return current_has_xen_perm(XEN__GETSCHEDULER);
    default:
        return flask_unknown("sysctl", cmd);
    }
}
