/*
 * XENMEM_populate_physmap (memory_op 6): fresh RAM for a domain at the
 * gfns the caller lists, one extent of 2^extent_order pages per entry.
 * A domain fills holes in its own physmap with it (Linux's balloon
 * driver); a control domain or device model gives a domain it made or
 * serves its first pages.
 *
 * Xen 4.17's answers, native and compat alike: the number of extents
 * done, never an errno.  Anything refused before the first extent (the
 * structure unreadable, nr_extents too large for progress in cmd, no
 * such domain, mem_flags, XSM's memory_adjust_reservation, an order
 * beyond max_order()) answers the progress the call started from; the
 * loop stops at the first extent that cannot be read or given.  An
 * extent is all or nothing here (domain_populate_extent), and it counts
 * against the domain's max_pages.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/memory.h>
#include <public/memory.h>

/* Xen's limit for populate-on-demand requests: MAX_ORDER. */
#define POD_MAX_ORDER 18

static long populate_extents(struct domain *d, const struct reservation_args *r,
                             unsigned long start,
                             int (*read)(void *ctx, unsigned int idx,
                                         unsigned int n, xen_pfn_t *out),
                             void *ctx, unsigned int cmd, guest_ptr_t arg)
{
    unsigned long i;

    for ( i = start; i < r->nr_extents; i++ )
    {
        xen_pfn_t gfn;
        int rc;

        if ( i > start && hypercall_preempt_check() )
        {
            unsigned long a[2] = { cmd | (i << MEMOP_EXTENT_SHIFT), arg.va };

            return hypercall_create_continuation(__HYPERVISOR_memory_op, 2, a);
        }
        /* i < nr_extents, which reservation_domain() bounded. */
        if ( read(ctx, i, 1, &gfn) )
            break;
        if ( (rc = domain_populate_extent(d, _gfn(gfn), r->extent_order)) )
        {
            printk_ratelimited("d%u: populate_physmap of d%u: gfn %#lx "
                               "order %u refused (%d)\n",
                               current_domain()->domain_id, d->domain_id,
                               (unsigned long)gfn, r->extent_order, rc);
            break;
        }
    }
    return i;
}

long memory_populate_physmap(const struct reservation_args *r,
                             unsigned long start,
                             int (*read)(void *ctx, unsigned int idx,
                                         unsigned int n, xen_pfn_t *out),
                             void *ctx, unsigned int cmd, guest_ptr_t arg)
{
    struct domain *currd = current_domain();
    struct domain *d = reservation_domain(r, start);

    if ( !d )
        return start;
    if ( r->mem_flags & XENMEMF_populate_on_demand )
    {
        /*
         * Xen refuses it on oneself and marks another HVM domain's gfns
         * populate-on-demand; there is no PoD here, so nothing is done.
         */
        if ( d != currd && r->extent_order <= POD_MAX_ORDER )
            printk_ratelimited("d%u: populate-on-demand for d%u not "
                               "supported\n", currd->domain_id, d->domain_id);
        return start;
    }
    if ( r->extent_order > reservation_max_order(currd) )
        return start;
    return populate_extents(d, r, start, read, ctx, cmd, arg);
}
