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
#include <xen/p2m-common.h>

struct domain;

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
    unsigned long limit;          /* at most this many entries (0: any) */
};

#define P2M_MAX_GFN ((1UL << (48 - PAGE_SHIFT)) - 1)

/* Per domain here (fake_p2m.c); x86 answers true for every guest. */
bool paging_mode_translate(const struct domain *d);

int set_foreign_p2m_entry(struct domain *d, unsigned long gfn, mfn_t mfn);

#endif /* ASM_FAKE_P2M_H */
