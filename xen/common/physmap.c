/*
 * Changes to a domain's physical map requested through memory_op:
 * mapping the shared_info page or a grant-table frame at a gfn, removing
 * whatever is at a gfn, and giving RAM back (decrease_reservation).
 *
 * What a removal does depends on what is there: the domain's own RAM is
 * freed (as in Xen); a foreign entry drops its reference on the other
 * domain's page; the domain's resource frames (grant table, shared_info)
 * are only unmapped; a grant mapping must be undone with
 * GNTTABOP_unmap_grant_ref instead (-ENOENT, as Xen 4.17 answers).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/memory.h>
#include <xen/grant_table.h>
#include <xsm/xsm.h>
#include <public/memory.h>
#include <asm/p2m.h>

/* DOMID_SELF or a domain the caller may change (XSM_TARGET). */
static struct domain *physmap_target(domid_t domid, int *rc)
{
    struct domain *currd = current_domain();
    struct domain *d = domid == DOMID_SELF ? currd : domain_lookup(domid);

    *rc = -ESRCH;
    if ( !d || d->state != DOMSTATE_running )
        return NULL;
    *rc = xsm_add_to_physmap(XSM_TARGET, d);
    return *rc ? NULL : d;
}

long memory_add_to_physmap(domid_t domid, unsigned int space,
                           unsigned long idx, xen_pfn_t gpfn)
{
    struct domain *d;
    int rc;

    if ( !(d = physmap_target(domid, &rc)) )
        return rc;
    if ( gpfn > P2M_MAX_GFN )
        return -EINVAL;
    switch ( space )
    {
    case XENMAPSPACE_shared_info:
        if ( idx != 0 )
            return -EINVAL;
        return guest_physmap_add_own(d, _gfn(gpfn),
                                     page_to_mfn(d->shared_info));
    case XENMAPSPACE_grant_table:
        return gnttab_map_frame(d, idx, _gfn(gpfn));
    default:
        printk_ratelimited("d%u: add_to_physmap space %u not supported\n",
                           current_domain()->domain_id, space);
        return -EOPNOTSUPP;
    }
}

static long remove_one(struct domain *d, gfn_t gfn)
{
    p2m_type_t t;
    mfn_t mfn = p2m_get_entry(d, gfn, &t);
    struct page_info *pg;

    switch ( t )
    {
    case p2m_invalid:
        return -ENOENT;
    case p2m_grant_map_rw:
    case p2m_grant_map_ro:
        return -ENOENT;     /* as Xen 4.17: only unmap_grant_ref undoes it */
    case p2m_map_foreign:
        return p2m_remove_entry(d, gfn);     /* drops the page reference */
    case p2m_ram_rw:
        pg = mfn_to_page(mfn);
        p2m_remove_entry(d, gfn);
        if ( !(pg->flags & PGF_resource) )
            put_page_alloc_ref(pg);
        return 0;
    }
    return -EINVAL;
}

long memory_remove_from_physmap(domid_t domid, xen_pfn_t gpfn)
{
    struct domain *d;
    int rc;

    if ( !(d = physmap_target(domid, &rc)) )
        return rc;
    if ( gpfn > P2M_MAX_GFN )
        return -EINVAL;
    return remove_one(d, _gfn(gpfn));
}

#define MAX_EXTENT_ORDER 9

long memory_decrease_reservation(domid_t domid, unsigned long nr,
                                 unsigned int order, unsigned long start,
                                 int (*read)(void *ctx, unsigned int idx,
                                             unsigned int n, xen_pfn_t *out),
                                 void *ctx, unsigned int cmd, guest_ptr_t arg)
{
    struct domain *d;
    unsigned long i;
    int rc;

    if ( !(d = physmap_target(domid, &rc)) )
        return rc;
    if ( order > MAX_EXTENT_ORDER ||
         nr > (ULONG_MAX >> MEMOP_EXTENT_SHIFT) || start > nr )
        return -EINVAL;
    for ( i = start; i < nr; i++ )
    {
        xen_pfn_t gfn;
        unsigned long j;

        if ( i > start && hypercall_preempt_check() )
        {
            unsigned long a[2] = { cmd | (i << MEMOP_EXTENT_SHIFT), arg.va };

            return hypercall_create_continuation(__HYPERVISOR_memory_op, 2, a);
        }
        if ( read(ctx, i, 1, &gfn) )
            return i ? (long)i : -EFAULT;
        if ( gfn + (1UL << order) - 1 > P2M_MAX_GFN ||
             (gfn & ((1UL << order) - 1)) )
            return i;
        for ( j = 0; j < (1UL << order); j++ )
            if ( remove_one(d, _gfn(gfn + j)) )
                return i;
    }
    return nr;
}

long memory_reservation_query(unsigned int op, guest_ptr_t arg)
{
    domid_t domid;
    struct domain *d;
    int rc;

    if ( copy_from_guest(&domid, arg, sizeof(domid)) )
        return -EFAULT;
    if ( !(d = physmap_target(domid, &rc)) )
        return rc;
    if ( op == XENMEM_maximum_reservation )
        return d->max_pages;
    return d->tot_pages - d->resource_pages;
}
