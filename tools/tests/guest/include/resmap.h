/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the resource-mapping guest tests share: where each side maps
 * things, the markers they leave each other in the peer's grant table,
 * and small wrappers for the ops.
 *
 * The peer (tests/peer.c) is a plain domain; the control domain
 * (tests/acquire.c) maps the peer's grant table with
 * XENMEM_acquire_resource and talks to it through the entries:
 *   entry 0    the control domain seeds it (as a toolstack seeds the
 *              console grant): permit_access to the control domain for
 *              the peer's page MSG_GFN;
 *   entry 4    the peer writes PEER_PATTERN at boot (proves a mapping
 *              shows the peer's real table);
 *   entry 5    the peer sets frame = READY_MAGIC once it has written its
 *              message into the seeded page;
 *   entry 7    the control domain sets frame = DONE_MAGIC: the peer may
 *              power off.
 * On real Xen the peer is a domain the control domain creates and never
 * starts (peer=create, include/domctl.h): it writes entry 4 itself.
 */
#ifndef GUEST_RESMAP_H
#define GUEST_RESMAP_H

#include "guest.h"
#include "hypercall.h"
#include "public/memory.h"
#include "public/grant_table.h"
#include "public/sched.h"
#include "public/version.h"
#include "public/hvm/dm_op.h"
#include "errno.h"

#define GFN_OWN_GT      0x20000UL   /* peer: its own grant frame 0 */
#define GFN_FOREIGN     0x21000UL   /* control: acquired frames from here */
#define GFN_GRANT_MAP   0x23000UL   /* control: the mapped grant */
#define MSG_GFN         0x1000UL    /* peer: the page it grants (16 MiB) */

#define PEER_PATTERN    0x5eed0004u
#define READY_MAGIC     0x4ead7005u
#define DONE_MAGIC      0xd09e0007u
#define PEER_MESSAGE    "written by the peer into a page it granted"

static inline void *gfn_ptr(unsigned long gfn)
{
    return (void *)(uintptr_t)(gfn << 12);
}

/* Grant entries of a table of either version, seen through a mapping. */
static inline volatile uint16_t *gte_flags(void *t, unsigned int v,
                                           unsigned int ref)
{
    return (volatile uint16_t *)((uint8_t *)t + ref * (v == 2 ? 16 : 8));
}

static inline volatile uint16_t *gte_domid(void *t, unsigned int v,
                                           unsigned int ref)
{
    return gte_flags(t, v, ref) + 1;
}

static inline uint64_t gte_frame(void *t, unsigned int v, unsigned int ref)
{
    volatile uint8_t *e = (volatile uint8_t *)gte_flags(t, v, ref);

    return v == 2 ? *(volatile uint64_t *)(e + 8) : *(volatile uint32_t *)(e + 4);
}

static inline void gte_set_frame(void *t, unsigned int v, unsigned int ref,
                                 uint64_t frame)
{
    volatile uint8_t *e = (volatile uint8_t *)gte_flags(t, v, ref);

    if ( v == 2 )
        *(volatile uint64_t *)(e + 8) = frame;
    else
        *(volatile uint32_t *)(e + 4) = (uint32_t)frame;
}

static inline long acquire_resource(domid_t dom, unsigned int type,
                                    unsigned int id, uint64_t frame,
                                    uint32_t *nr, xen_pfn_t *list)
{
    struct xen_mem_acquire_resource x = {
        .domid = dom, .type = type, .id = id, .nr_frames = *nr,
        .frame = frame,
    };
    long rc;

    set_xen_guest_handle(x.frame_list, list);
    rc = hypercall_memory_op(XENMEM_acquire_resource, &x);
    *nr = x.nr_frames;
    return rc;
}

static inline long map_gnttab_frames(domid_t dom, unsigned int id,
                                     uint64_t frame, uint32_t nr,
                                     xen_pfn_t *gfns)
{
    return acquire_resource(dom, XENMEM_resource_grant_table, id, frame,
                            &nr, gfns);
}

static inline long remove_from_physmap(unsigned long gfn)
{
    struct xen_remove_from_physmap r = { .domid = DOMID_SELF, .gpfn = gfn };

    return hypercall_memory_op(XENMEM_remove_from_physmap, &r);
}

static inline long add_to_physmap(unsigned int space, unsigned long idx,
                                  unsigned long gfn)
{
    struct xen_add_to_physmap a = {
        .domid = DOMID_SELF, .space = space, .idx = idx, .gpfn = gfn,
    };

    return hypercall_memory_op(XENMEM_add_to_physmap, &a);
}

/* Give domain dom a page at gfn; 1 (extents done) on success. */
static inline long populate_physmap(domid_t dom, xen_pfn_t gfn)
{
    struct xen_memory_reservation r = {
        .nr_extents = 1, .extent_order = 0, .domid = dom,
    };

    set_xen_guest_handle(r.extent_start, &gfn);
    return hypercall_memory_op(XENMEM_populate_physmap, &r);
}

/* dm_op(dom, nr_bufs, bufs): bufs[0] is op, of size bytes. */
static inline long dm_op_bufs(domid_t dom, unsigned int nr_bufs,
                              struct xen_dm_op *op, unsigned long size)
{
    struct xen_dm_op_buf b[3];
    unsigned int i;

    for ( i = 0; i < 3; i++ )
    {
        set_xen_guest_handle(b[i].h, (void *)op);
        b[i].size = i ? 0 : size;
    }
    return HC(__HYPERVISOR_dm_op, dom, nr_bufs, b);
}

static inline long dm_op(domid_t dom, struct xen_dm_op *op)
{
    return dm_op_bufs(dom, 1, op, sizeof(*op));
}

static inline void yield(void)
{
    hypercall_sched_op(SCHEDOP_yield, NULL);
}

#endif /* GUEST_RESMAP_H */
