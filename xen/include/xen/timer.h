/*
 * Timers: call fn(data) once system time reaches a deadline.
 *
 * Deadlines are checked at every scheduler tick (1 ms), so a timer
 * fires in the first tick at or after its deadline.  A deadline already
 * past when the timer is set fires at once, from set_timer() itself:
 * callers must be ready for fn to run there (vcpu_op, SCHEDOP_poll are).
 * Each fn runs with its timer already inactive; it may set it again, but
 * only in the future.
 *
 * A zeroed struct timer is a valid, inactive one: it may be stopped
 * before it was ever set.  One CPU: the queue is changed with interrupts
 * off (a lock once there are more).
 */
#ifndef XEN_TIMER_H
#define XEN_TIMER_H

#include <xen/types.h>
#include <xen/time.h>

struct timer {
    s_time_t expires;
    void (*fn)(void *data);
    void *data;
    struct timer *next;         /* in the queue, soonest first */
    bool active;
};

void init_timer(struct timer *t, void (*fn)(void *data), void *data);
/* (Re)arm t; a deadline at or before NOW() runs fn before returning. */
void set_timer(struct timer *t, s_time_t expires);
void stop_timer(struct timer *t);
static inline bool timer_is_active(const struct timer *t)
{
    return t->active;
}
/* Fire every timer whose deadline has passed, soonest first (each tick). */
void timer_run_due(void);
/* Timers queued now (for tests and the log). */
unsigned int timer_queue_length(void);

#endif /* XEN_TIMER_H */
