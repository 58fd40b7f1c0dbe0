/*
 * Event channels (xen/common/event_*.c) on the fake arch, issued as a
 * guest issues them (event_channel_op with its argument in guest
 * memory): every operation and its error answers as Xen 4.17 gives
 * them, the 2-level ABI's bits in shared_info and vcpu_info for both
 * guest widths, upcalls, SCHEDOP_poll, hypervisor-consumed ports, reset,
 * and the remote ends of a destroyed domain's channels.
 */
#include "mem_harness.h"
#include "unit.h"
#include <xen/event.h>
#include <xen/shared.h>
#include <xen/bitops.h>
#include <public/event_channel.h>

#define ARG 0x1000UL
#define PORTS 0x2000UL

static struct domain *d0, *d1, *d2;

static long op(unsigned int cmd, const void *arg, size_t size, void *out)
{
    long rc;

    memcpy(fake_gmem(current->domain, ARG, size), arg, size);
    rc = do_event_channel_op(cmd, guest_ptr(ARG));
    if ( out )
        memcpy(out, fake_gmem(current->domain, ARG, size), size);
    return rc;
}

static long alloc_unbound(domid_t dom, domid_t remote, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };
    long rc = op(EVTCHNOP_alloc_unbound, &a, sizeof(a), &a);

    *port = a.port;
    return rc;
}

static long bind_interdomain(domid_t rdom, evtchn_port_t rport,
                             evtchn_port_t *lport)
{
    struct evtchn_bind_interdomain b = { .remote_dom = rdom,
                                         .remote_port = rport };
    long rc = op(EVTCHNOP_bind_interdomain, &b, sizeof(b), &b);

    *lport = b.local_port;
    return rc;
}

static long bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu };
    long rc = op(EVTCHNOP_bind_virq, &b, sizeof(b), &b);

    *port = b.port;
    return rc;
}

static long bind_ipi(uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi b = { .vcpu = vcpu };
    long rc = op(EVTCHNOP_bind_ipi, &b, sizeof(b), &b);

    *port = b.port;
    return rc;
}

static long simple(unsigned int cmd, evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };   /* close/unmask: same shape */

    return op(cmd, &s, sizeof(s), NULL);
}

static long status(domid_t dom, evtchn_port_t port, struct evtchn_status *s)
{
    *s = (struct evtchn_status){ .dom = dom, .port = port };
    return op(EVTCHNOP_status, s, sizeof(*s), s);
}

static bool pending(struct domain *d, evtchn_port_t port)
{
    return test_bit(port, shared_info_va(d) + SHINFO_EVTCHN_PENDING);
}

static void mask(struct domain *d, evtchn_port_t port, bool on)
{
    uint8_t *m = shared_info_va(d) + shinfo_evtchn_mask_offset(d);

    if ( on )
        set_bit(port, m);
    else
        clear_bit(port, m);
}

static uint8_t *upcall_pending(struct domain *d)
{
    return vcpu_info_va(d->vcpu[0]) + VCPU_INFO_UPCALL_PENDING;
}

/* What a guest's upcall handler does: clear the upcall, selector, bit. */
static void guest_ack(struct domain *d, evtchn_port_t port)
{
    uint8_t *sel = vcpu_info_va(d->vcpu[0]) + vcpu_info_pending_sel_offset(d);

    *upcall_pending(d) = 0;
    clear_bit(port / shinfo_word_bits(d), sel);
    clear_bit(port, shared_info_va(d) + SHINFO_EVTCHN_PENDING);
}

static void test_unbound_and_interdomain(void)
{
    struct evtchn_status s;
    evtchn_port_t p1, p0, p;
    unsigned int up;

    fake_set_current(d1);
    CHECK_EQ("evtchn-alloc-unbound", alloc_unbound(DOMID_SELF, 0, &p1), 0);
    CHECK_EQ("evtchn-first-port-is-1", p1, 1);
    CHECK_EQ("evtchn-alloc-unbound-no-domain", alloc_unbound(77, 0, &p), -ESRCH);
    CHECK_EQ("evtchn-alloc-unbound-for-other-plain", alloc_unbound(2, 0, &p),
             -EPERM);
    CHECK_EQ("evtchn-status-unbound", status(DOMID_SELF, p1, &s), 0);
    CHECK("evtchn-status-unbound-values",
          s.status == EVTCHNSTAT_unbound && s.u.unbound.dom == 0 && s.vcpu == 0);
    CHECK_EQ("evtchn-status-port0-reserved-closed", status(DOMID_SELF, 0, &s), 0);
    CHECK_EQ("evtchn-status-port0-value", s.status, EVTCHNSTAT_closed);
    CHECK_EQ("evtchn-status-bad-port", status(DOMID_SELF, 5000, &s), -EINVAL);
    CHECK_EQ("evtchn-status-other-plain", status(2, 0, &s), -EPERM);

    fake_set_current(d2);
    CHECK_EQ("evtchn-bind-not-for-us", bind_interdomain(1, p1, &p), -EINVAL);
    fake_set_current(d0);
    CHECK_EQ("evtchn-bind-bad-remote-port", bind_interdomain(1, 999, &p), -EINVAL);
    CHECK_EQ("evtchn-bind-no-domain", bind_interdomain(77, p1, &p), -ESRCH);
    up = d0->vcpu[0]->arch.upcalls;
    CHECK_EQ("evtchn-bind-interdomain", bind_interdomain(1, p1, &p0), 0);
    CHECK("evtchn-bind-sets-local-pending", pending(d0, p0));
    CHECK("evtchn-bind-upcall", *upcall_pending(d0) &&
          d0->vcpu[0]->arch.upcalls == up + 1);
    guest_ack(d0, p0);
    CHECK_EQ("evtchn-bind-twice", bind_interdomain(1, p1, &p), -EINVAL);
    CHECK_EQ("evtchn-status-interdomain", status(DOMID_SELF, p0, &s), 0);
    CHECK("evtchn-status-interdomain-values",
          s.status == EVTCHNSTAT_interdomain && s.u.interdomain.dom == 1 &&
          s.u.interdomain.port == p1);
    CHECK_EQ("evtchn-control-status-of-other", status(1, p1, &s), 0);

    /* Send both ways; masked ports stay pending without an upcall. */
    CHECK_EQ("evtchn-send-to-d1", simple(EVTCHNOP_send, p0), 0);
    CHECK("evtchn-d1-pending", pending(d1, p1) && *upcall_pending(d1));
    guest_ack(d1, p1);
    mask(d1, p1, true);
    CHECK_EQ("evtchn-send-masked", simple(EVTCHNOP_send, p0), 0);
    CHECK("evtchn-masked-pending-no-upcall", pending(d1, p1) &&
          !*upcall_pending(d1));
    fake_set_current(d1);
    CHECK_EQ("evtchn-unmask", simple(EVTCHNOP_unmask, p1), 0);
    CHECK("evtchn-unmask-delivers", *upcall_pending(d1) && !test_bit(p1,
          shared_info_va(d1) + shinfo_evtchn_mask_offset(d1)));
    guest_ack(d1, p1);
    CHECK_EQ("evtchn-unmask-bad-port", simple(EVTCHNOP_unmask, 4096), -EINVAL);
    CHECK_EQ("evtchn-send-from-d1", simple(EVTCHNOP_send, p1), 0);
    CHECK("evtchn-d0-pending", pending(d0, p0));
    guest_ack(d0, p0);

    /* Closing one end leaves the other unbound, bound to us. */
    CHECK_EQ("evtchn-close", simple(EVTCHNOP_close, p1), 0);
    CHECK_EQ("evtchn-close-again", simple(EVTCHNOP_close, p1), -EINVAL);
    CHECK_EQ("evtchn-close-port0", simple(EVTCHNOP_close, 0), -EINVAL);
    CHECK_EQ("evtchn-send-closed", simple(EVTCHNOP_send, p1), -EINVAL);
    fake_set_current(d0);
    CHECK_EQ("evtchn-status-after-remote-close", status(DOMID_SELF, p0, &s), 0);
    CHECK("evtchn-remote-end-unbound", s.status == EVTCHNSTAT_unbound &&
          s.u.unbound.dom == 1);
    CHECK_EQ("evtchn-send-unbound-dropped", simple(EVTCHNOP_send, p0), 0);
    CHECK_EQ("evtchn-close-d0", simple(EVTCHNOP_close, p0), 0);
}

static void test_virq_ipi_vcpu(void)
{
    struct evtchn_status s;
    evtchn_port_t pt, pi, p;

    fake_set_current(d2);
    CHECK_EQ("evtchn-virq-bad", bind_virq(NR_VIRQS, 0, &p), -EINVAL);
    CHECK_EQ("evtchn-virq-global-on-vcpu1", bind_virq(VIRQ_CONSOLE, 1, &p),
             -EINVAL);
    CHECK_EQ("evtchn-virq-no-vcpu", bind_virq(VIRQ_TIMER, 1, &p), -ENOENT);
    CHECK_EQ("evtchn-virq-timer", bind_virq(VIRQ_TIMER, 0, &pt), 0);
    CHECK_EQ("evtchn-virq-twice", bind_virq(VIRQ_TIMER, 0, &p), -EEXIST);
    CHECK_EQ("evtchn-virq-status", status(DOMID_SELF, pt, &s), 0);
    CHECK("evtchn-virq-status-values", s.status == EVTCHNSTAT_virq &&
          s.u.virq == VIRQ_TIMER);
    send_guest_vcpu_virq(d2->vcpu[0], VIRQ_TIMER);
    CHECK("evtchn-virq-raised", pending(d2, pt) && *upcall_pending(d2));
    guest_ack(d2, pt);
    CHECK_EQ("evtchn-virq-bind-vcpu-per-vcpu", evtchn_bind_vcpu(pt, 0), -EINVAL);
    CHECK_EQ("evtchn-send-on-virq", simple(EVTCHNOP_send, pt), -EINVAL);
    CHECK_EQ("evtchn-virq-close", simple(EVTCHNOP_close, pt), 0);
    CHECK_EQ("evtchn-virq-rebind-after-close", bind_virq(VIRQ_TIMER, 0, &pt), 0);
    CHECK_EQ("evtchn-virq-console", bind_virq(VIRQ_CONSOLE, 0, &p), 0);
    send_guest_global_virq(d2, VIRQ_CONSOLE);
    CHECK("evtchn-global-virq-raised", pending(d2, p));
    guest_ack(d2, p);

    CHECK_EQ("evtchn-ipi-no-vcpu", bind_ipi(3, &p), -ENOENT);
    CHECK_EQ("evtchn-ipi", bind_ipi(0, &pi), 0);
    CHECK_EQ("evtchn-ipi-send", simple(EVTCHNOP_send, pi), 0);
    CHECK("evtchn-ipi-pending", pending(d2, pi));
    guest_ack(d2, pi);
    CHECK_EQ("evtchn-ipi-bind-vcpu", evtchn_bind_vcpu(pi, 0), -EINVAL);
    CHECK_EQ("evtchn-bind-vcpu-no-vcpu", evtchn_bind_vcpu(pi, 5), -ENOENT);
    CHECK_EQ("evtchn-bind-vcpu-bad-port", evtchn_bind_vcpu(3000, 0), -EINVAL);
    CHECK_EQ("evtchn-unknown-op", op(99, &s, sizeof(s), NULL), -ENOSYS);
    CHECK_EQ("evtchn-bind-pirq", op(EVTCHNOP_bind_pirq, &s, 12, NULL), -EINVAL);
    CHECK_EQ("evtchn-efault", do_event_channel_op(EVTCHNOP_send,
                                                   guest_ptr(FAKE_GMEM_HOLE)),
             -EFAULT);
    {
        struct evtchn_set_priority sp = { .port = pi, .priority = 3 };

        CHECK_EQ("evtchn-set-priority-on-2l",
                 op(EVTCHNOP_set_priority, &sp, sizeof(sp), NULL), -ENOSYS);
        sp.port = 3000;
        CHECK_EQ("evtchn-set-priority-bad-port",
                 op(EVTCHNOP_set_priority, &sp, sizeof(sp), NULL), -EINVAL);
    }
}

/* -ENOSPC at the domain's limit (1023 ports), and no leak of ports. */
static void test_limits(void)
{
    evtchn_port_t p, last = 0;
    unsigned int n = 0;
    long rc;

    fake_set_current(d2);
    while ( (rc = alloc_unbound(DOMID_SELF, 0, &p)) == 0 )
    {
        last = p;
        n++;
    }
    CHECK_EQ("evtchn-enospc", rc, -ENOSPC);
    CHECK_EQ("evtchn-limit-1023", last, EVTCHN_DEFAULT_MAX_PORT);
    CHECK_EQ("evtchn-close-one-at-limit", simple(EVTCHNOP_close, 100), 0);
    CHECK_EQ("evtchn-reuse-lowest", alloc_unbound(DOMID_SELF, 0, &p), 0);
    CHECK_EQ("evtchn-reuse-lowest-port", p, 100);
    CHECK("evtchn-many-allocated", n > 1000);
}

static void test_poll_and_reset(void)
{
    evtchn_port_t ports[2], p;
    struct sched_poll sp = { .nr_ports = 2 };

    fake_set_current(d1);
    CHECK_EQ("evtchn-ipi-a", bind_ipi(0, &ports[0]), 0);
    CHECK_EQ("evtchn-ipi-b", bind_ipi(0, &ports[1]), 0);
    memcpy(fake_gmem(d1, PORTS, sizeof(ports)), ports, sizeof(ports));
    set_xen_guest_handle(sp.ports, (evtchn_port_t *)PORTS);
    memcpy(fake_gmem(d1, ARG, sizeof(sp)), &sp, sizeof(sp));
    CHECK_EQ("evtchn-poll-blocks", do_sched_op(SCHEDOP_poll, guest_ptr(ARG)), 0);
    CHECK("evtchn-poll-blocked", d1->vcpu[0]->blocked &&
          d1->vcpu[0]->evtchn.polling);
    mask(d1, ports[1], true);           /* pollers wake on masked ports too */
    CHECK_EQ("evtchn-poll-send", simple(EVTCHNOP_send, ports[1]), 0);
    CHECK("evtchn-poll-woken", !d1->vcpu[0]->blocked);
    memcpy(fake_gmem(d1, ARG, sizeof(sp)), &sp, sizeof(sp));
    CHECK_EQ("evtchn-poll-already-pending",
             do_sched_op(SCHEDOP_poll, guest_ptr(ARG)), 0);
    CHECK("evtchn-poll-not-blocked", !d1->vcpu[0]->blocked);
    mask(d1, ports[1], false);
    sp.nr_ports = 129;
    memcpy(fake_gmem(d1, ARG, sizeof(sp)), &sp, sizeof(sp));
    CHECK_EQ("evtchn-poll-too-many", do_sched_op(SCHEDOP_poll, guest_ptr(ARG)),
             -EINVAL);
    sp.nr_ports = 1;
    set_xen_guest_handle(sp.ports, (evtchn_port_t *)FAKE_GMEM_HOLE);
    memcpy(fake_gmem(d1, ARG, sizeof(sp)), &sp, sizeof(sp));
    CHECK_EQ("evtchn-poll-efault", do_sched_op(SCHEDOP_poll, guest_ptr(ARG)),
             -EFAULT);

    /* Reset: only ourselves here; every port closed; port numbers reused. */
    {
        struct evtchn_reset r = { .dom = 2 };

        CHECK_EQ("evtchn-reset-other-plain", op(EVTCHNOP_reset, &r, sizeof(r),
                                                NULL), -EPERM);
        r.dom = DOMID_SELF;
        CHECK_EQ("evtchn-reset", op(EVTCHNOP_reset, &r, sizeof(r), NULL), 0);
        CHECK_EQ("evtchn-reset-closed-all", d1->evtchn.active, 0);
        CHECK_EQ("evtchn-after-reset-port-1", bind_ipi(0, &p), 0);
        CHECK_EQ("evtchn-after-reset-port-1-value", p, 1);
        CHECK_EQ("evtchn-close-after-reset", simple(EVTCHNOP_close, p), 0);
    }
}

/* A 32-bit guest's shared_info: 1024 ports, 32-bit selector words. */
static void test_32bit_layout(void)
{
    evtchn_port_t p = 0;
    uint8_t *sel;
    unsigned int i;

    shinfo_latch_width(d1, false);
    fake_set_current(d1);
    for ( i = 0; i < 40; i++ )
        CHECK_EQ("evtchn-32-alloc", bind_ipi(0, &p), 0);
    CHECK_EQ("evtchn-32-port-40", p, 40);
    CHECK_EQ("evtchn-32-send", simple(EVTCHNOP_send, p), 0);
    sel = vcpu_info_va(d1->vcpu[0]) + 4;
    CHECK("evtchn-32-selector-word-1", test_bit(1, sel) && pending(d1, 40));
    guest_ack(d1, 40);
    mask(d1, 40, true);
    CHECK("evtchn-32-mask-at-2176",
          test_bit(40, shared_info_va(d1) + 2176));
    mask(d1, 40, false);
    CHECK_EQ("evtchn-32-port-beyond-1024", simple(EVTCHNOP_unmask, 1024), -EINVAL);
    {
        struct evtchn_reset r = { .dom = DOMID_SELF };

        CHECK_EQ("evtchn-32-reset", op(EVTCHNOP_reset, &r, sizeof(r), NULL), 0);
    }
    shinfo_latch_width(d1, true);
}

/* Hypervisor-consumed ports and a destroyed domain's remote ends. */
static unsigned int xen_calls;
static void xen_fn(struct vcpu *v, evtchn_port_t port)
{
    (void)v; (void)port;
    xen_calls++;
}

static void test_xen_ports_and_destroy(void)
{
    struct evtchn_status s;
    evtchn_port_t xp, p0, p1, pd;
    int port = evtchn_alloc_xen_port(d1, 0, 0, xen_fn);

    CHECK("evtchn-xen-port", port > 0);
    xp = port;
    fake_set_current(d1);
    CHECK_EQ("evtchn-xen-port-guest-close", simple(EVTCHNOP_close, xp), -EINVAL);
    CHECK_EQ("evtchn-xen-port-guest-send", simple(EVTCHNOP_send, xp), -EINVAL);
    CHECK_EQ("evtchn-xen-port-status", status(DOMID_SELF, xp, &s), -EACCES);
    fake_set_current(d0);
    CHECK_EQ("evtchn-bind-xen-port", bind_interdomain(1, xp, &p0), 0);
    CHECK_EQ("evtchn-send-to-xen-port", simple(EVTCHNOP_send, p0), 0);
    CHECK_EQ("evtchn-xen-fn-called", xen_calls, 1);
    guest_ack(d0, p0);
    evtchn_notify_remote(d1, xp);
    CHECK("evtchn-notify-remote", pending(d0, p0));
    guest_ack(d0, p0);

    /* d1 dies with an interdomain channel to d0: d0's end is unbound. */
    fake_set_current(d1);
    CHECK_EQ("evtchn-unbound-for-d0", alloc_unbound(DOMID_SELF, 0, &p1), 0);
    fake_set_current(d0);
    CHECK_EQ("evtchn-bind-before-death", bind_interdomain(1, p1, &pd), 0);
    guest_ack(d0, pd);
    mh_destroy(d1);
    d1 = NULL;
    CHECK_EQ("evtchn-dead-remote-status", status(DOMID_SELF, pd, &s), 0);
    CHECK("evtchn-dead-remote-unbound", s.status == EVTCHNSTAT_unbound &&
          s.u.unbound.dom == 1);
    CHECK_EQ("evtchn-send-to-dead", simple(EVTCHNOP_send, pd), 0);
    CHECK_EQ("evtchn-xen-port-end-unbound", status(DOMID_SELF, p0, &s), 0);
    CHECK_EQ("evtchn-xen-port-end-unbound-value", s.status,
             EVTCHNSTAT_unbound);
}

int main(void)
{
    unsigned long baseline;
    long xbase;

    fake_machine_init(4096, 0);
    baseline = total_free_pages();
    xbase = fake_xmalloc_live();
    d0 = mh_domain(0, true, -1, 0, 8);
    d1 = mh_domain(1, false, -1, 0, 8);
    d2 = mh_domain(2, false, -1, 0, 8);
    CHECK("evtchn-setup", d0 && d1 && d2);
    test_unbound_and_interdomain();
    test_virq_ipi_vcpu();
    test_limits();
    test_poll_and_reset();
    test_32bit_layout();
    test_xen_ports_and_destroy();
    mh_destroy_all();
    CHECK_EQ("evtchn-pages-back", total_free_pages(), baseline);
    CHECK_EQ("evtchn-no-xmalloc-left", fake_xmalloc_live(), xbase);
    fake_machine_fini();
    return unit_done();
}
