/*
 * What the event-channel files share (event_channel.c: the port table
 * and the guest's operations; event_domain.c: life cycle and events the
 * hypervisor raises; event_channel_op.c: the hypercall).
 */
#ifndef COMMON_EVENT_CHANNEL_PRIVATE_H
#define COMMON_EVENT_CHANNEL_PRIVATE_H

#include <xen/event.h>

/* The lowest free port of d (its bucket allocated), or -ENOSPC/-ENOMEM,
 * or -EINVAL once d is stopping. */
int evtchn_get_free_port(struct domain *d);
/* Make free port live in state, notifying vCPU notify_vcpu_id. */
struct evtchn *evtchn_claim_port(struct domain *d, evtchn_port_t port,
                                 enum evtchn_state state,
                                 unsigned int notify_vcpu_id);
void evtchn_free_port(struct domain *d, struct evtchn *chn);
/* Raise chn of d on the vCPU it notifies. */
void evtchn_set_pending(struct domain *d, struct evtchn *chn);
/* DOMID_SELF or a running domain, as guests name them; NULL if none. */
struct domain *evtchn_lookup_domain(domid_t id);

#endif /* COMMON_EVENT_CHANNEL_PRIVATE_H */
