/*
 * Internals of the FLASK policy loader, shared by the files in
 * xen/xsm/flask/ and by nothing else (the API is xsm/flask/policydb.h):
 *
 *   policydb.c         format overview, header, load and destroy
 *   policydb_read.c    bounded cursor; integers, names, bitmaps, contexts
 *   policydb_symtab.c  the eight symbol tables
 *   policydb_avtab.c   access vectors, conditional rules, policydb_allowed
 *   policydb_ocon.c    object contexts and their lookups
 *   policydb_lookup.c  names to values, context strings
 *   policydb_skip.c    sections that are checked and then discarded
 *
 * Shared names carry a pdb_ prefix.  Every pdb_rd_* and pdb_skip* returns
 * 0 or a negative errno and never reads past the end of the image; on
 * error the cursor position is unspecified (the load is abandoned).
 */
#ifndef XSM_FLASK_POLICYDB_PRIVATE_H
#define XSM_FLASK_POLICYDB_PRIVATE_H

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xsm/flask/policydb.h>

#define SYM_COMMONS 0
#define SYM_CLASSES 1
#define SYM_ROLES   2
#define SYM_TYPES   3
#define SYM_USERS   4
#define SYM_BOOLS   5
#define SYM_LEVELS  6
#define SYM_CATS    7
#define SYM_NUM     8

/* Features by version. */
#define V_POLCAP        22
#define V_PERMISSIVE    23
#define V_FILENAME      25
#define V_ROLETRANS     26
#define V_OBJ_DEFAULTS  27
#define V_DEFAULT_TYPE  28
#define V_CONS_NAMES    29
#define V_DEVICETREE    30

/* A bounded cursor over the policy image. */
struct pdb_rd {
    const uint8_t *d;
    size_t len, pos;
    uint32_t version;           /* from the header, keys optional fields */
};

static inline size_t pdb_left(const struct pdb_rd *r)
{
    return r->len - r->pos;
}

/* policydb_read.c */
int pdb_rd_u16(struct pdb_rd *r, uint16_t *v);
int pdb_rd_u32(struct pdb_rd *r, uint32_t *v);
int pdb_rd_u64(struct pdb_rd *r, uint64_t *v);
int pdb_rd_u32s(struct pdb_rd *r, uint32_t *v, unsigned int n);
int pdb_skip(struct pdb_rd *r, size_t n);
int pdb_check_count(const struct pdb_rd *r, uint32_t count, size_t min_size);
int pdb_rd_name(struct pdb_rd *r, uint32_t len, uint32_t max, char **out);
int pdb_rd_bitmap(struct pdb_rd *r, uint32_t limit,
                  struct policydb_valset *set);
bool pdb_valset_has(const struct policydb_valset *s, uint32_t val);
int pdb_skip_level(struct pdb_rd *r);
int pdb_skip_range(struct pdb_rd *r);
int pdb_rd_context(struct pdb_rd *r, const struct policydb *p,
                   struct policydb_context *c);

/* policydb_symtab.c */
int pdb_rd_symtabs(struct pdb_rd *r, struct policydb *p);

/* policydb_avtab.c: allow rules (v) and type transitions (tt, the new
 * type in .allowed) are collected here, then sorted. */
struct pdb_avbuild {
    uint32_t n, cap;
    struct policydb_av *v;
    uint32_t ntt, ttcap;
    struct policydb_av *tt;
};

int pdb_rd_avtab(struct pdb_rd *r, const struct policydb *p,
                 struct pdb_avbuild *b, bool add);
int pdb_rd_conditionals(struct pdb_rd *r, const struct policydb *p,
                        struct pdb_avbuild *b);
/* Sort by key; equal keys are merged (permissions OR-ed), or for type
 * transitions (merge_or false) the first one kept. */
uint32_t pdb_av_sort_merge(struct policydb_av *v, uint32_t n, bool merge_or);

/* policydb_ocon.c */
int pdb_rd_ocontexts(struct pdb_rd *r, struct policydb *p, uint32_t nkinds);

/* policydb_skip.c */
int pdb_skip_constraints(struct pdb_rd *r, uint32_t ncons);
int pdb_skip_rules(struct pdb_rd *r);
int pdb_skip_genfs_ranges(struct pdb_rd *r);

#endif /* XSM_FLASK_POLICYDB_PRIVATE_H */
