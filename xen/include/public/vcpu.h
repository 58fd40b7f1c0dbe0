/* SPDX-License-Identifier: MIT */
/*
 * vcpu_op(cmd, vcpuid, arg): per-vCPU operations.  A domain acts on its
 * own vCPUs only.  'arg' points to the struct named for each cmd, or is
 * NULL where it says so.  Times are system time: nanoseconds since the
 * hypervisor booted, as vcpu_time_info (xen.h) gives them.
 */
#ifndef __XEN_PUBLIC_VCPU_H__
#define __XEN_PUBLIC_VCPU_H__

#include "xen.h"

#define VCPUOP_initialise            0  /* context for a vCPU not yet up */
#define VCPUOP_up                    1  /* arg NULL: start an initialised vCPU */
#define VCPUOP_down                  2  /* arg NULL: stop; the last one powers off */
#define VCPUOP_is_up                 3  /* arg NULL: returns 1 if up, 0 if not */
#define VCPUOP_get_runstate_info     4  /* struct vcpu_runstate_info (OUT) */

#ifndef __ASSEMBLY__
/* Where a vCPU's time has gone since it was created. */
struct vcpu_runstate_info {
    int      state;                 /* RUNSTATE_* now */
    uint64_t state_entry_time;      /* system time it entered that state */
/* With VMASST_TYPE_runstate_update_flag: set in a registered copy while
 * the hypervisor rewrites it. */
#define XEN_RUNSTATE_UPDATE          (xen_mk_ullong(1) << 63)
    uint64_t time[4];               /* ns spent in each RUNSTATE_* */
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_runstate_info_t);
#endif

#define RUNSTATE_running  0         /* on a physical CPU */
#define RUNSTATE_runnable 1         /* wants one, waits for it */
#define RUNSTATE_blocked  2         /* waits for an event */
#define RUNSTATE_offline  3         /* down, or its domain paused/stopped */

/*
 * Keep a copy of the runstate at this guest virtual address, rewritten
 * whenever the vCPU is scheduled in or out.
 */
#define VCPUOP_register_runstate_memory_area 5

#ifndef __ASSEMBLY__
struct vcpu_register_runstate_memory_area {
    union {
        XEN_GUEST_HANDLE(vcpu_runstate_info_t) h;
        struct vcpu_runstate_info *v;
        uint64_t p;
    } addr;
};
typedef struct vcpu_register_runstate_memory_area vcpu_register_runstate_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_runstate_memory_area_t);
#endif

/* A VIRQ_TIMER every period_ns while the vCPU runs (at least 1 ms). */
#define VCPUOP_set_periodic_timer    6  /* struct vcpu_set_periodic_timer */
#define VCPUOP_stop_periodic_timer   7  /* arg NULL */

#ifndef __ASSEMBLY__
struct vcpu_set_periodic_timer {
    uint64_t period_ns;
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_periodic_timer_t);
#endif

/* One VIRQ_TIMER at an absolute system time (the caller's own vCPU). */
#define VCPUOP_set_singleshot_timer  8  /* struct vcpu_set_singleshot_timer */
#define VCPUOP_stop_singleshot_timer 9  /* arg NULL */

#ifndef __ASSEMBLY__
struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns;
    uint32_t flags;                 /* VCPU_SSHOTTMR_* */
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_singleshot_timer_t);
#endif

/* Refuse (-ETIME) a timeout already past instead of firing at once. */
#define _VCPU_SSHOTTMR_future (0)
#define VCPU_SSHOTTMR_future  (1U << _VCPU_SSHOTTMR_future)

/*
 * Move this vCPU's vcpu_info out of shared_info into a page of the
 * guest's (a gfn for translated guests), once.
 */
#define VCPUOP_register_vcpu_info   10  /* struct vcpu_register_vcpu_info */

#ifndef __ASSEMBLY__
struct vcpu_register_vcpu_info {
    uint64_t mfn;                   /* frame (gfn) of the page */
    uint32_t offset;                /* of the vcpu_info in it */
    uint32_t rsvd;
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_vcpu_info_t);
#endif

#define VCPUOP_send_nmi             11  /* arg NULL */

/* The physical CPU under a pinned vCPU (control domain only). */
#define VCPUOP_get_physid           12  /* struct vcpu_get_physid (OUT) */

#ifndef __ASSEMBLY__
struct vcpu_get_physid {
    uint64_t phys_id;               /* APIC id | ACPI id << 32 */
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_get_physid_t);
#endif
#define xen_vcpu_physid_to_x86_apicid(physid) ((uint32_t)(physid))
#define xen_vcpu_physid_to_x86_acpiid(physid) ((uint32_t)((physid) >> 32))

/*
 * Keep a second copy of vcpu_time_info at this guest virtual address,
 * rewritten with vcpu_info's (a vDSO can map it for user space).
 */
#define VCPUOP_register_vcpu_time_memory_area   13

#ifndef __ASSEMBLY__
DEFINE_XEN_GUEST_HANDLE(vcpu_time_info_t);
struct vcpu_register_time_memory_area {
    union {
        XEN_GUEST_HANDLE(vcpu_time_info_t) h;
        struct vcpu_time_info *v;
        uint64_t p;
    } addr;
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_time_memory_area_t);
#endif

#endif /* __XEN_PUBLIC_VCPU_H__ */
