/*
 * memory_op for 32-bit callers.  Their structures are converted to the
 * cores' arguments (xen/memory.h); the frame lists stay in the caller's
 * memory in 32-bit form and are read and written a batch at a time
 * through a bounded buffer, so no request needs a scratch area as large
 * as itself.
 *
 * XENMEM_acquire_resource: an untranslated caller's MFN that does not fit
 * 32 bits is -ERANGE (as in the seed and Xen 4.17); long requests
 * continue themselves exactly as native ones do (Xen 4.17), instead of
 * the seed's -E2BIG beyond its translation area.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/memory.h>
#include <xen/memmap.h>
#include <compat/memory.h>
#include <public/memory.h>

/* A list of compat_pfn_t in guest memory. */
struct compat_list { guest_ptr_t arg, list; };

static int compat_read(void *ctx, unsigned int idx, unsigned int n,
                       xen_pfn_t *out)
{
    compat_pfn_t buf[ACQUIRE_BATCH];
    unsigned int i;

    if ( n > ARRAY_SIZE(buf) ||
         copy_from_guest_offset(buf, ((struct compat_list *)ctx)->list, idx, n) )
        return -EFAULT;
    for ( i = 0; i < n; i++ )
        out[i] = buf[i];
    return 0;
}

static int compat_write(void *ctx, unsigned int idx, unsigned int n,
                        const xen_pfn_t *in)
{
    compat_pfn_t buf[ACQUIRE_BATCH];
    unsigned int i;

    if ( n > ARRAY_SIZE(buf) )
        return -EFAULT;
    for ( i = 0; i < n; i++ )
    {
        buf[i] = in[i];
        if ( buf[i] != in[i] )
            return -ERANGE;
    }
    return copy_to_guest_offset(((struct compat_list *)ctx)->list, idx, buf, n);
}

static int compat_write_nr(void *ctx, uint32_t nr)
{
    return copy_to_guest(guest_ptr_add(((struct compat_list *)ctx)->arg,
                         offsetof(struct compat_mem_acquire_resource,
                                  nr_frames)), &nr, sizeof(nr));
}

static long compat_acquire(guest_ptr_t arg, unsigned long start)
{
    struct compat_mem_acquire_resource x;
    struct compat_list cl;
    struct frame_list_access fl = {
        .read = compat_read, .write = compat_write,
        .write_nr_frames = compat_write_nr, .ctx = &cl,
    };
    struct acquire_request req;

    if ( copy_from_guest(&x, arg, sizeof(x)) )
        return -EFAULT;
    /*
     * Xen 4.17's compat layer refuses spent progress on a mapping request
     * itself, before the request's other checks (native: after them).
     */
    if ( x.frame_list && x.nr_frames && start >= x.nr_frames )
        return -EINVAL;
    cl = (struct compat_list){ arg, guest_ptr(x.frame_list) };
    req = (struct acquire_request){
        .domid = x.domid, .type = x.type, .id = x.id,
        .nr_frames = x.nr_frames, .pad = x.pad, .frame = x.frame,
        .list_is_null = x.frame_list == 0,
    };
    return acquire_resource(&req, start, &fl, XENMEM_acquire_resource, arg);
}

/* As Xen's compat layer: the structure is read before progress is checked. */
static long compat_add_to_physmap(guest_ptr_t arg, unsigned long start)
{
    struct compat_add_to_physmap x;

    if ( copy_from_guest(&x, arg, sizeof(x)) )
        return -EFAULT;
    if ( start > MEMOP_XATP_MAX_PROGRESS )
        return -EDOM;
    return memory_add_to_physmap(x.domid, x.space, x.idx, x.gpfn);
}

/* add_to_physmap_batch's lists in the 32-bit layout. */
struct compat_batch { guest_ptr_t idxs, gpfns, errs; };

static int compat_batch_read(void *ctx, unsigned int i, xen_ulong_t *idx,
                             xen_pfn_t *gpfn)
{
    struct compat_batch *cb = ctx;
    compat_ulong_t x;
    compat_pfn_t g;

    if ( copy_from_guest_offset(&x, cb->idxs, i, 1) ||
         copy_from_guest_offset(&g, cb->gpfns, i, 1) )
        return -EFAULT;
    *idx = x;
    *gpfn = g;          /* zero-extended: never the native ~0 */
    return 0;
}

static int compat_batch_write_err(void *ctx, unsigned int i, int err)
{
    return copy_to_guest_offset(((struct compat_batch *)ctx)->errs, i, &err, 1);
}

/*
 * Xen 4.17's compat layer reads a chunk of the lists (as many entries
 * as its translation area holds) before any entry is done: an
 * unreadable entry there is -EFAULT with nothing changed.
 */
#define COMPAT_XATPB_CHUNK 510

static bool compat_batch_readable(struct compat_batch *cb, unsigned int start,
                                  unsigned int size)
{
    unsigned int i, end = min(size, start + COMPAT_XATPB_CHUNK);
    xen_ulong_t idx;
    xen_pfn_t gpfn;

    for ( i = start; i < end; i++ )
        if ( compat_batch_read(cb, i, &idx, &gpfn) )
            return false;
    return true;
}

/* As Xen's compat layer: the structure and lists are read first. */
static long compat_add_to_physmap_batch(guest_ptr_t arg, unsigned long start)
{
    struct compat_add_to_physmap_batch x;
    struct compat_batch cb;
    struct physmap_batch_access acc = {
        .read = compat_batch_read, .write_err = compat_batch_write_err,
        .ctx = &cb,
    };
    struct physmap_batch b;

    if ( copy_from_guest(&x, arg, sizeof(x)) )
        return -EFAULT;
    cb = (struct compat_batch){
        guest_ptr(x.idxs), guest_ptr(x.gpfns), guest_ptr(x.errs),
    };
    if ( start < x.size && !compat_batch_readable(&cb, start, x.size) )
        return -EFAULT;
    if ( start > MEMOP_XATPB_MAX_PROGRESS )
        return -EDOM;
    b = (struct physmap_batch){
        .domid = x.domid, .space = x.space, .size = x.size, .extra = x.u,
    };
    return memory_add_to_physmap_batch(&b, start, &acc,
                                       XENMEM_add_to_physmap_batch, arg);
}

static long compat_remove_from_physmap(guest_ptr_t arg, unsigned long start)
{
    struct compat_remove_from_physmap x;

    if ( copy_from_guest(&x, arg, sizeof(x)) )
        return -EFAULT;
    if ( start )
        return -EINVAL;
    return memory_remove_from_physmap(x.domid, x.gpfn);
}

/*
 * decrease_reservation and populate_physmap.  Xen's compat layer copies
 * a populated list back to the caller (the same gfns for a translated
 * domain, which every domain is here); it is left as it is.
 */
static long compat_reservation_op(unsigned int op, guest_ptr_t arg,
                                  unsigned long start)
{
    struct compat_memory_reservation x;
    struct reservation_args r;
    struct compat_list cl;

    if ( copy_from_guest(&x, arg, sizeof(x)) )
        return start;       /* Xen: the progress, as every refusal */
    r = (struct reservation_args){
        .domid = x.domid, .nr_extents = x.nr_extents,
        .extent_order = x.extent_order, .mem_flags = x.mem_flags,
    };
    cl = (struct compat_list){ arg, guest_ptr(x.extent_start) };
    if ( op == XENMEM_populate_physmap )
        return memory_populate_physmap(&r, start, compat_read, &cl, op, arg);
    return memory_decrease_reservation(&r, start, compat_read, &cl, op, arg);
}

/* As Xen's compat layer: the 8-byte structure is written back only
 * when the core succeeded. */
static long compat_memory_map(guest_ptr_t arg)
{
    struct compat_memory_map x;
    long rc;

    if ( copy_from_guest(&x, arg, sizeof(x)) )
        return -EFAULT;
    rc = memmap_copy_to_guest(current_domain(), &x.nr_entries,
                              guest_ptr(x.buffer));
    if ( !rc && copy_to_guest(arg, &x, sizeof(x)) )
        rc = -EFAULT;
    return rc;
}

long compat_memory_op(unsigned long cmd, guest_ptr_t arg)
{
    unsigned int op = cmd & MEMOP_CMD_MASK;
    unsigned long start = cmd >> MEMOP_EXTENT_SHIFT;

    switch ( op )
    {
    case XENMEM_add_to_physmap:
        return compat_add_to_physmap(arg, start);
    case XENMEM_remove_from_physmap:
        return compat_remove_from_physmap(arg, start);
    case XENMEM_add_to_physmap_batch:
        return compat_add_to_physmap_batch(arg, start);
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
        return compat_reservation_op(op, arg, start);
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        /* Same layout; progress refused before it is read, as native. */
        return start ? -EINVAL : memory_reservation_query(op, arg);
    case XENMEM_acquire_resource:
        return compat_acquire(arg, start);
    case XENMEM_memory_map:
        return start ? -ENOSYS : compat_memory_map(arg);
    default:
        printk_ratelimited("d%u: memory_op %u not implemented\n",
                           current_domain()->domain_id, op);
        return -ENOSYS;
    }
}
