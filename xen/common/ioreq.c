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
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/ioreq.h>
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

static void free_server(struct ioreq_server *s)
{
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
    unsigned int i;

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
    s->target = d;
    s->emulator = current_domain();
    get_domain(s->emulator);
    s->bufioreq_handling = bufioreq_handling;
    s->ioreq_page = alloc_domain_resource_page(d);
    if ( bufioreq_handling != HVM_IOREQSRV_BUFIOREQ_OFF )
        s->bufioreq_page = alloc_domain_resource_page(d);
    if ( !s->ioreq_page ||
         (bufioreq_handling != HVM_IOREQSRV_BUFIOREQ_OFF && !s->bufioreq_page) )
    {
        free_server(s);
        return -ENOMEM;
    }
    d->ioreq->server[i] = s;
    *id = i;
    return 0;
}

/*
 * Only the XEN_DMOP_no_gfns form is served: the pages are never put in
 * the target's P2M, so there are no gfns to report.  Event channels do
 * not exist here yet: a buffered server reports port 0.
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
        *bufioreq_port = 0;
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
