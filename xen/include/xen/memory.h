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

/* Only the ops that continue themselves carry progress in cmd's upper bits. */
static inline bool memop_takes_progress(unsigned int op)
{
    return op == XENMEM_acquire_resource || op == XENMEM_decrease_reservation;
}

/* Put (space, idx) at gpfn in domid's P2M. */
long memory_add_to_physmap(domid_t domid, unsigned int space,
                           unsigned long idx, xen_pfn_t gpfn);
/* Drop whatever domid's P2M has at gpfn. */
long memory_remove_from_physmap(domid_t domid, xen_pfn_t gpfn);
/*
 * Release nr extents of 2^order pages whose gfns read() supplies,
 * resuming at extent start; returns the extents done or a continuation
 * of memory_op(cmd, arg).
 */
long memory_decrease_reservation(domid_t domid, unsigned long nr,
                                 unsigned int order, unsigned long start,
                                 int (*read)(void *ctx, unsigned int idx,
                                             unsigned int n, xen_pfn_t *out),
                                 void *ctx, unsigned int cmd, guest_ptr_t arg);
/* XENMEM_current_reservation / maximum_reservation: arg -> domid_t. */
long memory_reservation_query(unsigned int op, guest_ptr_t arg);

#endif /* XEN_MEMORY_H */
