/*
 * Event channels around a domain's life: its port table's creation,
 * reset and destruction, events the hypervisor raises (VIRQs, ports it
 * consumes itself for ioreq servers), upcalls, and SCHEDOP_poll's
 * wake-ups.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <xen/bitops.h>
#include <xen/shared.h>
#include <xen/hypercall.h>
#include <xsm/xsm.h>
#include "event_channel_private.h"

int evtchn_domain_init(struct domain *d, unsigned int max_port)
{
    struct evtchn_domain *ed = &d->evtchn;
    struct evtchn *chn;

    if ( !max_port || max_port >= EVTCHN_FIFO_NR_CHANNELS )
        max_port = max_port ? EVTCHN_FIFO_NR_CHANNELS - 1
                            : EVTCHN_DEFAULT_MAX_PORT;
    ed->max_port = max_port;
    ed->abi = &evtchn_abi_2l;
    ed->nr_buckets = max_port / EVTCHNS_PER_BUCKET + 1;
    ed->buckets = xzalloc_array(struct evtchn *, ed->nr_buckets);
    if ( !ed->buckets || evtchn_get_free_port(d) != 0 )
        return -ENOMEM;         /* evtchn_domain_destroy() cleans up */
    chn = evtchn_from_port(d, 0);
    chn->state = ECS_RESERVED;
    return 0;
}

/* Close ports from `from` up; stop for preemption if allowed. */
static int close_all(struct domain *d, evtchn_port_t *from, bool preemptible)
{
    evtchn_port_t port;
    struct evtchn *chn;

    for ( port = *from; port < d->evtchn.nr_buckets * EVTCHNS_PER_BUCKET;
          port++ )
    {
        chn = evtchn_from_port(d, port);
        if ( chn && chn->state != ECS_FREE && chn->state != ECS_RESERVED &&
             !(preemptible && chn->xen_consumer) )
            evtchn_close(d, port, false);
        if ( preemptible && !(port & 0x3f) && port > *from &&
             hypercall_preempt_check() )
        {
            *from = port + 1;
            return -ERESTART;
        }
    }
    return 0;
}

void evtchn_domain_destroy(struct domain *d)
{
    struct evtchn_domain *ed = &d->evtchn;
    evtchn_port_t from = 1;
    unsigned int b;

    if ( !ed->buckets )
        return;
    close_all(d, &from, false);
    evtchn_fifo_destroy(d);
    for ( b = 0; b < ed->nr_buckets; b++ )
        xfree(ed->buckets[b]);
    xfree(ed->buckets);
    ed->buckets = NULL;
    ed->nr_buckets = 0;
}

/*
 * EVTCHNOP_reset: close every port the guest may close, then (FIFO) go
 * back to the 2-level ABI.  -ERESTART: continue from ed->reset_next.
 * Only a domain may reset itself here: Xen also lets a toolstack reset
 * a domain it has paused, and we have no pause yet.
 */
int evtchn_reset(struct domain *d, bool resuming)
{
    struct evtchn_domain *ed = &d->evtchn;
    int rc;

    if ( d != current_domain() )
        return -EINVAL;
    if ( !resuming )
        ed->reset_next = 1;
    rc = close_all(d, &ed->reset_next, true);
    if ( rc )
        return rc;
    if ( ed->active > ed->xen_ports )
        return -EAGAIN;
    if ( ed->fifo )
    {
        evtchn_fifo_destroy(d);
        ed->abi = &evtchn_abi_2l;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Events the hypervisor raises. */

void send_guest_vcpu_virq(struct vcpu *v, uint32_t virq)
{
    evtchn_port_t port = v->evtchn.virq_to_port[virq];

    ASSERT(!virq_is_global(virq));
    if ( port )
        evtchn_set_pending(v->domain, evtchn_from_port(v->domain, port));
}

void send_guest_global_virq(struct domain *d, uint32_t virq)
{
    struct vcpu *v0 = d->vcpu[0];
    evtchn_port_t port;

    ASSERT(virq_is_global(virq));
    if ( !v0 || d->state != DOMSTATE_running )
        return;
    port = v0->evtchn.virq_to_port[virq];
    if ( port )
        evtchn_set_pending(d, evtchn_from_port(d, port));
}

int evtchn_alloc_xen_port(struct domain *ld, unsigned int vcpu_id,
                          domid_t remote, evtchn_xen_fn_t fn)
{
    struct evtchn *chn;
    int port = evtchn_get_free_port(ld), rc;

    if ( port < 0 )
        return port;
    chn = evtchn_from_port(ld, port);
    rc = xsm_evtchn_unbound(XSM_TARGET, ld, chn, remote);
    if ( rc )
        return rc;
    evtchn_claim_port(ld, port, ECS_UNBOUND, vcpu_id);
    chn->u.unbound_remote = remote;
    chn->xen_consumer = fn;
    ld->evtchn.xen_ports++;
    return port;
}

void evtchn_free_xen_port(struct domain *ld, evtchn_port_t port)
{
    struct evtchn *chn = evtchn_from_port(ld, port);

    if ( !chn || !chn->xen_consumer )
        return;
    evtchn_close(ld, port, false);
}

void evtchn_notify_remote(struct domain *ld, evtchn_port_t port)
{
    struct evtchn *chn = evtchn_from_port(ld, port);

    if ( chn && chn->state == ECS_INTERDOMAIN )
        evtchn_set_pending(chn->u.remote.dom,
                           evtchn_from_port(chn->u.remote.dom,
                                            chn->u.remote.port));
}

/* ------------------------------------------------------------------ */
/* Upcalls and pollers. */

void vcpu_mark_events_pending(struct vcpu *v)
{
    uint8_t *vi = vcpu_info_va(v);

    if ( !test_and_set_bit(0, vi + VCPU_INFO_UPCALL_PENDING) )
        arch_evtchn_upcall(v);
}

bool evtchn_port_is_pending(struct domain *d, evtchn_port_t port)
{
    struct evtchn *chn = evtchn_from_port(d, port);

    return chn && d->evtchn.abi->is_pending(d, chn);
}

void evtchn_check_pollers(struct domain *d, evtchn_port_t port)
{
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( v && v->evtchn.polling &&
             (!v->evtchn.poll_port || v->evtchn.poll_port == port) )
        {
            v->evtchn.polling = false;
            vcpu_wake(v);
        }
    }
}
