/*
 * Shared helpers of the hosted memory / grant-table / acquire_resource
 * tests (test_acquire.c, test_gnttab.c, fuzz_acquire.c): domains on the
 * fake arch, and hypercalls issued as a guest issues them, including
 * re-issuing every continuation until the call is done.
 */
#ifndef UNIT_MEM_HARNESS_H
#define UNIT_MEM_HARNESS_H

#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <public/memory.h>
#include <public/grant_table.h>
#include <compat/memory.h>
#include <public/sched.h>
#include <xen/acquire_resource.h>
#include "grant_table_private.h"
#include "fake/fake_arch.h"

/* Guest addresses the helpers use in the caller's memory. */
#define MH_ARG_VA   0x1000UL     /* the hypercall's structure */
#define MH_ARG2_VA  0x1800UL     /* a second one (remove_from_physmap...) */
#define MH_LIST_VA  0x2000UL     /* frame lists, up to the hole */

/* A domain as a boot module would make it; target < 0: none. */
struct domain *mh_domain(domid_t id, bool control, int target,
                         unsigned int gnttab_frames, unsigned long ram_pages);
/* Shut down and destroy d (current moves off it first). */
void mh_destroy(struct domain *d);
/* Destroy every domain, callers (translated or not) before targets. */
void mh_destroy_all(void);

/*
 * memory_op(cmd, arg_va) from the current domain, native or compat,
 * re-issued with the continuation's arguments until it finishes.
 * Every continuation is checked: two arguments, arg unchanged, the same
 * sub-op in the low bits and strictly increasing progress above
 * MEMOP_EXTENT_SHIFT (fitting 32 bits for compat).  *conts (if not NULL)
 * gets the number of continuations; mh_progress[] their progress.
 */
long mh_memory_op(bool compat, unsigned int cmd, uint64_t arg_va,
                  unsigned int *conts);
/* memory_op(op | progress << MEMOP_EXTENT_SHIFT) on arg_va, issued
 * once at full width (no continuation followed, none left active). */
long mh_memory_op_once(bool compat, unsigned int op, unsigned long progress,
                       uint64_t arg_va);
/* Write a struct xen_memory_reservation (compat's for compat) to
 * MH_ARG_VA, its extent list at the guest address list. */
void mh_reservation_put(bool compat, domid_t dom, uint64_t nr,
                        unsigned int order, unsigned int flags, uint64_t list);
extern bool mh_cont_bad;            /* a continuation broke a rule */
extern char mh_cont_why[128];
#define MH_MAX_PROGRESS 64
extern unsigned long mh_progress[MH_MAX_PROGRESS];

/* XENMEM_acquire_resource with these fields (list: a guest address). */
struct mh_acq {
    domid_t domid;
    uint16_t type;
    uint32_t id;
    uint32_t nr_frames;
    uint32_t pad;
    uint64_t frame;
    uint64_t list;
};
long mh_acquire(bool compat, const struct mh_acq *a, unsigned int *conts);
/* Only write the structure to MH_ARG_VA. */
void mh_acq_write(bool compat, const struct mh_acq *a);
/* nr_frames as the last mh_acquire left it in the caller's structure. */
uint32_t mh_acq_nr_frames(bool compat);

/* Frame-list entries in the caller's memory, in the caller's width. */
void mh_list_put(bool compat, uint64_t va, unsigned int i, uint64_t val);
uint64_t mh_list_get(bool compat, uint64_t va, unsigned int i);
/* Fill n entries with gfn0, gfn0 + 1, ... */
void mh_list_seq(bool compat, uint64_t va, unsigned int n, uint64_t gfn0);

/* XENMEM_remove_from_physmap / add_to_physmap from the current domain. */
long mh_remove(bool compat, domid_t domid, uint64_t gfn);
long mh_add(bool compat, domid_t domid, unsigned int space, uint64_t idx,
            uint64_t gfn);

/*
 * grant_table_op(cmd, uop_va, count) from the current domain, re-issued
 * on continuation (3 arguments: cmd, the next entry, entries left).
 */
long mh_grant_op(bool compat, unsigned int cmd, uint64_t uop_va,
                 unsigned int count, unsigned int *conts);
/* Write grant ref of granter's table: flags, grantee, frame (v1 or v2). */
void mh_grant(struct domain *granter, grant_ref_t ref, uint16_t flags,
              domid_t grantee, uint64_t frame);
uint16_t mh_grant_flags(struct domain *granter, grant_ref_t ref);
/* GTF_reading/GTF_writing of ref (v1: the flags, v2: the status word). */
uint16_t mh_grant_status(struct domain *granter, grant_ref_t ref);
/* Map (dom, ref) at host_gfn of the current domain: GNTST_*, *handle. */
int16_t mh_map_grant(domid_t dom, grant_ref_t ref, uint32_t flags,
                     uint64_t host_gfn, grant_handle_t *handle);
int16_t mh_unmap_grant(grant_handle_t handle, uint64_t host_gfn);

/* MFN of frame i of d's grant table (id 0 shared, 1 status). */
unsigned long mh_gnttab_mfn(struct domain *d, unsigned int id, unsigned int i);
unsigned int mh_gnttab_version(struct domain *d);
/* The count of the page at mfn. */
unsigned int mh_count(unsigned long mfn);
/* What d's P2M has at gfn. */
unsigned long mh_p2m(struct domain *d, unsigned long gfn, p2m_type_t *t);

/*
 * Every domain page's count equals its owner's allocation reference
 * (pages on the owner's list that are not yet released count one)
 * plus the P2M entries, of every domain, that hold it.  Returns the
 * number of pages that disagree (0: consistent).
 */
unsigned long mh_check_counts(void);

#endif /* UNIT_MEM_HARNESS_H */
