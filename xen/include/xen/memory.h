/*
 * The memory_op cores shared by common/memory.c (native) and
 * common/compat/memory.c (32-bit callers); physmap.c implements them.
 */
#ifndef XEN_MEMORY_H
#define XEN_MEMORY_H

#include <xen/types.h>
#include <xen/guest_access.h>
#include <xen/acquire_resource.h>
#include <public/xen.h>
#include <public/memory.h>

/*
 * Progress bits (cmd >> MEMOP_EXTENT_SHIFT) on the ops that take none:
 * Xen 4.17 answers -EDOM for add_to_physmap beyond what its 16-bit size
 * field could count (it ignores less), -EINVAL for remove_from_physmap
 * and the reservation queries.  The front ends apply these in Xen's
 * order (compat: after copying the structure in).
 */
#define MEMOP_XATP_MAX_PROGRESS 0xffffUL

/* Put (space, idx) at gpfn in domid's P2M. */
long memory_add_to_physmap(domid_t domid, unsigned int space,
                           unsigned long idx, xen_pfn_t gpfn);
/* Drop whatever domid's P2M has at gpfn. */
long memory_remove_from_physmap(domid_t domid, xen_pfn_t gpfn);

/*
 * The parts of physmap.c that add_to_physmap_batch shares.
 * physmap_target: the domain an add of space (add) or a remove changes,
 * with the checks Xen makes before any entry (*rc: -ESRCH, -EACCES,
 * XSM); NULL when refused.  physmap_add_one: shared_info or a grant
 * frame at gpfn of d (other spaces: -EOPNOTSUPP).  physmap_add_foreign:
 * a foreign entry for mfn (another domain's page) at gfn of d, taking
 * its own page reference, in place of what d had there as Xen's
 * p2m_add_foreign: d's own RAM is freed, its resource frames unhooked;
 * another domain's page there (foreign or grant) is -ENXIO, as Xen's
 * guest_remove_page answers; then set_foreign_p2m_entry's answer.
 * Nothing changes unless it succeeds.
 */
struct domain *physmap_target(domid_t domid, bool add, unsigned int space,
                              int *rc);
long physmap_add_one(struct domain *d, unsigned int space, unsigned long idx,
                     xen_pfn_t gpfn);
int physmap_add_foreign(struct domain *d, gfn_t gfn, mfn_t mfn);

/*
 * XENMEM_add_to_physmap_batch (common/physmap_batch.c), in either
 * caller's width: the structure's scalar fields, and how its three
 * lists are read and written (entry i of idxs and gpfns; errs[i]).
 * read answers 0 or -EFAULT, write_err 0 or -EFAULT.
 */
struct physmap_batch {
    domid_t domid;
    unsigned int space;
    unsigned int size;
    uint16_t extra;             /* u.foreign_domid or u.res0 */
};
struct physmap_batch_access {
    int (*read)(void *ctx, unsigned int i, xen_ulong_t *idx, xen_pfn_t *gpfn);
    int (*write_err)(void *ctx, unsigned int i, int err);
    void *ctx;
};
/*
 * Xen 4.17's answers: 0 once entries start .. size - 1 are done, each
 * entry's own result in errs[]; -EFAULT when a list entry cannot be
 * read or a result written (entries before it stay done); -EINVAL for
 * a native gpfn of ~0; the refusals before any entry (-EOPNOTSUPP,
 * -ESRCH, -EACCES, XSM, -EILSEQ for spent progress); or a
 * continuation of memory_op(cmd | progress << MEMOP_EXTENT_SHIFT, arg).
 * Progress beyond 16 bits (-EDOM) is the front end's to refuse.
 */
long memory_add_to_physmap_batch(const struct physmap_batch *b,
                                 unsigned long start,
                                 const struct physmap_batch_access *acc,
                                 unsigned int cmd, guest_ptr_t arg);
/* Progress bits add_to_physmap_batch accepts (its size is 16 bits). */
#define MEMOP_XATPB_MAX_PROGRESS 0xffffUL
/* XENMEM_decrease_reservation's structure, in either caller's width. */
struct reservation_args {
    domid_t domid;
    unsigned long nr_extents;
    unsigned int extent_order;
    unsigned int mem_flags;
};
/*
 * Release the extents of r whose gfns read() supplies, resuming at
 * extent start.  As Xen, the answer is the number of extents done: a
 * bad argument or refusal before the first is start, a failure stops
 * the loop; or a continuation of memory_op(cmd, arg) when preempted.
 */
long memory_decrease_reservation(const struct reservation_args *r,
                                 unsigned long start,
                                 int (*read)(void *ctx, unsigned int idx,
                                             unsigned int n, xen_pfn_t *out),
                                 void *ctx, unsigned int cmd, guest_ptr_t arg);
/*
 * XENMEM_populate_physmap (common/populate.c): give the domain a fresh
 * extent at each gfn read() supplies, resuming at extent start; the
 * answer is counted as decrease_reservation's.
 */
long memory_populate_physmap(const struct reservation_args *r,
                             unsigned long start,
                             int (*read)(void *ctx, unsigned int idx,
                                         unsigned int n, xen_pfn_t *out),
                             void *ctx, unsigned int cmd, guest_ptr_t arg);
/*
 * What Xen's do_memory_op checks for every reservation op before the
 * op's own checks: nr_extents small enough for progress to fit cmd,
 * work left after start, the domain (DOMID_SELF or a running one),
 * mem_flags, XSM (memory_adjust_reservation).  NULL: answer start.
 */
struct domain *reservation_domain(const struct reservation_args *r,
                                  unsigned long start);
/* The largest extent_order the caller may ask for (Xen's max_order()). */
unsigned int reservation_max_order(const struct domain *currd);
/* XENMEM_current_reservation / maximum_reservation: arg -> domid_t. */
long memory_reservation_query(unsigned int op, guest_ptr_t arg);

#endif /* XEN_MEMORY_H */
