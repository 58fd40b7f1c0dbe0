/*
 * Fake arch P2M for hosted tests: the interface common code uses from
 * asm-x86/p2m.h, backed by a sorted array of gfn -> (mfn, type) per
 * domain (fake/fake_p2m.c) instead of nested page tables.
 *
 * The reference rules are x86's (arch/x86/mm/p2m.c): an entry of a
 * foreign or grant type holds one reference on its page (and so on the
 * page's owner); it is dropped when the entry is replaced, removed, or
 * torn down with the domain.  Unlike x86, paging_mode_translate() is a
 * per-domain switch, so a test can make a caller untranslated (PV-like).
 */
#ifndef ASM_FAKE_P2M_H
#define ASM_FAKE_P2M_H

#include <xen/types.h>
#include <xen/mm.h>

struct domain;

typedef enum {
    p2m_invalid = 0,
    p2m_ram_rw,
    p2m_map_foreign,
    p2m_grant_map_rw,
    p2m_grant_map_ro,
} p2m_type_t;

struct fake_p2m_entry {
    unsigned long gfn;
    unsigned long mfn;
    p2m_type_t type;
};

struct p2m_domain {
    struct fake_p2m_entry *e;     /* sorted by gfn */
    unsigned long nr, cap;
    unsigned long nr_foreign;     /* entries holding a page reference */
    bool untranslated;            /* the test made this domain PV-like */
};

#define P2M_MAX_GFN ((1UL << (48 - PAGE_SHIFT)) - 1)

int p2m_init(struct domain *d);
void p2m_teardown(struct domain *d);
int p2m_set_entry(struct domain *d, gfn_t gfn, mfn_t mfn, p2m_type_t t);
mfn_t p2m_get_entry(struct domain *d, gfn_t gfn, p2m_type_t *t);
int p2m_remove_entry(struct domain *d, gfn_t gfn);

static inline bool p2m_is_foreign_ref(p2m_type_t t)
{
    return t == p2m_map_foreign || t == p2m_grant_map_rw ||
           t == p2m_grant_map_ro;
}

static inline bool p2m_is_grant(p2m_type_t t)
{
    return t == p2m_grant_map_rw || t == p2m_grant_map_ro;
}

/* Per domain here (fake_p2m.c); x86 answers true for every guest. */
bool paging_mode_translate(const struct domain *d);

int set_foreign_p2m_entry(struct domain *d, unsigned long gfn, mfn_t mfn);

#endif /* ASM_FAKE_P2M_H */
