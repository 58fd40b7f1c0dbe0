/*
 * Ioreq servers: registration by a device model, their pages, and the
 * frames XENMEM_acquire_resource maps (see xen/ioreq.h).
 *
 * Pages: each server has a synchronous page and, if asked for, a
 * buffered page.  Both are resource pages of the target (outside its RAM
 * allotment) allocated when the server is created.  Destroying the
 * server drops the owner's reference only, so a page that a device
 * model still maps stays allocated until that mapping goes.
 *
 * Who may act on a server: the domain that created it (its emulator)
 * only, as in Xen 4.17: -EPERM for anyone else, the control domain too.
 *
 * Event channels: a server gets one port of the target per vCPU (its
 * number is written in the vCPU's ioreq slot, vp_eport) and, with a
 * buffered page, one more (get_info's bufioreq_port); the hypervisor
 * consumes them, the emulator binds to them with bind_interdomain.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/ioreq.h>
#include <xen/event.h>
#include <public/memory.h>
#include <public/hvm/hvm_op.h>

unsigned int ioreq_server_max_frames(const struct domain *d)
{
    /* Counted as Xen counts them; one page holds every vCPU's ioreq,
     * so frame 1 is the only synchronous frame (MAX_VCPUS is 1). */
    return 1 + d->max_vcpus;
}

static struct ioreq_server *get_server(struct domain *d, unsigned int id)
{
    if ( !d->ioreq || id >= MAX_NR_IOREQ_SERVERS )
        return NULL;
    return d->ioreq->server[id];
}

/* The server id of d, if the current domain may act on it. */
static int lookup(struct domain *d, unsigned int id, struct ioreq_server **sp)
{
    struct domain *currd = current_domain();
    struct ioreq_server *s = get_server(d, id);

    if ( !s )
        return -ENOENT;
    if ( s->emulator != currd )
        return -EPERM;
    *sp = s;
    return 0;
}

ioreq_t *ioreq_slot(struct ioreq_server *s, unsigned int vcpu_id)
{
    return &((shared_iopage_t *)page_to_virt(s->ioreq_page))->vcpu_ioreq[0] +
           vcpu_id;
}

/* The buffered page's port: the emulator never sends on it. */
static void ignore_notification(struct vcpu *v, evtchn_port_t port)
{
    (void)v; (void)port;
}

static int alloc_ports(struct ioreq_server *s)
{
    struct domain *d = s->target;
    unsigned int i;
    int port;

    for ( i = 0; i < d->max_vcpus; i++ )
    {
        if ( !d->vcpu[i] )
            continue;
        port = evtchn_alloc_xen_port(d, i, s->emulator->domain_id,
                                     ioreq_notify);
        if ( port < 0 )
            return port;
        s->ioreq_port[i] = port;
        ioreq_slot(s, i)->vp_eport = port;
    }
    if ( !s->bufioreq_page )
        return 0;
    port = evtchn_alloc_xen_port(d, 0, s->emulator->domain_id,
                                 ignore_notification);
    if ( port < 0 )
        return port;
    s->bufioreq_port = port;
    return 0;
}

static void free_ports(struct ioreq_server *s)
{
    unsigned int i;

    for ( i = 0; i < MAX_VCPUS; i++ )
        if ( s->ioreq_port[i] )
            evtchn_free_xen_port(s->target, s->ioreq_port[i]);
    if ( s->bufioreq_port )
        evtchn_free_xen_port(s->target, s->bufioreq_port);
}

static void free_server(struct ioreq_server *s)
{
    unsigned int i;

    ioreq_server_release_waiters(s);
    free_ports(s);
    for ( i = 0; i < NR_IO_RANGE_TYPES; i++ )
        rangeset_destroy(&s->range[i]);
    if ( s->ioreq_page )
        put_page_alloc_ref(s->ioreq_page);
    if ( s->bufioreq_page )
        put_page_alloc_ref(s->bufioreq_page);
    put_domain(s->emulator);
    xfree(s);
}

int ioreq_server_create(struct domain *d, unsigned int bufioreq_handling,
                        uint16_t *id)
{
    struct ioreq_server *s;
    unsigned int i, k;
    int rc;

    if ( bufioreq_handling > HVM_IOREQSRV_BUFIOREQ_ATOMIC )
        return -EINVAL;
    if ( !d->ioreq && !(d->ioreq = xzalloc(struct ioreq_domain)) )
        return -ENOMEM;
    for ( i = 0; i < MAX_NR_IOREQ_SERVERS && d->ioreq->server[i]; i++ )
        ;
    if ( i == MAX_NR_IOREQ_SERVERS )
        return -ENOSPC;

    s = xzalloc(struct ioreq_server);
    if ( !s )
        return -ENOMEM;
    for ( k = 0; k < NR_IO_RANGE_TYPES; k++ )
        rangeset_init(&s->range[k], MAX_NR_IO_RANGES);
    s->target = d;
    s->emulator = current_domain();
    get_domain(s->emulator);
    s->bufioreq_handling = bufioreq_handling;
    s->ioreq_page = alloc_domain_resource_page(d);
    if ( bufioreq_handling != HVM_IOREQSRV_BUFIOREQ_OFF )
        s->bufioreq_page = alloc_domain_resource_page(d);
    rc = -ENOMEM;
    if ( !s->ioreq_page ||
         (bufioreq_handling != HVM_IOREQSRV_BUFIOREQ_OFF && !s->bufioreq_page) ||
         (rc = alloc_ports(s)) )
    {
        free_server(s);
        return rc;
    }
    d->ioreq->server[i] = s;
    *id = i;
    return 0;
}

/*
 * Only the XEN_DMOP_no_gfns form is served: the pages are never put in
 * the target's P2M, so there are no gfns to report.
 */
int ioreq_server_get_info(struct domain *d, unsigned int id, bool no_gfns,
                          uint32_t *bufioreq_port)
{
    struct ioreq_server *s;
    int rc = lookup(d, id, &s);

    if ( rc )
        return rc;
    if ( !no_gfns )
        return -EOPNOTSUPP;
    if ( s->bufioreq_page )
        *bufioreq_port = s->bufioreq_port;
    return 0;
}

int ioreq_server_set_state(struct domain *d, unsigned int id, bool enabled)
{
    struct ioreq_server *s;
    int rc = lookup(d, id, &s);

    if ( rc )
        return rc;
    s->enabled = enabled;
    return 0;
}

int ioreq_server_destroy(struct domain *d, unsigned int id)
{
    struct ioreq_server *s;
    int rc = lookup(d, id, &s);

    if ( rc )
        return rc;
    d->ioreq->server[id] = NULL;
    free_server(s);
    return 0;
}

/* Xen's checks shared by map and unmap, in its order; the range set. */
static int server_range(struct domain *d, unsigned int id, uint32_t type,
                        uint64_t start, uint64_t end, struct rangeset **r)
{
    struct ioreq_server *s;
    int rc;

    if ( start > end )
        return -EINVAL;
    if ( (rc = lookup(d, id, &s)) )
        return rc;
    if ( type >= NR_IO_RANGE_TYPES )
        return -EINVAL;
    *r = &s->range[type];
    return 0;
}

int ioreq_server_map_range(struct domain *d, unsigned int id,
                           uint32_t type, uint64_t start, uint64_t end)
{
    struct rangeset *r;
    int rc = server_range(d, id, type, start, end, &r);

    if ( rc )
        return rc;
    if ( rangeset_overlaps(r, start, end) )
        return -EEXIST;
    return rangeset_add(r, start, end);
}

int ioreq_server_unmap_range(struct domain *d, unsigned int id,
                             uint32_t type, uint64_t start, uint64_t end)
{
    struct rangeset *r;
    int rc = server_range(d, id, type, start, end, &r);

    if ( rc )
        return rc;
    if ( !rangeset_contains(r, start, end) )
        return -ENOENT;
    return rangeset_remove(r, start, end);
}

void ioreq_server_destroy_emulated_by(struct domain *e)
{
    struct domain *d;
    unsigned int i;

    for ( d = domain_first(); d; d = d->next_in_list )
        for ( i = 0; d->ioreq && i < MAX_NR_IOREQ_SERVERS; i++ )
            if ( d->ioreq->server[i] && d->ioreq->server[i]->emulator == e )
            {
                free_server(d->ioreq->server[i]);
                d->ioreq->server[i] = NULL;
            }
}

void ioreq_server_destroy_all(struct domain *d)
{
    unsigned int i;

    if ( !d->ioreq )
        return;
    for ( i = 0; i < MAX_NR_IOREQ_SERVERS; i++ )
        if ( d->ioreq->server[i] )
            free_server(d->ioreq->server[i]);
    xfree(d->ioreq);
    d->ioreq = NULL;
}

int ioreq_server_get_frames(struct domain *d, unsigned int id,
                            uint64_t frame, unsigned int n, xen_pfn_t *mfns)
{
    struct ioreq_server *s;
    unsigned int i;
    int rc = lookup(d, id, &s);

    if ( rc )
        return rc;
    for ( i = 0; i < n; i++ )
    {
        uint64_t idx = frame + i;
        struct page_info *pg;

        if ( idx == XENMEM_resource_ioreq_server_frame_bufioreq )
            pg = s->bufioreq_page;
        else if ( idx == XENMEM_resource_ioreq_server_frame_ioreq(0) )
            pg = s->ioreq_page;
        else
            return -EINVAL;
        if ( !pg )
            return -ENOENT;
        mfns[i] = mfn_x(page_to_mfn(pg));
    }
    return 0;
}
