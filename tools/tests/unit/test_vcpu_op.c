/*
 * vcpu_op (xen/common/vcpu_op.c, compat/vcpu.c), set_timer_op, the
 * vCPU timers and SCHEDOP_poll's timeout on the fake arch and clock
 * (1 ms a tick), issued as a guest issues them:
 *   - every op's argument checks with Xen 4.17's errno, for 64- and
 *     32-bit callers (the compat structures' sizes included);
 *   - VIRQ_TIMER from the single-shot timer at its tick, at once for a
 *     past deadline (VCPU_SSHOTTMR_future ignored); the periodic timer
 *     only while the vCPU is scheduled in; a blocked vCPU woken by its
 *     timer and by nothing else; poll timeouts;
 *   - pvclock in vcpu_info and the registered copy, the runstate and
 *     its guest copy in both layouts, the wall clock in both
 *     shared_info layouts;
 *   - register_vcpu_info moving vcpu_info (events land there), and the
 *     page given back when the domain goes; a stopped domain's timers
 *     cancelled.
 */
#include <string.h>
#include "mem_harness.h"
#include <xen/event.h>
#include <xen/shared.h>
#include <xen/timer.h>
#include <xen/bitops.h>
#include <xen/vcpu_time.h>
#include <public/vcpu.h>
#include <public/event_channel.h>
#include <compat/vcpu.h>
#include "unit.h"

#define ARG    0x1000UL
#define AREA   0x3000UL
#define PORTS  0x2000UL
#define RAM_PAGES 16

static struct domain *d0;
static evtchn_port_t timer_port, idle_port;

static struct vcpu *v0(void)
{
    return d0->vcpu[0];
}

/* vcpu_op(cmd, vcpuid, ARG) with arg (size bytes) copied to ARG first. */
static long vop_at(bool compat, int cmd, unsigned int vcpuid, uint64_t va,
                   const void *arg, size_t size)
{
    if ( size )
        memcpy(fake_gmem(current->domain, va, size), arg, size);
    return compat ? compat_vcpu_op(cmd, vcpuid, guest_ptr(va))
                  : do_vcpu_op(cmd, vcpuid, guest_ptr(va));
}

static long vop(bool compat, int cmd, const void *arg, size_t size)
{
    return vop_at(compat, cmd, 0, ARG, arg, size);
}

static long singleshot(bool compat, uint64_t timeout, uint32_t flags)
{
    struct vcpu_set_singleshot_timer s = { timeout, flags };

    return vop(compat, VCPUOP_set_singleshot_timer, &s,
               compat ? 12 : sizeof(s));
}

static long periodic(bool compat, uint64_t period)
{
    struct vcpu_set_periodic_timer p = { period };

    return vop(compat, VCPUOP_set_periodic_timer, &p, sizeof(p));
}

static void ticks(unsigned int n)
{
    while ( n-- )
    {
        unit_ticks++;
        sched_tick();
    }
}

static bool timer_pending(void)
{
    return evtchn_port_is_pending(d0, timer_port);
}

/* What a guest's upcall handler does. */
static void ack(struct domain *d, evtchn_port_t port)
{
    uint8_t *vi = vcpu_info_va(d->vcpu[0]);

    vi[VCPU_INFO_UPCALL_PENDING] = 0;
    memset(vi + vcpu_info_pending_sel_offset(d), 0,
           shinfo_is_32bit(d) ? 4 : 8);
    clear_bit(port, shared_info_va(d) + SHINFO_EVTCHN_PENDING);
}

static evtchn_port_t bind(uint32_t virq_or_unbound)
{
    if ( virq_or_unbound == ~0u )
    {
        struct evtchn_alloc_unbound a = { .dom = DOMID_SELF,
                                          .remote_dom = DOMID_SELF };

        memcpy(fake_gmem(current->domain, ARG, sizeof(a)), &a, sizeof(a));
        do_event_channel_op(EVTCHNOP_alloc_unbound, guest_ptr(ARG));
        memcpy(&a, fake_gmem(current->domain, ARG, sizeof(a)), sizeof(a));
        return a.port;
    }
    else
    {
        struct evtchn_bind_virq b = { .virq = virq_or_unbound };

        memcpy(fake_gmem(current->domain, ARG, sizeof(b)), &b, sizeof(b));
        do_event_channel_op(EVTCHNOP_bind_virq, guest_ptr(ARG));
        memcpy(&b, fake_gmem(current->domain, ARG, sizeof(b)), sizeof(b));
        return b.port;
    }
}

/* ------------------------------------------------------------------ */

static void test_argument_checks(bool c)
{
    uint8_t ctxt[128] = { 0 };
    struct vcpu_register_vcpu_info info = { .mfn = 1000, .offset = 0 };
    uint64_t nul = 0;

    CHECK_EQ("vcpuop-bad-vcpu", vop_at(c, VCPUOP_is_up, 1, ARG, NULL, 0),
             -ENOENT);
    CHECK_EQ("vcpuop-bad-vcpu-before-bad-op",
             vop_at(c, 99, 0xffffffff, ARG, NULL, 0), -ENOENT);
    CHECK_EQ("vcpuop-unknown", vop(c, 14, NULL, 0), -ENOSYS);
    CHECK_EQ("vcpuop-negative", vop(c, -1, NULL, 0), -ENOSYS);
    CHECK_EQ("vcpuop-is-up", vop(c, VCPUOP_is_up, NULL, 0), 1);
    CHECK_EQ("vcpuop-up", vop(c, VCPUOP_up, NULL, 0), 0);
    CHECK_EQ("vcpuop-initialise-efault",
             vop_at(c, VCPUOP_initialise, 0, FAKE_GMEM_HOLE - 64, NULL, 0),
             -EFAULT);
    CHECK_EQ("vcpuop-initialise-eexist",
             vop(c, VCPUOP_initialise, ctxt, sizeof(ctxt)), -EEXIST);
    CHECK_EQ("vcpuop-periodic-below-1ms", periodic(c, 999999), -EINVAL);
    CHECK_EQ("vcpuop-periodic-above-max",
             periodic(c, (uint64_t)STIME_DELTA_MAX + 1), -EINVAL);
    CHECK_EQ("vcpuop-periodic-huge", periodic(c, 1ULL << 63), -EINVAL);
    CHECK_EQ("vcpuop-periodic-max", periodic(c, STIME_DELTA_MAX), 0);
    CHECK_EQ("vcpuop-periodic-stop", vop(c, VCPUOP_stop_periodic_timer,
                                        NULL, 0), 0);
    CHECK_EQ("vcpuop-periodic-efault",
             vop_at(c, VCPUOP_set_periodic_timer, 0, FAKE_GMEM_HOLE - 4,
                    NULL, 0), -EFAULT);
    CHECK_EQ("vcpuop-singleshot-efault",
             vop_at(c, VCPUOP_set_singleshot_timer, 0, FAKE_GMEM_HOLE,
                    NULL, 0), -EFAULT);
    /* 32-bit callers' structure is 12 bytes, native ones' 16. */
    CHECK_EQ("vcpuop-singleshot-size",
             vop_at(c, VCPUOP_set_singleshot_timer, 0, FAKE_GMEM_HOLE - 12,
                    NULL, 0), c ? 0 : -EFAULT);
    CHECK_EQ("vcpuop-stop-singleshot", vop(c, VCPUOP_stop_singleshot_timer,
                                          NULL, 0), 0);
    CHECK_EQ("vcpuop-runstate-info-size",
             vop_at(c, VCPUOP_get_runstate_info, 0, FAKE_GMEM_HOLE - 44,
                    NULL, 0), c ? 0 : -EFAULT);
    CHECK_EQ("vcpuop-runstate-area-size",
             vop_at(c, VCPUOP_register_runstate_memory_area, 0,
                    FAKE_GMEM_HOLE - 4, NULL, 0), c ? 0 : -EFAULT);
    CHECK_EQ("vcpuop-runstate-area-null",
             vop(c, VCPUOP_register_runstate_memory_area, &nul, 8), 0);
    CHECK_EQ("vcpuop-time-area-null",
             vop(c, VCPUOP_register_vcpu_time_memory_area, &nul, 8), 0);
    CHECK_EQ("vcpuop-send-nmi-arg", vop(c, VCPUOP_send_nmi, NULL, 0),
             -EINVAL);
    CHECK_EQ("vcpuop-send-nmi-not-yet",
             c ? compat_vcpu_op(VCPUOP_send_nmi, 0, guest_ptr(0))
               : do_vcpu_op(VCPUOP_send_nmi, 0, guest_ptr(0)), -ENOSYS);
    CHECK_EQ("vcpuop-get-physid", vop(c, VCPUOP_get_physid, NULL, 0),
             -EINVAL);
    CHECK_EQ("vcpuop-vcpu-info-efault",
             vop_at(c, VCPUOP_register_vcpu_info, 0, FAKE_GMEM_HOLE - 8,
                    NULL, 0), -EFAULT);
    info.offset = PAGE_SIZE - 63;
    CHECK_EQ("vcpuop-vcpu-info-offset-past",
             vop(c, VCPUOP_register_vcpu_info, &info, sizeof(info)), -ENXIO);
    info.offset = 4;
    CHECK_EQ("vcpuop-vcpu-info-misaligned",
             vop(c, VCPUOP_register_vcpu_info, &info, sizeof(info)), -ENXIO);
    info.offset = 64;
    CHECK_EQ("vcpuop-vcpu-info-not-ram",
             vop(c, VCPUOP_register_vcpu_info, &info, sizeof(info)), -EINVAL);
    info.mfn = ~0ULL;
    CHECK_EQ("vcpuop-vcpu-info-huge-gfn",
             vop(c, VCPUOP_register_vcpu_info, &info, sizeof(info)), -EINVAL);
    CHECK("vcpuop-vcpu-info-unmoved", !v0()->vcpu_info_area.page);
}

static void test_singleshot(bool c)
{
    s_time_t now = NOW();

    ack(d0, timer_port);
    /* Xen 4.17.3 on: the flag is ignored, a past timeout fires at once. */
    CHECK_EQ("vcpuop-sshot-future-past",
             singleshot(c, now - 1, VCPU_SSHOTTMR_future), 0);
    CHECK("vcpuop-sshot-future-flag-ignored", timer_pending() &&
          !timer_is_active(&v0()->time.singleshot_timer));
    ack(d0, timer_port);
    CHECK_EQ("vcpuop-sshot-past", singleshot(c, now - 1, 0), 0);
    CHECK("vcpuop-sshot-past-fires-at-once", timer_pending());
    ack(d0, timer_port);
    CHECK_EQ("vcpuop-sshot-2^63-is-future",
             singleshot(c, 1ULL << 63, VCPU_SSHOTTMR_future), 0);
    CHECK("vcpuop-sshot-2^63-fires-at-once", timer_pending());
    ack(d0, timer_port);
    CHECK_EQ("vcpuop-sshot-5ms", singleshot(c, now + MILLISECS(5),
                                            VCPU_SSHOTTMR_future), 0);
    ticks(4);
    CHECK("vcpuop-sshot-not-early", !timer_pending());
    ticks(1);
    CHECK("vcpuop-sshot-at-deadline", timer_pending() &&
          vcpu_info_va(v0())[VCPU_INFO_UPCALL_PENDING]);
    ack(d0, timer_port);
    ticks(5);
    CHECK("vcpuop-sshot-once", !timer_pending());
    singleshot(c, NOW() + MILLISECS(2), 0);
    vop(c, VCPUOP_stop_singleshot_timer, NULL, 0);
    ticks(5);
    CHECK("vcpuop-sshot-stopped", !timer_pending());
}

static void test_periodic(bool c)
{
    unsigned int i, events = 0;

    ack(d0, timer_port);
    vcpu_sched_in(v0());
    v0()->time.periodic_last_event = 0;   /* as never having fired */
    CHECK_EQ("vcpuop-periodic-2ms", periodic(c, MILLISECS(2)), 0);
    CHECK("vcpuop-periodic-first-at-once", timer_pending());
    ack(d0, timer_port);
    for ( i = 0; i < 10; i++ )
    {
        ticks(1);
        events += timer_pending();
        ack(d0, timer_port);
    }
    CHECK_EQ("vcpuop-periodic-every-2ms", events, 5);
    vcpu_sched_out(v0());
    ticks(7);
    CHECK("vcpuop-periodic-stopped-while-out", !timer_pending());
    vcpu_sched_in(v0());
    CHECK("vcpuop-periodic-missed-period-at-sched-in", timer_pending());
    ack(d0, timer_port);
    ticks(1);
    CHECK("vcpuop-periodic-restarted-from-now", !timer_pending());
    ticks(1);
    CHECK("vcpuop-periodic-restarted", timer_pending());
    ack(d0, timer_port);
    vop(c, VCPUOP_stop_periodic_timer, NULL, 0);
    ticks(6);
    CHECK("vcpuop-periodic-stop", !timer_pending() &&
          !v0()->time.periodic_period);
    vcpu_sched_out(v0());
}

static void test_block_and_poll(void)
{
    struct sched_poll sp = { .nr_ports = 1 };
    struct vcpu *v = v0();

    ack(d0, timer_port);
    CHECK_EQ("vcpuop-block", do_sched_op(SCHEDOP_block, guest_ptr(0)), 0);
    ticks(30);
    CHECK("vcpuop-tick-wakes-nobody", v->blocked);
    vcpu_wake(v);
    singleshot(false, NOW() + MILLISECS(3), 0);
    do_sched_op(SCHEDOP_block, guest_ptr(0));
    ticks(2);
    CHECK("vcpuop-block-until-timer", v->blocked);
    ticks(1);
    CHECK("vcpuop-timer-wakes-blocked", !v->blocked && timer_pending());
    ack(d0, timer_port);

    memcpy(fake_gmem(d0, PORTS, 4), &idle_port, 4);
    set_xen_guest_handle(sp.ports, (evtchn_port_t *)PORTS);
    sp.timeout = NOW() + MILLISECS(3);
    memcpy(fake_gmem(d0, ARG, sizeof(sp)), &sp, sizeof(sp));
    CHECK_EQ("vcpuop-poll-timeout", do_sched_op(SCHEDOP_poll, guest_ptr(ARG)),
             0);
    ticks(2);
    CHECK("vcpuop-poll-waits", v->blocked && v->evtchn.polling);
    ticks(1);
    CHECK("vcpuop-poll-times-out", !v->blocked && !v->evtchn.polling);

    sp.timeout = NOW() - 1;
    memcpy(fake_gmem(d0, ARG, sizeof(sp)), &sp, sizeof(sp));
    do_sched_op(SCHEDOP_poll, guest_ptr(ARG));
    CHECK("vcpuop-poll-past-timeout-at-once", !v->blocked);
    sp.timeout = 1ULL << 63;            /* negative as a system time */
    memcpy(fake_gmem(d0, ARG, sizeof(sp)), &sp, sizeof(sp));
    do_sched_op(SCHEDOP_poll, guest_ptr(ARG));
    CHECK("vcpuop-poll-2^63-at-once", !v->blocked);

    /* Woken by its port; a later poll without timeout is not cut short
     * by the first one's. */
    sp.timeout = NOW() + MILLISECS(5);
    memcpy(fake_gmem(d0, ARG, sizeof(sp)), &sp, sizeof(sp));
    do_sched_op(SCHEDOP_poll, guest_ptr(ARG));
    singleshot(false, NOW() - 1, 0);    /* any event ends a poll too */
    CHECK("vcpuop-poll-ended-by-event", !v->blocked);
    ack(d0, timer_port);
    sp.timeout = 0;
    memcpy(fake_gmem(d0, ARG, sizeof(sp)), &sp, sizeof(sp));
    do_sched_op(SCHEDOP_poll, guest_ptr(ARG));
    ticks(20);
    CHECK("vcpuop-poll-no-timeout-waits", v->blocked &&
          timer_queue_length() == 0);
    vcpu_wake(v);
}

/* 32-bit SCHEDOP_poll: the timeout in two 4-byte halves. */
static void test_compat_poll(void)
{
    uint64_t t = NOW() + MILLISECS(2);
    uint32_t p[4] = { PORTS, 1, (uint32_t)t, (uint32_t)(t >> 32) };

    memcpy(fake_gmem(d0, ARG, sizeof(p)), p, sizeof(p));
    compat_sched_op(SCHEDOP_poll, guest_ptr(ARG));
    ticks(1);
    CHECK("vcpuop-compat-poll-waits", v0()->blocked);
    ticks(1);
    CHECK("vcpuop-compat-poll-times-out", !v0()->blocked);
}

static void test_set_timer_op(void)
{
    ack(d0, timer_port);
    do_set_timer_op(NOW() + MILLISECS(2), 0);
    ticks(2);
    CHECK("settimer-fires", timer_pending());
    ack(d0, timer_port);
    do_set_timer_op(NOW() + MILLISECS(2), 0);
    do_set_timer_op(0, 0);
    ticks(3);
    CHECK("settimer-0-stops", !timer_pending());
    do_set_timer_op((unsigned long)-5, 0);
    ticks(99);
    CHECK("settimer-negative-not-at-once", !timer_pending());
    ticks(1);
    CHECK("settimer-negative-100ms", timer_pending());
    ack(d0, timer_port);
    do_set_timer_op(1UL << 63, 0);      /* the most negative: no overflow */
    ticks(100);
    CHECK("settimer-min-100ms", timer_pending());
    ack(d0, timer_port);
    do_set_timer_op(NOW() + (1L << 51), 0);
    ticks(99);
    CHECK("settimer-13-days-not-at-once", !timer_pending());
    ticks(1);
    CHECK("settimer-13-days-is-100ms", timer_pending());
    ack(d0, timer_port);
    {
        uint64_t t = NOW() + MILLISECS(1);

        compat_set_timer_op((uint32_t)t, t >> 32);
        ticks(1);
        CHECK("settimer-compat-halves", timer_pending());
        ack(d0, timer_port);
    }
}

/* ------------------------------------------------------------------ */

static const struct vcpu_time_info *vi_time(struct vcpu *v)
{
    return (const void *)(vcpu_info_va(v) + VCPU_INFO_TIME);
}

/* System time in a vcpu_info that may be only 4-byte aligned. */
static uint64_t vi_system_time(const uint8_t *vi)
{
    uint64_t t;

    memcpy(&t, vi + VCPU_INFO_TIME + 16, sizeof(t));
    return t;
}

static void test_pvclock(bool c)
{
    struct vcpu_time_info area;
    uint64_t va = AREA + 0x100;

    unit_stime_extra = 123;
    vcpu_sched_in(v0());
    CHECK("pvclock-version-even", vi_time(v0())->version &&
          !(vi_time(v0())->version & 1));
    CHECK_EQ("pvclock-system-time", vi_time(v0())->system_time, NOW());
    CHECK("pvclock-scale", vi_time(v0())->tsc_to_system_mul == 0x80000000u &&
          vi_time(v0())->tsc_shift == 1 &&
          vi_time(v0())->flags == XEN_PVCLOCK_TSC_STABLE_BIT);
    vcpu_sched_out(v0());
    CHECK_EQ("pvclock-time-area",
             vop(c, VCPUOP_register_vcpu_time_memory_area, &va, 8), 0);
    memcpy(&area, fake_gmem(d0, va, sizeof(area)), sizeof(area));
    CHECK("pvclock-time-area-copy",
          !memcmp(&area, vi_time(v0()), sizeof(area)));
    ticks(3);
    vcpu_sched_in(v0());
    memcpy(&area, fake_gmem(d0, va, sizeof(area)), sizeof(area));
    CHECK("pvclock-time-area-updated", area.system_time == (uint64_t)NOW() &&
          area.version == vi_time(v0())->version);
    vcpu_sched_out(v0());
    va = 0;
    vop(c, VCPUOP_register_vcpu_time_memory_area, &va, 8);
    unit_stime_extra = 0;
}

/*
 * The runstate, and its copy at AREA: registered by a caller of d's width
 * (c: 32-bit), so that the copy is in that layout both at registration
 * and at each update (the layout of d's shared_info).
 */
static void test_runstate(struct domain *d, bool c)
{
    struct vcpu *v = d->vcpu[0];
    uint64_t va = AREA;
    struct vcpu_runstate_info r, r0;
    struct compat_vcpu_runstate_info cr;
    s_time_t entry;

    fake_set_current(d);
    vop(c, VCPUOP_register_runstate_memory_area, &va, 8);
    vcpu_sched_in(v);
    r0 = v->time.runstate;
    vcpu_block(v);
    vcpu_sched_out(v);
    ticks(5);
    vcpu_wake(v);
    ticks(1);
    vcpu_sched_in(v);
    entry = NOW();
    if ( c )
    {
        memcpy(&cr, fake_gmem(d, AREA, sizeof(cr)), sizeof(cr));
        r.state = cr.state;
        r.state_entry_time = cr.state_entry_time;
        memcpy(r.time, cr.time, sizeof(r.time));
    }
    else
        memcpy(&r, fake_gmem(d, AREA, sizeof(r)), sizeof(r));
    CHECK(c ? "runstate-32-area-running" : "runstate-area-running",
          r.state == RUNSTATE_running && r.state_entry_time == (uint64_t)entry);
    CHECK_EQ(c ? "runstate-32-area-blocked-5ms" : "runstate-area-blocked-5ms",
             r.time[RUNSTATE_blocked] - r0.time[RUNSTATE_blocked],
             MILLISECS(5));
    CHECK_EQ(c ? "runstate-32-runnable-1ms" : "runstate-runnable-1ms",
             r.time[RUNSTATE_runnable] - r0.time[RUNSTATE_runnable],
             MILLISECS(1));
    ticks(2);
    vop(c, VCPUOP_get_runstate_info, NULL, 0);
    if ( c )
    {
        memcpy(&cr, fake_gmem(d, ARG, sizeof(cr)), sizeof(cr));
        r.time[RUNSTATE_running] = cr.time[RUNSTATE_running];
    }
    else
        memcpy(&r, fake_gmem(d, ARG, sizeof(r)), sizeof(r));
    CHECK_EQ(c ? "runstate-32-info-counts-to-now" : "runstate-info-counts-to-now",
             r.time[RUNSTATE_running] - v->time.runstate.time[RUNSTATE_running],
             MILLISECS(2));
    vcpu_sched_out(v);
    va = 0;
    vop(c, VCPUOP_register_runstate_memory_area, &va, 8);
}

/* ------------------------------------------------------------------ */

static void test_vcpu_info(struct domain *d, bool c)
{
    struct vcpu *v = d->vcpu[0];
    struct vcpu_register_vcpu_info info = { .mfn = 3, .offset = c ? 4 : 128 };
    uint8_t *old = shared_info_va(d) + 64 * 0, *new;
    uint64_t old_time;
    evtchn_port_t p;

    fake_set_current(d);
    p = d == d0 ? timer_port : bind(VIRQ_TIMER);
    vcpu_sched_in(v);
    old_time = vi_system_time(old);
    old[VCPU_INFO_UPCALL_PENDING] = 0;
    CHECK_EQ(c ? "vcpuinfo-32-map" : "vcpuinfo-map",
             vop(c, VCPUOP_register_vcpu_info, &info, sizeof(info)), 0);
    new = vcpu_info_va(v);
    CHECK("vcpuinfo-moved", v->vcpu_info_area.page &&
          new == (uint8_t *)page_to_virt(v->vcpu_info_area.page) + info.offset);
    {
        uint64_t sel = 0;

        memcpy(&sel, new + (c ? 4 : 8), c ? 4 : 8);
        CHECK("vcpuinfo-all-pending", new[VCPU_INFO_UPCALL_PENDING] &&
              sel == (c ? 0xffffffffULL : ~0ULL));
    }
    CHECK("vcpuinfo-time-there", vi_system_time(new) == (uint64_t)NOW());
    CHECK_EQ("vcpuinfo-twice",
             vop(c, VCPUOP_register_vcpu_info, &info, sizeof(info)), -EINVAL);
    info.offset = PAGE_SIZE;
    CHECK_EQ("vcpuinfo-twice-bad-offset",
             vop(c, VCPUOP_register_vcpu_info, &info, sizeof(info)), -ENXIO);
    ack(d, p);
    CHECK("vcpuinfo-ack-there", !new[VCPU_INFO_UPCALL_PENDING]);
    singleshot(c, NOW() - 1, 0);
    CHECK("vcpuinfo-event-lands-there", new[VCPU_INFO_UPCALL_PENDING] &&
          !old[VCPU_INFO_UPCALL_PENDING]);
    ticks(2);
    vcpu_sched_out(v);
    vcpu_sched_in(v);
    CHECK("vcpuinfo-old-time-frozen", vi_system_time(old) == old_time);
    vcpu_sched_out(v);
}

static void test_wallclock(struct domain *d)
{
    const uint8_t *s = shared_info_va(d);
    const uint32_t *w64 = (const uint32_t *)(s + 3072);
    const uint32_t *w32 = (const uint32_t *)(s + 2304);

    wallclock_set_boot(0x123456789ULL, 987654321);
    CHECK("wallclock-unwritten", !domain_wallclock_written(d));
    fake_set_current(d);
    vcpu_sched_in(d->vcpu[0]);
    vcpu_sched_out(d->vcpu[0]);
    CHECK("wallclock-64", w64[0] == 2 && w64[1] == 0x23456789 &&
          w64[2] == 987654321 && w64[3] == 1);
    shinfo_latch_width(d, false);
    CHECK("wallclock-32", w32[0] == 2 && w32[1] == 0x23456789 &&
          w32[2] == 987654321 && *(const uint32_t *)(s + 2340) == 1);
    shinfo_latch_width(d, true);
    CHECK_EQ("wallclock-64-version-4", w64[0], 4);
}

/* A stopped domain's timers go; its vcpu_info page comes back. */
static void test_stop_and_destroy(void)
{
    unsigned long free0 = total_free_pages();
    unsigned int q0 = timer_queue_length();
    struct domain *d = mh_domain(5, false, -1, 1, RAM_PAGES);
    struct vcpu_register_vcpu_info info = { .mfn = 2, .offset = 0 };
    struct sched_poll sp = { .nr_ports = 1 };
    evtchn_port_t p;

    fake_set_current(d);
    p = bind(VIRQ_TIMER);
    memcpy(fake_gmem(d, PORTS, 4), &p, 4);
    set_xen_guest_handle(sp.ports, (evtchn_port_t *)PORTS);
    vop(false, VCPUOP_register_vcpu_info, &info, sizeof(info));
    vcpu_sched_in(d->vcpu[0]);
    periodic(false, MILLISECS(50));
    singleshot(false, NOW() + MILLISECS(50), 0);
    ack(d, p);                          /* the periodic's first event */
    sp.timeout = NOW() + MILLISECS(50);
    memcpy(fake_gmem(d, ARG, sizeof(sp)), &sp, sizeof(sp));
    do_sched_op(SCHEDOP_poll, guest_ptr(ARG));
    CHECK_EQ("stop-three-timers", timer_queue_length(), q0 + 3);
    CHECK_EQ("stop-page-held",
             mh_count(mfn_x(page_to_mfn(d->vcpu[0]->vcpu_info_area.page))), 2);
    domain_shutdown(d, SHUTDOWN_poweroff);
    CHECK_EQ("stop-timers-cancelled", timer_queue_length(), q0);
    vcpu_set_singleshot(d->vcpu[0], NOW() + MILLISECS(1));
    CHECK_EQ("stop-no-timer-after", timer_queue_length(), q0);
    mh_destroy(d);
    ticks(100);                         /* ASan: nothing touches the vCPU */
    CHECK_EQ("stop-vcpu-info-page-back", total_free_pages(), free0);
}

static void test_down(void)
{
    struct domain *d = mh_domain(6, false, -1, 1, 0);

    fake_set_current(d);
    CHECK_EQ("vcpuop-down-last", vop(false, VCPUOP_down, NULL, 0), 0);
    CHECK("vcpuop-down-powers-off", d->state == DOMSTATE_shutdown &&
          d->shutdown_code == SHUTDOWN_poweroff);
    mh_destroy(d);
}

int main(void)
{
    struct domain *d32;

    fake_machine_init(2048, 0);
    unit_ticks = 1000;                  /* "past" deadlines are positive */
    d0 = mh_domain(0, false, -1, 1, RAM_PAGES);
    d32 = mh_domain(1, false, -1, 1, RAM_PAGES);
    CHECK("vcpuop-domains", d0 && d32);
    if ( !d0 || !d32 )
        return unit_done();
    test_wallclock(d32);
    fake_set_current(d0);
    timer_port = bind(VIRQ_TIMER);
    idle_port = bind(~0u);
    sched_add_vcpu(v0());
    sched_pick_next();
    for ( int c = 0; c < 2; c++ )
    {
        test_argument_checks(c);
        test_singleshot(c);
        test_periodic(c);
        test_pvclock(c);
    }
    test_block_and_poll();
    test_compat_poll();
    test_set_timer_op();
    test_runstate(d0, false);
    test_vcpu_info(d0, false);
    shinfo_latch_width(d32, false);
    test_runstate(d32, true);
    test_vcpu_info(d32, true);
    test_stop_and_destroy();
    test_down();
    current = NULL;
    mh_destroy_all();
    CHECK_EQ("vcpuop-no-timer-left", timer_queue_length(), 0);
    fake_machine_fini();
    return unit_done();
}
