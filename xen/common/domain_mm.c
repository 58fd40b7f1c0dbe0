/*
 * Domain memory ownership: RAM allocation for a new domain, page
 * references, and release at destruction.
 *
 * A domain page's count is its owner's allocation reference plus one per
 * mapping of it elsewhere.  Every reference beyond the owner's also holds
 * a reference on the owner's struct domain, so a destroyed domain lives
 * on (dying, unlisted) until its last mapped page is released.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/p2m.h>

static void page_list_add(struct domain *d, struct page_info *pg)
{
    pg->prev = NULL;
    pg->next = d->page_list;
    if ( d->page_list )
        d->page_list->prev = pg;
    else
        d->page_tail = pg;
    d->page_list = pg;
}

static void page_list_del(struct domain *d, struct page_info *pg)
{
    if ( pg->prev )
        pg->prev->next = pg->next;
    else
        d->page_list = pg->next;
    if ( pg->next )
        pg->next->prev = pg->prev;
    else
        d->page_tail = pg->prev;
    pg->next = pg->prev = NULL;
}

static void page_list_move_tail(struct domain *d, struct page_info *pg)
{
    struct page_info *last;

    if ( pg == d->page_tail )
        return;
    page_list_del(d, pg);
    last = d->page_tail;
    last->next = pg;
    pg->prev = last;
    d->page_tail = pg;
}

/* Hand one fresh, zeroed page to d with the owner's reference. */
static struct page_info *alloc_domain_page(struct domain *d, bool resource)
{
    struct page_info *pg;

    if ( !resource && d->tot_pages - d->resource_pages >= d->max_pages )
        return NULL;
    pg = alloc_heap_pages(0);
    if ( !pg )
        return NULL;
    memset(page_to_virt(pg), 0, PAGE_SIZE);
    pg->owner = d;
    pg->type = PGT_domain;
    pg->count = 1;
    pg->flags = PGF_allocated | (resource ? PGF_resource : 0);
    page_list_add(d, pg);
    d->tot_pages++;
    d->alloc_pages++;
    d->resource_pages += resource;
    return pg;
}

struct page_info *alloc_domain_resource_page(struct domain *d)
{
    return alloc_domain_page(d, true);
}

static void free_domain_page(struct page_info *pg)
{
    struct domain *d = pg->owner;

    page_list_del(d, pg);
    d->tot_pages--;
    d->resource_pages -= !!(pg->flags & PGF_resource);
    pg->owner = NULL;
    free_heap_pages(pg, 0);
}

int domain_populate_ram(struct domain *d, unsigned long nr_pages)
{
    unsigned long gfn;
    int rc;

    for ( gfn = 0; gfn < nr_pages; gfn++ )
    {
        struct page_info *pg = alloc_domain_page(d, false);

        if ( !pg )
            return -ENOMEM;
        rc = p2m_set_entry(d, _gfn(gfn), page_to_mfn(pg), p2m_ram_rw);
        if ( rc )
            return rc;   /* the page is on d's list: destroy frees it */
    }
    return 0;
}

/* Room under max_pages for n more pages (what counts: RAM, not resources). */
static bool below_max_pages(const struct domain *d, unsigned long n)
{
    unsigned long used = d->tot_pages - d->resource_pages;

    return used <= d->max_pages && n <= d->max_pages - used;
}

/* Nothing in [gfn, gfn + n) that only its own unmap may take away. */
static bool range_replaceable(struct domain *d, unsigned long gfn,
                              unsigned long n)
{
    unsigned long j;

    for ( j = 0; j < n; j++ )
    {
        p2m_type_t t;

        p2m_get_entry(d, _gfn(gfn + j), &t);
        if ( p2m_is_foreign_ref(t) )
            return false;
    }
    return true;
}

/* Give back the n pages allocated last (they head d's list). */
static void drop_newest(struct domain *d, unsigned long n)
{
    while ( n-- )
        put_page_alloc_ref(d->page_list);
}

int domain_populate_extent(struct domain *d, gfn_t gfn, unsigned int order)
{
    unsigned long n = 1UL << order, g = gfn_x(gfn), j;
    struct page_info *pg, *next;
    int rc;

    if ( g > P2M_MAX_GFN || n - 1 > P2M_MAX_GFN - g )
        return -EINVAL;
    if ( !range_replaceable(d, g, n) )
        return -EBUSY;
    if ( !below_max_pages(d, n) )
        return -ENOMEM;
    if ( (rc = p2m_prepare_range(d, gfn, n)) )
        return rc;
    for ( j = 0; j < n; j++ )
        if ( !alloc_domain_page(d, false) )
        {
            drop_newest(d, j);
            return -ENOMEM;
        }
    /* Checked and prepared above: mapping cannot fail now. */
    for ( pg = d->page_list, j = n; j--; pg = next )
    {
        next = pg->next;
        rc = guest_physmap_add_own(d, _gfn(g + j), page_to_mfn(pg));
        ASSERT(!rc);
    }
    return 0;
}

bool get_page(struct page_info *pg, const struct domain *owner)
{
    if ( !owner || pg->owner != owner || pg->type != PGT_domain ||
         pg->count == 0 || pg->count == UINT32_MAX )
        return false;
    pg->count++;
    get_domain(pg->owner);
    return true;
}

struct page_info *get_ram_page_ref(struct domain *d, uint64_t gfn)
{
    struct page_info *pg;
    p2m_type_t t;
    mfn_t mfn;

    if ( gfn > P2M_MAX_GFN )
        return NULL;
    mfn = p2m_get_entry(d, _gfn(gfn), &t);
    if ( t != p2m_ram_rw )
        return NULL;
    pg = mfn_to_page(mfn);
    return get_page(pg, d) ? pg : NULL;
}

/* Drop one reference; frees the page when none is left. */
static bool drop_page_ref(struct page_info *pg)
{
    ASSERT(pg->type == PGT_domain && pg->count > 0);
    if ( --pg->count )
        return false;
    free_domain_page(pg);
    return true;
}

void put_page(struct page_info *pg)
{
    struct domain *owner = pg->owner;

    drop_page_ref(pg);
    put_domain(owner);
}

/*
 * The owner's reference is dropped once only, whoever lets go first
 * (giving RAM back, a version switch, or destruction): the flag records
 * that it is still held.
 */
void put_page_alloc_ref(struct page_info *pg)
{
    if ( !(pg->flags & PGF_allocated) )
        return;
    pg->flags &= ~PGF_allocated;
    pg->owner->alloc_pages--;
    drop_page_ref(pg);
}

int guest_physmap_add_own(struct domain *d, gfn_t gfn, mfn_t mfn)
{
    p2m_type_t t;
    mfn_t old = p2m_get_entry(d, gfn, &t);
    int rc;

    /* A grant mapping goes only through unmap_grant_ref (maptrack). */
    if ( p2m_is_grant(t) )
        return -EBUSY;
    rc = p2m_set_entry(d, gfn, mfn, p2m_ram_rw);
    if ( rc || t != p2m_ram_rw || mfn_eq(old, mfn) )
        return rc;
    /* Plain RAM that was there is freed; a resource frame just moves. */
    if ( !(mfn_to_page(old)->flags & PGF_resource) )
        put_page_alloc_ref(mfn_to_page(old));
    return 0;
}

/*
 * Pages the owner has let go of but others still map are moved to the
 * tail as they are met, so each step makes progress from the head and
 * visits each page at most twice overall.
 */
int domain_release_ram(struct domain *d, unsigned long *budget)
{
    while ( d->alloc_pages )
    {
        struct page_info *pg = d->page_list;

        if ( !*budget )
            return -ERESTART;
        --*budget;
        if ( pg->flags & PGF_allocated )
            put_page_alloc_ref(pg);       /* usually frees it */
        else
            page_list_move_tail(d, pg);
    }
    return 0;
}
