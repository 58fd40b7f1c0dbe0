/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Buffered ioreqs: writes to VGA memory (0xa0000-0xbffff) that a device
 * model claims with a buffered ioreq server go into the server's ring,
 * and the guest does not wait for them; a full ring falls back to the
 * synchronous path.
 *
 *   as=dm peer=N  (target=N) creates a server with a buffered page
 *                 (atomic pointers), claims VGA memory, maps both pages
 *                 with XENMEM_acquire_resource, binds the buffered and
 *                 the vCPU channels, and consumes the ring (advancing
 *                 its read pointer) and the synchronous slot until it
 *                 has every write, in order per path.
 *   as=guest      gives its RAM at 0xa0000-0xbffff back (a hole), waits
 *                 for the device model, then writes WRITES dwords there
 *                 without pausing: more than the ring's 511 slots.
 */
#include "resmap.h"
#include "events.h"
#include "public/hvm/ioreq.h"
#include "public/sched.h"

const char test_title[] = "bufioreq";

#define VGA        0xa0000UL
#define VGA_PAGES  32
#define GFN_PAGES  0x27000UL     /* frame 0 (buffered), frame 1 (sync) */
#define WRITES     1500
#define READY      0x5eadU

static void guest(void)
{
    volatile uint32_t *vga = (volatile uint32_t *)VGA;
    struct xen_memory_reservation r = { .nr_extents = VGA_PAGES,
                                        .domid = DOMID_SELF };
    xen_pfn_t gfns[VGA_PAGES];
    unsigned long i;

    for ( i = 0; i < VGA_PAGES; i++ )
        gfns[i] = (VGA >> 12) + i;
    set_xen_guest_handle(r.extent_start, gfns);
    check_eq("give back RAM at 0xa0000-0xbffff",
             hypercall_memory_op(XENMEM_decrease_reservation, &r), VGA_PAGES);
    /* The device model answers a read of the last dword once it is up. */
    for ( i = 0; i < 1000000 && vga[0x7fff] != READY; i++ )
        hypercall_sched_op(SCHEDOP_yield, NULL);
    check(i < 1000000, "the device model came up", " ");
    for ( i = 0; i < WRITES; i++ )
        vga[i % 0x7000] = i;
    vga[0x7ffe] = WRITES;               /* the end marker */
}

static void device_model(domid_t peer)
{
    struct xen_dm_op op = { .op = XEN_DMOP_create_ioreq_server };
    volatile buffered_iopage_t *ring = gfn_ptr(GFN_PAGES);
    volatile struct ioreq *r = gfn_ptr(GFN_PAGES + 1);
    xen_pfn_t gfns[2] = { GFN_PAGES, GFN_PAGES + 1 };
    evtchn_port_t sport = 0, bport = 0;
    uint32_t nr = 2, next_buf = 0, next_sync = 0, sync = 0, buffered = 0;
    bool done = false, bad = false;
    unsigned long i;
    uint16_t id;

    op.u.create_ioreq_server.handle_bufioreq = 2;     /* atomic pointers */
    check_eq("create a buffered server", dm_op(peer, &op), 0);
    id = op.u.create_ioreq_server.id;
    op = (struct xen_dm_op){ .op = XEN_DMOP_get_ioreq_server_info };
    op.u.get_ioreq_server_info.id = id;
    op.u.get_ioreq_server_info.flags = XEN_DMOP_no_gfns;
    check_eq("get its buffered port", dm_op(peer, &op), 0);
    check_eq("bind the buffered channel", evtchn_bind_interdomain(
                 peer, op.u.get_ioreq_server_info.bufioreq_port, &bport), 0);
    op = (struct xen_dm_op){ .op = XEN_DMOP_map_io_range_to_ioreq_server };
    op.u.map_io_range_to_ioreq_server.id = id;
    op.u.map_io_range_to_ioreq_server.type = XEN_DMOP_IO_RANGE_MEMORY;
    op.u.map_io_range_to_ioreq_server.start = VGA;
    op.u.map_io_range_to_ioreq_server.end = VGA + VGA_PAGES * 4096 - 1;
    check_eq("claim VGA memory", dm_op(peer, &op), 0);
    check_eq("map the buffered and synchronous pages",
             acquire_resource(peer, XENMEM_resource_ioreq_server, id, 0, &nr,
                              gfns), 0);
    check_eq("bind the vCPU channel",
             evtchn_bind_interdomain(peer, r->vp_eport, &sport), 0);
    op = (struct xen_dm_op){ .op = XEN_DMOP_set_ioreq_server_state };
    op.u.set_ioreq_server_state.id = id;
    op.u.set_ioreq_server_state.enabled = 1;
    check_eq("enable it", dm_op(peer, &op), 0);

    for ( i = 0; i < 5000000 && (!done || ring->read_pointer !=
                                            ring->write_pointer); i++ )
    {
        uint32_t rp = ring->read_pointer;

        if ( rp != ring->write_pointer )
        {
            volatile buf_ioreq_t *b = &ring->buf_ioreq[rp % IOREQ_BUFFER_SLOT_NUM];

            /* Some writes went the synchronous way (ring full): each path
             * sees increasing values. */
            bad |= b->dir != IOREQ_WRITE || b->size != 2 || b->data < next_buf;
            next_buf = b->data + 1;
            done |= b->data == WRITES;
            buffered++;
            /* Atomic handling: the hypervisor may take laps off both. */
            __atomic_fetch_add(&ring->read_pointer, 1, __ATOMIC_SEQ_CST);
            continue;
        }
        if ( r->state == STATE_IOREQ_READY )
        {
            r->state = STATE_IOREQ_INPROCESS;
            if ( r->dir == IOREQ_READ )
                r->data = READY;        /* the guest's "are you up?" */
            else
            {
                sync++;
                bad |= r->data < next_sync;
                next_sync = r->data;
                done |= r->data == WRITES;
            }
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            r->state = STATE_IORESP_READY;
            evtchn_send(sport);
            continue;
        }
        wait_for_interrupt();
    }
    check(done, "the end marker arrived", "%u buffered %u sync", buffered,
          sync);
    check(!bad, "writes arrived in order on each path", " ");
    check(buffered > IOREQ_BUFFER_SLOT_NUM, "the ring wrapped around",
          "%u buffered", buffered);
    printk("info: %u writes through the ring, %u synchronously\n",
           buffered, sync);
}

void test_main(void)
{
    char as[8] = "guest";

    cmdline_get("as", as, sizeof(as));
    if ( strcmp(as, "dm") )
    {
        guest();
        return;
    }
    check_eq("events", events_init(false), 0);
    /* Interrupts stay off: upcalls come in only inside
     * wait_for_interrupt(), after the look that found nothing to do. */
    device_model(cmdline_ulong("peer", 1));
}
