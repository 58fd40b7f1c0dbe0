/*
 * The timer queue (xen/common/timer.c) on the fake clock: timers fire in
 * deadline order at the first run at or after their deadline, never
 * before; a deadline already past fires from set_timer() itself; stop
 * and re-set work on queued, fired and never-set timers; a fn may set
 * its own timer again (in the future) and stop others that are due.
 */
#include <string.h>
#include "mem_harness.h"
#include <xen/timer.h>
#include "unit.h"

#define MAX_FIRED 16

static int fired[MAX_FIRED];
static unsigned int nr_fired;

static void record(void *data)
{
    if ( nr_fired < MAX_FIRED )
        fired[nr_fired] = (int)(intptr_t)data;
    nr_fired++;
}

static void reset(void)
{
    memset(fired, 0, sizeof(fired));
    nr_fired = 0;
}

/* Advance the fake clock to t ms and run the queue, as a tick does. */
static void at_ms(unsigned long t)
{
    unit_ticks = t;
    timer_run_due();
}

static void test_order_and_deadlines(void)
{
    struct timer a = { 0 }, b = { 0 }, c = { 0 };

    init_timer(&a, record, (void *)1);
    init_timer(&b, record, (void *)2);
    init_timer(&c, record, (void *)3);
    reset();
    unit_ticks = 100;
    set_timer(&a, MILLISECS(105));
    set_timer(&b, MILLISECS(103));
    set_timer(&c, MILLISECS(105));
    CHECK_EQ("timer-three-queued", timer_queue_length(), 3);
    at_ms(102);
    CHECK_EQ("timer-none-before-deadline", nr_fired, 0);
    at_ms(103);
    CHECK("timer-earliest-at-its-deadline", nr_fired == 1 && fired[0] == 2);
    CHECK("timer-fired-is-inactive", !timer_is_active(&b));
    unit_stime_extra = 999999;            /* 104.999999 ms */
    timer_run_due();
    CHECK_EQ("timer-not-a-nanosecond-early", nr_fired, 1);
    unit_stime_extra = 0;
    at_ms(110);
    CHECK("timer-equal-deadlines-in-set-order",
          nr_fired == 3 && fired[1] == 1 && fired[2] == 3);
    CHECK_EQ("timer-queue-empty", timer_queue_length(), 0);
}

static void test_past_and_stop(void)
{
    struct timer a = { 0 }, never = { 0 };

    init_timer(&a, record, (void *)7);
    reset();
    unit_ticks = 200;
    set_timer(&a, MILLISECS(199));
    CHECK("timer-past-fires-in-set", nr_fired == 1 && fired[0] == 7 &&
          !timer_is_active(&a));
    set_timer(&a, MILLISECS(200));
    CHECK_EQ("timer-now-is-past", nr_fired, 2);
    set_timer(&a, -5);
    CHECK_EQ("timer-negative-is-past", nr_fired, 3);
    CHECK_EQ("timer-past-never-queued", timer_queue_length(), 0);

    set_timer(&a, MILLISECS(201));
    stop_timer(&a);
    at_ms(250);
    CHECK_EQ("timer-stopped-does-not-fire", nr_fired, 3);
    stop_timer(&a);
    stop_timer(&never);                 /* zeroed, never set */
    CHECK_EQ("timer-stop-twice-and-never-set", timer_queue_length(), 0);

    set_timer(&a, MILLISECS(260));
    set_timer(&a, MILLISECS(255));      /* moved earlier: queued once */
    CHECK_EQ("timer-reset-queued-once", timer_queue_length(), 1);
    at_ms(255);
    CHECK_EQ("timer-reset-fires-at-new-deadline", nr_fired, 4);
    at_ms(300);
    CHECK_EQ("timer-reset-fires-once", nr_fired, 4);
}

/* A periodic-like fn: fires, sets itself 10 ms later, stops `other`. */
static struct timer self_t, other_t;
static unsigned int self_runs;

static void self_fn(void *data)
{
    (void)data;
    self_runs++;
    stop_timer(&other_t);
    if ( self_runs < 3 )
        set_timer(&self_t, NOW() + MILLISECS(10));
}

static void test_fn_sets_and_stops(void)
{
    init_timer(&self_t, self_fn, NULL);
    init_timer(&other_t, record, (void *)9);
    reset();
    unit_ticks = 400;
    set_timer(&self_t, MILLISECS(401));
    set_timer(&other_t, MILLISECS(401));   /* due too, but stopped first */
    at_ms(401);
    CHECK("timer-fn-stops-a-due-timer", self_runs == 1 && nr_fired == 0);
    CHECK("timer-fn-sets-itself-again", timer_is_active(&self_t));
    at_ms(420);
    CHECK_EQ("timer-one-run-per-pass", self_runs, 2);
    at_ms(500);
    CHECK("timer-fn-stops-setting", self_runs == 3 &&
          !timer_is_active(&self_t) && timer_queue_length() == 0);
}

int main(void)
{
    test_order_and_deadlines();
    test_past_and_stop();
    test_fn_sets_and_stops();
    return unit_done();
}
