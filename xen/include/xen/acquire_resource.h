/*
 * XENMEM_acquire_resource, shared by the native and compat memory_op
 * front ends (common/acquire_resource.c).
 *
 * The front end copies the caller's structure in, in its own layout, and
 * gives the core a request plus a way to read GFNs from (translated
 * caller) or write MFNs to (untranslated caller) the caller's frame list,
 * in the list's own element width.  The core does the checks, the
 * mapping and the continuations.
 */
#ifndef XEN_ACQUIRE_RESOURCE_H
#define XEN_ACQUIRE_RESOURCE_H

#include <xen/types.h>
#include <xen/guest_access.h>
#include <public/xen.h>

struct acquire_request {
    domid_t domid;
    uint16_t type;
    uint32_t id;
    uint32_t nr_frames;
    uint32_t pad;
    uint64_t frame;
    bool list_is_null;
};

struct frame_list_access {
    /* Copy n entries from index idx of the list: 0 or -EFAULT. */
    int (*read)(void *ctx, unsigned int idx, unsigned int n, xen_pfn_t *out);
    /* Copy n entries to index idx: 0, -EFAULT, or -ERANGE (does not fit). */
    int (*write)(void *ctx, unsigned int idx, unsigned int n,
                 const xen_pfn_t *in);
    /* Write the size-query answer back to the caller's nr_frames. */
    int (*write_nr_frames)(void *ctx, uint32_t nr_frames);
    void *ctx;
};

/* Frames resolved and mapped per step; also the continuation stride. */
#define ACQUIRE_BATCH 32

/*
 * Run the request, resuming after start frames already done (the
 * progress from cmd, at its full width: Xen refuses any that is not
 * below nr_frames).  Returns 0, a negative errno, or a continuation (via
 * hypercall_create_continuation with cmd and arg) when frames remain
 * after a batch.
 */
long acquire_resource(const struct acquire_request *req, unsigned long start,
                      const struct frame_list_access *list, unsigned int cmd,
                      guest_ptr_t arg);

/* The number of frames resource (type, id) of d has (0: none). */
long resource_max_frames(struct domain *d, unsigned int type, unsigned int id);

#endif /* XEN_ACQUIRE_RESOURCE_H */
