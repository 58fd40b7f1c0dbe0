/*
 * A round-robin scheduler for one physical CPU, and the sched_op
 * hypercall.
 *
 * A vCPU runs until its time slice ends, it blocks or yields, or its
 * domain stops.  The slice is counted in timer ticks from the moment the
 * vCPU is picked, so each vCPU gets a whole slice whenever in the tick
 * period it starts (a periodic deadline would leave the vCPU picked just
 * before it only the remainder).  SCHEDOP_block (and HLT) wait for an
 * event: one on a channel, or VIRQ_TIMER from the vCPU's timers, which
 * every tick checks (common/timer.c).  A tick wakes nobody by itself.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/param.h>
#include <xen/time.h>
#include <xen/shared.h>
#include <xen/timer.h>
#include <xen/vcpu_time.h>
#include <public/sched.h>

static unsigned int opt_timeslice_us = 10000;
integer_param("sched_timeslice_us", opt_timeslice_us);

static struct vcpu *runq_head, *runq_tail;
static unsigned long slice_start;      /* tick at which current was picked */
static bool preempt_pending;
static bool yield_pending;

/* The slice in whole ticks: at least one. */
static unsigned long slice_ticks(void)
{
    unsigned long t = (unsigned long)opt_timeslice_us * TICKS_PER_SECOND /
                      1000000;

    return t ? t : 1;
}

static bool on_runq(const struct vcpu *v)
{
    const struct vcpu *p;

    for ( p = runq_head; p; p = p->next_runq )
        if ( p == v )
            return true;
    return false;
}

void sched_add_vcpu(struct vcpu *v)
{
    /* Never a vCPU without a context (domctl-made), nor a paused one. */
    if ( v->domain->state != DOMSTATE_running || v->blocked || on_runq(v) ||
         !v->is_initialised || v->domain->controller_pause_count )
        return;
    vcpu_runstate_runnable(v);
    v->runnable = true;
    v->next_runq = NULL;
    if ( runq_tail )
        runq_tail->next_runq = v;
    else
        runq_head = v;
    runq_tail = v;
}

void sched_remove_vcpu(struct vcpu *v)
{
    struct vcpu **pp, *prev = NULL;

    /* Called for each vCPU when its domain stops, and before a vCPU is
     * freed: its timers must not outlive either. */
    if ( v->domain->state != DOMSTATE_running )
        vcpu_time_stop(v);
    v->runnable = false;
    for ( pp = &runq_head; *pp; prev = *pp, pp = &(*pp)->next_runq )
        if ( *pp == v )
        {
            *pp = v->next_runq;
            if ( runq_tail == v )
                runq_tail = prev;
            v->next_runq = NULL;
            return;
        }
}

struct vcpu *sched_pick_next(void)
{
    struct vcpu *v = runq_head;

    if ( !v )
        return NULL;
    runq_head = v->next_runq;
    if ( !runq_head )
        runq_tail = NULL;
    v->next_runq = NULL;
    preempt_pending = false;
    yield_pending = false;
    slice_start = ticks_now();
    return v;
}

/* Called on every timer tick, after ticks_now() has advanced. */
void sched_tick(void)
{
    if ( ticks_now() - slice_start >= slice_ticks() )
        preempt_pending = true;
    timer_run_due();
}

bool sched_should_preempt(void)
{
    return preempt_pending || yield_pending;
}

void vcpu_block(struct vcpu *v)
{
    v->blocked = true;
    sched_remove_vcpu(v);
}

void vcpu_wake(struct vcpu *v)
{
    if ( !v->blocked )
        return;
    v->blocked = false;
    v->evtchn.polling = false;
    sched_add_vcpu(v);
}

static long sched_shutdown(guest_ptr_t arg)
{
    struct sched_shutdown s;

    if ( copy_from_guest(&s, arg, sizeof(s)) )
        return -EFAULT;
    if ( s.reason > SHUTDOWN_MAX )
        return -EINVAL;
    domain_shutdown(current_domain(), s.reason);
    return 0;
}

static long sched_shutdown_code(guest_ptr_t arg)
{
    struct sched_shutdown s;
    struct domain *d = current_domain();

    if ( copy_from_guest(&s, arg, sizeof(s)) )
        return -EFAULT;
    if ( s.reason > SHUTDOWN_MAX )
        return -EINVAL;
    /* The first recorded code is the one reported (as in Xen). */
    if ( !d->shutdown_code_set )
    {
        d->shutdown_code = s.reason;
        d->shutdown_code_set = true;
    }
    return 0;
}

/* SCHEDOP_block sleeps only while no upcall is due. */
static long sched_block(void)
{
    if ( !vcpu_upcall_pending(current) )
        vcpu_block(current);
    return 0;
}

static long sched_poll_native(guest_ptr_t arg)
{
    struct sched_poll p;

    if ( copy_from_guest(&p, arg, sizeof(p)) )
        return -EFAULT;
    return sched_poll(guest_handle_ptr(p.ports), p.nr_ports, p.timeout,
                      sizeof(evtchn_port_t));
}

long do_sched_op(unsigned int cmd, guest_ptr_t arg)
{
    switch ( cmd )
    {
    case SCHEDOP_yield:
        yield_pending = true;
        return 0;
    case SCHEDOP_block:
        return sched_block();
    case SCHEDOP_poll:
        return sched_poll_native(arg);
    case SCHEDOP_shutdown:
        return sched_shutdown(arg);
    case SCHEDOP_shutdown_code:
        return sched_shutdown_code(arg);
    default:
        return -ENOSYS;
    }
}
