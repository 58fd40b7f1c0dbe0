/*
 * The physical-to-machine map (P2M) of a translated guest.  On x86 it is
 * the table the CPU walks (SVM's nested page table or VMX's EPT, see
 * <asm/p2m_format.h>): 4 levels, 4 KiB leaves; the types and the
 * interface are in <xen/p2m-common.h>.
 */
#ifndef ASM_X86_P2M_H
#define ASM_X86_P2M_H

#include <xen/types.h>
#include <xen/mm.h>
#include <xen/p2m-common.h>

struct domain;

struct p2m_domain {
    uint64_t *root;               /* top-level table (identity-mapped) */
    unsigned long nr_tables;      /* table pages in use, root included */
    unsigned long nr_foreign;     /* leaf entries holding a page reference */
    void *pool_free;              /* free pool pages (p2m_pool.c) */
    unsigned long pool_total;     /* pages in the pool, in use or free */
    unsigned long pool_avail;     /* of which free */
    uint64_t gen;                 /* entries changed so far (a change count
                                   * caches of translations compare) */
};

struct domain_config;

/*
 * The domain's pool of table pages (p2m_pool.c).  init fills it from the
 * heap (all or nothing); take answers NULL when it is empty; destroy
 * returns every page to the heap once all tables are given back.
 */
unsigned long p2m_pool_default_pages(const struct domain_config *cfg);
int p2m_pool_init(struct p2m_domain *p2m, unsigned long pages);
void *p2m_pool_take(struct p2m_domain *p2m);
void p2m_pool_give(struct p2m_domain *p2m, void *page);
void p2m_pool_destroy(struct p2m_domain *p2m);

/* Guest-physical space we translate: 48 bits, as 4-level tables give. */
#define P2M_MAX_GFN ((1UL << (48 - PAGE_SHIFT)) - 1)

/* Machine address of the root, for the VMCB's nested CR3 or the EPTP. */
paddr_t p2m_root_maddr(const struct domain *d);

/* Every x86 guest here is HVM/PVH: its memory is always translated. */
static inline bool paging_mode_translate(const struct domain *d)
{
    (void)d;
    return true;
}

/*
 * Map another domain's frame at gfn for a privileged caller (the seed's
 * interface): takes a reference on the page that the entry holds.
 */
int set_foreign_p2m_entry(struct domain *d, unsigned long gfn, mfn_t mfn);

#endif /* ASM_X86_P2M_H */
