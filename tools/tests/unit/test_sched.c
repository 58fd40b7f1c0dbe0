/*
 * The round-robin scheduler (xen/common/schedule.c) on the fake clock:
 * a slice is counted from the moment its vCPU is picked, so a vCPU
 * picked late in a tick period still gets the whole slice; yield ends a
 * slice at once; a blocked vCPU sleeps through ticks until woken (by an
 * event or its timer), then rejoins the queue.
 */
#include "mem_harness.h"
#include <xen/guest_access.h>
#include <xen/stall.h>
#include <xen/time.h>
#include "unit.h"

/* Slice length with the default sched_timeslice_us=10000. */
#define SLICE (10 * TICKS_PER_SECOND / 1000)

static struct vcpu *pick(void)
{
    struct vcpu *v = sched_pick_next();

    current = v;
    return v;
}

/* Advance the clock by n ticks, as the timer interrupt does. */
static void ticks(unsigned int n)
{
    while ( n-- )
    {
        unit_ticks++;
        sched_tick();
    }
}

static void test_whole_slice_from_pick(struct domain *a, struct domain *b)
{
    struct vcpu *v = pick();

    CHECK("sched-first-pick-is-d0", v == a->vcpu[0]);
    ticks(SLICE - 1);
    CHECK("sched-no-preempt-before-slice", !sched_should_preempt());
    ticks(1);
    CHECK("sched-preempt-at-slice-end", sched_should_preempt());
    sched_add_vcpu(v);

    v = pick();
    CHECK("sched-round-robin-next", v == b->vcpu[0]);
    CHECK("sched-new-slice-not-preempted", !sched_should_preempt());
    /* Picked just after a tick: every following tick but the last keeps
     * it running (a periodic deadline would have preempted it here). */
    ticks(SLICE - 1);
    CHECK("sched-late-pick-keeps-whole-slice", !sched_should_preempt());
    ticks(1);
    CHECK("sched-late-pick-preempted-after-slice", sched_should_preempt());
    sched_add_vcpu(v);
}

static void test_yield_and_block(struct domain *a, struct domain *b)
{
    struct vcpu *v = pick();

    CHECK("sched-back-to-d0", v == a->vcpu[0]);
    CHECK_EQ("sched-yield", do_sched_op(SCHEDOP_yield, guest_ptr(0)), 0);
    CHECK("sched-yield-ends-slice", sched_should_preempt());
    sched_add_vcpu(v);

    v = pick();
    CHECK("sched-after-yield-d1", v == b->vcpu[0]);
    CHECK_EQ("sched-block", do_sched_op(SCHEDOP_block, guest_ptr(0)), 0);
    CHECK("sched-blocked-off-queue", v->blocked && !v->runnable);
    v = pick();
    CHECK("sched-only-d0-runnable", v == a->vcpu[0] && !sched_pick_next());
    ticks(SLICE * 3);
    CHECK("sched-tick-wakes-nobody", b->vcpu[0]->blocked);
    vcpu_wake(b->vcpu[0]);              /* what its event or timer does */
    CHECK("sched-wake-unblocks", !b->vcpu[0]->blocked);
    sched_add_vcpu(v);
    CHECK("sched-woken-runs-first", pick() == b->vcpu[0]);
    CHECK("sched-then-d0", pick() == a->vcpu[0]);
    CHECK("sched-queue-empty", !sched_pick_next());
}

/* The idle loop with nothing to run for n ticks. */
static void idle_ticks(unsigned int n)
{
    while ( n-- )
    {
        stall_note_idle();
        ticks(1);
    }
}

/*
 * Every vCPU blocked: one report after STALL_SECONDS (a line per vCPU,
 * saying it is blocked and its upcall state), none before, none again
 * in the same stall; a vCPU that runs ends it, and the next stall is
 * reported again.
 */
static void test_stall_report(struct domain *a, struct domain *b)
{
    unsigned int stall = STALL_SECONDS * TICKS_PER_SECOND;

    vcpu_block(a->vcpu[0]);
    vcpu_block(b->vcpu[0]);
    unit_log_clear();
    idle_ticks(stall - 1);
    CHECK_EQ("stall-not-before-its-time", unit_log_count("stall:"), 0);
    idle_ticks(2);
    CHECK_EQ("stall-reported-once", unit_log_count("every vCPU has been "
                                                   "blocked"), 1);
    CHECK_EQ("stall-a-line-per-vcpu", unit_log_count("blocked, upcall"), 2);
    CHECK_EQ("stall-d1-named", unit_log_count("stall: d1 v0 blocked, "
                                              "upcall clear"), 1);
    idle_ticks(stall * 2);
    CHECK_EQ("stall-not-repeated", unit_log_count("every vCPU"), 1);
    stall_note_busy();              /* a vCPU ran: the stall is over */
    idle_ticks(stall + 1);
    CHECK_EQ("stall-next-one-reported", unit_log_count("every vCPU"), 2);
    stall_note_busy();
    vcpu_wake(a->vcpu[0]);
    vcpu_wake(b->vcpu[0]);
    while ( sched_pick_next() )
        ;
}

int main(void)
{
    struct domain *a, *b;

    fake_machine_init(1024, 0);
    a = mh_domain(0, true, -1, 1, 0);
    b = mh_domain(1, false, -1, 1, 0);

    CHECK("sched-domains-created", a && b);
    if ( !a || !b )
        return unit_done();
    sched_add_vcpu(a->vcpu[0]);
    sched_add_vcpu(b->vcpu[0]);
    test_whole_slice_from_pick(a, b);
    test_yield_and_block(a, b);
    test_stall_report(a, b);
    current = NULL;
    mh_destroy_all();
    fake_machine_fini();
    return unit_done();
}
