/*
 * XSM: the security hooks.  Common code asks one question per privileged
 * operation; the module chosen at boot (dummy, or FLASK) answers 0 or
 * -EPERM/-EACCES.
 *
 * Each hook names its default action: what the dummy module (Xen's
 * default policy) allows.  The action is a fact about the operation, so
 * it is written at the call site, as in Xen.  Hooks and actions are Xen
 * 4.17's, one per operation: a module must be able to allow one without
 * the other (docs/flask.md lists the FLASK permission of each).
 */
#ifndef XSM_XSM_H
#define XSM_XSM_H

#include <xen/types.h>
#include <public/xen.h>

struct domain;
struct evtchn;      /* xen/event.h: see "Event channels" below */

typedef enum {
    XSM_HOOK,       /* anyone */
    XSM_DM_PRIV,    /* the target's device model, or the control domain */
    XSM_TARGET,     /* the domain itself, its device model, or control */
    XSM_PRIV,       /* the control domain only */
} xsm_default_t;

/* Where a hook has no d1, the caller (current's domain) is it. */
struct xsm_ops {
    const char *name;
    int (*domain_resource_map)(struct domain *d);
    int (*grant_setup)(struct domain *d);
    int (*grant_query_size)(struct domain *d);
    int (*grant_mapref)(struct domain *ld, struct domain *rd, uint32_t flags);
    int (*grant_unmapref)(struct domain *ld, struct domain *rd);
    int (*add_to_physmap)(struct domain *d);
    int (*remove_from_physmap)(struct domain *d);
    int (*map_gmfn_foreign)(struct domain *d, struct domain *t);
    int (*memory_adjust_reservation)(struct domain *d);
    int (*memory_stat_reservation)(struct domain *d);
    int (*dm_op)(struct domain *d);
    int (*hvm_param)(struct domain *d, unsigned long op);
    int (*evtchn_unbound)(struct domain *d, struct evtchn *chn, domid_t id2);
    int (*evtchn_interdomain)(struct domain *d1, struct evtchn *chn1,
                              struct domain *d2, struct evtchn *chn2);
    void (*evtchn_close_post)(struct evtchn *chn);
    int (*evtchn_send)(struct domain *d, struct evtchn *chn);
    int (*evtchn_status)(struct domain *d, struct evtchn *chn);
    int (*evtchn_reset)(struct domain *d1, struct domain *d2);
    int (*domctl)(struct domain *d, unsigned int cmd);
    int (*domain_create)(uint32_t ssidref, uint32_t *type);
    int (*getdomaininfo)(struct domain *d);
    int (*sysctl)(unsigned int cmd);
    int (*platform_op)(uint32_t cmd);
};

extern const struct xsm_ops *xsm_ops;
extern const struct xsm_ops xsm_dummy_ops;

/* The dummy policy's decision for src acting on target. */
int xsm_default_action(xsm_default_t action, const struct domain *src,
                       const struct domain *target);

/* A boot module that holds a FLASK policy (magic, then "XenFlask"). */
bool xsm_is_policy_module(const void *data, size_t len);

/*
 * Pick the module named by the xsm= boot option.  policy (NULL if none)
 * is the policy boot module: xsm=flask loads it (flask=enforcing, the
 * default, or flask=permissive); without one, or if it is refused, the
 * dummy module stays.  Other modules ignore it.
 */
void xsm_init(const void *policy, size_t len);

/*
 * Boot domains: the label cfg asks for (0 and *type; *type is 0 under
 * the dummy module, which ignores labels), or -ENOENT/-EINVAL for a
 * label the policy does not have.  Then xsm_domain_labelled() once d
 * exists, and xsm_domain_target_set() once d->target is resolved.
 */
struct domain_config;
int xsm_domain_config_label(const struct domain_config *cfg, uint32_t *type);
void xsm_domain_labelled(struct domain *d, uint32_t type);
void xsm_domain_target_set(struct domain *d);

/* XENMEM_acquire_resource on d's resources (XSM_DM_PRIV). */
static inline int xsm_domain_resource_map(xsm_default_t def, struct domain *d)
{
    (void)def;
    return xsm_ops->domain_resource_map(d);
}

/* GNTTABOP_setup_table, get_status_frames on d's table (XSM_TARGET). */
static inline int xsm_grant_setup(xsm_default_t def, struct domain *d)
{
    (void)def;
    return xsm_ops->grant_setup(d);
}

/* GNTTABOP_query_size, get_version on d's table (XSM_TARGET). */
static inline int xsm_grant_query_size(xsm_default_t def, struct domain *d)
{
    (void)def;
    return xsm_ops->grant_query_size(d);
}

/* ld maps a grant of rd (XSM_HOOK). */
static inline int xsm_grant_mapref(xsm_default_t def, struct domain *ld,
                                   struct domain *rd, uint32_t flags)
{
    (void)def;
    return xsm_ops->grant_mapref(ld, rd, flags);
}

/* ld unmaps a grant of rd (XSM_HOOK). */
static inline int xsm_grant_unmapref(xsm_default_t def, struct domain *ld,
                                     struct domain *rd)
{
    (void)def;
    return xsm_ops->grant_unmapref(ld, rd);
}

/* XENMEM_add_to_physmap into d (XSM_TARGET). */
static inline int xsm_add_to_physmap(xsm_default_t def, struct domain *d)
{
    (void)def;
    return xsm_ops->add_to_physmap(d);
}

/* XENMEM_remove_from_physmap from d (XSM_TARGET). */
static inline int xsm_remove_from_physmap(xsm_default_t def, struct domain *d)
{
    (void)def;
    return xsm_ops->remove_from_physmap(d);
}

/*
 * XENMAPSPACE_gmfn_foreign: d (the domain whose physmap gets the page,
 * not necessarily the caller) maps t's RAM (XSM_TARGET, d acting on t;
 * FLASK mmu:map_read and map_write).
 */
static inline int xsm_map_gmfn_foreign(xsm_default_t def, struct domain *d,
                                       struct domain *t)
{
    (void)def;
    return xsm_ops->map_gmfn_foreign(d, t);
}

/* XENMEM_decrease_reservation (and increase, populate) of d (XSM_TARGET). */
static inline int xsm_memory_adjust_reservation(xsm_default_t def,
                                                struct domain *d)
{
    (void)def;
    return xsm_ops->memory_adjust_reservation(d);
}

/* XENMEM_current_reservation, maximum_reservation of d (XSM_TARGET). */
static inline int xsm_memory_stat_reservation(xsm_default_t def,
                                              struct domain *d)
{
    (void)def;
    return xsm_ops->memory_stat_reservation(d);
}

/* dm_op on d: the caller acts as d's device model (XSM_DM_PRIV). */
static inline int xsm_dm_op(xsm_default_t def, struct domain *d)
{
    (void)def;
    return xsm_ops->dm_op(d);
}

/*
 * hvm_op on d's parameters: op is HVMOP_set_param or HVMOP_get_param
 * (FLASK hvm:setparam / getparam; any other op hvm:hvmctl) (XSM_TARGET).
 */
static inline int xsm_hvm_param(xsm_default_t def, struct domain *d,
                                unsigned long op)
{
    (void)def;
    return xsm_ops->hvm_param(d, op);
}

/*
 * Domain and system control (common/domctl.c, sysctl.c), as Xen 4.17:
 *  - xsm_domctl(XSM_PRIV, d, cmd): the caller may do domctl cmd on d
 *    (dummy: the control domain only, XSM_PRIV; FLASK: the command's own
 *    permission, domain:destroy, pause, unpause, max_vcpus,
 *    setdomainmaxmem).  Not asked for createdomain and getdomaininfo,
 *    which have their own hooks below (FLASK's answer for them is 0).
 *  - xsm_domain_create(XSM_PRIV, ssidref, &type): the caller may create
 *    a domain labelled ssidref (0: the default label of a plain domain);
 *    *type is the label to give it with xsm_domain_labelled() (FLASK:
 *    domain:create on it; dummy: 0).
 *  - xsm_getdomaininfo(XSM_HOOK, d): the caller may read d's information
 *    (FLASK domain:getdomaininfo).  The domctl asks xsm_domctl's dummy
 *    default (XSM_PRIV) first; sysctl getdomaininfolist skips the
 *    domains this refuses.
 *  - xsm_sysctl(XSM_PRIV, cmd): the caller may do sysctl cmd (FLASK:
 *    physinfo xen:physinfo, sched_id xen:getscheduler; 0 for
 *    getdomaininfolist, which asks per domain).
 */
static inline int xsm_domctl(xsm_default_t def, struct domain *d,
                             unsigned int cmd)
{
    (void)def;
    return xsm_ops->domctl(d, cmd);
}

static inline int xsm_domain_create(xsm_default_t def, uint32_t ssidref,
                                    uint32_t *type)
{
    (void)def;
    return xsm_ops->domain_create(ssidref, type);
}

static inline int xsm_getdomaininfo(xsm_default_t def, struct domain *d)
{
    (void)def;
    return xsm_ops->getdomaininfo(d);
}

static inline int xsm_sysctl(xsm_default_t def, unsigned int cmd)
{
    (void)def;
    return xsm_ops->sysctl(cmd);
}

/*
 * xsm_platform_op(XSM_PRIV, cmd): the caller may do platform_op cmd
 * (arch/x86/platform_op.c), asked after the interface version is checked
 * and before the command is looked at, as Xen 4.17 (dummy: the control
 * domain only; FLASK: the command's permission on xen_t, as Xen's
 * flask_platform_op: xen:settime, firmware, getcpuinfo, ...).
 */
static inline int xsm_platform_op(xsm_default_t def, uint32_t cmd)
{
    (void)def;
    return xsm_ops->platform_op(cmd);
}

/*
 * Event channels: Xen 4.17's hooks, for common/event_channel*.c.
 *
 * Contract with struct evtchn (xen/event.h), which XSM headers see only
 * as a pointer (the FLASK module includes xen/event.h):
 *  - `uint8_t state` holds enum evtchn_state (ECS_*); FLASK's send hook
 *    reads it.
 *  - `uint32_t flask_sid` is FLASK's label of the channel (a policy type
 *    value).  Only these hooks write it.  0 means unlabeled: a channel
 *    must read 0 when it is first handed out (zeroed memory does), and
 *    xsm_evtchn_close_post() puts 0 back when it is freed.  So there are
 *    no alloc/free hooks (Xen's set SECINITSID_UNLABELED, which 0 names
 *    here).  The dummy module never touches the field.
 *  - A hook that refuses changes nothing; call it before changing the
 *    channel, so that a refusal leaves everything as it was.
 *
 * When to call each (the call sites of Xen 4.17):
 *  - xsm_evtchn_unbound(XSM_TARGET, d, chn, id2): a free port chn of d
 *    is about to become unbound for remote domain id2 (as the caller
 *    gave it: DOMID_SELF allowed), also for ports the hypervisor consumes
 *    (ioreq servers).  FLASK labels chn on success.
 *  - xsm_evtchn_interdomain(XSM_HOOK, d1, chn1, d2, chn2): d1 (the
 *    caller) binds its free port chn1 to d2's unbound port chn2, which
 *    still carries the label unbound gave it.  FLASK labels chn1.
 *  - xsm_evtchn_close_post(chn): chn was just freed (ECS_FREE).
 *  - xsm_evtchn_send(XSM_HOOK, d, chn): d sends on its port chn, in the
 *    state it is in (interdomain, IPI, unbound, or any other).
 *  - xsm_evtchn_status(XSM_TARGET, d, chn): the caller asks the status
 *    of d's port chn.
 *  - xsm_evtchn_reset(XSM_TARGET, d1, d2): d1 (the caller) resets d2's
 *    channels.
 */
static inline int xsm_evtchn_unbound(xsm_default_t def, struct domain *d,
                                     struct evtchn *chn, domid_t id2)
{
    (void)def;
    return xsm_ops->evtchn_unbound(d, chn, id2);
}

static inline int xsm_evtchn_interdomain(xsm_default_t def, struct domain *d1,
                                         struct evtchn *chn1,
                                         struct domain *d2,
                                         struct evtchn *chn2)
{
    (void)def;
    return xsm_ops->evtchn_interdomain(d1, chn1, d2, chn2);
}

static inline void xsm_evtchn_close_post(struct evtchn *chn)
{
    xsm_ops->evtchn_close_post(chn);
}

static inline int xsm_evtchn_send(xsm_default_t def, struct domain *d,
                                  struct evtchn *chn)
{
    (void)def;
    return xsm_ops->evtchn_send(d, chn);
}

static inline int xsm_evtchn_status(xsm_default_t def, struct domain *d,
                                    struct evtchn *chn)
{
    (void)def;
    return xsm_ops->evtchn_status(d, chn);
}

static inline int xsm_evtchn_reset(xsm_default_t def, struct domain *d1,
                                   struct domain *d2)
{
    (void)def;
    return xsm_ops->evtchn_reset(d1, d2);
}

#endif /* XSM_XSM_H */
