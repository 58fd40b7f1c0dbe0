/*
 * The fake P2M: a sorted array of (gfn, mfn, type) per domain, with the
 * reference rules of arch/x86/mm/p2m.c (see fake/include/asm/p2m.h), and
 * the arch hooks of domain and vCPU life.
 */
#include <stdlib.h>
#include <string.h>

#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/stall.h>
#include <asm/p2m.h>
#include "fake_arch.h"

/* Index of gfn, or where it would be inserted (*found says which). */
static unsigned long lookup(const struct p2m_domain *p, unsigned long gfn,
                            bool *found)
{
    unsigned long lo = 0, hi = p->nr;

    while ( lo < hi )
    {
        unsigned long mid = lo + (hi - lo) / 2;

        if ( p->e[mid].gfn < gfn )
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < p->nr && p->e[lo].gfn == gfn;
    return lo;
}

/* What an entry holds: x86's release_leaf(). */
static void release(struct p2m_domain *p, struct fake_p2m_entry old)
{
    if ( !p2m_is_foreign_ref(old.type) )
        return;
    p->nr_foreign--;
    put_page(mfn_to_page(_mfn(old.mfn)));
}

int p2m_init(struct domain *d)
{
    memset(&d->arch.p2m, 0, sizeof(d->arch.p2m));
    return 0;
}

int p2m_set_entry(struct domain *d, gfn_t gfn, mfn_t mfn, p2m_type_t t)
{
    struct p2m_domain *p = &d->arch.p2m;
    struct fake_p2m_entry old = { 0 };
    unsigned long i;
    bool found;

    if ( gfn_x(gfn) > P2M_MAX_GFN )
        return -EINVAL;
    i = lookup(p, gfn_x(gfn), &found);
    if ( found )
        old = p->e[i];
    if ( t == p2m_invalid )
    {
        if ( !found )
            return 0;
        memmove(&p->e[i], &p->e[i + 1], (p->nr - i - 1) * sizeof(p->e[0]));
        p->nr--;
    }
    else
    {
        if ( !found )
        {
            if ( p->limit && p->nr >= p->limit )
                return -ENOMEM;
            if ( p->nr == p->cap )
            {
                unsigned long cap = p->cap ? p->cap * 2 : 16;
                void *n = realloc(p->e, cap * sizeof(p->e[0]));

                if ( !n )
                    return -ENOMEM;
                p->e = n;
                p->cap = cap;
            }
            memmove(&p->e[i + 1], &p->e[i], (p->nr - i) * sizeof(p->e[0]));
            p->nr++;
        }
        p->e[i] = (struct fake_p2m_entry){ gfn_x(gfn), mfn_x(mfn), t };
        if ( p2m_is_foreign_ref(t) )
            p->nr_foreign++;
    }
    if ( found )
        release(p, old);
    return 0;
}

mfn_t p2m_get_entry(struct domain *d, gfn_t gfn, p2m_type_t *t)
{
    struct p2m_domain *p = &d->arch.p2m;
    unsigned long i;
    bool found;

    i = lookup(p, gfn_x(gfn), &found);
    if ( !found )
    {
        *t = p2m_invalid;
        return INVALID_MFN;
    }
    *t = p->e[i].type;
    return _mfn(p->e[i].mfn);
}

int p2m_remove_entry(struct domain *d, gfn_t gfn)
{
    return p2m_set_entry(d, gfn, INVALID_MFN, p2m_invalid);
}

/* Room in the array (and under the limit) for every gfn not yet there. */
int p2m_prepare_range(struct domain *d, gfn_t gfn, unsigned long nr)
{
    struct p2m_domain *p = &d->arch.p2m;
    unsigned long g, missing = 0;
    bool found;

    if ( !nr )
        return 0;
    if ( gfn_x(gfn) > P2M_MAX_GFN || nr - 1 > P2M_MAX_GFN - gfn_x(gfn) )
        return -EINVAL;
    for ( g = gfn_x(gfn); g - gfn_x(gfn) < nr; g++ )
    {
        lookup(p, g, &found);
        missing += !found;
    }
    if ( p->limit && p->nr + missing > p->limit )
        return -ENOMEM;
    if ( p->nr + missing > p->cap )
    {
        void *n = realloc(p->e, (p->nr + missing) * sizeof(p->e[0]));

        if ( !n )
            return -ENOMEM;
        p->e = n;
        p->cap = p->nr + missing;
    }
    return 0;
}

void fake_set_p2m_limit(struct domain *d, unsigned long limit)
{
    d->arch.p2m.limit = limit;
}

int p2m_teardown(struct domain *d, unsigned long *budget)
{
    struct p2m_domain *p = &d->arch.p2m;

    /* From the top, so that each release sees a consistent array. */
    while ( p->nr )
    {
        struct fake_p2m_entry old;

        if ( !*budget )
            return -ERESTART;
        --*budget;
        old = p->e[--p->nr];
        release(p, old);
    }
    ASSERT(p->nr_foreign == 0);
    free(p->e);
    p->e = NULL;
    p->cap = 0;
    return 0;
}

bool paging_mode_translate(const struct domain *d)
{
    return !d->arch.p2m.untranslated;
}

void fake_set_translated(struct domain *d, bool translated)
{
    d->arch.p2m.untranslated = !translated;
}

/* x86's rules: only another domain's live page; never over a grant. */
int set_foreign_p2m_entry(struct domain *d, unsigned long gfn, mfn_t mfn)
{
    struct page_info *pg;
    p2m_type_t old;
    int rc;

    if ( !mfn_valid(mfn) || gfn > P2M_MAX_GFN )
        return -EINVAL;
    p2m_get_entry(d, _gfn(gfn), &old);
    if ( p2m_is_grant(old) )
        return -EBUSY;
    pg = mfn_to_page(mfn);
    if ( !pg->owner || pg->owner == d || !get_page(pg, pg->owner) )
        return -EINVAL;
    rc = p2m_set_entry(d, _gfn(gfn), mfn, p2m_map_foreign);
    if ( rc )
        put_page(pg);
    return rc;
}

int arch_domain_create(struct domain *d)
{
    d->arch.gmem = calloc(1, FAKE_GMEM_SIZE);
    if ( !d->arch.gmem )
        return -ENOMEM;
    return p2m_init(d);
}

int arch_domain_relinquish(struct domain *d, unsigned long *budget)
{
    int rc = p2m_teardown(d, budget);

    if ( rc )
        return rc;
    free(d->arch.gmem);
    d->arch.gmem = NULL;
    return 0;
}

int arch_vcpu_create(struct vcpu *v)
{
    memset(&v->arch, 0, sizeof(v->arch));
    return 0;
}

/* The upcall a real arch would inject: counted, and the vCPU woken. */
void arch_evtchn_upcall(struct vcpu *v)
{
    v->arch.upcalls++;
    vcpu_wake(v);
}

void arch_vcpu_destroy(struct vcpu *v)
{
    if ( current == v )
        current = NULL;
}

/* The stall report's arch part: the fake arch knows nothing more. */
void arch_vcpu_wait_info(struct vcpu *v, char *buf, size_t size)
{
    (void)v;
    if ( size )
        buf[0] = '\0';
}
