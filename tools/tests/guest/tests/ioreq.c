/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ioreq servers through dm_op and XENMEM_acquire_resource (type
 * XENMEM_resource_ioreq_server) against the peer (tests/peer.c, seed=0).
 *
 * As the peer's device model (target=<peer>) or as the control domain
 * (role=control): dm_op's checks, create a server, get its info (no
 * gfns), enable it, map its buffered and synchronous frames and use
 * them, -ENOENT for a missing server or buffered page, destroy it while
 * mapped (the mapping keeps working), unmap, and tell the peer to
 * finish.  With expect=eperm (a plain domain) dm_op and the size query
 * are refused.
 *
 * Command line: peer=N (default 1), expect=ok|eperm, done=0 leaves the
 * peer waiting (another domain tells it), after=N waits until domain N
 * (a plain domain whose checks need the peer alive) has gone before
 * telling the peer to finish.
 */
#include "resmap.h"
#include "public/hvm/ioreq.h"

const char test_title[] = "ioreq";

#define GFN_IOREQ   0x21000UL   /* frame 0 (buffered), frame 1 (sync) */
#define GFN_PEER_GT 0x22000UL   /* the peer's grant frame 0 */
#define BUFIOREQ_OFF    0       /* HVM_IOREQSRV_BUFIOREQ_* */
#define BUFIOREQ_ATOMIC 2

static long create(domid_t peer, unsigned int handling, uint16_t *id)
{
    struct xen_dm_op op = { .op = XEN_DMOP_create_ioreq_server };
    long rc;

    op.u.create_ioreq_server.handle_bufioreq = handling;
    rc = dm_op(peer, &op);
    *id = op.u.create_ioreq_server.id;
    return rc;
}

static long destroy(domid_t peer, uint16_t id)
{
    struct xen_dm_op op = { .op = XEN_DMOP_destroy_ioreq_server };

    op.u.destroy_ioreq_server.id = id;
    return dm_op(peer, &op);
}

static long ioreq_frames(domid_t peer, uint16_t id, uint64_t frame,
                         uint32_t nr, unsigned long gfn0)
{
    xen_pfn_t gfns[2] = { gfn0, gfn0 + 1 };

    return acquire_resource(peer, XENMEM_resource_ioreq_server, id, frame,
                            &nr, gfns);
}

/*
 * Until domain other is destroyed: we are nobody's emulator but the
 * peer's, so a size query on other is refused (-EPERM) while it lives
 * and finds no domain (-ESRCH) once it is gone.
 */
static void wait_until_gone(domid_t other)
{
    unsigned long i, limit = cmdline_ulong("wait", 2000) * 1000;
    uint32_t nr = 0;
    long rc = 0;

    for ( i = 0; i < limit; i++ )
    {
        rc = acquire_resource(other, XENMEM_resource_grant_table, 0, 0, &nr,
                              NULL);
        if ( rc != -EPERM )
            break;
        yield();
    }
    check_eq("the plain domain has finished", rc, -ESRCH);
}

static void dm_op_checks(domid_t peer)
{
    struct xen_dm_op op = { .op = XEN_DMOP_create_ioreq_server };
    uint16_t id;

    check_eq("dm_op: 3 buffers", dm_op_bufs(peer, 3, &op, sizeof(op)), -E2BIG);
    check_eq("dm_op: no buffer", dm_op_bufs(peer, 0, &op, sizeof(op)), -EFAULT);
    check_eq("dm_op: short buffer", dm_op_bufs(peer, 1, &op, 10), -EFAULT);
    check_eq("dm_op: bad buffer array",
             HC(__HYPERVISOR_dm_op, peer, 1, 0x10), -EFAULT);
    op.op = 99;
    check_eq("dm_op: unknown op", dm_op(peer, &op), -EOPNOTSUPP);
    op.op = XEN_DMOP_set_isa_irq_level;
    check_eq("dm_op: op not implemented", dm_op(peer, &op), -EOPNOTSUPP);
    op = (struct xen_dm_op){ .op = XEN_DMOP_nr_vcpus };
    check_eq("dm_op: nr_vcpus", dm_op(peer, &op), 0);
    check_eq("dm_op: nr_vcpus value", op.u.nr_vcpus.vcpus, 1);
    op = (struct xen_dm_op){ .op = XEN_DMOP_create_ioreq_server, .pad = 1 };
    check_eq("dm_op: header pad", dm_op(peer, &op), -EINVAL);
    op.pad = 0;
    op.u.create_ioreq_server.pad[2] = 1;
    check_eq("dm_op: create pad", dm_op(peer, &op), -EINVAL);
    check_eq("dm_op: bad bufioreq handling", create(peer, 3, &id), -EINVAL);
    check_eq("dm_op: no such domain", create(0x7ff0, 0, &id), -ESRCH);
    check_eq("dm_op: on ourselves (DOMID_SELF)", create(DOMID_SELF, 0, &id),
             -ESRCH);
}

static void as_emulator(domid_t peer)
{
    struct xen_dm_op op = { .op = XEN_DMOP_get_ioreq_server_info };
    volatile uint32_t *buf = gfn_ptr(GFN_IOREQ);
    volatile struct ioreq *req = gfn_ptr(GFN_IOREQ + 1);
    uint32_t nr = 0;
    uint16_t id, id_off;

    dm_op_checks(peer);
    check_eq("size query (no server yet)",
             acquire_resource(peer, XENMEM_resource_ioreq_server, 0, 0, &nr,
                              NULL), 0);
    check_eq("size query: 2 frames", nr, 2);
    check_eq("map before any server", ioreq_frames(peer, 0, 0, 2, GFN_IOREQ),
             -ENOENT);

    check_eq("create (buffered, atomic)", create(peer, BUFIOREQ_ATOMIC, &id), 0);
    printk("info: server id %u\n", id);
    op.u.get_ioreq_server_info.id = id;
    op.u.get_ioreq_server_info.flags = XEN_DMOP_no_gfns;
    check_eq("get_info (no gfns)", dm_op(peer, &op), 0);
    op.u.get_ioreq_server_info.flags = 0;
    check_eq("get_info with gfns: unsupported", dm_op(peer, &op), -EOPNOTSUPP);
    op.u.get_ioreq_server_info.id = id + 1;
    op.u.get_ioreq_server_info.flags = XEN_DMOP_no_gfns;
    check_eq("get_info: missing server", dm_op(peer, &op), -ENOENT);
    op = (struct xen_dm_op){ .op = XEN_DMOP_set_ioreq_server_state };
    op.u.set_ioreq_server_state.id = id;
    op.u.set_ioreq_server_state.enabled = 1;
    check_eq("enable", dm_op(peer, &op), 0);

    check_eq("map frames 0 and 1", ioreq_frames(peer, id, 0, 2, GFN_IOREQ), 0);
    check(buf[0] == 0 && buf[1] == 0 && req->state == STATE_IOREQ_NONE,
          "fresh pages are zero", "read %u write %u state %u", buf[0], buf[1],
          req->state);
    buf[1] = 0xb0f10000u;
    req->addr = 0x1234;
    check(buf[1] == 0xb0f10000u && req->addr == 0x1234,
          "write and read back through the mapping", " ");
    check_eq("map beyond the last frame", ioreq_frames(peer, id, 1, 2,
                                                       GFN_IOREQ + 2), -EINVAL);
    check_eq("map missing id", ioreq_frames(peer, 7, 0, 1, GFN_IOREQ + 2),
             -ENOENT);

    check_eq("create (no buffered page)", create(peer, BUFIOREQ_OFF, &id_off),
             0);
    check_eq("its frame 0: no buffered page",
             ioreq_frames(peer, id_off, 0, 1, GFN_IOREQ + 2), -ENOENT);
    check_eq("destroy it", destroy(peer, id_off), 0);

    check_eq("destroy while mapped", destroy(peer, id), 0);
    check_eq("destroy again", destroy(peer, id), -ENOENT);
    check_eq("map after destroy", ioreq_frames(peer, id, 0, 1, GFN_IOREQ + 2),
             -ENOENT);
    check(buf[1] == 0xb0f10000u && req->addr == 0x1234,
          "the mapping outlives the server", " ");
    check_eq("unmap frame 0", remove_from_physmap(GFN_IOREQ), 0);
    check_eq("unmap frame 1", remove_from_physmap(GFN_IOREQ + 1), 0);

    if ( cmdline_ulong("after", DOMID_INVALID) != DOMID_INVALID )
        wait_until_gone(cmdline_ulong("after", DOMID_INVALID));
    if ( cmdline_ulong("done", 1) )
    {
        xen_pfn_t gfn = GFN_PEER_GT;

        check_eq("map the peer's grant frame",
                 map_gnttab_frames(peer, 0, 0, 1, &gfn), 0);
        gte_set_frame(gfn_ptr(GFN_PEER_GT), 1, 7, DONE_MAGIC);
        check_eq("unmap the peer's grant frame",
                 remove_from_physmap(GFN_PEER_GT), 0);
    }
}

static void as_plain(domid_t peer)
{
    uint32_t nr = 0;
    uint16_t id;

    check_eq("plain domain: create refused", create(peer, 0, &id), -EPERM);
    check_eq("plain domain: destroy refused", destroy(peer, 0), -EPERM);
    check_eq("plain domain: size query refused",
             acquire_resource(peer, XENMEM_resource_ioreq_server, 0, 0, &nr,
                              NULL), -EPERM);
}

void test_main(void)
{
    char expect[8] = "ok";
    domid_t peer = cmdline_ulong("peer", 1);

    cmdline_get("expect", expect, sizeof(expect));
    if ( !strcmp(expect, "eperm") )
        as_plain(peer);
    else
        as_emulator(peer);
}
