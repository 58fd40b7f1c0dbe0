/*
 * A vCPU's time: its timers (single-shot, periodic, SCHEDOP_poll's
 * timeout), its runstate, its pvclock (vcpu_time_info in vcpu_info, and
 * a second copy the guest may register), and where its vcpu_info lives
 * (VCPUOP_register_vcpu_info).  common/vcpu_time.c, vcpu_info.c,
 * vcpu_op.c.
 *
 * The arch calls vcpu_sched_in() before a vCPU's first guest entry of a
 * run and vcpu_sched_out() after its last exit, with current == v: the
 * guest copies (runstate, time area) are written through v's own page
 * tables there, as Xen does for HVM guests.
 */
#ifndef XEN_VCPU_TIME_H
#define XEN_VCPU_TIME_H

#include <xen/types.h>
#include <xen/timer.h>
#include <xen/guest_access.h>
#include <public/vcpu.h>

struct vcpu;
struct domain;
struct page_info;

struct vcpu_time {
    struct timer singleshot_timer;      /* VCPUOP_set_singleshot_timer */
    struct timer periodic_timer;        /* runs only while v runs */
    struct timer poll_timer;            /* SCHEDOP_poll's timeout */
    bool timers_ready;                  /* init_timer() done */
    s_time_t periodic_period;           /* 0: off */
    s_time_t periodic_last_event;
    struct vcpu_runstate_info runstate;
    bool runstate_started;              /* entry time set */
    guest_ptr_t runstate_area;          /* guest VA of its copy, or 0 */
    guest_ptr_t time_area;              /* guest VA of a vcpu_time_info */
};

/* VCPUOP_register_vcpu_info: a page of the guest's, with our reference. */
struct vcpu_info_area {
    struct page_info *page;             /* NULL: the shared_info slot */
    unsigned int offset;
};

/* Scheduler hooks (vcpu_time.c). */
void vcpu_sched_in(struct vcpu *v);
void vcpu_sched_out(struct vcpu *v);
/* v joins the run queue: runstate runnable (unless running). */
void vcpu_runstate_runnable(struct vcpu *v);
/* v's domain stopped: its timers are cancelled; once it is dying, the
 * registered vcpu_info page goes back too. */
void vcpu_time_stop(struct vcpu *v);

/* Timers. */
void vcpu_timers_init(struct vcpu *v);
void vcpu_set_singleshot(struct vcpu *v, s_time_t expires);
void vcpu_stop_singleshot(struct vcpu *v);
void vcpu_set_periodic_timer(struct vcpu *v, s_time_t period);
void vcpu_set_poll_timeout(struct vcpu *v, s_time_t expires);
void vcpu_stop_poll_timeout(struct vcpu *v);

/* Runstate now (time in the current state counted up to NOW()). */
void vcpu_runstate_get(const struct vcpu *v, struct vcpu_runstate_info *r);
/* Copy the runstate to the registered area: compat is the 44-byte one. */
void vcpu_runstate_copy_out(struct vcpu *v, bool compat);

/* Rewrite v's pvclock (vcpu_info and the registered copy). */
void vcpu_update_system_time(struct vcpu *v);

/* vcpu_info.c: VCPUOP_register_vcpu_info, and giving the page back. */
int vcpu_info_map(struct vcpu *v, uint64_t gfn, unsigned int offset);
void vcpu_info_unmap(struct vcpu *v);

/* The wall clock into d's shared_info, in its latched layout (time.c);
 * whether it is there (its version is not 0). */
void update_domain_wallclock_time(struct domain *d);
bool domain_wallclock_written(const struct domain *d);

#endif /* XEN_VCPU_TIME_H */
