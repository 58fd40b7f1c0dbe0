/*
 * The P2M page pool: every nested-page-table page of a domain comes from
 * a pool filled when the domain is created and emptied when it is
 * destroyed (Xen's paging pool, sized with XEN_DOMCTL_SHADOW_OP_SET_
 * ALLOCATION or xl's shadow_memory).  A guest can make the hypervisor
 * build tables only up to that size: scattering mappings across the
 * guest-physical space ends in -ENOMEM for that guest, while the heap
 * other domains draw from is untouched (XSA-409/410's lesson).
 *
 * Free pool pages are kept on a list threaded through their first word.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/domain_config.h>
#include <asm/p2m.h>

unsigned long p2m_pool_default_pages(const struct domain_config *cfg)
{
    unsigned long vcpus = cfg->vcpus ? cfg->vcpus : 1;

    if ( cfg->p2m_pool_pages )
        return cfg->p2m_pool_pages;
    /* libxl: 1 MiB per vCPU and 8 KiB per MiB of RAM. */
    return 256 * vcpus + 2 * cfg->mem_mb;
}

int p2m_pool_init(struct p2m_domain *p2m, unsigned long pages)
{
    p2m->pool_free = NULL;
    p2m->pool_total = p2m->pool_avail = 0;
    while ( p2m->pool_total < pages )
    {
        void *pg = alloc_xenheap_page();

        if ( !pg )
        {
            p2m_pool_destroy(p2m);
            return -ENOMEM;
        }
        p2m->pool_total++;
        p2m_pool_give(p2m, pg);
    }
    return 0;
}

void *p2m_pool_take(struct p2m_domain *p2m)
{
    void **pg = p2m->pool_free;

    if ( !pg )
        return NULL;
    p2m->pool_free = *pg;
    p2m->pool_avail--;
    memset(pg, 0, PAGE_SIZE);
    return pg;
}

void p2m_pool_give(struct p2m_domain *p2m, void *page)
{
    void **pg = page;

    *pg = p2m->pool_free;
    p2m->pool_free = pg;
    p2m->pool_avail++;
}

void p2m_pool_destroy(struct p2m_domain *p2m)
{
    void *pg;

    /* Only free pages are on the list: tables are given back first. */
    ASSERT(p2m->pool_avail == p2m->pool_total);
    while ( (pg = p2m->pool_free) )
    {
        p2m->pool_free = *(void **)pg;
        free_xenheap_page(pg);
        p2m->pool_avail--;
        p2m->pool_total--;
    }
}
