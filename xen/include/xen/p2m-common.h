/*
 * What every architecture's P2M (guest physical -> machine map) offers
 * common code.  <asm/p2m.h> includes this and adds the arch's own part:
 * struct p2m_domain, P2M_MAX_GFN, paging_mode_translate() and
 * set_foreign_p2m_entry().
 *
 * Leaf entries carry a type.  Entries that point at another domain's page
 * (foreign, grant) hold a reference on that page, which is dropped
 * whenever the entry is replaced or removed.
 */
#ifndef XEN_P2M_COMMON_H
#define XEN_P2M_COMMON_H

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

int p2m_init(struct domain *d);
/*
 * Drops every entry (and the references foreign entries hold) and frees
 * the tables, spending *budget (about one unit per table page or entry
 * released).  -ERESTART when the budget ran out first: call it again.
 */
int p2m_teardown(struct domain *d, unsigned long *budget);
/* Install gfn -> mfn with type t, replacing (and releasing) any old entry. */
int p2m_set_entry(struct domain *d, gfn_t gfn, mfn_t mfn, p2m_type_t t);
/* Returns INVALID_MFN with *t = p2m_invalid when nothing is mapped. */
mfn_t p2m_get_entry(struct domain *d, gfn_t gfn, p2m_type_t *t);
int p2m_remove_entry(struct domain *d, gfn_t gfn);
/*
 * Make what would hold entries for gfn .. gfn + nr - 1 exist, so that
 * installing them cannot then fail for want of memory.  -EINVAL beyond
 * P2M_MAX_GFN, -ENOMEM (what was made so far stays, holding nothing,
 * until the domain goes), or 0.
 */
int p2m_prepare_range(struct domain *d, gfn_t gfn, unsigned long nr);

static inline bool p2m_is_foreign_ref(p2m_type_t t)
{
    return t == p2m_map_foreign || t == p2m_grant_map_rw ||
           t == p2m_grant_map_ro;
}

/* Grant entries are tracked by the grant table's maptrack: only unmap
 * (and the caller's destruction) may remove them. */
static inline bool p2m_is_grant(p2m_type_t t)
{
    return t == p2m_grant_map_rw || t == p2m_grant_map_ro;
}

#endif /* XEN_P2M_COMMON_H */
