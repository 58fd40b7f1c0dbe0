/* SPDX-License-Identifier: MIT */
/*
 * sched_op(cmd, arg): give up the CPU, block, or end the domain.
 * 'arg' points to the struct named for each cmd (or is unused).
 */
#ifndef __XEN_PUBLIC_SCHED_H__
#define __XEN_PUBLIC_SCHED_H__

#include "event_channel.h"

#define SCHEDOP_yield            0  /* arg unused */
#define SCHEDOP_block            1  /* arg unused: sleep until an event */
#define SCHEDOP_shutdown         2  /* struct sched_shutdown; no return */
#define SCHEDOP_poll             3  /* struct sched_poll */
#define SCHEDOP_remote_shutdown  4  /* struct sched_remote_shutdown */
#define SCHEDOP_shutdown_code    5  /* struct sched_shutdown: record only */
#define SCHEDOP_watchdog         6  /* struct sched_watchdog */
#define SCHEDOP_pin_override     7  /* struct sched_pin_override */

#ifndef __ASSEMBLY__

struct sched_shutdown {
    unsigned int reason;        /* IN: SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_shutdown_t);

/* Block until one of 'ports' is pending or the timeout passes. */
struct sched_poll {
    XEN_GUEST_HANDLE(evtchn_port_t) ports;  /* IN */
    unsigned int nr_ports;                  /* IN */
    uint64_t timeout;           /* IN: absolute system time in ns; 0 = none */
};
typedef struct sched_poll sched_poll_t;
DEFINE_XEN_GUEST_HANDLE(sched_poll_t);

/* Shut down another domain (privileged callers). */
struct sched_remote_shutdown {
    domid_t domain_id;          /* IN */
    unsigned int reason;        /* IN: SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_remote_shutdown_t);

/* id 0 with a timeout creates a watchdog and returns its id. */
struct sched_watchdog {
    uint32_t id;                /* IN: watchdog, or 0 for a new one */
    uint32_t timeout;           /* IN: seconds; 0 destroys it */
};
typedef struct sched_watchdog sched_watchdog_t;
DEFINE_XEN_GUEST_HANDLE(sched_watchdog_t);

/* Control domain only: run this vcpu on pcpu (-1 to undo). */
struct sched_pin_override {
    int32_t pcpu;               /* IN */
};
typedef struct sched_pin_override sched_pin_override_t;
DEFINE_XEN_GUEST_HANDLE(sched_pin_override_t);

#endif /* !__ASSEMBLY__ */

/* Why a domain stopped. */
#define SHUTDOWN_poweroff    0  /* finished normally */
#define SHUTDOWN_reboot      1  /* wants to be restarted */
#define SHUTDOWN_suspend     2  /* wants its state saved */
#define SHUTDOWN_crash       3  /* failed */
#define SHUTDOWN_watchdog    4  /* its watchdog expired */
#define SHUTDOWN_soft_reset  5  /* wants a reset keeping its memory */
#define SHUTDOWN_MAX         5

#endif /* __XEN_PUBLIC_SCHED_H__ */
