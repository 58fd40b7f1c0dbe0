/*
 * The per-vCPU translation cache for instruction fetches (see
 * asm/hvm/insn_fetch.h for why, and when an entry still holds).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <asm/guest_walk.h>
#include <asm/hvm/insn_fetch.h>

/* The walk's reads, each recorded for the next look at the cache. */
struct recorder {
    struct domain *d;
    struct hvm_fetch_cache *c;
};

static int record_read(void *ctx, uint64_t gpa, void *buf, size_t len)
{
    struct recorder *r = ctx;
    struct hvm_fetch_cache *c = r->c;
    const void *at = hvm_gpa_ptr(r->d, gpa, len);

    if ( !at )
        return -EFAULT;
    memcpy(buf, at, len);
    if ( c->nr < FETCH_CACHE_READS )
    {
        c->read[c->nr].at = at;
        c->read[c->nr].val = 0;
        memcpy(&c->read[c->nr].val, at, len);
        c->read[c->nr].len = len;
    }
    c->nr++;
    return 0;
}

static bool same_paging(const struct guest_paging *a,
                        const struct guest_paging *b)
{
    return a->cr0 == b->cr0 && a->cr3 == b->cr3 && a->cr4 == b->cr4 &&
           a->efer == b->efer && a->phys_bits == b->phys_bits;
}

/* Would a walk now read the same entries with the same values? */
static bool still_holds(const struct hvm_fetch_cache *c,
                        const struct domain *d,
                        const struct guest_paging *pg, uint64_t lin_page,
                        unsigned int access)
{
    unsigned int i;

    if ( !c->valid || c->p2m_gen != d->arch.p2m.gen ||
         c->lin_page != lin_page || c->access != access ||
         !same_paging(&c->pg, pg) )
        return false;
    for ( i = 0; i < c->nr; i++ )
    {
        uint64_t now = 0;

        memcpy(&now, c->read[i].at, c->read[i].len);
        if ( now != c->read[i].val )
            return false;
    }
    return true;
}

int hvm_translate_fetch(struct vcpu *v, uint64_t lin, unsigned int access,
                        uint64_t *gpa)
{
    struct hvm_fetch_cache *c = &v->arch.fetch_cache;
    struct recorder r = { .d = v->domain, .c = c };
    uint64_t lin_page = lin & ~(uint64_t)(PAGE_SIZE - 1), page_gpa;
    struct guest_paging pg;

    hvm_get_paging(v, &pg);
    if ( still_holds(c, v->domain, &pg, lin_page, access) )
    {
        *gpa = c->gpa_page | (lin & (PAGE_SIZE - 1));
        return 0;
    }
    c->valid = false;
    c->nr = 0;
    if ( guest_walk(&pg, lin_page, access, record_read, &r, &page_gpa) )
        return -EFAULT;
    /* A walk that read more than can be checked is not kept. */
    c->valid = c->nr <= FETCH_CACHE_READS;
    c->p2m_gen = v->domain->arch.p2m.gen;
    c->pg = pg;
    c->access = access;
    c->lin_page = lin_page;
    c->gpa_page = page_gpa;
    /* Kept for as long as the P2M is unchanged (p2m_gen). */
    c->page = hvm_gpa_ptr(v->domain, page_gpa, PAGE_SIZE);
    *gpa = page_gpa | (lin & (PAGE_SIZE - 1));
    return 0;
}

const uint8_t *hvm_code_ptr(struct vcpu *v, uint64_t lin,
                            unsigned int access, unsigned int *avail)
{
    const struct hvm_fetch_cache *c = &v->arch.fetch_cache;
    uint64_t gpa;

    if ( hvm_translate_fetch(v, lin, access, &gpa) || !c->valid || !c->page )
        return NULL;
    *avail = PAGE_SIZE - (lin & (PAGE_SIZE - 1));
    return c->page + (lin & (PAGE_SIZE - 1));
}

int hvm_fetch_code(struct vcpu *v, uint64_t lin, unsigned int access,
                   void *buf, unsigned int len)
{
    const struct hvm_fetch_cache *c = &v->arch.fetch_cache;
    uint64_t gpa;

    if ( hvm_translate_fetch(v, lin, access, &gpa) )
        return -EFAULT;
    if ( !c->valid || !c->page )
        return hvm_copy_gpa(v->domain, gpa, buf, len, false) ? -ENXIO : 0;
    memcpy(buf, c->page + (lin & (PAGE_SIZE - 1)), len);
    return 0;
}
