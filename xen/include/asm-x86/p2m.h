/*
 * The physical-to-machine map (P2M) of a translated guest.  On x86 it is
 * the nested page table the CPU walks under SVM: 4 levels, 4 KiB leaves.
 *
 * Leaf entries carry a software type.  Entries that point at another
 * domain's page (foreign, grant) hold a reference on that page, which is
 * dropped whenever the entry is replaced or removed.
 */
#ifndef ASM_X86_P2M_H
#define ASM_X86_P2M_H

#include <xen/types.h>
#include <xen/mm.h>

struct domain;

typedef enum {
    p2m_invalid = 0,      /* nothing mapped */
    p2m_ram_rw,           /* the domain's own RAM */
    p2m_map_foreign,      /* another domain's page, mapped by a privileged caller */
    p2m_grant_map_rw,     /* a page granted to this domain, writable */
    p2m_grant_map_ro,     /* a page granted to this domain, read-only */
} p2m_type_t;

struct p2m_domain {
    uint64_t *root;               /* top-level table (identity-mapped) */
    unsigned long nr_tables;      /* table pages allocated, root included */
    unsigned long nr_foreign;     /* leaf entries holding a page reference */
};

/* Guest-physical space we translate: 48 bits, as 4-level tables give. */
#define P2M_MAX_GFN ((1UL << (48 - PAGE_SHIFT)) - 1)

int p2m_init(struct domain *d);
/* Drops every entry (and the references foreign entries hold), frees tables. */
void p2m_teardown(struct domain *d);
/* Install gfn -> mfn with type t, replacing (and releasing) any old entry. */
int p2m_set_entry(struct domain *d, gfn_t gfn, mfn_t mfn, p2m_type_t t);
/* Returns INVALID_MFN with *t = p2m_invalid when nothing is mapped. */
mfn_t p2m_get_entry(struct domain *d, gfn_t gfn, p2m_type_t *t);
int p2m_remove_entry(struct domain *d, gfn_t gfn);
/* Machine address of the root, for the VMCB's nested CR3. */
paddr_t p2m_root_maddr(const struct domain *d);

static inline bool p2m_is_foreign_ref(p2m_type_t t)
{
    return t == p2m_map_foreign || t == p2m_grant_map_rw ||
           t == p2m_grant_map_ro;
}

/* Every x86 guest here is HVM/PVH: its memory is always translated. */
static inline bool paging_mode_translate(const struct domain *d)
{
    (void)d;
    return true;
}

/* Grant entries are tracked by the grant table's maptrack: only unmap
 * (and the caller's destruction) may remove them. */
static inline bool p2m_is_grant(p2m_type_t t)
{
    return t == p2m_grant_map_rw || t == p2m_grant_map_ro;
}

/*
 * Map another domain's frame at gfn for a privileged caller (the seed's
 * interface): takes a reference on the page that the entry holds.
 */
int set_foreign_p2m_entry(struct domain *d, unsigned long gfn, mfn_t mfn);

#endif /* ASM_X86_P2M_H */
