/*
 * The per-vCPU translation cache for instruction fetches: a few code
 * pages, replaced round robin (asm/hvm/insn_fetch.h says why, and when
 * an entry still holds).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <asm/guest_walk.h>
#include <asm/hvm/insn_fetch.h>

/* The walk's reads, each recorded for the next look at the entry. */
struct recorder {
    struct domain *d;
    struct hvm_fetch_entry *e;
};

static int record_read(void *ctx, uint64_t gpa, void *buf, size_t len)
{
    struct recorder *r = ctx;
    struct hvm_fetch_entry *e = r->e;
    const void *at = hvm_gpa_ptr(r->d, gpa, len);

    if ( !at )
        return -EFAULT;
    memcpy(buf, at, len);
    if ( e->nr < FETCH_CACHE_READS )
    {
        e->read[e->nr].at = at;
        e->read[e->nr].gpa = gpa;
        e->read[e->nr].val = 0;
        memcpy(&e->read[e->nr].val, at, len);
        e->read[e->nr].len = len;
    }
    e->nr++;
    return 0;
}

static bool same_paging(const struct guest_paging *a,
                        const struct guest_paging *b)
{
    return a->cr0 == b->cr0 && a->cr3 == b->cr3 && a->cr4 == b->cr4 &&
           a->efer == b->efer && a->phys_bits == b->phys_bits;
}

/* Does gpa still hold RAM at the machine page of at (the hypervisor's
 * map is the identity)? */
static bool same_frame(struct domain *d, uint64_t gpa, const void *at)
{
    p2m_type_t t;
    mfn_t mfn = p2m_get_entry(d, _gfn(gpa >> PAGE_SHIFT), &t);

    return t == p2m_ram_rw &&
           mfn_x(mfn) == virt_to_maddr(at) >> PAGE_SHIFT;
}

/*
 * The P2M changed since e was made (its change count moved on): e still
 * holds if every page it depends on (the walk's tables and the code
 * page) is still the same RAM.  Cheaper than a new walk, and a domain
 * that maps and unmaps pages changes its P2M often.
 */
static bool p2m_still_holds(struct hvm_fetch_entry *e, struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < e->nr; i++ )
        if ( !same_frame(d, e->read[i].gpa, e->read[i].at) )
            return false;
    if ( e->page && !same_frame(d, e->gpa_page, e->page) )
        return false;
    e->p2m_gen = d->arch.p2m.gen;
    return true;
}

/* Would a walk now read the same entries with the same values? */
static bool still_holds(struct hvm_fetch_entry *e, struct domain *d,
                        const struct guest_paging *pg, uint64_t lin_page,
                        unsigned int access)
{
    unsigned int i;

    if ( !e->valid || e->lin_page != lin_page || e->access != access ||
         !same_paging(&e->pg, pg) )
        return false;
    if ( e->p2m_gen != d->arch.p2m.gen && !p2m_still_holds(e, d) )
        return false;
    for ( i = 0; i < e->nr; i++ )
    {
        uint64_t now = 0;

        memcpy(&now, e->read[i].at, e->read[i].len);
        if ( now != e->read[i].val )
            return false;
    }
    return true;
}

/* The entry that holds lin_page for access now, or NULL. */
static struct hvm_fetch_entry *lookup(struct vcpu *v,
                                      const struct guest_paging *pg,
                                      uint64_t lin_page, unsigned int access)
{
    struct hvm_fetch_cache *c = &v->arch.fetch_cache;
    unsigned int i;

    for ( i = 0; i < FETCH_CACHE_ENTRIES; i++ )
        if ( still_holds(&c->ent[i], v->domain, pg, lin_page, access) )
            return &c->ent[i];
    return NULL;
}

/* Walk for lin_page and keep the answer in the next entry. */
static struct hvm_fetch_entry *fill(struct vcpu *v,
                                    const struct guest_paging *pg,
                                    uint64_t lin_page, unsigned int access)
{
    struct hvm_fetch_cache *c = &v->arch.fetch_cache;
    struct hvm_fetch_entry *e = &c->ent[c->next];
    struct recorder r = { .d = v->domain, .e = e };
    uint64_t page_gpa;

    c->next = (c->next + 1) % FETCH_CACHE_ENTRIES;
    e->valid = false;
    e->nr = 0;
    if ( guest_walk(pg, lin_page, access, record_read, &r, &page_gpa) )
        return NULL;
    /* A walk that read more than can be checked is not kept. */
    e->valid = e->nr <= FETCH_CACHE_READS;
    e->p2m_gen = v->domain->arch.p2m.gen;
    e->pg = *pg;
    e->access = access;
    e->lin_page = lin_page;
    e->gpa_page = page_gpa;
    /* Kept for as long as the P2M is unchanged (p2m_gen). */
    e->page = hvm_gpa_ptr(v->domain, page_gpa, PAGE_SIZE);
    return e;
}

/* The entry for lin's page, found or made; NULL where the walk faults. */
static struct hvm_fetch_entry *entry_for(struct vcpu *v, uint64_t lin,
                                         unsigned int access)
{
    uint64_t lin_page = lin & ~(uint64_t)(PAGE_SIZE - 1);
    struct hvm_fetch_entry *e;
    struct guest_paging pg;

    hvm_get_paging(v, &pg);
    e = lookup(v, &pg, lin_page, access);
    return e ?: fill(v, &pg, lin_page, access);
}

int hvm_translate_fetch(struct vcpu *v, uint64_t lin, unsigned int access,
                        uint64_t *gpa)
{
    const struct hvm_fetch_entry *e = entry_for(v, lin, access);

    if ( !e )
        return -EFAULT;
    *gpa = e->gpa_page | (lin & (PAGE_SIZE - 1));
    return 0;
}

const uint8_t *hvm_code_ptr(struct vcpu *v, uint64_t lin,
                            unsigned int access, unsigned int *avail)
{
    const struct hvm_fetch_entry *e = entry_for(v, lin, access);

    /* Only a kept entry's map may be used (it is checked next time). */
    if ( !e || !e->valid || !e->page )
        return NULL;
    *avail = PAGE_SIZE - (lin & (PAGE_SIZE - 1));
    return e->page + (lin & (PAGE_SIZE - 1));
}

int hvm_fetch_code(struct vcpu *v, uint64_t lin, unsigned int access,
                   void *buf, unsigned int len)
{
    const struct hvm_fetch_entry *e = entry_for(v, lin, access);

    if ( !e )
        return -EFAULT;
    if ( !e->valid || !e->page )
        return hvm_copy_gpa(v->domain,
                            e->gpa_page | (lin & (PAGE_SIZE - 1)), buf, len,
                            false) ? -ENXIO : 0;
    memcpy(buf, e->page + (lin & (PAGE_SIZE - 1)), len);
    return 0;
}
