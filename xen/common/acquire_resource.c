/*
 * XENMEM_acquire_resource: map frames of another domain's resource that
 * are not in that domain's P2M (grant-table frames, ioreq-server pages)
 * into a privileged caller.
 *
 * Validate everything, then act: the pad, the frame range, the target
 * (another, existing domain), the XSM decision and the resource's size
 * are all checked before any frame is touched.  Then frames are resolved
 * and mapped ACQUIRE_BATCH at a time; when frames remain after a batch the
 * call continues itself, so one hypercall never holds the CPU for long.
 *
 * Answers, where the seed patch (v13) and Xen 4.17 differ (see
 * docs/acquire-resource.md): the size query returns the resource's real
 * size (4.17), any nr_frames up to the resource's size is accepted and
 * split with continuations (4.17; the seed's -E2BIG at 2 frames is gone),
 * and a failure after the first frame of the whole request was mapped is
 * -EIO (both), also when the earlier frames came from an earlier
 * continuation.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/grant_table.h>
#include <xen/acquire_resource.h>
#include <xen/ioreq.h>
#include <xsm/xsm.h>
#include <public/memory.h>
#include <asm/p2m.h>

long resource_max_frames(struct domain *d, unsigned int type, unsigned int id)
{
    switch ( type )
    {
    case XENMEM_resource_grant_table:
        return gnttab_resource_max_frames(d, id);
    case XENMEM_resource_ioreq_server:
        return ioreq_server_max_frames(d);
    default:
        return -EOPNOTSUPP;
    }
}

static int resolve_frames(struct domain *d, const struct acquire_request *req,
                          uint64_t frame, unsigned int n, xen_pfn_t *mfns)
{
    switch ( req->type )
    {
    case XENMEM_resource_grant_table:
        return gnttab_acquire_resource(d, req->id, frame, n, mfns);
    case XENMEM_resource_ioreq_server:
        return ioreq_server_get_frames(d, req->id, frame, n, mfns);
    default:
        return -EOPNOTSUPP;
    }
}

/*
 * The target: an existing domain other than the caller (Xen's "remote
 * domain" rule: acquiring one's own resources is refused with -EPERM).
 * As in Xen 4.17 the id is looked up as it is, so DOMID_SELF names no
 * domain (-ESRCH).
 */
static int lookup_remote(domid_t domid, struct domain **dp)
{
    struct domain *currd = current_domain();
    struct domain *d = domain_lookup(domid);

    if ( !d || d->state != DOMSTATE_running )
        return -ESRCH;
    if ( d == currd )
        return -EPERM;
    *dp = d;
    return 0;
}

static long size_query(const struct acquire_request *req, unsigned long start,
                       long max, const struct frame_list_access *list)
{
    if ( req->nr_frames || start )
        return -EINVAL;
    return list->write_nr_frames(list->ctx, (uint32_t)max);
}

/* Map (or report) one batch; done counts frames of the request before it. */
static int map_batch(struct domain *d, const struct acquire_request *req,
                     unsigned int done, unsigned int n,
                     const struct frame_list_access *list)
{
    struct domain *currd = current_domain();
    xen_pfn_t mfns[ACQUIRE_BATCH], gfns[ACQUIRE_BATCH];
    unsigned int i;
    int rc;

    rc = resolve_frames(d, req, req->frame + done, n, mfns);
    if ( rc )   /* frames of earlier batches are mapped: see map_batch */
        return done && paging_mode_translate(currd) ? -EIO : rc;
    if ( !paging_mode_translate(currd) )
        return list->write(list->ctx, done, n, mfns);

    rc = list->read(list->ctx, done, n, gfns);
    for ( i = 0; !rc && i < n; i++ )
        rc = set_foreign_p2m_entry(currd, gfns[i], _mfn(mfns[i]));
    if ( rc && done + i > 1 )
        return -EIO;   /* earlier frames stay mapped: the caller unmaps */
    return rc;
}

long acquire_resource(const struct acquire_request *req, unsigned long start,
                      const struct frame_list_access *list, unsigned int cmd,
                      guest_ptr_t arg)
{
    struct domain *d;
    long max;
    int rc;

    if ( req->pad )
        return -EINVAL;
    /* nr_frames is 32-bit: so is every frame index that can be reached. */
    if ( (req->frame >> 32) || ((req->frame + req->nr_frames) >> 32) )
        return -EINVAL;
    rc = lookup_remote(req->domid, &d);
    if ( rc )
        return rc;
    rc = xsm_domain_resource_map(XSM_DM_PRIV, d);
    if ( rc )
        return rc;
    max = resource_max_frames(d, req->type, req->id);
    if ( max <= 0 )
        return max < 0 ? max : -EINVAL;
    if ( req->list_is_null )
        return size_query(req, start, max, list);
    if ( start >= req->nr_frames ||
         req->nr_frames > (UINT32_MAX >> MEMOP_EXTENT_SHIFT) ||
         req->frame + req->nr_frames > (uint64_t)max )
        return -EINVAL;

    {
        unsigned int done = start;      /* below nr_frames: it fits */
        unsigned int n = min(req->nr_frames - done, (uint32_t)ACQUIRE_BATCH);
        unsigned long args[2];

        rc = map_batch(d, req, done, n, list);
        if ( rc || done + n == req->nr_frames )
            return rc;
        /* More to do: let the guest re-issue the call from here on. */
        args[0] = cmd | ((unsigned long)(done + n) << MEMOP_EXTENT_SHIFT);
        args[1] = arg.va;
        return hypercall_create_continuation(__HYPERVISOR_memory_op, 2, args);
    }
}
