/*
 * Ioreq servers (common/ioreq.c) and the dm_op hypercall that manages
 * them (common/dm.c, common/compat/dm.c).
 *
 * A device model registers a server for the domain it serves (the
 * target).  The server's pages belong to the target but are never put
 * in its P2M: the device model maps them with XENMEM_acquire_resource
 * (type XENMEM_resource_ioreq_server, id = server id).  Frame 0 is the
 * buffered-ioreq page (only when the server asked for one), frame 1 the
 * synchronous page, which holds one struct ioreq per vCPU.
 *
 * No I/O is routed to servers yet: a server is registered, enabled or
 * disabled, mapped and destroyed, nothing more.
 */
#ifndef XEN_IOREQ_H
#define XEN_IOREQ_H

#include <xen/types.h>
#include <xen/guest_access.h>
#include <public/xen.h>

struct domain;
struct page_info;

/* Server ids per domain, as in Xen (0 .. MAX_NR_IOREQ_SERVERS - 1). */
#define MAX_NR_IOREQ_SERVERS 8

struct ioreq_server {
    struct domain *target;          /* whose accesses it would serve */
    struct domain *emulator;        /* who created it (holds a reference) */
    struct page_info *ioreq_page;   /* synchronous: one ioreq per vCPU */
    struct page_info *bufioreq_page;    /* NULL: no buffered requests */
    uint8_t bufioreq_handling;      /* HVM_IOREQSRV_BUFIOREQ_* */
    bool enabled;
};

/* A domain's servers (d->ioreq), allocated with its first server. */
struct ioreq_domain {
    struct ioreq_server *server[MAX_NR_IOREQ_SERVERS];
};

/* Frames of resource type 0 for any domain: buffered + one per vCPU. */
unsigned int ioreq_server_max_frames(const struct domain *d);

/*
 * The MFNs of frames [frame, frame + n) of server id of d, for the
 * current domain: -ENOENT (no such server, or no buffered page for
 * frame 0), -EPERM (not the server's emulator nor the control domain),
 * -EINVAL (frame out of range).
 */
int ioreq_server_get_frames(struct domain *d, unsigned int id,
                            uint64_t frame, unsigned int n, xen_pfn_t *mfns);

/* The dm_op sub-ops; the current domain is the caller (emulator). */
int ioreq_server_create(struct domain *d, unsigned int bufioreq_handling,
                        uint16_t *id);
int ioreq_server_get_info(struct domain *d, unsigned int id, bool no_gfns,
                          uint32_t *bufioreq_port);
int ioreq_server_set_state(struct domain *d, unsigned int id, bool enabled);
int ioreq_server_destroy(struct domain *d, unsigned int id);

/* Destroy every server of d (domain teardown). */
void ioreq_server_destroy_all(struct domain *d);

/*
 * dm_op: the buffers as the front ends (native, compat) read them; the
 * core (common/dm.c) looks at buf[0] only.
 */
#define DM_OP_MAX_BUFS 2

struct dm_op_buf {
    guest_ptr_t h;
    uint64_t size;
};

struct dm_op_args {
    domid_t domid;
    unsigned int nr_bufs;
    struct dm_op_buf buf[DM_OP_MAX_BUFS];
};

long dm_op(const struct dm_op_args *args);

#endif /* XEN_IOREQ_H */
