/*
 * memory_op for 64-bit callers: physmap changes (add_to_physmap and its
 * batch, remove_from_physmap, decrease_reservation, populate_physmap),
 * reservation queries,
 * XENMEM_memory_map and XENMEM_acquire_resource.  32-bit callers come through compat/memory.c,
 * which converts their structures and calls the same cores (memory.h).
 *
 * The progress of a continued call (cmd >> MEMOP_EXTENT_SHIFT) is kept
 * at its full width: a forged value is answered as Xen 4.17 answers it,
 * never taken modulo 2^32.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/memory.h>
#include <xen/memmap.h>
#include <xen/acquire_resource.h>
#include <public/memory.h>

static long add_to_physmap(guest_ptr_t arg)
{
    struct xen_add_to_physmap xatp;

    if ( copy_from_guest(&xatp, arg, sizeof(xatp)) )
        return -EFAULT;
    return memory_add_to_physmap(xatp.domid, xatp.space, xatp.idx, xatp.gpfn);
}

static long remove_from_physmap(guest_ptr_t arg)
{
    struct xen_remove_from_physmap xrfp;

    if ( copy_from_guest(&xrfp, arg, sizeof(xrfp)) )
        return -EFAULT;
    return memory_remove_from_physmap(xrfp.domid, xrfp.gpfn);
}

/* add_to_physmap_batch's lists in the native layout. */
struct native_batch { guest_ptr_t idxs, gpfns, errs; };

static int native_batch_read(void *ctx, unsigned int i, xen_ulong_t *idx,
                             xen_pfn_t *gpfn)
{
    struct native_batch *nb = ctx;

    if ( copy_from_guest_offset(idx, nb->idxs, i, 1) ||
         copy_from_guest_offset(gpfn, nb->gpfns, i, 1) )
        return -EFAULT;
    return 0;
}

static int native_batch_write_err(void *ctx, unsigned int i, int err)
{
    return copy_to_guest_offset(((struct native_batch *)ctx)->errs, i, &err, 1);
}

/* Xen 4.17: progress beyond 16 bits is refused before the structure is read. */
static long add_to_physmap_batch(guest_ptr_t arg, unsigned long start)
{
    struct xen_add_to_physmap_batch x;
    struct native_batch nb;
    struct physmap_batch_access acc = {
        .read = native_batch_read, .write_err = native_batch_write_err,
        .ctx = &nb,
    };
    struct physmap_batch b;

    if ( start > MEMOP_XATPB_MAX_PROGRESS )
        return -EDOM;
    if ( copy_from_guest(&x, arg, sizeof(x)) )
        return -EFAULT;
    nb = (struct native_batch){
        guest_handle_ptr(x.idxs), guest_handle_ptr(x.gpfns),
        guest_handle_ptr(x.errs),
    };
    b = (struct physmap_batch){
        .domid = x.domid, .space = x.space, .size = x.size,
        .extra = x.u.res0,
    };
    return memory_add_to_physmap_batch(&b, start, &acc,
                                       XENMEM_add_to_physmap_batch, arg);
}

static int read_gfns(void *ctx, unsigned int idx, unsigned int n,
                     xen_pfn_t *out)
{
    return copy_from_guest_offset(out, *(guest_ptr_t *)ctx, idx, n);
}

/*
 * decrease_reservation and populate_physmap.  Xen answers an unreadable
 * structure with the progress, like the rest.
 */
static long reservation_op(unsigned int op, guest_ptr_t arg,
                           unsigned long start)
{
    struct xen_memory_reservation x;
    struct reservation_args r;
    guest_ptr_t list;

    if ( copy_from_guest(&x, arg, sizeof(x)) )
        return start;
    r = (struct reservation_args){
        .domid = x.domid, .nr_extents = x.nr_extents,
        .extent_order = x.extent_order, .mem_flags = x.mem_flags,
    };
    list = guest_handle_ptr(x.extent_start);
    if ( op == XENMEM_populate_physmap )
        return memory_populate_physmap(&r, start, read_gfns, &list, op, arg);
    return memory_decrease_reservation(&r, start, read_gfns, &list, op, arg);
}

/* The native frame list: xen_pfn_t entries. */
struct native_list { guest_ptr_t arg, list; };

static int native_read(void *ctx, unsigned int idx, unsigned int n,
                       xen_pfn_t *out)
{
    return copy_from_guest_offset(out, ((struct native_list *)ctx)->list,
                                  idx, n);
}

static int native_write(void *ctx, unsigned int idx, unsigned int n,
                        const xen_pfn_t *in)
{
    return copy_to_guest_offset(((struct native_list *)ctx)->list, idx, in, n);
}

static int native_write_nr(void *ctx, uint32_t nr)
{
    return copy_to_guest(guest_ptr_add(((struct native_list *)ctx)->arg,
                         offsetof(struct xen_mem_acquire_resource, nr_frames)),
                         &nr, sizeof(nr));
}

static long acquire(guest_ptr_t arg, unsigned long start)
{
    struct xen_mem_acquire_resource x;
    struct native_list nl;
    struct frame_list_access fl = {
        .read = native_read, .write = native_write,
        .write_nr_frames = native_write_nr, .ctx = &nl,
    };
    struct acquire_request req;

    if ( copy_from_guest(&x, arg, sizeof(x)) )
        return -EFAULT;
    nl = (struct native_list){ arg, guest_handle_ptr(x.frame_list) };
    req = (struct acquire_request){
        .domid = x.domid, .type = x.type, .id = x.id,
        .nr_frames = x.nr_frames, .pad = x.pad, .frame = x.frame,
        .list_is_null = guest_ptr_is_null(nl.list),
    };
    return acquire_resource(&req, start, &fl, XENMEM_acquire_resource, arg);
}

/* Xen 4.17: the whole structure is written back, as read but the count. */
static long memory_map(guest_ptr_t arg)
{
    struct xen_memory_map map;
    long rc;

    if ( copy_from_guest(&map, arg, sizeof(map)) )
        return -EFAULT;
    rc = memmap_copy_to_guest(current_domain(), &map.nr_entries,
                              guest_handle_ptr(map.buffer));
    if ( !rc && copy_to_guest(arg, &map, sizeof(map)) )
        rc = -EFAULT;
    return rc;
}

long do_memory_op(unsigned long cmd, guest_ptr_t arg)
{
    unsigned int op = cmd & MEMOP_CMD_MASK;
    unsigned long start = cmd >> MEMOP_EXTENT_SHIFT;

    /* Progress is checked before the structure is read (Xen 4.17). */
    switch ( op )
    {
    case XENMEM_add_to_physmap:
        return start > MEMOP_XATP_MAX_PROGRESS ? -EDOM : add_to_physmap(arg);
    case XENMEM_remove_from_physmap:
        return start ? -EINVAL : remove_from_physmap(arg);
    case XENMEM_add_to_physmap_batch:
        return add_to_physmap_batch(arg, start);
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
        return reservation_op(op, arg, start);
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        return start ? -EINVAL : memory_reservation_query(op, arg);
    case XENMEM_acquire_resource:
        return acquire(arg, start);
    case XENMEM_memory_map:
        /* Xen's arch_memory_op matches the whole cmd: progress is no op. */
        return start ? -ENOSYS : memory_map(arg);
    default:
        printk_ratelimited("d%u: memory_op %u not implemented\n",
                           current_domain()->domain_id, op);
        return -ENOSYS;
    }
}
