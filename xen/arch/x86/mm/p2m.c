/*
 * The P2M as the CPU walks it: AMD nested page tables or Intel EPT, both
 * 4-level with 4 KiB leaves; only the entry encoding (mm/p2m_format.c)
 * and how stale translations are flushed differ.  The entry's software
 * type lives in bits 52-55, which both formats ignore.
 *
 * Table pages come from a pool sized when the domain is created (xl's
 * shadow_memory), so a guest that scatters mappings across its address
 * space runs out of its own pool (-ENOMEM), never the machine's heap.
 *
 * Lock order (once there is more than one CPU): the p2m lock of a domain
 * is taken after that domain's page-allocation lock, never before.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/p2m.h>
#include <asm/p2m_format.h>

#define P2M_LEVELS   4

static const struct p2m_format *fmt = &p2m_format_npt;
static void (*flush_domain)(struct domain *d);

void p2m_use_format(const struct p2m_format *f,
                    void (*flush)(struct domain *d))
{
    fmt = f;
    flush_domain = flush;
}

static bool present(uint64_t e)
{
    return p2m_entry_present(fmt, e);
}

static unsigned int level_index(gfn_t gfn, unsigned int level)
{
    return (gfn_x(gfn) >> (9 * level)) & 511;
}

static uint64_t *table_of(uint64_t entry)
{
    return maddr_to_virt(entry & P2M_ADDR_MASK);
}

/* Tables come from the domain's own pool (p2m_pool.c), never the heap. */
static uint64_t *alloc_table(struct p2m_domain *p2m)
{
    uint64_t *t = p2m_pool_take(p2m);

    if ( t )
        p2m->nr_tables++;
    return t;
}

static void free_table(struct p2m_domain *p2m, uint64_t *t)
{
    p2m_pool_give(p2m, t);
    p2m->nr_tables--;
}

int p2m_init(struct domain *d)
{
    struct p2m_domain *p2m = &d->arch.p2m;
    int rc = p2m_pool_init(p2m, p2m_pool_default_pages(&d->cfg));

    if ( rc )
        return rc;
    p2m->root = alloc_table(p2m);
    return p2m->root ? 0 : -ENOMEM;
}

paddr_t p2m_root_maddr(const struct domain *d)
{
    return virt_to_maddr(d->arch.p2m.root);
}

/*
 * Find the leaf slot for gfn.  With alloc, missing intermediate tables are
 * created; without, NULL means "nothing mapped there".
 */
static uint64_t *leaf_slot(struct p2m_domain *p2m, gfn_t gfn, bool alloc)
{
    uint64_t *table = p2m->root;
    unsigned int level;

    for ( level = P2M_LEVELS - 1; level > 0; level-- )
    {
        uint64_t *e = &table[level_index(gfn, level)];

        if ( !present(*e) )
        {
            uint64_t *next;

            if ( !alloc || !(next = alloc_table(p2m)) )
                return NULL;
            *e = fmt->table(virt_to_maddr(next));
        }
        table = table_of(*e);
    }
    return &table[level_index(gfn, 0)];
}

/* Release what a leaf entry holds: the page reference of a foreign entry. */
static void release_leaf(struct p2m_domain *p2m, uint64_t e)
{
    if ( !present(e) || !p2m_is_foreign_ref(p2m_entry_type(e)) )
        return;
    p2m->nr_foreign--;
    put_page(mfn_to_page(p2m_entry_mfn(e)));
}

int p2m_set_entry(struct domain *d, gfn_t gfn, mfn_t mfn, p2m_type_t t)
{
    struct p2m_domain *p2m = &d->arch.p2m;
    uint64_t *slot, old;

    if ( gfn_x(gfn) > P2M_MAX_GFN )
        return -EINVAL;
    slot = leaf_slot(p2m, gfn, t != p2m_invalid);
    if ( !slot && t == p2m_invalid )
        return 0;
    if ( !slot )
    {
        printk_ratelimited("d%u: P2M pool exhausted (%lu pages): gfn %#lx "
                           "not mapped\n", d->domain_id, p2m->pool_total,
                           gfn_x(gfn));
        return -ENOMEM;
    }

    old = *slot;
    *slot = t == p2m_invalid ? 0 : fmt->leaf(mfn, t);
    p2m->gen++;
    if ( p2m_is_foreign_ref(t) )
        p2m->nr_foreign++;
    /* The CPU may hold the old translation (never a missing one): it
     * must be gone before a page the entry referenced is released. */
    if ( present(old) && flush_domain )
        flush_domain(d);
    release_leaf(p2m, old);
    return 0;
}

/* One leaf table covers 512 gfns: make each table the range touches. */
int p2m_prepare_range(struct domain *d, gfn_t gfn, unsigned long nr)
{
    unsigned long g = gfn_x(gfn), last;

    if ( !nr )
        return 0;
    if ( g > P2M_MAX_GFN || nr - 1 > P2M_MAX_GFN - g )
        return -EINVAL;
    for ( last = g + nr - 1; ; g = (g | 511) + 1 )
    {
        if ( !leaf_slot(&d->arch.p2m, _gfn(g), true) )
        {
            printk_ratelimited("d%u: P2M pool exhausted (%lu pages): gfn %#lx "
                               "not prepared\n", d->domain_id,
                               d->arch.p2m.pool_total, g);
            return -ENOMEM;
        }
        if ( (g | 511) >= last )
            return 0;
    }
}

mfn_t p2m_get_entry(struct domain *d, gfn_t gfn, p2m_type_t *t)
{
    uint64_t *slot = NULL;

    if ( gfn_x(gfn) <= P2M_MAX_GFN )
        slot = leaf_slot(&d->arch.p2m, gfn, false);
    if ( !slot || !present(*slot) )
    {
        *t = p2m_invalid;
        return INVALID_MFN;
    }
    *t = p2m_entry_type(*slot);
    return p2m_entry_mfn(*slot);
}

int p2m_remove_entry(struct domain *d, gfn_t gfn)
{
    return p2m_set_entry(d, gfn, INVALID_MFN, p2m_invalid);
}

/*
 * Release what table (at level) holds, then free it.  Finished entries are
 * cleared as it goes, so a call that runs out of budget (false) is simply
 * made again later and skips them.  One unit of budget per table.
 */
static bool free_level(struct p2m_domain *p2m, uint64_t *table,
                       unsigned int level, unsigned long *budget)
{
    unsigned int i;

    for ( i = 0; i < 512; i++ )
    {
        if ( !present(table[i]) )
            continue;
        if ( level == 0 )
            release_leaf(p2m, table[i]);
        else if ( !free_level(p2m, table_of(table[i]), level - 1, budget) )
            return false;
        table[i] = 0;
    }
    if ( !*budget )
        return false;
    --*budget;
    free_table(p2m, table);
    return true;
}

int p2m_teardown(struct domain *d, unsigned long *budget)
{
    struct p2m_domain *p2m = &d->arch.p2m;

    if ( p2m->root )
    {
        /* No vCPU runs any more; what the CPU cached must go before
         * the tables and pages are reused. */
        if ( flush_domain )
            flush_domain(d);
        if ( !free_level(p2m, p2m->root, P2M_LEVELS - 1, budget) )
            return -ERESTART;
        p2m->root = NULL;
        ASSERT(p2m->nr_tables == 0);
        ASSERT(p2m->nr_foreign == 0);
    }
    p2m_pool_destroy(p2m);
    return 0;
}

int set_foreign_p2m_entry(struct domain *d, unsigned long gfn, mfn_t mfn)
{
    struct page_info *pg;
    p2m_type_t old;
    int rc;

    if ( !mfn_valid(mfn) || gfn > P2M_MAX_GFN )
        return -EINVAL;
    p2m_get_entry(d, _gfn(gfn), &old);
    if ( p2m_is_grant(old) )
        return -EBUSY;          /* unmap the grant first */
    pg = mfn_to_page(mfn);
    /* Only another domain's live page can be mapped foreign. */
    if ( !pg->owner || pg->owner == d || !get_page(pg, pg->owner) )
        return -EINVAL;
    rc = p2m_set_entry(d, _gfn(gfn), mfn, p2m_map_foreign);
    if ( rc )
        put_page(pg);
    return rc;
}
