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
 * Each server has, in the target, one event channel per vCPU (and one
 * for the buffered page) that the hypervisor consumes and the emulator
 * binds to.  The emulator claims ranges of ports, guest-physical
 * addresses and PCI devices (map_io_range); an access of the target in
 * a claimed range of an enabled server becomes an ioreq in the vCPU's
 * slot of the synchronous page, the emulator is notified, and the vCPU
 * waits until the emulator answers (ioreq_send.c).
 */
#ifndef XEN_IOREQ_H
#define XEN_IOREQ_H

#include <xen/types.h>
#include <xen/guest_access.h>
#include <xen/rangeset.h>
#include <xen/sched.h>
#include <public/xen.h>
#include <public/hvm/ioreq.h>
#include <public/event_channel.h>

struct domain;
struct vcpu;
struct page_info;

/* Server ids per domain, as in Xen (0 .. MAX_NR_IOREQ_SERVERS - 1). */
#define MAX_NR_IOREQ_SERVERS 8
/* Ranges of each kind a server may claim, as in Xen. */
#define MAX_NR_IO_RANGES 256
#define NR_IO_RANGE_TYPES 3         /* XEN_DMOP_IO_RANGE_PORT/MEMORY/PCI */

struct ioreq_server {
    struct domain *target;          /* whose accesses it would serve */
    struct domain *emulator;        /* who created it (holds a reference) */
    struct page_info *ioreq_page;   /* synchronous: one ioreq per vCPU */
    struct page_info *bufioreq_page;    /* NULL: no buffered requests */
    uint8_t bufioreq_handling;      /* HVM_IOREQSRV_BUFIOREQ_* */
    bool enabled;
    /* Ports of the target, consumed by the hypervisor: per vCPU, and
     * the buffered page's. */
    evtchn_port_t ioreq_port[MAX_VCPUS];
    evtchn_port_t bufioreq_port;
    struct rangeset range[NR_IO_RANGE_TYPES];
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

int ioreq_server_map_range(struct domain *d, unsigned int id,
                           uint32_t type, uint64_t start, uint64_t end);
int ioreq_server_unmap_range(struct domain *d, unsigned int id,
                             uint32_t type, uint64_t start, uint64_t end);

/* Destroy every server of d (domain teardown). */
void ioreq_server_destroy_all(struct domain *d);
/* Destroy every server whose emulator is d (d is being destroyed). */
void ioreq_server_destroy_emulated_by(struct domain *d);

/*
 * Forwarding (ioreq_send.c).  ioreq_forward: 1 when an enabled server
 * claims the access described by p (type, addr, size, count, dir, df,
 * data): it is posted, the emulator notified, and v blocked until the
 * answer; 2 when it was bufferable (a write the caller may let go on,
 * as Xen does for VGA memory) and went into the server's buffered ring
 * (v goes on); 0 when nobody claims it (the caller reads all ones,
 * drops writes).  ioreq_answer: true once v's request is answered, with the
 * data read (all ones if the server went away); false while it waits.
 */
int ioreq_forward(struct vcpu *v, const ioreq_t *p, bool bufferable);
/* vcpu_id's slot of s's synchronous page. */
ioreq_t *ioreq_slot(struct ioreq_server *s, unsigned int vcpu_id);
bool ioreq_answer(struct vcpu *v, uint64_t *data);
/* A server is going away: release whoever waits for it. */
void ioreq_server_release_waiters(struct ioreq_server *s);
void ioreq_notify(struct vcpu *v, evtchn_port_t port);

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
