/* TEMPORARY until the XSM event-channel hooks land: dummy decisions. */
#ifndef EVENT_XSM_TMP_H
#define EVENT_XSM_TMP_H
#include <xsm/xsm.h>
static inline int xsm_evtchn_unbound(xsm_default_t a, struct domain *d, struct evtchn *c, domid_t r)
{ (void)c; (void)r; return xsm_default_action(a, current_domain(), d); }
static inline int xsm_evtchn_interdomain(xsm_default_t a, struct domain *d1, struct evtchn *c1, struct domain *d2, struct evtchn *c2)
{ (void)a; (void)d1; (void)c1; (void)d2; (void)c2; return 0; }
static inline void xsm_evtchn_close_post(struct evtchn *c) { (void)c; }
static inline int xsm_evtchn_send(xsm_default_t a, struct domain *d, struct evtchn *c)
{ (void)a; (void)d; (void)c; return 0; }
static inline int xsm_evtchn_status(xsm_default_t a, struct domain *d, struct evtchn *c)
{ (void)c; return xsm_default_action(a, current_domain(), d); }
static inline int xsm_evtchn_reset(xsm_default_t a, struct domain *d1, struct domain *d2)
{ return xsm_default_action(a, d1, d2); }
static inline int xsm_hvm_param(xsm_default_t a, struct domain *d, unsigned long op)
{ (void)op; return xsm_default_action(a, current_domain(), d); }
#endif
