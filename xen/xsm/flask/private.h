/*
 * What the FLASK module's files share: the loaded policy, the access
 * decision (access.c) and the event-channel hooks (evtchn.c).  Not for
 * use outside xen/xsm/flask.
 *
 * A "type" is a policy type value.  Contexts of this policy differ only
 * by type (one user, one role), so a type stands where Xen has a SID:
 * a domain's SIDs are its flask_type / flask_self_type /
 * flask_target_type, an event channel's is its flask_sid.
 */
#ifndef XSM_FLASK_PRIVATE_H
#define XSM_FLASK_PRIVATE_H

#include <xen/types.h>
#include <public/xen.h>
#include <xsm/flask/policydb.h>

struct domain;
struct evtchn;

extern struct policydb flask_policy;    /* valid while FLASK is the module */
extern bool flask_enforce;

/* The policy numbers classes and permissions as our headers do: 0. */
int flask_check_numbering(const struct policydb *p);

/* dst's type as src sees it (Xen's domain_target_sid). */
uint32_t flask_seen_type(const struct domain *src, const struct domain *dst);

/*
 * stype may do perms (of tclass) on ttype: 0, else the denial is logged
 * (naming src and dst, either may be NULL) and gives -EACCES, or 0 when
 * permissive.  Xen's avc_has_perm.
 */
int flask_allowed(uint32_t stype, uint32_t ttype, uint16_t tclass,
                  uint32_t perms, const struct domain *src,
                  const struct domain *dst);

/* src may do perms on dst as src sees it (Xen's domain_has_perm). */
int flask_domain_has_perm(const struct domain *src, const struct domain *dst,
                          uint16_t tclass, uint32_t perms);

/*
 * The type of a new object of tclass (not a domain) made by stype for
 * ttype, as Xen's security_transition_sid: the type_transition rule's
 * type, else ttype (objects take the type of the related object).
 */
uint32_t flask_object_type(uint32_t stype, uint32_t ttype, uint16_t tclass);

/* The type of the unlabeled initial SID (what flask_sid 0 stands for). */
uint32_t flask_unlabeled_type(void);

/*
 * A request the policy has no permission for (Xen's
 * avc_unknown_permission): allowed, logged, when permissive or when the
 * policy allows unknown permissions; else -EPERM, logged.
 */
int flask_unknown(const char *what, int id);

/* Event-channel hooks (evtchn.c); see xsm/xsm.h for the contract. */
int flask_evtchn_unbound(struct domain *d, struct evtchn *chn, domid_t id2);
int flask_evtchn_interdomain(struct domain *d1, struct evtchn *chn1,
                             struct domain *d2, struct evtchn *chn2);
void flask_evtchn_close_post(struct evtchn *chn);
int flask_evtchn_send(struct domain *d, struct evtchn *chn);
int flask_evtchn_status(struct domain *d, struct evtchn *chn);
int flask_evtchn_reset(struct domain *d1, struct domain *d2);

/* Domain and system control hooks (domctl.c); see xsm/xsm.h. */
int flask_domctl(struct domain *d, unsigned int cmd);
int flask_domain_create(uint32_t ssidref, uint32_t *type);
int flask_getdomaininfo(struct domain *d);
int flask_sysctl(unsigned int cmd);
int flask_platform_op(uint32_t cmd);

#endif /* XSM_FLASK_PRIVATE_H */
