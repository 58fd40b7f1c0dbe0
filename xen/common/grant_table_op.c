/*
 * GNTTABOP_*: the grant_table_op hypercall for 64-bit callers.  32-bit
 * callers come through compat/grant_table.c, which translates the two
 * structures whose layout differs and shares everything else.
 *
 * Every op reports per-entry results in the entry's status field; the
 * hypercall itself fails only for a bad op, count or guest pointer.
 * Batches of map/unmap are split with continuations when the caller's
 * time slice ends.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xsm/xsm.h>
#include <public/xen.h>
#include "grant_table_private.h"
#include "grant_table_op.h"

/*
 * The table of dom (DOMID_SELF allowed), if the caller passes the op's
 * hook: xsm_grant_setup (setup_table, get_status_frames) or
 * xsm_grant_query_size (query_size, get_version), as Xen 4.17 asks.
 * Else NULL, and *rc is -ESRCH or the hook's answer.
 */
static struct domain *gnttab_target(domid_t dom, bool setup, int *rc)
{
    struct domain *currd = current_domain();
    struct domain *d = dom == DOMID_SELF ? currd : domain_lookup(dom);

    if ( !d || !d->grant_table || d->state != DOMSTATE_running )
    {
        *rc = -ESRCH;
        return NULL;
    }
    *rc = setup ? xsm_grant_setup(XSM_TARGET, d)
                : xsm_grant_query_size(XSM_TARGET, d);
    return *rc ? NULL : d;
}

/* The per-op status for gnttab_target()'s refusal. */
static int16_t refusal_status(int rc)
{
    return rc == -ESRCH ? GNTST_bad_domain : GNTST_permission_denied;
}

int16_t gnttab_setup(domid_t dom, uint32_t nr_frames, uint64_t gfns[],
                     unsigned int room)
{
    struct grant_table *gt;
    struct domain *d;
    unsigned int i;
    int rc;

    if ( !(d = gnttab_target(dom, true, &rc)) )
        return refusal_status(rc);
    gt = d->grant_table;
    if ( nr_frames > gt->max_frames || nr_frames > room ||
         gnttab_grow(d, nr_frames) )
        return GNTST_general_error;
    /* Translated callers see where each frame sits in the P2M, if it does. */
    for ( i = 0; i < nr_frames; i++ )
        gfns[i] = gfn_x(gt->shared_gfn[i]);
    return GNTST_okay;
}

int16_t gnttab_status_gfns(domid_t dom, uint32_t nr_frames, uint64_t gfns[],
                           unsigned int room, unsigned int *nr_out)
{
    struct grant_table *gt;
    struct domain *d;
    unsigned int i;
    int rc;

    if ( !(d = gnttab_target(dom, true, &rc)) )
        return refusal_status(rc);
    gt = d->grant_table;
    if ( gt->version != 2 || nr_frames < gt->nr_status ||
         gt->nr_status > room )
        return GNTST_general_error;
    for ( i = 0; i < gt->nr_status; i++ )
        gfns[i] = gfn_x(gt->status_gfn[i]);
    *nr_out = gt->nr_status;
    return GNTST_okay;
}

static long op_setup_table(guest_ptr_t uop, unsigned int count)
{
    struct gnttab_setup_table op;
    uint64_t gfns[GNTTAB_OP_MAX_FRAMES];

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, uop, sizeof(op)) )
        return -EFAULT;
    op.status = gnttab_setup(op.dom, op.nr_frames, gfns, ARRAY_SIZE(gfns));
    if ( op.status == GNTST_okay &&
         copy_to_guest(guest_handle_ptr(op.frame_list), gfns,
                       op.nr_frames * sizeof(gfns[0])) )
        return -EFAULT;
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

static long op_query_size(guest_ptr_t uop, unsigned int count)
{
    struct gnttab_query_size op;
    struct domain *d;
    int rc;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, uop, sizeof(op)) )
        return -EFAULT;
    if ( (d = gnttab_target(op.dom, false, &rc)) )
    {
        op.status = GNTST_okay;
        op.nr_frames = d->grant_table->nr_frames;
        op.max_nr_frames = d->grant_table->max_frames;
    }
    else
        op.status = refusal_status(rc);
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

static long op_set_version(guest_ptr_t uop, unsigned int count)
{
    struct gnttab_set_version op;
    struct domain *d = current_domain();
    long rc;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, uop, sizeof(op)) )
        return -EFAULT;
    rc = gnttab_set_version(d, op.version);
    op.version = d->grant_table->version;
    if ( copy_to_guest(uop, &op, sizeof(op)) )
        return -EFAULT;
    return rc;
}

static long op_get_version(guest_ptr_t uop, unsigned int count)
{
    struct gnttab_get_version op;
    struct domain *d;
    int rc;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, uop, sizeof(op)) )
        return -EFAULT;
    if ( !(d = gnttab_target(op.dom, false, &rc)) )
        return rc;      /* -ESRCH, or the hook's -EPERM / -EACCES */
    op.version = d->grant_table->version;
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

static long op_get_status_frames(guest_ptr_t uop, unsigned int count)
{
    struct gnttab_get_status_frames op;
    uint64_t gfns[GNTTAB_OP_MAX_FRAMES];
    unsigned int n = 0;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, uop, sizeof(op)) )
        return -EFAULT;
    op.status = gnttab_status_gfns(op.dom, op.nr_frames, gfns,
                                   ARRAY_SIZE(gfns), &n);
    if ( op.status == GNTST_okay &&
         copy_to_guest(guest_handle_ptr(op.frame_list), gfns,
                       n * sizeof(gfns[0])) )
        return -EFAULT;
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

/* map/unmap batches: entry i of count, continuation when preempted. */
#define DEFINE_BATCH_OP(name, type, handler)                              \
static long name(unsigned int cmd, guest_ptr_t uop, unsigned int count)   \
{                                                                         \
    unsigned int i;                                                       \
                                                                          \
    for ( i = 0; i < count; i++ )                                         \
    {                                                                     \
        type op;                                                          \
        guest_ptr_t p = guest_ptr_add(uop, (uint64_t)i * sizeof(op));     \
                                                                          \
        if ( i && hypercall_preempt_check() )                             \
        {                                                                 \
            unsigned long a[3] = { cmd, p.va, count - i };                \
                                                                          \
            return hypercall_create_continuation(                         \
                __HYPERVISOR_grant_table_op, 3, a);                       \
        }                                                                 \
        if ( copy_from_guest(&op, p, sizeof(op)) )                        \
            return -EFAULT;                                               \
        op.status = handler(current_domain(), &op);                       \
        if ( op.status != GNTST_okay )                                    \
            printk_ratelimited("d%u: grant op %u entry %u refused: %d\n", \
                               current_domain()->domain_id, cmd, i,       \
                               op.status);                                \
        if ( copy_to_guest(p, &op, sizeof(op)) )                          \
            return -EFAULT;                                               \
    }                                                                     \
    return 0;                                                             \
}

DEFINE_BATCH_OP(op_map_grant_ref, struct gnttab_map_grant_ref, gnttab_map_one)
DEFINE_BATCH_OP(op_unmap_grant_ref, struct gnttab_unmap_grant_ref,
                gnttab_unmap_one)

long gnttab_op_common(unsigned int cmd, guest_ptr_t uop, unsigned int count)
{
    if ( !current_domain()->grant_table )
        return -ENOSYS;
    switch ( cmd )
    {
    case GNTTABOP_map_grant_ref:
        return op_map_grant_ref(cmd, uop, count);
    case GNTTABOP_unmap_grant_ref:
        return op_unmap_grant_ref(cmd, uop, count);
    case GNTTABOP_query_size:
        return op_query_size(uop, count);
    case GNTTABOP_set_version:
        return op_set_version(uop, count);
    case GNTTABOP_get_version:
        return op_get_version(uop, count);
    default:
        return -ENOSYS;
    }
}

long do_grant_table_op(unsigned int cmd, guest_ptr_t uop, unsigned int count)
{
    switch ( cmd )
    {
    case GNTTABOP_setup_table:
        return op_setup_table(uop, count);
    case GNTTABOP_get_status_frames:
        return op_get_status_frames(uop, count);
    default:
        return gnttab_op_common(cmd, uop, count);
    }
}
