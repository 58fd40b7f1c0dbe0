/*
 * XSM: the security hooks.  Common code asks one question per privileged
 * operation; the module chosen at boot (dummy, or FLASK) answers 0 or
 * -EPERM/-EACCES.
 *
 * Each hook names its default action: what the dummy module (Xen's
 * default policy) allows.  The action is a fact about the operation, so
 * it is written at the call site, as in Xen.
 */
#ifndef XSM_XSM_H
#define XSM_XSM_H

#include <xen/types.h>

struct domain;

typedef enum {
    XSM_HOOK,       /* anyone */
    XSM_DM_PRIV,    /* the target's device model, or the control domain */
    XSM_TARGET,     /* the domain itself, its device model, or control */
    XSM_PRIV,       /* the control domain only */
} xsm_default_t;

struct xsm_ops {
    const char *name;
    int (*domain_resource_map)(struct domain *d);
    int (*grant_query)(struct domain *d);      /* setup_table, query_size... */
    int (*grant_mapref)(struct domain *ld, struct domain *rd, uint32_t flags);
    int (*add_to_physmap)(struct domain *d);
    int (*remove_from_physmap)(struct domain *d);
    int (*dm_op)(struct domain *d);
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

static inline int xsm_grant_query(xsm_default_t def, struct domain *d)
{
    (void)def;
    return xsm_ops->grant_query(d);
}

static inline int xsm_grant_mapref(xsm_default_t def, struct domain *ld,
                                   struct domain *rd, uint32_t flags)
{
    (void)def;
    return xsm_ops->grant_mapref(ld, rd, flags);
}

static inline int xsm_add_to_physmap(xsm_default_t def, struct domain *d)
{
    (void)def;
    return xsm_ops->add_to_physmap(d);
}

static inline int xsm_remove_from_physmap(xsm_default_t def, struct domain *d)
{
    (void)def;
    return xsm_ops->remove_from_physmap(d);
}

/* dm_op on d: the caller acts as d's device model (XSM_DM_PRIV). */
static inline int xsm_dm_op(xsm_default_t def, struct domain *d)
{
    (void)def;
    return xsm_ops->dm_op(d);
}

#endif /* XSM_XSM_H */
