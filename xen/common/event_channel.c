/*
 * Event channels: the port table of each domain and the operations that
 * bind, raise and close channels (see <xen/event.h>).  The answers are
 * Xen 4.17's: the order of the checks decides which error a bad request
 * gets, so it follows Xen's.
 *
 * Every operation checks everything before it changes anything, except
 * that a fresh port may be allocated (made ECS_FREE but present) before
 * a later check fails: such a port simply stays free.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <xsm/xsm.h>
#include "event_channel_private.h"

/* ------------------------------------------------------------------ */
/* The port table: buckets of EVTCHNS_PER_BUCKET, allocated on demand. */

static unsigned int abi_max_ports(const struct domain *d)
{
    return d->evtchn.abi->max_ports(d);
}

struct evtchn *evtchn_from_port(const struct domain *d, evtchn_port_t port)
{
    const struct evtchn_domain *ed = &d->evtchn;
    unsigned int b = port / EVTCHNS_PER_BUCKET;

    if ( port >= abi_max_ports(d) || b >= ed->nr_buckets || !ed->buckets[b] )
        return NULL;
    return &ed->buckets[b][port % EVTCHNS_PER_BUCKET];
}

static int alloc_bucket(struct domain *d, unsigned int b)
{
    struct evtchn *bucket = xzalloc_array(struct evtchn, EVTCHNS_PER_BUCKET);
    unsigned int i;

    if ( !bucket )
        return -ENOMEM;
    for ( i = 0; i < EVTCHNS_PER_BUCKET; i++ )
        bucket[i].port = b * EVTCHNS_PER_BUCKET + i;
    d->evtchn.buckets[b] = bucket;
    return 0;
}

/* The lowest free port, allocating its bucket if needed. */
int evtchn_get_free_port(struct domain *d)
{
    unsigned int limit = min(d->evtchn.max_port + 1, abi_max_ports(d));
    evtchn_port_t port;

    if ( d->state != DOMSTATE_running )
        return -EINVAL;
    for ( port = 0; port < limit; port++ )
    {
        struct evtchn *chn = evtchn_from_port(d, port);

        if ( !chn )
        {
            int rc = alloc_bucket(d, port / EVTCHNS_PER_BUCKET);

            if ( rc )
                return rc;
            chn = evtchn_from_port(d, port);
        }
        if ( chn->state == ECS_FREE &&
             !(d->evtchn.abi->is_busy && d->evtchn.abi->is_busy(d, chn)) )
            return port;
    }
    return -ENOSPC;
}

/* Make a free port live: counted, defaults as Xen's evtchn_port_init. */
struct evtchn *evtchn_claim_port(struct domain *d, evtchn_port_t port,
                                 enum evtchn_state state,
                                 unsigned int notify_vcpu_id)
{
    struct evtchn *chn = evtchn_from_port(d, port);

    chn->state = state;
    chn->notify_vcpu_id = notify_vcpu_id;
    chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
    chn->xen_consumer = NULL;
    d->evtchn.active++;
    return chn;
}

void evtchn_free_port(struct domain *d, struct evtchn *chn)
{
    /* A re-bound port must not start out pending. */
    d->evtchn.abi->clear_pending(d, chn);
    d->evtchn.active--;
    d->evtchn.xen_ports -= !!chn->xen_consumer;
    chn->state = ECS_FREE;
    chn->notify_vcpu_id = 0;
    chn->xen_consumer = NULL;
    xsm_evtchn_close_post(chn);
}

void evtchn_set_pending(struct domain *d, struct evtchn *chn)
{
    struct vcpu *v = d->vcpu[chn->notify_vcpu_id];

    if ( v )
        d->evtchn.abi->set_pending(v, chn);
}

/* Domains named by guests: DOMID_SELF, or a live domain. */
struct domain *evtchn_lookup_domain(domid_t id)
{
    struct domain *d;

    if ( id == DOMID_SELF )
        return current_domain();
    d = domain_lookup(id);
    return d && d->state == DOMSTATE_running ? d : NULL;
}

static struct vcpu *domain_vcpu(const struct domain *d, unsigned int id)
{
    return id < d->max_vcpus ? d->vcpu[id] : NULL;
}

/* ------------------------------------------------------------------ */
/* Binding. */

int evtchn_alloc_unbound(struct evtchn_alloc_unbound *a)
{
    struct domain *d = evtchn_lookup_domain(a->dom);
    struct evtchn *chn;
    int port, rc;

    if ( !d )
        return -ESRCH;
    port = evtchn_get_free_port(d);
    if ( port < 0 )
        return port;
    chn = evtchn_from_port(d, port);
    rc = xsm_evtchn_unbound(XSM_TARGET, d, chn, a->remote_dom);
    if ( rc )
        return rc;
    evtchn_claim_port(d, port, ECS_UNBOUND, 0);
    chn->u.unbound_remote = a->remote_dom == DOMID_SELF
                            ? current_domain()->domain_id : a->remote_dom;
    a->port = port;
    return 0;
}

int evtchn_bind_interdomain(struct evtchn_bind_interdomain *b)
{
    struct domain *ld = current_domain();
    struct domain *rd = evtchn_lookup_domain(b->remote_dom);
    struct evtchn *lchn, *rchn;
    int lport, rc;

    if ( !rd )
        return -ESRCH;
    lport = evtchn_get_free_port(ld);
    if ( lport < 0 )
        return lport;
    lchn = evtchn_from_port(ld, lport);
    rchn = evtchn_from_port(rd, b->remote_port);
    if ( !rchn || rchn->state != ECS_UNBOUND ||
         rchn->u.unbound_remote != ld->domain_id )
        return -EINVAL;
    rc = xsm_evtchn_interdomain(XSM_HOOK, ld, lchn, rd, rchn);
    if ( rc )
        return rc;

    evtchn_claim_port(ld, lport, ECS_INTERDOMAIN, 0);
    lchn->u.remote.dom = rd;
    lchn->u.remote.port = b->remote_port;
    rchn->state = ECS_INTERDOMAIN;
    rchn->u.remote.dom = ld;
    rchn->u.remote.port = lport;
    /* A notification sent to the unbound end may have been lost. */
    evtchn_set_pending(ld, lchn);
    b->local_port = lport;
    return 0;
}

bool virq_is_global(uint32_t virq)
{
    switch ( virq )
    {
    case VIRQ_TIMER:
    case VIRQ_DEBUG:
    case VIRQ_XENOPROF:
    case VIRQ_XENPMU:
        return false;
    default:
        return true;        /* x86 has no per-vCPU arch VIRQs */
    }
}

int evtchn_bind_virq(struct evtchn_bind_virq *b)
{
    struct domain *d = current_domain();
    struct vcpu *v;
    struct evtchn *chn;
    int port;

    if ( b->virq >= NR_VIRQS )
        return -EINVAL;
    if ( virq_is_global(b->virq) && b->vcpu != 0 )
        return -EINVAL;
    if ( !(v = domain_vcpu(d, b->vcpu)) )
        return -ENOENT;
    if ( v->evtchn.virq_to_port[b->virq] )
        return -EEXIST;
    port = evtchn_get_free_port(d);
    if ( port < 0 )
        return port;
    chn = evtchn_claim_port(d, port, ECS_VIRQ, b->vcpu);
    chn->u.virq = b->virq;
    v->evtchn.virq_to_port[b->virq] = port;
    b->port = port;
    return 0;
}

int evtchn_bind_ipi(struct evtchn_bind_ipi *b)
{
    struct domain *d = current_domain();
    int port;

    if ( !domain_vcpu(d, b->vcpu) )
        return -ENOENT;
    port = evtchn_get_free_port(d);
    if ( port < 0 )
        return port;
    evtchn_claim_port(d, port, ECS_IPI, b->vcpu);
    b->port = port;
    return 0;
}

int evtchn_bind_vcpu(evtchn_port_t port, unsigned int vcpu_id)
{
    struct domain *d = current_domain();
    struct evtchn *chn;

    if ( !domain_vcpu(d, vcpu_id) )
        return -ENOENT;
    chn = evtchn_from_port(d, port);
    if ( !chn || chn->xen_consumer )
        return -EINVAL;
    switch ( chn->state )
    {
    case ECS_VIRQ:
        if ( !virq_is_global(chn->u.virq) )
            return -EINVAL;
        break;
    case ECS_UNBOUND:
    case ECS_INTERDOMAIN:
        break;
    default:
        return -EINVAL;
    }
    chn->notify_vcpu_id = vcpu_id;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Closing, sending, status. */

int evtchn_close(struct domain *d, evtchn_port_t port, bool by_guest)
{
    struct evtchn *chn = evtchn_from_port(d, port), *rchn;
    struct vcpu *v;

    if ( !chn || (by_guest && chn->xen_consumer) )
        return -EINVAL;
    switch ( chn->state )
    {
    case ECS_FREE:
    case ECS_RESERVED:
        return -EINVAL;
    case ECS_VIRQ:
        v = d->vcpu[virq_is_global(chn->u.virq) ? 0 : chn->notify_vcpu_id];
        if ( v )
            v->evtchn.virq_to_port[chn->u.virq] = 0;
        break;
    case ECS_INTERDOMAIN:
        /* The other end waits for us to bind again. */
        rchn = evtchn_from_port(chn->u.remote.dom, chn->u.remote.port);
        BUG_ON(!rchn || rchn->state != ECS_INTERDOMAIN ||
               rchn->u.remote.dom != d);
        rchn->state = ECS_UNBOUND;
        rchn->u.unbound_remote = d->domain_id;
        break;
    default:
        break;
    }
    evtchn_free_port(d, chn);
    return 0;
}

int evtchn_send(struct domain *d, evtchn_port_t port)
{
    struct evtchn *chn = evtchn_from_port(d, port), *rchn;
    struct domain *rd;
    int rc;

    if ( !chn )
        return -EINVAL;
    if ( chn->xen_consumer )
        return -EINVAL;
    rc = xsm_evtchn_send(XSM_HOOK, d, chn);
    if ( rc )
        return rc;
    switch ( chn->state )
    {
    case ECS_INTERDOMAIN:
        rd = chn->u.remote.dom;
        rchn = evtchn_from_port(rd, chn->u.remote.port);
        if ( rchn->xen_consumer )
            rchn->xen_consumer(rd->vcpu[rchn->notify_vcpu_id], rchn->port);
        else
            evtchn_set_pending(rd, rchn);
        return 0;
    case ECS_IPI:
        evtchn_set_pending(d, chn);
        return 0;
    case ECS_UNBOUND:
        return 0;           /* nobody to tell: dropped, as in Xen */
    default:
        return -EINVAL;
    }
}

int evtchn_status(struct evtchn_status *s)
{
    struct domain *d = evtchn_lookup_domain(s->dom);
    struct evtchn *chn;
    int rc;

    if ( !d )
        return -ESRCH;
    chn = evtchn_from_port(d, s->port);
    if ( !chn )
        return -EINVAL;
    if ( chn->xen_consumer )
        return -EACCES;
    rc = xsm_evtchn_status(XSM_TARGET, d, chn);
    if ( rc )
        return rc;
    memset(&s->u, 0, sizeof(s->u));
    switch ( chn->state )
    {
    case ECS_FREE:
    case ECS_RESERVED:
        s->status = EVTCHNSTAT_closed;
        break;
    case ECS_UNBOUND:
        s->status = EVTCHNSTAT_unbound;
        s->u.unbound.dom = chn->u.unbound_remote;
        break;
    case ECS_INTERDOMAIN:
        s->status = EVTCHNSTAT_interdomain;
        s->u.interdomain.dom = chn->u.remote.dom->domain_id;
        s->u.interdomain.port = chn->u.remote.port;
        break;
    case ECS_VIRQ:
        s->status = EVTCHNSTAT_virq;
        s->u.virq = chn->u.virq;
        break;
    case ECS_IPI:
        s->status = EVTCHNSTAT_ipi;
        break;
    }
    s->vcpu = chn->notify_vcpu_id;
    return 0;
}

int evtchn_unmask(evtchn_port_t port)
{
    struct domain *d = current_domain();
    struct evtchn *chn = evtchn_from_port(d, port);

    if ( !chn )
        return -EINVAL;
    d->evtchn.abi->unmask(d, chn);
    return 0;
}
