/*
 * The FLASK XSM module: the loaded policy answers each hook.
 *
 * Every domain has a type (its label), a self type (type_transition
 * T T:domain, else T) and, for a device model, the type its target has
 * as it sees it (type_transition target_type dm_type:domain, as Xen's
 * set_target computes it, else the target's type).  A hook checks the
 * caller's type against the target domain's type as the caller sees it:
 * its self type when acting on itself, its target type when acting on
 * its target, its type otherwise.  Event channels carry labels of their
 * own (xsm/xsm.h, xen/xsm/flask/evtchn.c).  A denial is logged
 * (rate-limited) and gives -EACCES, or 0 in permissive mode.
 */
#ifndef XSM_FLASK_HOOKS_H
#define XSM_FLASK_HOOKS_H

#include <xen/types.h>
#include <xsm/xsm.h>

struct domain;
struct domain_config;

extern const struct xsm_ops xsm_flask_ops;

/*
 * Load a binary policy (a boot module; copied) and make FLASK the XSM
 * module.  0, or the policydb_load() error, or -EINVAL if its classes
 * and permissions do not number as the hypervisor's headers say.
 */
int flask_init(const void *policy, size_t len, bool enforcing);
/* Drop the policy and go back to dummy (tests). */
void flask_reset(void);
bool flask_enforcing(void);

/* The type of a domain configured as cfg: label=, or by default
 * system_u:system_r:dom0_t for the control domain and
 * system_u:system_r:domU_t for others.  > 0, or -ENOENT/-EINVAL. */
int flask_config_type(const struct domain_config *cfg);
/* Give d type (and its self type). */
void flask_domain_label(struct domain *d, uint32_t type);
/* d->target was just set: compute how d sees it. */
void flask_domain_target(struct domain *d);

#endif /* XSM_FLASK_HOOKS_H */
