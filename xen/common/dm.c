/*
 * dm_op (hypercall 41): what a device model does to the domain it
 * serves.  The ioreq-server ops are implemented (create, get_info with
 * XEN_DMOP_no_gfns, map/unmap_io_range, set_state, destroy), and
 * nr_vcpus and remote_shutdown; every other op is -EOPNOTSUPP once its
 * buffer is checked.
 *
 * Checks, in Xen's order: the target is another, existing domain
 * (-ESRCH; the caller itself: -EPERM), XSM (-EPERM), buffer 0 holds the
 * op header (-EFAULT), the op is known (-EOPNOTSUPP), buffer 0 holds the
 * op's whole structure (-EFAULT), the header's pad is 0 (-EINVAL).  Ops
 * that answer something write their structure back (-EFAULT if they
 * cannot).  32-bit callers come through compat/dm.c, which converts the
 * buffer array; struct xen_dm_op itself has one layout for both.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/ioreq.h>
#include <xsm/xsm.h>
#include <public/hvm/dm_op.h>

/* The size of each op's structure, as Xen checks it against buffer 0. */
static const uint8_t op_size[] = {
    [XEN_DMOP_create_ioreq_server] = sizeof(struct xen_dm_op_create_ioreq_server),
    [XEN_DMOP_get_ioreq_server_info] = sizeof(struct xen_dm_op_get_ioreq_server_info),
    [XEN_DMOP_map_io_range_to_ioreq_server] = sizeof(struct xen_dm_op_ioreq_server_range),
    [XEN_DMOP_unmap_io_range_from_ioreq_server] = sizeof(struct xen_dm_op_ioreq_server_range),
    [XEN_DMOP_set_ioreq_server_state] = sizeof(struct xen_dm_op_set_ioreq_server_state),
    [XEN_DMOP_destroy_ioreq_server] = sizeof(struct xen_dm_op_destroy_ioreq_server),
    [XEN_DMOP_track_dirty_vram] = sizeof(struct xen_dm_op_track_dirty_vram),
    [XEN_DMOP_set_pci_intx_level] = sizeof(struct xen_dm_op_set_pci_intx_level),
    [XEN_DMOP_set_isa_irq_level] = sizeof(struct xen_dm_op_set_isa_irq_level),
    [XEN_DMOP_set_pci_link_route] = sizeof(struct xen_dm_op_set_pci_link_route),
    [XEN_DMOP_modified_memory] = sizeof(struct xen_dm_op_modified_memory),
    [XEN_DMOP_set_mem_type] = sizeof(struct xen_dm_op_set_mem_type),
    [XEN_DMOP_inject_event] = sizeof(struct xen_dm_op_inject_event),
    [XEN_DMOP_inject_msi] = sizeof(struct xen_dm_op_inject_msi),
    [XEN_DMOP_map_mem_type_to_ioreq_server] = sizeof(struct xen_dm_op_map_mem_type_to_ioreq_server),
    [XEN_DMOP_remote_shutdown] = sizeof(struct xen_dm_op_remote_shutdown),
    [XEN_DMOP_relocate_memory] = sizeof(struct xen_dm_op_relocate_memory),
    [XEN_DMOP_pin_memory_cacheattr] = sizeof(struct xen_dm_op_pin_memory_cacheattr),
    [XEN_DMOP_nr_vcpus] = sizeof(struct xen_dm_op_nr_vcpus),
};

_Static_assert(sizeof(struct xen_dm_op) == 32, "xen_dm_op layout");
_Static_assert(offsetof(struct xen_dm_op, u) == 8, "xen_dm_op layout");

/* The same rule as XENMEM_acquire_resource's (Xen's remote domain). */
static int lookup_remote(domid_t domid, struct domain **dp)
{
    struct domain *d = domain_lookup(domid);

    if ( !d || d->state != DOMSTATE_running )
        return -ESRCH;
    if ( d == current_domain() )
        return -EPERM;
    *dp = d;
    return 0;
}

/* Run op on d; *answer is set when the op's structure goes back. */
static int do_one(struct domain *d, struct xen_dm_op *op, bool *answer)
{
    switch ( op->op )
    {
    case XEN_DMOP_create_ioreq_server:
    {
        struct xen_dm_op_create_ioreq_server *x = &op->u.create_ioreq_server;

        if ( x->pad[0] || x->pad[1] || x->pad[2] )
            return -EINVAL;
        *answer = true;
        return ioreq_server_create(d, x->handle_bufioreq, &x->id);
    }
    case XEN_DMOP_get_ioreq_server_info:
    {
        struct xen_dm_op_get_ioreq_server_info *x = &op->u.get_ioreq_server_info;

        if ( x->flags & ~XEN_DMOP_no_gfns )
            return -EINVAL;
        *answer = true;
        return ioreq_server_get_info(d, x->id, x->flags & XEN_DMOP_no_gfns,
                                     &x->bufioreq_port);
    }
    case XEN_DMOP_map_io_range_to_ioreq_server:
    case XEN_DMOP_unmap_io_range_from_ioreq_server:
    {
        const struct xen_dm_op_ioreq_server_range *x =
            &op->u.map_io_range_to_ioreq_server;

        if ( x->pad )
            return -EINVAL;
        return op->op == XEN_DMOP_map_io_range_to_ioreq_server
               ? ioreq_server_map_range(d, x->id, x->type, x->start, x->end)
               : ioreq_server_unmap_range(d, x->id, x->type, x->start, x->end);
    }
    case XEN_DMOP_set_ioreq_server_state:
    {
        const struct xen_dm_op_set_ioreq_server_state *x =
            &op->u.set_ioreq_server_state;

        if ( x->pad )
            return -EINVAL;
        return ioreq_server_set_state(d, x->id, x->enabled);
    }
    case XEN_DMOP_destroy_ioreq_server:
    {
        const struct xen_dm_op_destroy_ioreq_server *x =
            &op->u.destroy_ioreq_server;

        if ( x->pad )
            return -EINVAL;
        return ioreq_server_destroy(d, x->id);
    }
    case XEN_DMOP_nr_vcpus:
        *answer = true;
        op->u.nr_vcpus.vcpus = d->max_vcpus;
        return 0;
    case XEN_DMOP_remote_shutdown:
        /* The device model stops its guest (e.g. an emulated power-off). */
        domain_shutdown(d, op->u.remote_shutdown.reason);
        return 0;
    default:
        /* IRQ lines and MSIs need emulated interrupt controllers a PVH
         * domain does not have; memory-type and dirty-tracking ops need
         * log-dirty and p2m types we do not keep. */
        return -EOPNOTSUPP;
    }
}

long dm_op(const struct dm_op_args *args)
{
    const size_t hdr = offsetof(struct xen_dm_op, u);
    /* No buffer at all reads as an empty buffer 0. */
    uint64_t size0 = args->nr_bufs ? args->buf[0].size : 0;
    struct xen_dm_op op;
    struct domain *d;
    bool answer = false;
    int rc;

    rc = lookup_remote(args->domid, &d);
    if ( rc )
        return rc;
    rc = xsm_dm_op(XSM_DM_PRIV, d);
    if ( rc )
        return rc;

    memset(&op, 0, sizeof(op));
    if ( size0 < hdr || copy_from_guest(&op, args->buf[0].h, hdr) )
        return -EFAULT;
    if ( op.op >= ARRAY_SIZE(op_size) || !op_size[op.op] )
        return -EOPNOTSUPP;
    if ( size0 < hdr + op_size[op.op] ||
         copy_from_guest(&op.u, guest_ptr_add(args->buf[0].h, hdr),
                         op_size[op.op]) )
        return -EFAULT;
    if ( op.pad )
        return -EINVAL;

    rc = do_one(d, &op, &answer);
    if ( !rc && answer &&
         copy_to_guest(guest_ptr_add(args->buf[0].h, hdr), &op.u,
                       op_size[op.op]) )
        rc = -EFAULT;
    return rc;
}

long do_dm_op(unsigned int domid, unsigned int nr_bufs, guest_ptr_t bufs)
{
    struct xen_dm_op_buf b[DM_OP_MAX_BUFS];
    struct dm_op_args args = { .domid = (domid_t)domid, .nr_bufs = nr_bufs };
    unsigned int i;

    if ( nr_bufs > DM_OP_MAX_BUFS )
        return -E2BIG;
    if ( copy_from_guest(b, bufs, nr_bufs * sizeof(b[0])) )
        return -EFAULT;
    for ( i = 0; i < nr_bufs; i++ )
        args.buf[i] = (struct dm_op_buf){ guest_handle_ptr(b[i].h), b[i].size };
    return dm_op(&args);
}
