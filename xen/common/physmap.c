/*
 * Changes to a domain's physical map requested through memory_op:
 * mapping the shared_info page, a grant-table frame or (for
 * add_to_physmap_batch, physmap_batch.c) another domain's page at a
 * gfn, removing whatever is at a gfn, giving RAM back
 * (decrease_reservation), and the reservation queries.  Each op asks its own XSM hook, as in Xen 4.17:
 * add_to_physmap and remove_from_physmap (FLASK mmu:physmap),
 * decrease_reservation (mmu:adjust), the queries (mmu:stat).
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

/*
 * Xen 4.17's limits on x86: max_order() is 9 (CONFIG_DOMU_MAX_ORDER)
 * for guests and 18 (CONFIG_PAGEALLOC_MAX_ORDER, also MAX_ORDER) for the
 * control domain; MAX_NUMNODES is 64, NUMA_NO_NODE 0xff.
 */
#define DOMU_MAX_ORDER      9
#define CTLDOM_MAX_ORDER    18
#define MAX_NUMNODES        64
#define NUMA_NO_NODE        0xffU

/* DOMID_SELF (the caller) or a listed domain that still runs. */
static struct domain *memop_domain(domid_t domid)
{
    struct domain *d = domid == DOMID_SELF ? current_domain()
                                           : domain_lookup(domid);

    return d && d->state == DOMSTATE_running ? d : NULL;
}

/*
 * The domain whose physmap an add of space (or a remove) changes, in
 * Xen 4.17's order: -ESRCH; -EACCES for a domain without a physmap
 * (untranslated), or for XENMAPSPACE_dev_mmio unless the control
 * (hardware) domain adds to itself; then the XSM answer.
 */
struct domain *physmap_target(domid_t domid, bool add, unsigned int space,
                              int *rc)
{
    struct domain *d = memop_domain(domid);
    struct domain *currd = current_domain();

    *rc = -ESRCH;
    if ( !d )
        return NULL;
    if ( !paging_mode_translate(d) ||
         (add && space == XENMAPSPACE_dev_mmio &&
          (d != currd || !currd->is_privileged)) )
        *rc = -EACCES;
    else
        *rc = add ? xsm_add_to_physmap(XSM_TARGET, d)
                  : xsm_remove_from_physmap(XSM_TARGET, d);
    return *rc ? NULL : d;
}

long physmap_add_one(struct domain *d, unsigned int space, unsigned long idx,
                     xen_pfn_t gpfn)
{
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

long memory_add_to_physmap(domid_t domid, unsigned int space,
                           unsigned long idx, xen_pfn_t gpfn)
{
    struct domain *d;
    int rc;

    /* Xen 4.17: foreign pages come only through the batch. */
    if ( space == XENMAPSPACE_gmfn_foreign )
        return -ENOSYS;
    if ( !(d = physmap_target(domid, true, space, &rc)) )
        return rc;
    return physmap_add_one(d, space, idx, gpfn);
}

/* What remove_from_physmap and decrease_reservation may take away. */
static bool removable(p2m_type_t t)
{
    /* Not a grant mapping: only unmap_grant_ref undoes it (Xen 4.17). */
    return t == p2m_ram_rw || t == p2m_map_foreign;
}

static long remove_one(struct domain *d, gfn_t gfn)
{
    p2m_type_t t;
    mfn_t mfn = p2m_get_entry(d, gfn, &t);
    struct page_info *pg;

    if ( !removable(t) )
        return -ENOENT;
    if ( t == p2m_map_foreign )
        return p2m_remove_entry(d, gfn);     /* drops the page reference */
    pg = mfn_to_page(mfn);
    p2m_remove_entry(d, gfn);
    if ( !(pg->flags & PGF_resource) )
        put_page_alloc_ref(pg);
    return 0;
}

int physmap_add_foreign(struct domain *d, gfn_t gfn, mfn_t mfn)
{
    p2m_type_t t;
    mfn_t old = p2m_get_entry(d, gfn, &t);
    int rc;

    /* Not d's own page: Xen's guest_remove_page refuses it (-ENXIO). */
    if ( p2m_is_foreign_ref(t) )
        return -ENXIO;
    rc = set_foreign_p2m_entry(d, gfn_x(gfn), mfn);
    /* Own RAM that was there is freed once replaced; a resource frame
     * (shared_info, grant table) is only unhooked. */
    if ( !rc && t == p2m_ram_rw && !(mfn_to_page(old)->flags & PGF_resource) )
        put_page_alloc_ref(mfn_to_page(old));
    return rc;
}

long memory_remove_from_physmap(domid_t domid, xen_pfn_t gpfn)
{
    struct domain *d;
    int rc;

    if ( !(d = physmap_target(domid, false, 0, &rc)) )
        return rc;
    if ( gpfn > P2M_MAX_GFN )
        return -EINVAL;
    return remove_one(d, _gfn(gpfn));
}

/*
 * mem_flags Xen's construct_memop_from_reservation() refuses: an address
 * width of at most a page (Xen compares it with the machine's width too,
 * which any machine of two pages or more passes), or a physical node
 * that the caller may not name (a guest asking for it exactly, the
 * control domain a node beyond MAX_NUMNODES).  A virtual node is looked
 * up only in a vNUMA layout, which no domain has here.
 */
static bool reservation_flags_ok(const struct domain *currd,
                                 unsigned int flags)
{
    unsigned int bits = XENMEMF_get_address_bits(flags);
    unsigned int node = XENMEMF_get_node(flags);

    if ( bits && bits <= PAGE_SHIFT )
        return false;
    if ( (flags & XENMEMF_vnode) || node == NUMA_NO_NODE )
        return true;
    if ( currd->is_privileged )
        return node < MAX_NUMNODES;
    return !(flags & XENMEMF_exact_node_request);
}

/* Can every page of the extent go?  Nothing changes otherwise. */
static bool extent_removable(struct domain *d, xen_pfn_t gfn,
                             unsigned int order)
{
    unsigned long j;

    if ( gfn > P2M_MAX_GFN || (1UL << order) - 1 > P2M_MAX_GFN - gfn )
        return false;
    for ( j = 0; j < (1UL << order); j++ )
    {
        p2m_type_t t;

        p2m_get_entry(d, _gfn(gfn + j), &t);
        if ( !removable(t) )
            return false;
    }
    return true;
}

static long release_extents(struct domain *d, const struct reservation_args *r,
                            unsigned long start,
                            int (*read)(void *ctx, unsigned int idx,
                                        unsigned int n, xen_pfn_t *out),
                            void *ctx, unsigned int cmd, guest_ptr_t arg)
{
    unsigned long i, j;

    for ( i = start; i < r->nr_extents; i++ )
    {
        xen_pfn_t gfn;

        if ( i > start && hypercall_preempt_check() )
        {
            unsigned long a[2] = { cmd | (i << MEMOP_EXTENT_SHIFT), arg.va };

            return hypercall_create_continuation(__HYPERVISOR_memory_op, 2, a);
        }
        /* i < nr_extents, which the caller bounded: it fits an index. */
        if ( read(ctx, i, 1, &gfn) ||
             !extent_removable(d, gfn, r->extent_order) )
            break;
        for ( j = 0; j < (1UL << r->extent_order); j++ )
            remove_one(d, _gfn(gfn + j));
    }
    return i;
}

struct domain *reservation_domain(const struct reservation_args *r,
                                  unsigned long start)
{
    struct domain *d;

    /* Xen: a count that progress in cmd could not encode, or no work. */
    if ( r->nr_extents > (UINT_MAX >> MEMOP_EXTENT_SHIFT) ||
         start >= r->nr_extents )
        return NULL;
    if ( !(d = memop_domain(r->domid)) ||
         !reservation_flags_ok(current_domain(), r->mem_flags) ||
         xsm_memory_adjust_reservation(XSM_TARGET, d) )
        return NULL;
    return d;
}

unsigned int reservation_max_order(const struct domain *currd)
{
    return currd->is_privileged ? CTLDOM_MAX_ORDER : DOMU_MAX_ORDER;
}

long memory_decrease_reservation(const struct reservation_args *r,
                                 unsigned long start,
                                 int (*read)(void *ctx, unsigned int idx,
                                             unsigned int n, xen_pfn_t *out),
                                 void *ctx, unsigned int cmd, guest_ptr_t arg)
{
    struct domain *d = reservation_domain(r, start);

    if ( !d || r->extent_order > reservation_max_order(current_domain()) )
        return start;
    return release_extents(d, r, start, read, ctx, cmd, arg);
}

long memory_reservation_query(unsigned int op, guest_ptr_t arg)
{
    domid_t domid;
    struct domain *d;
    int rc;

    if ( copy_from_guest(&domid, arg, sizeof(domid)) )
        return -EFAULT;
    if ( !(d = memop_domain(domid)) )
        return -ESRCH;
    if ( (rc = xsm_memory_stat_reservation(XSM_TARGET, d)) )
        return rc;
    if ( op == XENMEM_maximum_reservation )
        return d->max_pages;
    return d->tot_pages - d->resource_pages;
}
