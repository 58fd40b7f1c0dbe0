/*
 * XENMEM_add_to_physmap_batch (memory_op 23): many add_to_physmap
 * entries in one call, each with its own result.  Its main user is
 * XENMAPSPACE_gmfn_foreign: a control domain (or a device model) maps
 * pages of another domain's RAM at gfns of its own.  Linux's privcmd
 * issues it for IOCTL_PRIVCMD_MMAPBATCH(_V2), which is how
 * xenforeignmemory_map() (and so every toolstack and QEMU) maps guest
 * memory from a translated dom0; munmap gives the gfns back with
 * XENMEM_remove_from_physmap.
 *
 * The answers are Xen 4.17's (x86): the whole call is refused only
 * before the first entry or when a list cannot be read or written;
 * otherwise every entry's result goes to errs[] and the call answers 0.
 * An entry is all or nothing.  Long batches continue themselves with
 * the progress in cmd (the structure is never rewritten).
 *
 * A foreign entry holds a reference on the page it maps (and so on its
 * owner), as an acquire_resource mapping does: the page outlives its
 * domain while mapped, and XENMEM_remove_from_physmap (or the mapping
 * domain's end) drops it.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/memory.h>
#include <xsm/xsm.h>
#include <public/memory.h>
#include <asm/p2m.h>

/*
 * The foreign domain, as Xen's rcu_lock_remote_domain_by_id finds it:
 * a listed, running domain (DOMID_SELF names none: -ESRCH) other than
 * the caller (-EPERM).
 */
static int foreign_domain(domid_t id, struct domain **fdp)
{
    struct domain *fd = domain_lookup(id);

    if ( !fd || fd->state != DOMSTATE_running )
        return -ESRCH;
    if ( fd == current_domain() )
        return -EPERM;
    *fdp = fd;
    return 0;
}

/*
 * Map fd's RAM page fgfn at d's gpfn.  In Xen's order: the domains and
 * XSM, the page (only RAM: a hole, a grant or foreign mapping of fd is
 * -EINVAL), then the entry, in place of what d had at gpfn
 * (physmap_add_foreign).
 */
static int add_foreign(struct domain *d, domid_t foreign, xen_ulong_t fgfn,
                       xen_pfn_t gpfn)
{
    struct domain *fd;
    struct page_info *pg;
    int rc;

    if ( (rc = foreign_domain(foreign, &fd)) )
        return rc;
    if ( fd == d )
        return -EINVAL;
    if ( (rc = xsm_map_gmfn_foreign(XSM_TARGET, d, fd)) )
        return rc;
    if ( !(pg = get_ram_page_ref(fd, fgfn)) )
        return -EINVAL;
    rc = gpfn > P2M_MAX_GFN ? -EINVAL
                            : physmap_add_foreign(d, _gfn(gpfn),
                                                  page_to_mfn(pg));
    put_page(pg);
    return rc;
}

/* One entry's result.  The spaces x86 Xen 4.17 takes in a batch. */
static int add_entry(struct domain *d, const struct physmap_batch *b,
                     xen_ulong_t idx, xen_pfn_t gpfn)
{
    switch ( b->space )
    {
    case XENMAPSPACE_gmfn_foreign:
        return add_foreign(d, b->extra, idx, gpfn);
    case XENMAPSPACE_shared_info:
    case XENMAPSPACE_grant_table:
    case XENMAPSPACE_gmfn:          /* not supported here: -EOPNOTSUPP */
        return physmap_add_one(d, b->space, idx, gpfn);
    default:
        /* dev_mmio (ARM only) and unknown spaces: x86 Xen finds no frame. */
        return -EINVAL;
    }
}

static void log_refusal(const struct domain *d,
                        const struct physmap_batch *b, xen_ulong_t idx,
                        xen_pfn_t gpfn, int rc)
{
    printk_ratelimited("d%u: add_to_physmap_batch into d%u: space %u "
                       "(d%u) idx %#lx gpfn %#lx refused (%d)\n",
                       current_domain()->domain_id, d->domain_id, b->space,
                       b->extra, (unsigned long)idx, (unsigned long)gpfn,
                       rc);
}

/* Entries start .. size - 1 (start < size). */
static long do_entries(struct domain *d, const struct physmap_batch *b,
                       unsigned int start,
                       const struct physmap_batch_access *acc,
                       unsigned int cmd, guest_ptr_t arg)
{
    unsigned int i = start;

    while ( i < b->size )
    {
        xen_ulong_t idx;
        xen_pfn_t gpfn;
        int rc;

        if ( acc->read(acc->ctx, i, &idx, &gpfn) )
            return -EFAULT;
        if ( gpfn == gfn_x(INVALID_GFN) )
            return -EINVAL;
        if ( (rc = add_entry(d, b, idx, gpfn)) )
            log_refusal(d, b, idx, gpfn, rc);
        if ( acc->write_err(acc->ctx, i, rc) )
            return -EFAULT;
        if ( ++i < b->size && hypercall_preempt_check() )
        {
            unsigned long a[2] = {
                cmd | ((unsigned long)i << MEMOP_EXTENT_SHIFT), arg.va
            };

            return hypercall_create_continuation(__HYPERVISOR_memory_op, 2, a);
        }
    }
    return 0;
}

long memory_add_to_physmap_batch(const struct physmap_batch *b,
                                 unsigned long start,
                                 const struct physmap_batch_access *acc,
                                 unsigned int cmd, guest_ptr_t arg)
{
    struct domain *d;
    int rc;

    /* Only one entry a call can make a range. */
    if ( b->space == XENMAPSPACE_gmfn_range )
        return -EOPNOTSUPP;
    if ( !(d = physmap_target(b->domid, true, b->space, &rc)) )
        return rc;
    /* Progress at or past the end: only a first call may have no work. */
    if ( start > b->size || (start == b->size && start) )
        return -EILSEQ;
    if ( start == b->size )
        return 0;
    if ( b->space == XENMAPSPACE_dev_mmio && b->extra )
        return -EOPNOTSUPP;     /* res0 is reserved */
    return do_entries(d, b, start, acc, cmd, arg);
}
