/*
 * Forwarding accesses to ioreq servers (xen/common/ioreq_send.c, the
 * range dm_ops of ioreq.c, rangeset.c): a device model creates a server,
 * claims ranges, binds its per-vCPU event channel; a target access in a
 * claimed range is posted in the slot, the emulator is notified, the
 * vCPU waits until the emulator answers.  Also: range errors and
 * limits, a disabled server, a server or emulator destroyed with a
 * request in flight, and an emulator breaking the protocol.
 */
#include "mem_harness.h"
#include "unit.h"
#include <xen/ioreq.h>
#include <xen/event.h>
#include <xen/shared.h>
#include <xen/bitops.h>
#include <public/hvm/dm_op.h>
#include <public/hvm/hvm_op.h>

#define OP_VA 0x1000UL
#define BUF_VA 0x1800UL

static struct domain *dt, *dm;

static struct ioreq_server *dm_server(struct domain *d, unsigned int id)
{
    return d->ioreq ? d->ioreq->server[id] : NULL;
}

static long dmop(domid_t domid, struct xen_dm_op *op)
{
    struct xen_dm_op_buf b = { .size = sizeof(*op) };

    set_xen_guest_handle(b.h, (void *)OP_VA);
    memcpy(fake_gmem(current->domain, OP_VA, sizeof(*op)), op, sizeof(*op));
    memcpy(fake_gmem(current->domain, BUF_VA, sizeof(b)), &b, sizeof(b));
    return do_dm_op(domid, 1, guest_ptr(BUF_VA));
}

static long create(uint16_t *id)
{
    struct xen_dm_op op = { .op = XEN_DMOP_create_ioreq_server };
    long rc = dmop(dt->domain_id, &op);

    memcpy(&op, fake_gmem(dm, OP_VA, sizeof(op)), sizeof(op));
    *id = op.u.create_ioreq_server.id;
    return rc;
}

static long range(bool map, uint16_t id, uint32_t type, uint64_t s,
                  uint64_t e)
{
    struct xen_dm_op op = { .op = map ? XEN_DMOP_map_io_range_to_ioreq_server
                                      : XEN_DMOP_unmap_io_range_from_ioreq_server };

    op.u.map_io_range_to_ioreq_server = (struct xen_dm_op_ioreq_server_range){
        .id = id, .type = type, .start = s, .end = e };
    return dmop(dt->domain_id, &op);
}

static long simple(unsigned int dmop_nr, uint16_t id, uint8_t enabled)
{
    struct xen_dm_op op = { .op = dmop_nr };

    if ( dmop_nr == XEN_DMOP_set_ioreq_server_state )
    {
        op.u.set_ioreq_server_state.id = id;
        op.u.set_ioreq_server_state.enabled = enabled;
    }
    else
        op.u.destroy_ioreq_server.id = id;
    return dmop(dt->domain_id, &op);
}

/* The emulator binds its end of the vCPU's port. */
static evtchn_port_t bind_emulator(struct ioreq_server *s)
{
    struct evtchn_bind_interdomain b = { .remote_dom = dt->domain_id,
                                         .remote_port = s->ioreq_port[0] };

    fake_set_current(dm);
    CHECK_EQ("fwd-bind-port", evtchn_bind_interdomain(&b), 0);
    return b.local_port;
}

static ioreq_t pio(uint16_t port, unsigned int size, bool read, uint32_t val)
{
    return (ioreq_t){ .type = IOREQ_TYPE_PIO, .addr = port, .size = size,
                      .count = 1, .dir = read ? IOREQ_READ : IOREQ_WRITE,
                      .data = val };
}

static void test_ranges(uint16_t id)
{
    struct rangeset *ports;
    unsigned int i;

    fake_set_current(dm);
    CHECK_EQ("fwd-range-start-after-end", range(true, id, 0, 10, 9), -EINVAL);
    CHECK_EQ("fwd-range-bad-type", range(true, id, 3, 1, 2), -EINVAL);
    CHECK_EQ("fwd-range-no-server", range(true, 5, 0, 1, 2), -ENOENT);
    CHECK_EQ("fwd-range-map", range(true, id, XEN_DMOP_IO_RANGE_PORT, 0x3f8,
                                    0x3ff), 0);
    CHECK_EQ("fwd-range-overlap", range(true, id, XEN_DMOP_IO_RANGE_PORT,
                                        0x3f0, 0x3f8), -EEXIST);
    CHECK_EQ("fwd-range-adjacent", range(true, id, XEN_DMOP_IO_RANGE_PORT,
                                         0x400, 0x40f), 0);
    ports = &dm_server(dt, id)->range[XEN_DMOP_IO_RANGE_PORT];
    CHECK("fwd-range-merged", ports->nr == 1 && ports->r[0].start == 0x3f8 &&
          ports->r[0].end == 0x40f);
    CHECK_EQ("fwd-unmap-not-contained", range(false, id, 0, 0x3f0, 0x3f9),
             -ENOENT);
    CHECK_EQ("fwd-unmap-middle", range(false, id, 0, 0x400, 0x403), 0);
    CHECK("fwd-unmap-split", ports->nr == 2 && ports->r[1].start == 0x404);
    CHECK_EQ("fwd-unmap-rest", range(false, id, 0, 0x404, 0x40f), 0);
    for ( i = 0; i < MAX_NR_IO_RANGES; i++ )
        if ( range(true, id, XEN_DMOP_IO_RANGE_MEMORY, 0x10000 + 2 * i,
                   0x10000 + 2 * i) )
            break;
    CHECK_EQ("fwd-range-256-fit", i, MAX_NR_IO_RANGES);
    CHECK_EQ("fwd-range-limit", range(true, id, XEN_DMOP_IO_RANGE_MEMORY,
                                      0x20000, 0x20000), -ENOMEM);
    CHECK_EQ("fwd-range-split-past-limit",
             range(false, id, XEN_DMOP_IO_RANGE_MEMORY, 0x10000, 0x10000), 0);
    fake_set_current(dt);
    CHECK_EQ("fwd-range-target-may-not", range(true, id, 0, 1, 1), -EPERM);
}

static void test_round_trip(uint16_t id, evtchn_port_t dm_port)
{
    struct ioreq_server *s = dm_server(dt, id);
    struct vcpu *v = dt->vcpu[0];
    ioreq_t p = pio(0x3f9, 1, true, 0), w = pio(0x80, 1, false, 0x12);
    volatile ioreq_t *slot = ioreq_slot(s, 0);
    uint64_t data = 0;

    fake_set_current(dt);
    CHECK_EQ("fwd-unclaimed-port", ioreq_forward(v, &w, false), 0);
    CHECK_EQ("fwd-disabled-server", ioreq_forward(v, &p, false), 0);
    fake_set_current(dm);
    CHECK_EQ("fwd-enable", simple(XEN_DMOP_set_ioreq_server_state, id, 1), 0);
    fake_set_current(dt);
    CHECK_EQ("fwd-forwarded", ioreq_forward(v, &p, false), 1);
    CHECK("fwd-slot-posted", slot->state == STATE_IOREQ_READY &&
          slot->addr == 0x3f9 && slot->size == 1 && slot->dir == IOREQ_READ &&
          slot->type == IOREQ_TYPE_PIO && slot->count == 1 &&
          slot->vp_eport == s->ioreq_port[0]);
    CHECK("fwd-vcpu-waits", v->blocked && v->ioreq_server == s);
    CHECK("fwd-emulator-notified", evtchn_port_is_pending(dm, dm_port));
    CHECK("fwd-no-answer-yet", !ioreq_answer(v, &data));
    /* The emulator does its part. */
    slot->state = STATE_IOREQ_INPROCESS;
    CHECK("fwd-inprocess-waits", !ioreq_answer(v, &data));
    slot->data = 0x5a;
    slot->state = STATE_IORESP_READY;
    fake_set_current(dm);
    CHECK_EQ("fwd-emulator-sends", evtchn_send(dm, dm_port), 0);
    CHECK("fwd-vcpu-woken", !v->blocked);
    fake_set_current(dt);
    CHECK("fwd-answer", ioreq_answer(v, &data) && data == 0x5a &&
          slot->state == STATE_IOREQ_NONE && !v->ioreq_server);
}

static void test_in_flight(uint16_t id)
{
    struct vcpu *v = dt->vcpu[0];
    ioreq_t p = pio(0x3f8, 2, false, 0xbeef);
    uint64_t data = 0;

    fake_set_current(dt);
    CHECK_EQ("fwd-second-request", ioreq_forward(v, &p, false), 1);
    fake_set_current(dm);
    CHECK_EQ("fwd-destroy-in-flight",
             simple(XEN_DMOP_destroy_ioreq_server, id, 0), 0);
    CHECK("fwd-destroy-wakes", !v->blocked && v->ioreq_orphaned);
    CHECK("fwd-orphan-reads-ones", ioreq_answer(v, &data) && data == ~0ULL);
    CHECK_EQ("fwd-ports-closed", dt->evtchn.xen_ports, 0);
}

static void test_bad_state(void)
{
    struct vcpu *v = dt->vcpu[0];
    ioreq_t p = pio(0x3f8, 1, true, 0);
    uint16_t id;

    fake_set_current(dm);
    CHECK_EQ("fwd-bad-create", create(&id), 0);
    CHECK_EQ("fwd-bad-range", range(true, id, 0, 0x3f8, 0x3f8), 0);
    CHECK_EQ("fwd-bad-enable", simple(XEN_DMOP_set_ioreq_server_state, id, 1),
             0);
    ioreq_slot(dm_server(dt, id), 0)->state = STATE_IORESP_READY;
    fake_set_current(dt);
    CHECK_EQ("fwd-bad-state-not-forwarded", ioreq_forward(v, &p, false), 0);
    CHECK_EQ("fwd-bad-state-crashes-target", dt->state, DOMSTATE_shutdown);
}

/* The buffered ring: VGA-memory writes of a server with a buffered page. */
static void test_buffered(void)
{
    struct xen_dm_op op = { .op = XEN_DMOP_create_ioreq_server };
    struct vcpu *v = dt->vcpu[0];
    volatile buffered_iopage_t *pg;
    struct evtchn_bind_interdomain b;
    struct ioreq_server *s;
    ioreq_t w = { .type = IOREQ_TYPE_COPY, .addr = 0xa0010, .size = 2,
                  .count = 1, .dir = IOREQ_WRITE, .data = 0xbeef };
    unsigned int i, wrapped = 0;
    uint16_t id;

    fake_set_current(dm);
    op.u.create_ioreq_server.handle_bufioreq = 2;   /* BUFIOREQ_ATOMIC */
    CHECK_EQ("buf-create", dmop(dt->domain_id, &op), 0);
    id = ((struct xen_dm_op *)fake_gmem(dm, OP_VA, sizeof(op)))->
         u.create_ioreq_server.id;
    s = dm_server(dt, id);
    CHECK_EQ("buf-range", range(true, id, XEN_DMOP_IO_RANGE_MEMORY, 0xa0000,
                                0xbffff), 0);
    CHECK_EQ("buf-enable", simple(XEN_DMOP_set_ioreq_server_state, id, 1), 0);
    b = (struct evtchn_bind_interdomain){ .remote_dom = dt->domain_id,
                                          .remote_port = s->bufioreq_port };
    CHECK_EQ("buf-bind", evtchn_bind_interdomain(&b), 0);
    pg = page_to_virt(s->bufioreq_page);

    fake_set_current(dt);
    CHECK_EQ("buf-write-buffered", ioreq_forward(v, &w, true), 2);
    CHECK("buf-vcpu-goes-on", !v->blocked && !v->ioreq_server);
    CHECK("buf-slot", pg->write_pointer == 1 &&
          pg->buf_ioreq[0].addr == 0xa0010 && pg->buf_ioreq[0].data == 0xbeef &&
          pg->buf_ioreq[0].size == 1 && pg->buf_ioreq[0].dir == IOREQ_WRITE &&
          pg->buf_ioreq[0].type == IOREQ_TYPE_COPY);
    CHECK("buf-port-raised", evtchn_port_is_pending(dm, b.local_port));
    w.size = 8;
    w.data = 0x1122334455667788ULL;
    CHECK_EQ("buf-8-bytes", ioreq_forward(v, &w, true), 2);
    CHECK("buf-8-two-slots", pg->write_pointer == 3 &&
          pg->buf_ioreq[1].data == 0x55667788 &&
          pg->buf_ioreq[2].data == 0x11223344 && pg->buf_ioreq[1].size == 3);
    /* Fill it: a full ring sends synchronously. */
    w.size = 4;
    for ( i = 0; i < IOREQ_BUFFER_SLOT_NUM - 3; i++ )
        if ( ioreq_forward(v, &w, true) != 2 )
            break;
    CHECK_EQ("buf-filled", pg->write_pointer, IOREQ_BUFFER_SLOT_NUM);
    CHECK_EQ("buf-full-goes-sync", ioreq_forward(v, &w, true), 1);
    ioreq_slot(s, 0)->state = STATE_IORESP_READY;
    {
        uint64_t data;

        CHECK("buf-sync-answered", ioreq_answer(v, &data));
    }
    vcpu_wake(v);
    /* The emulator consumes 100; the ring wraps. */
    pg->read_pointer += 100;
    for ( i = 0; i < 100; i++ )
        wrapped += ioreq_forward(v, &w, true) == 2;
    CHECK("buf-wrapped", wrapped == 100 && pg->read_pointer == 100 &&
          pg->write_pointer == IOREQ_BUFFER_SLOT_NUM + 100 &&
          pg->buf_ioreq[99].data == (uint32_t)w.data);
    /* All consumed (read pointer past a lap): the next write takes the
     * lap off both pointers (atomic handling). */
    pg->read_pointer = pg->write_pointer;
    CHECK_EQ("buf-after-lap", ioreq_forward(v, &w, true), 2);
    CHECK("buf-canonical", pg->read_pointer == 100 && pg->write_pointer == 101);
    /* Not bufferable: reads, and writes above 1 MiB (none claimed here). */
    w.dir = IOREQ_READ;
    pg->read_pointer = pg->write_pointer;
    CHECK_EQ("buf-read-is-sync", ioreq_forward(v, &w, true), 1);
    fake_set_current(dm);
    CHECK_EQ("buf-destroy", simple(XEN_DMOP_destroy_ioreq_server, id, 0), 0);
    vcpu_wake(v);
}

static void test_rangeset(void)
{
    struct rangeset r;

    rangeset_init(&r, 2);
    CHECK_EQ("rangeset-add", rangeset_add(&r, 10, 20), 0);
    CHECK_EQ("rangeset-add-far", rangeset_add(&r, 30, 40), 0);
    CHECK_EQ("rangeset-limit", rangeset_add(&r, 50, 60), -ENOMEM);
    CHECK("rangeset-limit-unchanged", r.nr == 2);
    CHECK_EQ("rangeset-bridge", rangeset_add(&r, 21, 29), 0);
    CHECK("rangeset-bridged", r.nr == 1 && r.r[0].start == 10 &&
          r.r[0].end == 40);
    CHECK("rangeset-contains", rangeset_contains(&r, 10, 40) &&
          !rangeset_contains(&r, 9, 10));
    CHECK("rangeset-overlaps", rangeset_overlaps(&r, 40, 50) &&
          !rangeset_overlaps(&r, 41, 50));
    CHECK_EQ("rangeset-top", rangeset_add(&r, UINT64_MAX - 1, UINT64_MAX), 0);
    CHECK_EQ("rangeset-top-neighbour", rangeset_add(&r, UINT64_MAX - 5,
                                                    UINT64_MAX - 2), 0);
    CHECK("rangeset-top-merged", r.nr == 2 && r.r[1].end == UINT64_MAX);
    rangeset_destroy(&r);
}

int main(void)
{
    unsigned long baseline;
    evtchn_port_t port;
    uint16_t id;
    long xbase;

    fake_machine_init(4096, 0);
    baseline = total_free_pages();
    xbase = fake_xmalloc_live();
    test_rangeset();
    dt = mh_domain(1, false, -1, 0, 8);
    dm = mh_domain(2, false, 1, 0, 8);          /* device model of d1 */
    CHECK("fwd-setup", dt && dm);
    fake_set_current(dm);
    CHECK_EQ("fwd-create", create(&id), 0);
    test_ranges(id);
    port = bind_emulator(dm_server(dt, id));
    test_round_trip(id, port);
    test_in_flight(id);
    test_buffered();
    test_bad_state();
    {
        /* A device model powering its guest off (a fresh pair). */
        struct xen_dm_op op = { .op = XEN_DMOP_remote_shutdown };

        dt = mh_domain(3, false, -1, 0, 8);
        dm = mh_domain(4, false, 3, 0, 8);
        op.u.remote_shutdown.reason = SHUTDOWN_poweroff;
        fake_set_current(dm);
        CHECK_EQ("fwd-remote-shutdown", dmop(dt->domain_id, &op), 0);
        CHECK("fwd-remote-shutdown-done", dt->state == DOMSTATE_shutdown &&
              dt->shutdown_code == SHUTDOWN_poweroff);
    }
    mh_destroy_all();
    CHECK_EQ("fwd-pages-back", total_free_pages(), baseline);
    CHECK_EQ("fwd-no-xmalloc-left", fake_xmalloc_live(), xbase);
    fake_machine_fini();
    return unit_done();
}
