/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels, 2-level ABI, from a guest: upcalls through
 * HVM_PARAM_CALLBACK_IRQ (vector type) or the per-vCPU upcall vector.
 *
 *   mode=local   (default) one domain: every op and its error answers, a
 *                loopback interdomain channel, IPIs, masking and unmask,
 *                VIRQ binding, SCHEDOP_poll, the domain's port limit,
 *                EVTCHNOP_reset.  upcall=vcpu uses the per-vCPU vector.
 *   abi=fifo     the same over the FIFO ABI (control block and one page
 *                of event words in our RAM).
 *   mode=ping    d<peer> binds to our unbound port; we exchange ROUNDS
 *   mode=pong    notifications, each side sleeping in HLT until the
 *                other's event arrives.  ping allocates, pong binds.
 *
 * maxport=N: the domain's highest port (1023 for a plain domain; a
 * control domain or Xen's dom0 has the ABI's: 4095 for a 64-bit guest,
 * 1023 for a 32-bit one).
 */
#include "resmap.h"
#include "events.h"
#include "public/sched.h"

const char test_title[] = "evtchn";

#define ROUNDS 20
/* Guest RAM pages (the image is loaded at 1 MiB; these are at 16 MiB). */
#define FIFO_CB_GFN    0x1000UL
#define FIFO_ARRAY_GFN 0x1001UL

/*
 * Wait (HLT) until port has seen n events.  The callers run with
 * interrupts on; the count is looked at with them off (see
 * wait_for_interrupt()), and they are on again on return.
 */
static bool wait_events(evtchn_port_t port, unsigned int n)
{
    unsigned long i;

    irq_disable();
    for ( i = 0; i < 200000 && event_count[port] < n; i++ )
        wait_for_interrupt();
    irq_enable();
    return event_count[port] >= n;
}

static void local_ops(void)
{
    struct evtchn_status s;
    evtchn_port_t pu, pl, pi, pv, p;
    unsigned int up;

    check_eq("alloc_unbound for ourselves", evtchn_alloc_unbound(DOMID_SELF,
                                                                 &pu), 0);
    check_eq("the first port is 1", pu, 1);
    check_eq("status: unbound", evtchn_status(DOMID_SELF, pu, &s), 0);
    check(s.status == EVTCHNSTAT_unbound, "status says unbound", "status %u",
          s.status);
    check_eq("bind_interdomain to ourselves (loopback)",
             evtchn_bind_interdomain(DOMID_SELF, pu, &pl), 0);
    check(wait_events(pl, 1), "binding raises the new port once",
          "count %u", event_count[pl]);
    check_eq("send on the loopback", evtchn_send(pl), 0);
    check(wait_events(pu, 1), "the other end gets it", "count %u",
          event_count[pu]);

    port_mask(pu, true);
    up = upcall_count;
    check_eq("send to a masked port", evtchn_send(pl), 0);
    check(port_pending(pu) && upcall_count == up,
          "masked: pending, no upcall", "pending %d upcalls %u",
          port_pending(pu), upcall_count - up);
    check_eq("unmask", evtchn_unmask(pu), 0);
    check(wait_events(pu, 2), "unmask delivers what was pending", "count %u",
          event_count[pu]);

    check_eq("bind_ipi", evtchn_bind_ipi(0, &pi), 0);
    check_eq("send on the IPI", evtchn_send(pi), 0);
    check(wait_events(pi, 1), "the IPI arrives", "count %u", event_count[pi]);
    {
        uint64_t t0 = rdtsc();
        unsigned int k;

        for ( k = 0; k < 100; k++ )
            evtchn_send(pi);        /* interrupts on: the upcall runs here */
        printk("bench: evtchn-send-to-upcall %llu\n",
               (unsigned long long)((rdtsc() - t0) / 100));
        check(event_count[pi] == 101, "100 sends, 100 upcalls",
              "count %u", event_count[pi]);
    }
    check_eq("bind_ipi: no such vCPU", evtchn_bind_ipi(7, &p), -ENOENT);

    check_eq("bind_virq: bad VIRQ", evtchn_bind_virq(NR_VIRQS, 0, &p), -EINVAL);
    check_eq("bind_virq: global VIRQ on vCPU 1",
             evtchn_bind_virq(VIRQ_DOM_EXC, 1, &p), -EINVAL);
    check_eq("bind_virq: no such vCPU", evtchn_bind_virq(VIRQ_TIMER, 3, &p),
             -ENOENT);
    check_eq("bind_virq(VIRQ_DEBUG)", evtchn_bind_virq(VIRQ_DEBUG, 0, &pv), 0);
    check_eq("bind_virq twice", evtchn_bind_virq(VIRQ_DEBUG, 0, &p), -EEXIST);
    check_eq("send on a VIRQ port", evtchn_send(pv), -EINVAL);
    check_eq("status of a VIRQ port", evtchn_status(DOMID_SELF, pv, &s), 0);
    check(s.status == EVTCHNSTAT_virq && s.u.virq == VIRQ_DEBUG,
          "status says virq", "status %u virq %u", s.status, s.u.virq);

    check_eq("send: bad port", evtchn_send(5000), -EINVAL);
    check_eq("close: port 0", evtchn_close(0), -EINVAL);
    check_eq("status: port 0 is closed", evtchn_status(DOMID_SELF, 0, &s), 0);
    check_eq("close the loopback's one end", evtchn_close(pl), 0);
    check_eq("close it again", evtchn_close(pl), -EINVAL);
    check_eq("status of the other end", evtchn_status(DOMID_SELF, pu, &s), 0);
    check(s.status == EVTCHNSTAT_unbound, "the other end is unbound again",
          "status %u", s.status);
    check_eq("send to an unbound port: dropped", evtchn_send(pu), 0);
    check_eq("status in a domain that does not exist",
             evtchn_status(1000, 1, &s), -ESRCH);
    check_eq("unknown op", evtchn_op(99, &s), -ENOSYS);
    check_eq("bad argument pointer", evtchn_op(EVTCHNOP_send, (void *)0xc0000000UL),
             -EFAULT);
}

static void poll_checks(void)
{
    evtchn_port_t ports[2], p;
    struct sched_poll sp = { .nr_ports = 2 };

    check_eq("bind_ipi a", evtchn_bind_ipi(0, &ports[0]), 0);
    check_eq("bind_ipi b", evtchn_bind_ipi(0, &ports[1]), 0);
    set_xen_guest_handle(sp.ports, ports);
    port_mask(ports[1], true);
    check_eq("send to a masked port we will poll", evtchn_send(ports[1]), 0);
    check_eq("poll returns at once for a pending port",
             hypercall_sched_op(SCHEDOP_poll, &sp), 0);
    sp.nr_ports = 129;
    check_eq("poll: too many ports", hypercall_sched_op(SCHEDOP_poll, &sp),
             -EINVAL);
    p = 4000;
    set_xen_guest_handle(sp.ports, &p);
    sp.nr_ports = 1;
    check_eq("poll: bad port", hypercall_sched_op(SCHEDOP_poll, &sp), -EINVAL);
    port_mask(ports[1], false);
    check_eq("close a", evtchn_close(ports[0]), 0);
    check_eq("close b", evtchn_close(ports[1]), 0);
}

static void limit_and_reset(void)
{
    struct evtchn_reset r = { .dom = DOMID_SELF };
    evtchn_port_t p = 0, last = 0;
    long rc;

    /* exhaust=0 skips this: Xen's dom0 on FIFO has 131071 ports. */
    if ( cmdline_ulong("exhaust", 1) )
    {
        while ( (rc = evtchn_alloc_unbound(DOMID_SELF, &p)) == 0 )
            last = p;
        check_eq("alloc until the limit: -ENOSPC", rc, -ENOSPC);
        check_eq("the last port is the domain's maximum", last,
                 cmdline_ulong("maxport", 1023));
    }
    check_eq("reset", evtchn_op(EVTCHNOP_reset, &r), 0);
    events_fifo_off();                  /* a reset goes back to 2-level */
    check_eq("after reset the first free port is 1 again",
             evtchn_bind_ipi(0, &p) ?: (long)p, 1);
}

static void ping_pong(bool ping)
{
    domid_t peer = cmdline_ulong("peer", ping ? 1 : 0);
    evtchn_port_t port = 0;
    unsigned int i;
    long rc = -EINVAL;
    uint64_t cycles = 0;

    if ( ping )
        check_eq("alloc_unbound for the peer", evtchn_alloc_unbound(peer, &port),
                 0);
    else
    {
        /* The peer's first port; retry until it has allocated it. */
        for ( i = 0; i < 100000 && rc == -EINVAL; i++ )
            if ( (rc = evtchn_bind_interdomain(peer, 1, &port)) == -EINVAL )
                hypercall_sched_op(SCHEDOP_yield, NULL);
        check_eq("bind to the peer's port 1", rc, 0);
        wait_events(port, 1);       /* binding raised our end once */
        event_count[port] = 0;
        check_eq("first notification", evtchn_send(port), 0);
    }
    for ( i = 1; i <= ROUNDS; i++ )
    {
        uint64_t t0 = rdtsc();

        if ( !wait_events(port, i) )
            break;
        if ( ping || i < ROUNDS )
            evtchn_send(port);
        /* ping: from our send to the peer's answer arriving here. */
        if ( ping && i > 1 )
            cycles += rdtsc() - t0;
    }
    check(i > ROUNDS, "notifications went back and forth",
          "after %u rounds (%u events)", i - 1, event_count[port]);
    if ( ping )
        printk("bench: evtchn-round-trip %llu\n",
               (unsigned long long)(cycles / (ROUNDS - 1)));
    printk("info: %u upcalls for %u events\n", upcall_count, event_count[port]);
}

void test_main(void)
{
    char mode[8] = "local", upcall[8] = "param", abi[8] = "2l";

    cmdline_get("mode", mode, sizeof(mode));
    cmdline_get("upcall", upcall, sizeof(upcall));
    cmdline_get("abi", abi, sizeof(abi));
    check_eq("map shared_info, set the upcall vector",
             events_init(!strcmp(upcall, "vcpu")), 0);
    if ( !strcmp(abi, "fifo") )
        check_eq("switch to the FIFO ABI",
                 events_use_fifo(FIFO_CB_GFN, FIFO_ARRAY_GFN), 0);
    irq_enable();
    if ( !strcmp(mode, "ping") || !strcmp(mode, "pong") )
        ping_pong(!strcmp(mode, "ping"));
    else
    {
        local_ops();
        poll_checks();
        limit_and_reset();
    }
    irq_disable();
}
