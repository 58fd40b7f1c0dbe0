/*
 * A small set of inclusive integer ranges (I/O ports, guest-physical
 * addresses, PCI SBDFs), kept sorted and merged, with a limit on how
 * many separate ranges it may hold (common/rangeset.c).
 */
#ifndef XEN_RANGESET_H
#define XEN_RANGESET_H

#include <xen/types.h>

struct range {
    uint64_t start, end;            /* inclusive */
};

struct rangeset {
    struct range *r;                /* sorted, disjoint, not adjacent */
    unsigned int nr, limit;
};

/* An empty set that may hold up to limit ranges. */
void rangeset_init(struct rangeset *rs, unsigned int limit);
void rangeset_destroy(struct rangeset *rs);
/* Add [s, e] (merged with neighbours): -ENOMEM past the limit. */
int rangeset_add(struct rangeset *rs, uint64_t s, uint64_t e);
/* Remove [s, e] (a range may split): -ENOMEM past the limit. */
int rangeset_remove(struct rangeset *rs, uint64_t s, uint64_t e);
bool rangeset_contains(const struct rangeset *rs, uint64_t s, uint64_t e);
bool rangeset_overlaps(const struct rangeset *rs, uint64_t s, uint64_t e);

#endif /* XEN_RANGESET_H */
