/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest time and timers: pvclock (vcpu_time_info in vcpu_info) is
 * monotonic and agrees with the TSC across updates; the wall clock in
 * shared_info is a plausible date; vcpu_op's single-shot timer wakes a
 * vCPU sleeping in HLT or SCHEDOP_block with VIRQ_TIMER no earlier than
 * asked, and fires at once for a past deadline (VCPU_SSHOTTMR_future is
 * ignored, as in Xen since 4.17.3, which Debian's 4.17 is); the periodic
 * timer fires while the vCPU runs and stops when told; SCHEDOP_poll's
 * timeout ends a poll; the runstate and vcpu_time_info copies the guest
 * registers are kept up to date; and
 * VCPUOP_register_vcpu_info moves vcpu_info into a page of ours, where
 * the time and events then go.  Also each op's error answers.
 *
 * Written for our hypervisor and real Xen 4.17 (as its PVH dom0) alike:
 * only lower bounds on waits are strict; upper ones are generous, since
 * QEMU's emulation may be slow (our timers fire at 1 ms ticks).
 */
#include "resmap.h"
#include "events.h"
#include "pvclock.h"
#include "public/sched.h"

const char test_title[] = "timer";

#define VI_GFN      0x1002UL    /* guest RAM (16 MiB + 8 KiB) for vcpu_info */
#define NOT_RAM_GFN 0x80000UL   /* 2 GiB: no RAM, no MMIO there */
#define MAX_SLEEPS  100000u

static volatile struct vcpu_time_info *vt;  /* where our pvclock is */
static evtchn_port_t tport;                  /* VIRQ_TIMER */

static uint64_t now(void)
{
    return pvclock_now(vt);
}

static unsigned long us(uint64_t ns)
{
    return (unsigned long)div_u64(ns, 1000, NULL);
}

/* Busy-wait until system time t, upcalls on (they count events). */
static void spin_until(uint64_t t)
{
    irq_enable();
    while ( now() < t )
        continue;
    irq_disable();
}

/* Our time on the CPU so far (get_runstate_info). */
static uint64_t running_ns(void)
{
    struct vcpu_runstate_info r;

    hypercall_vcpu_op(VCPUOP_get_runstate_info, 0, &r);
    return r.time[RUNSTATE_running];
}

/*
 * Busy-wait until we have run ns more, upcalls on: a periodic timer only
 * runs while its vCPU does, so another domain's turns must not count.
 */
static void spin_running(uint64_t ns)
{
    uint64_t end = running_ns() + ns;

    irq_enable();
    while ( running_ns() < end )
        continue;
    irq_disable();
}

/* Let a pending upcall in (STI's shadow covers the NOP). */
static void take_upcalls(void)
{
    asm volatile ("sti; nop; cli" ::: "memory");
}

static long singleshot(uint64_t t, uint32_t flags)
{
    struct vcpu_set_singleshot_timer s = { .timeout_abs_ns = t,
                                           .flags = flags };

    return hypercall_vcpu_op(VCPUOP_set_singleshot_timer, 0, &s);
}

static long periodic(uint64_t period)
{
    struct vcpu_set_periodic_timer p = { .period_ns = period };

    return hypercall_vcpu_op(VCPUOP_set_periodic_timer, 0, &p);
}

static long poll1(evtchn_port_t *port, uint64_t timeout)
{
    struct sched_poll sp = { .nr_ports = 1, .timeout = timeout };

    set_xen_guest_handle(sp.ports, port);
    return hypercall_sched_op(SCHEDOP_poll, &sp);
}

/* HLT (upcalls on while halted) until VIRQ_TIMER has come; the HLTs. */
static unsigned int sleep_for_timer(void)
{
    unsigned int c0 = event_count[tport], halts = 0;

    while ( event_count[tport] == c0 && halts < MAX_SLEEPS )
    {
        wait_for_interrupt();
        halts++;
    }
    return halts;
}

/*
 * Spin until the hypervisor rewrites t (ours at every schedule-in, so
 * at the latest when the time slice ends; Xen when its stamp changes,
 * at its 1 s calibration); false if it did not within 2 s.
 */
static bool wait_rewrite(const volatile struct vcpu_time_info *t,
                         uint32_t version)
{
    /* Xen 4.17 rewrites it at its once-a-second time calibration: under
     * TCG on a busy host that took more than 2 s once (xen417/timer-64). */
    uint64_t end = now() + 5 * NS_PER_S;

    while ( t->version == version && now() < end )
        continue;
    return t->version != version;
}

/* Sleep about ms milliseconds: a single-shot timer and HLT. */
static void sleep_ms(unsigned int ms)
{
    singleshot(now() + ms * NS_PER_MS, 0);
    sleep_for_timer();
}

/* ------------------------------------------------------------------ */

static void pvclock_checks(void)
{
    struct pvclock a, b;
    uint64_t prev = 0, t, tsc, diff;
    unsigned int i, back = 0;

    pvclock_snapshot(vt, &a);
    check(a.version && !(a.version & 1) && a.mul, "pvclock is set",
          "version %u mul %#x", a.version, a.mul);
    /* 10^9 TSC ticks take between 0.1 s (10 GHz) and 20 s (50 MHz:
     * Bochs's TSC counts its ~100M instructions a second). */
    t = pvclock_scale(NS_PER_S, a.mul, a.shift);
    check(t > NS_PER_S / 10 && t < 20 * NS_PER_S,
          "the TSC rate it implies is plausible", "%llu ns per 1e9 ticks",
          (unsigned long long)t);
    printk("info: pvclock mul %#x shift %d flags %#x (TSC stable: %s), "
           "system time %llu ns\n", a.mul, a.shift, a.flags,
           a.flags & XEN_PVCLOCK_TSC_STABLE_BIT ? "yes" : "no",
           (unsigned long long)a.system_time);
    check(a.system_time > 0 && a.system_time < 3600 * NS_PER_S,
          "system time is since a recent boot", "%llu",
          (unsigned long long)a.system_time);

    /* Monotonic, across rewrites of the tuple (every sleep is one). */
    for ( i = 0; i < 20000; i++ )
    {
        t = now();
        back += t < prev;
        prev = t;
        if ( i % 4000 == 3999 )
            sleep_ms(1);
    }
    check(!back, "pvclock never goes back", "%u times", back);

    /* The next tuple continues this one. */
    pvclock_snapshot(vt, &a);
    check(wait_rewrite(vt, a.version), "pvclock is rewritten", " ");
    pvclock_snapshot(vt, &b);
    tsc = rdtsc();
    diff = pvclock_at(&a, tsc) > pvclock_at(&b, tsc)
           ? pvclock_at(&a, tsc) - pvclock_at(&b, tsc)
           : pvclock_at(&b, tsc) - pvclock_at(&a, tsc);
    check(diff < 100000, "both tuples agree on the TSC",
          "%llu ns apart", (unsigned long long)diff);
    check(b.tsc_timestamp <= tsc, "the tuple's TSC is in the past",
          "%llu > %llu", (unsigned long long)b.tsc_timestamp,
          (unsigned long long)tsc);
}

static void wallclock_checks(void)
{
    uint64_t sec, now_s;
    uint32_t nsec, rem;
    unsigned int y, m, d;

    bool set = wallclock_read(shinfo, &sec, &nsec);

    check(set && sec, "the wall clock is set", "sec %llu",
          (unsigned long long)sec);
    check(nsec < NS_PER_S, "wc_nsec below a second", "%u", nsec);
    now_s = sec + div_u64(now() + nsec, NS_PER_S, NULL);
    civil_from_days((uint32_t)div_u64(now_s, 86400, &rem), &y, &m, &d);
    printk("info: wall clock %04u-%02u-%02u %02u:%02u:%02u UTC\n", y, m, d,
           rem / 3600, rem / 60 % 60, rem % 60);
    check(y >= 2020 && y < 2100, "a plausible year", "%u", y);
}

static void vcpu_op_errors(void)
{
    static uint8_t ctxt[128];

    check_eq("is_up", hypercall_vcpu_op(VCPUOP_is_up, 0, NULL), 1);
    check_eq("is_up: no vCPU 1", hypercall_vcpu_op(VCPUOP_is_up, 1, NULL),
             -ENOENT);
    check_eq("unknown op on no vCPU: -ENOENT first",
             hypercall_vcpu_op(99, 0xffffffffu, NULL), -ENOENT);
    check_eq("unknown op", hypercall_vcpu_op(99, 0, NULL), -ENOSYS);
    check_eq("op 14 is not one", hypercall_vcpu_op(14, 0, NULL), -ENOSYS);
    check_eq("up (already)", hypercall_vcpu_op(VCPUOP_up, 0, NULL), 0);
    check_eq("initialise a running vCPU",
             hypercall_vcpu_op(VCPUOP_initialise, 0, ctxt), -EEXIST);
    check_eq("periodic: below 1 ms", periodic(999999), -EINVAL);
    check_eq("periodic: above STIME_DELTA_MAX", periodic(1ULL << 62),
             -EINVAL);
    check_eq("send_nmi with an argument",
             hypercall_vcpu_op(VCPUOP_send_nmi, 0, ctxt), -EINVAL);
    check_eq("singleshot: bad pointer",
             hypercall_vcpu_op(VCPUOP_set_singleshot_timer, 0,
                               (void *)0xc0000000UL), -EFAULT);
    check_eq("runstate_info: bad pointer",
             hypercall_vcpu_op(VCPUOP_get_runstate_info, 0,
                               (void *)0xc0000000UL), -EFAULT);
    check_eq("stop_singleshot (none set)",
             hypercall_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL), 0);
}

static void singleshot_checks(void)
{
    uint64_t t0, t1, dl;
    unsigned int c0, halts;

    t0 = now();
    check_eq("singleshot 5 ms ahead", singleshot(t0 + 5 * NS_PER_MS,
                                                 VCPU_SSHOTTMR_future), 0);
    halts = sleep_for_timer();
    t1 = now();
    check(halts < MAX_SLEEPS, "VIRQ_TIMER woke us from HLT", " ");
    check(t1 - t0 >= 5 * NS_PER_MS, "not before its deadline",
          "after %lu us", us(t1 - t0));
    check(halts <= 2, "one HLT: no wakeups before it", "%u HLTs", halts);
    printk("info: single-shot 5 ms: woken after %lu us, %u HLT(s)\n",
           us(t1 - t0), halts);

    c0 = event_count[tport];
    check_eq("singleshot in the past", singleshot(now() - NS_PER_MS, 0), 0);
    check(port_pending(tport), "fires at once", " ");
    take_upcalls();
    check(event_count[tport] == c0 + 1, "one event", "%u",
          event_count[tport] - c0);
    check_eq("past with VCPU_SSHOTTMR_future: the flag is ignored",
             singleshot(now() - NS_PER_MS, VCPU_SSHOTTMR_future), 0);
    check(port_pending(tport), "... and it fires at once too", " ");
    take_upcalls();
    check_eq("2^63 with VCPU_SSHOTTMR_future (unsigned: future)",
             singleshot(1ULL << 63, VCPU_SSHOTTMR_future), 0);
    check(port_pending(tport), "... and negative as a deadline: at once",
          " ");
    take_upcalls();
    /* 100 ms ahead: a loaded host must not let it fire before the stop
     * (under TCG this vCPU can be held up for several ms). */
    dl = now() + 100 * NS_PER_MS;
    check_eq("singleshot 100 ms ahead", singleshot(dl, 0), 0);
    check_eq("stop it", hypercall_vcpu_op(VCPUOP_stop_singleshot_timer, 0,
                                          NULL), 0);
    c0 = event_count[tport];
    spin_until(dl + 5 * NS_PER_MS);
    check(event_count[tport] == c0, "a stopped timer: no event",
          "%u events", event_count[tport] - c0);
}

static void block_checks(void)
{
    unsigned int c0 = event_count[tport], calls = 0;
    uint64_t t0 = now(), t1;

    singleshot(t0 + 5 * NS_PER_MS, 0);
    /*
     * Block with interrupts off, then let the upcall in: with them on, the
     * upcall could run between the check and the hypercall, and the block
     * would then wait for an event that has already come (on Xen too).
     */
    while ( event_count[tport] == c0 && calls < MAX_SLEEPS )
    {
        hypercall_sched_op(SCHEDOP_block, NULL);
        take_upcalls();
        calls++;
    }
    t1 = now();
    check(event_count[tport] > c0, "SCHEDOP_block returns on the timer",
          " ");
    check(t1 - t0 >= 5 * NS_PER_MS, "SCHEDOP_block: not before it",
          "after %lu us", us(t1 - t0));
    check(calls <= 2, "SCHEDOP_block slept", "%u calls", calls);
}

static void periodic_checks(void)
{
    unsigned int c0 = event_count[tport], n;

    check_eq("periodic 2 ms", periodic(2 * NS_PER_MS), 0);
    spin_running(20 * NS_PER_MS);
    n = event_count[tport] - c0;
    printk("info: periodic 2 ms: %u events in 20 ms on the CPU\n", n);
    /* A loaded host can hold this vCPU up for most of those 20 ms under
     * TCG (its clock runs on): give it up to 200 ms more. */
    for ( int i = 0; i < 10 && event_count[tport] - c0 < 2; i++ )
        spin_running(20 * NS_PER_MS);
    n = event_count[tport] - c0;
    /* 10 or 11 on an idle host; how many is timing (make bench's
     * business), that it fires again and again is the property. */
    check(n >= 2, "fires every period while we run", "%u events", n);
    check_eq("stop_periodic", hypercall_vcpu_op(VCPUOP_stop_periodic_timer, 0,
                                                NULL), 0);
    take_upcalls();                     /* one raised before the stop */
    c0 = event_count[tport];
    spin_until(now() + 10 * NS_PER_MS);
    check(event_count[tport] == c0, "no event once stopped", "%u",
          event_count[tport] - c0);
    check_eq("periodic 1 ms (the least)", periodic(NS_PER_MS), 0);
    check_eq("stop_periodic again",
             hypercall_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    take_upcalls();
}

static void poll_checks(void)
{
    evtchn_port_t quiet;
    uint64_t t0, t1;
    unsigned int c0;

    check_eq("a port nobody raises", evtchn_alloc_unbound(DOMID_SELF, &quiet),
             0);
    take_upcalls();
    irq_enable();
    t0 = now();
    check_eq("poll with a 5 ms timeout", poll1(&quiet, t0 + 5 * NS_PER_MS), 0);
    t1 = now();
    check(t1 - t0 >= 5 * NS_PER_MS, "the poll lasted its timeout",
          "%lu us", us(t1 - t0));
    printk("info: poll with a 5 ms timeout returned after %lu us\n",
           us(t1 - t0));
    t0 = now();
    check_eq("poll with a past timeout", poll1(&quiet, t0 - NS_PER_MS), 0);
    t1 = now();
    /* Returning at all is the property (it would wait forever). */
    printk("info: poll with a past timeout returned after %lu us\n",
           us(t1 - t0));

    c0 = event_count[tport];
    t0 = now();
    singleshot(t0 + 3 * NS_PER_MS, 0);
    check_eq("poll VIRQ_TIMER, timeout 1 s", poll1(&tport, t0 + NS_PER_S), 0);
    t1 = now();
    irq_disable();
    take_upcalls();
    check(event_count[tport] == c0 + 1 && t1 - t0 >= 3 * NS_PER_MS &&
          t1 - t0 < 500 * NS_PER_MS, "the timer ends the poll",
          "%u events after %lu us", event_count[tport] - c0, us(t1 - t0));
    check_eq("close it", evtchn_close(quiet), 0);
}

static void runstate_checks(void)
{
    static struct vcpu_runstate_info rs, ri;
    struct vcpu_register_runstate_memory_area a = { .addr.p = 0 };
    uint64_t b0, t0, t1, sum;

    a.addr.v = &rs;
    check_eq("register the runstate area",
             hypercall_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &a),
             0);
    check_eq("it says running", rs.state, RUNSTATE_running);
    check_eq("get_runstate_info", hypercall_vcpu_op(VCPUOP_get_runstate_info,
                                                    0, &ri), 0);
    sum = ri.time[0] + ri.time[1] + ri.time[2] + ri.time[3];
    check(ri.state == RUNSTATE_running && sum > 0 &&
          ri.state_entry_time <= now(), "get_runstate_info: running",
          "state %d, %llu ns in all", ri.state, (unsigned long long)sum);
    /*
     * A 5 ms sleep the vCPU spends blocked.  Under TCG a loaded host may
     * stop this vCPU until its timer has already fired, and the HLT then
     * does not block at all: try again (at most 5 times) in that case.
     */
    for ( int i = 0; i < 5; i++ )
    {
        b0 = rs.time[RUNSTATE_blocked];
        t0 = now();
        sleep_ms(5);
        t1 = now();
        if ( rs.time[RUNSTATE_blocked] - b0 >= 4 * NS_PER_MS )
            break;
        printk("info: the sleep did not block (a loaded host?): again\n");
    }
    check(rs.state == RUNSTATE_running && rs.state_entry_time >= t0 &&
          rs.state_entry_time <= t1, "the area: running again, since the wake",
          "state %d entry %llu", rs.state,
          (unsigned long long)rs.state_entry_time);
    check(rs.time[RUNSTATE_blocked] - b0 >= 4 * NS_PER_MS,
          "the area counts the sleep as blocked", "%lu us",
          us(rs.time[RUNSTATE_blocked] - b0));
    a.addr.p = 0;
    check_eq("unregister it",
             hypercall_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &a),
             0);
}

static void time_area_checks(void)
{
    static struct vcpu_time_info ta;
    struct vcpu_register_time_memory_area a = { .addr.p = 0 };
    struct pvclock s;
    uint64_t before;

    a.addr.v = &ta;
    check_eq("register a vcpu_time_info copy",
             hypercall_vcpu_op(VCPUOP_register_vcpu_time_memory_area, 0, &a),
             0);
    pvclock_snapshot(vt, &s);
    check(ta.version == s.version && ta.tsc_to_system_mul == s.mul &&
          ta.system_time == s.system_time, "the copy is vcpu_info's",
          "version %u/%u", ta.version, s.version);
    before = ta.system_time;
    wait_rewrite(vt, s.version);
    pvclock_snapshot(vt, &s);
    check(ta.system_time > before && ta.system_time == s.system_time &&
          ta.version == s.version, "and rewritten with it", "%llu vs %llu",
          (unsigned long long)ta.system_time,
          (unsigned long long)s.system_time);
    a.addr.p = 0;
    check_eq("unregister it",
             hypercall_vcpu_op(VCPUOP_register_vcpu_time_memory_area, 0, &a),
             0);
}

/* Last: upcalls stay off from here (the handler reads the old slot). */
static void vcpu_info_checks(void)
{
    struct vcpu_register_vcpu_info r = { .mfn = VI_GFN };
    volatile struct vcpu_info *old = &shinfo->vcpu_info[0], *new;
    unsigned int off = sizeof(long) == 8 ? 64 : 4;
    uint64_t old_time, t0, t1;
    uint32_t old_version;
    bool rewritten;
    char ref[16];
    struct pvclock s;

    irq_disable();
    r.offset = PAGE_SIZE - 63;
    check_eq("vcpu_info past the page",
             hypercall_vcpu_op(VCPUOP_register_vcpu_info, 0, &r), -ENXIO);
    r.offset = sizeof(long) == 8 ? 4 : 2;
    check_eq("vcpu_info misaligned",
             hypercall_vcpu_op(VCPUOP_register_vcpu_info, 0, &r), -ENXIO);
    r.offset = off;
    r.mfn = NOT_RAM_GFN;
    check_eq("vcpu_info not in RAM",
             hypercall_vcpu_op(VCPUOP_register_vcpu_info, 0, &r), -EINVAL);
    r.mfn = VI_GFN;
    memset(gfn_ptr(VI_GFN), 0, PAGE_SIZE);
    old->evtchn_upcall_pending = 0;
    check_eq("move vcpu_info", hypercall_vcpu_op(VCPUOP_register_vcpu_info, 0,
                                                 &r), 0);
    new = (void *)((uint8_t *)gfn_ptr(VI_GFN) + off);
    check(new->evtchn_upcall_pending && new->evtchn_pending_sel == ~0UL,
          "everything pending there", "pending %u sel %#lx",
          new->evtchn_upcall_pending, (unsigned long)new->evtchn_pending_sel);
    check(new->time.version && !(new->time.version & 1) &&
          new->time.tsc_to_system_mul == old->time.tsc_to_system_mul,
          "the pvclock is there", "version %u", new->time.version);
    check_eq("move it again",
             hypercall_vcpu_op(VCPUOP_register_vcpu_info, 0, &r), -EINVAL);

    vt = &new->time;
    old_time = old->time.system_time;
    old_version = old->time.version;
    new->evtchn_upcall_pending = 0;
    new->evtchn_pending_sel = 0;
    __atomic_fetch_and(&shinfo->evtchn_pending[tport / BITS_PER_LONG],
                       ~(1UL << (tport % BITS_PER_LONG)), __ATOMIC_SEQ_CST);
    t0 = now();
    singleshot(t0 + 3 * NS_PER_MS, 0);
    check_eq("poll VIRQ_TIMER (upcalls off)", poll1(&tport, t0 + NS_PER_S), 0);
    t1 = now();
    check(port_pending(tport) && new->evtchn_upcall_pending &&
          !old->evtchn_upcall_pending, "the event is flagged in the new place",
          "new %u old %u", new->evtchn_upcall_pending,
          old->evtchn_upcall_pending);
    check(t1 - t0 >= 3 * NS_PER_MS, "pvclock from the new place runs",
          "%lu us", us(t1 - t0));
    /*
     * Real Xen 4.17 rewrites it at its once-a-second time calibration,
     * which under a busy TCG host does not always come within the wait
     * (xen417 runs pass ref=xen417): there a miss is only reported.
     */
    rewritten = wait_rewrite(vt, vt->version);
    if ( !rewritten && cmdline_get("ref", ref, sizeof(ref)) )
    {
        printk("info: real Xen did not rewrite the moved pvclock within "
               "5 s\n");
        rewritten = true;
    }
    check(rewritten, "pvclock is rewritten there", " ");
    pvclock_snapshot(vt, &s);
    check(old->time.version == old_version &&
          old->time.system_time == old_time && s.system_time > old_time,
          "the old slot is left alone", "old %llu new %llu",
          (unsigned long long)old->time.system_time,
          (unsigned long long)s.system_time);
}

void test_main(void)
{
    check_eq("map shared_info, callback vector", events_init(false), 0);
    check_eq("bind VIRQ_TIMER", evtchn_bind_virq(VIRQ_TIMER, 0, &tport), 0);
    vt = &shinfo->vcpu_info[0].time;
    irq_disable();
    pvclock_checks();
    wallclock_checks();
    vcpu_op_errors();
    singleshot_checks();
    block_checks();
    periodic_checks();
    poll_checks();
    runstate_checks();
    time_area_checks();
    vcpu_info_checks();
}
