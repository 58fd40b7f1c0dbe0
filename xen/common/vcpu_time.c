/*
 * A vCPU's time (see <xen/vcpu_time.h>): its three timers, its runstate
 * and the guest copy of it, and its pvclock.
 *
 * As in Xen 4.17: the single-shot timer sends VIRQ_TIMER once; the
 * periodic one runs only while the vCPU is scheduled (stopped when it
 * leaves the CPU; when it comes back, a period that passed meanwhile is
 * one event at once), and its first setting fires at once, since no
 * event was ever sent; SCHEDOP_poll's timeout wakes the poller.
 *
 * The pvclock tuple is rewritten at every schedule-in.  A running vCPU
 * is scheduled in again at least every time slice (the scheduler ends
 * each one, even with nobody else to run), so its tuple is never more
 * than a slice old, as Xen's is never more than its 1 s calibration
 * period old.  The scale never changes, so an old tuple is not wrong.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/event.h>
#include <xen/time.h>
#include <xen/vcpu_time.h>
#include <compat/vcpu.h>

/* ------------------------------------------------------------------ */
/* Timers. */

static void send_timer_event(struct vcpu *v)
{
    if ( v->domain->state == DOMSTATE_running )
        send_guest_vcpu_virq(v, VIRQ_TIMER);
}

static void singleshot_fn(void *data)
{
    send_timer_event(data);
}

/*
 * Xen's rule: an event if a period has passed since the last one.  The
 * next period counts from this one's deadline, not from the tick that
 * delivered it (Xen counts from delivery, which its fine-grained timers
 * make punctual; with 1 ms ticks a 2 ms period would stretch towards
 * 3 ms).  After a whole period missed (the vCPU was off the CPU), it
 * counts from now, as Xen's.
 */
static void periodic_work(struct vcpu *v)
{
    struct vcpu_time *t = &v->time;
    s_time_t now = NOW(), next = t->periodic_last_event + t->periodic_period;

    if ( now >= next )
    {
        send_timer_event(v);
        t->periodic_last_event = now - next < t->periodic_period ? next : now;
        next = t->periodic_last_event + t->periodic_period;
    }
    set_timer(&t->periodic_timer, next);
}

static void periodic_fn(void *data)
{
    periodic_work(data);
}

static void poll_fn(void *data)
{
    struct vcpu *v = data;

    if ( v->evtchn.polling )
        vcpu_wake(v);               /* ends the poll (vcpu_wake clears it) */
}

/* struct vcpu is zeroed at creation; the timers learn their fns here. */
void vcpu_timers_init(struct vcpu *v)
{
    struct vcpu_time *t = &v->time;

    if ( t->timers_ready )
        return;
    init_timer(&t->singleshot_timer, singleshot_fn, v);
    init_timer(&t->periodic_timer, periodic_fn, v);
    init_timer(&t->poll_timer, poll_fn, v);
    t->timers_ready = true;
}

/* A stopped domain's vCPU never gets a timer again (vcpu_time_stop()). */
static bool may_set(struct vcpu *v)
{
    if ( v->domain->state != DOMSTATE_running )
        return false;
    vcpu_timers_init(v);
    return true;
}

void vcpu_set_singleshot(struct vcpu *v, s_time_t expires)
{
    if ( may_set(v) )
        set_timer(&v->time.singleshot_timer, expires);
}

void vcpu_stop_singleshot(struct vcpu *v)
{
    stop_timer(&v->time.singleshot_timer);
}

void vcpu_set_periodic_timer(struct vcpu *v, s_time_t period)
{
    stop_timer(&v->time.periodic_timer);
    v->time.periodic_period = period;
    if ( period && may_set(v) )
        periodic_work(v);
}

void vcpu_set_poll_timeout(struct vcpu *v, s_time_t expires)
{
    if ( may_set(v) )
        set_timer(&v->time.poll_timer, expires);
}

void vcpu_stop_poll_timeout(struct vcpu *v)
{
    stop_timer(&v->time.poll_timer);
}

void vcpu_time_stop(struct vcpu *v)
{
    stop_timer(&v->time.singleshot_timer);
    stop_timer(&v->time.periodic_timer);
    stop_timer(&v->time.poll_timer);
    /* Events may still be raised at a stopped domain: the page is held
     * until it is torn down, then vcpu_info is the shared_info slot. */
    if ( v->domain->state == DOMSTATE_dying )
        vcpu_info_unmap(v);
}

/* ------------------------------------------------------------------ */
/* Runstate. */

static void runstate_change(struct vcpu *v, int state)
{
    struct vcpu_runstate_info *r = &v->time.runstate;
    s_time_t now = NOW(), delta;

    if ( !v->time.runstate_started )
    {
        /* Time before the vCPU first joined the run queue is nobody's. */
        r->state = state;
        r->state_entry_time = now;
        v->time.runstate_started = true;
        return;
    }
    if ( r->state == state )
        return;
    delta = now - (s_time_t)r->state_entry_time;
    if ( delta > 0 )
    {
        r->time[r->state] += delta;
        r->state_entry_time = now;
    }
    r->state = state;
}

void vcpu_runstate_runnable(struct vcpu *v)
{
    int s = v->time.runstate.state;

    if ( !v->time.runstate_started || s == RUNSTATE_blocked ||
         s == RUNSTATE_offline )
        runstate_change(v, RUNSTATE_runnable);
}

void vcpu_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *r)
{
    s_time_t delta;

    *r = v->time.runstate;
    delta = NOW() - (s_time_t)r->state_entry_time;
    if ( v->time.runstate_started && delta > 0 )
        r->time[r->state] += delta;
}

/*
 * With VMASST_TYPE_runstate_update_flag, as Xen: the top byte of the
 * copy's state_entry_time (little-endian: bit 63 is XEN_RUNSTATE_UPDATE)
 * is written with the flag first, then the whole copy with it, then that
 * byte without it, so that a reader on another vCPU sees the flag for as
 * long as the copy is half-written.
 */
static void runstate_update_flag(struct vcpu *v, bool compat, bool set)
{
    size_t at = compat ? offsetof(struct compat_vcpu_runstate_info,
                                  state_entry_time)
                       : offsetof(struct vcpu_runstate_info,
                                  state_entry_time);
    uint8_t top = (v->time.runstate.state_entry_time >> 56) |
                  (set ? XEN_RUNSTATE_UPDATE >> 56 : 0);

    copy_to_guest(guest_ptr_add(v->time.runstate_area, at + 7), &top, 1);
    __atomic_thread_fence(__ATOMIC_RELEASE);
}

/* Through v's page tables, so only with current == v; failures are
 * ignored, as Xen ignores them (the guest asked for that address). */
void vcpu_runstate_copy_out(struct vcpu *v, bool compat)
{
    struct vcpu_runstate_info r = v->time.runstate;
    struct compat_vcpu_runstate_info c;
    bool flag = v->domain->vm_assist & (1UL << VMASST_TYPE_runstate_update_flag);
    unsigned int i;

    if ( guest_ptr_is_null(v->time.runstate_area) || v != current )
        return;
    if ( flag )
    {
        runstate_update_flag(v, compat, true);
        r.state_entry_time |= XEN_RUNSTATE_UPDATE;
    }
    if ( !compat )
        copy_to_guest(v->time.runstate_area, &r, sizeof(r));
    else
    {
        c.state = r.state;
        c.state_entry_time = r.state_entry_time;
        for ( i = 0; i < ARRAY_SIZE(c.time); i++ )
            c.time[i] = r.time[i];
        copy_to_guest(v->time.runstate_area, &c, sizeof(c));
    }
    if ( flag )
        runstate_update_flag(v, compat, false);
}

/* ------------------------------------------------------------------ */
/* pvclock. */

/*
 * vcpu_time_info where it sits: a 32-bit guest may put its vcpu_info at
 * any 4-byte boundary (VCPUOP_register_vcpu_info), so the 64-bit fields
 * are only 4-byte aligned.
 */
struct time_info_slot {
    uint32_t version, pad0;
    compat_uint64_t tsc_timestamp, system_time;
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags, pad1[2];
};
BUILD_BUG_ON(sizeof(struct time_info_slot) != sizeof(struct vcpu_time_info));

static void write_time_info(volatile struct time_info_slot *u,
                            const struct vcpu_time_info *t)
{
    u->version = t->version;            /* odd: being rewritten */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    u->tsc_timestamp = t->tsc_timestamp;
    u->system_time = t->system_time;
    u->tsc_to_system_mul = t->tsc_to_system_mul;
    u->tsc_shift = t->tsc_shift;
    u->flags = t->flags;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    u->version = t->version + 1;
}

/* The second copy, versioned the same way; stops if it cannot be had. */
static void write_time_area(struct vcpu *v, struct vcpu_time_info *t)
{
    guest_ptr_t p = v->time.time_area;

    if ( guest_ptr_is_null(p) || v != current ||
         copy_to_guest(p, &t->version, sizeof(t->version)) )
        return;
    copy_to_guest(p, t, sizeof(*t));
    t->version++;
    copy_to_guest(p, &t->version, sizeof(t->version));
}

void vcpu_update_system_time(struct vcpu *v)
{
    volatile struct time_info_slot *u =
        (void *)(vcpu_info_va(v) + VCPU_INFO_TIME);
    struct vcpu_time_info t = { 0 };

    arch_vcpu_time_stamp(v, &t);
    t.version = (u->version + 1) | 1;
    write_time_info(u, &t);
    write_time_area(v, &t);
}

/* ------------------------------------------------------------------ */
/* The scheduler's hooks. */

void vcpu_sched_in(struct vcpu *v)
{
    struct domain *d = v->domain;

    runstate_change(v, RUNSTATE_running);
    if ( !domain_wallclock_written(d) )
        update_domain_wallclock_time(d);
    vcpu_update_system_time(v);
    if ( v->time.periodic_period && may_set(v) )
        periodic_work(v);
    vcpu_runstate_copy_out(v, shinfo_is_32bit(d));
}

void vcpu_sched_out(struct vcpu *v)
{
    struct domain *d = v->domain;

    stop_timer(&v->time.periodic_timer);
    if ( d->state != DOMSTATE_running )
    {
        runstate_change(v, RUNSTATE_offline);
        return;                     /* nobody reads its copy any more */
    }
    runstate_change(v, v->blocked ? RUNSTATE_blocked : RUNSTATE_runnable);
    vcpu_runstate_copy_out(v, shinfo_is_32bit(d));
}
