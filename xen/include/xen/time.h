/*
 * Time as the hypervisor counts it: timer ticks since boot (the
 * scheduler's 1 ms tick), and system time, nanoseconds since boot, which
 * guests see through vcpu_time_info (pvclock) and timers are set in.
 */
#ifndef XEN_TIME_H
#define XEN_TIME_H

#include <xen/types.h>

#define TICKS_PER_SECOND 1000

/* Ticks of the scheduler timer since boot (arch). */
unsigned long ticks_now(void);

/* System time: signed so that deadlines before boot compare as past. */
typedef int64_t s_time_t;

#define SECONDS(s)      ((s_time_t)((s) * 1000000000ULL))
#define MILLISECS(ms)   ((s_time_t)((ms) * 1000000ULL))
#define MICROSECS(us)   ((s_time_t)((us) * 1000ULL))
#define STIME_MAX       ((s_time_t)(~0ULL >> 1))
/* The longest interval a guest may ask for (Xen's limit). */
#define STIME_DELTA_MAX ((s_time_t)(~0ULL >> 2))

/* The CPU's (TSC) frequency in kHz, as measured at boot (arch). */
extern unsigned long cpu_khz;

/* Nanoseconds since boot (arch; monotonic). */
s_time_t get_s_time(void);
#define NOW() get_s_time()

struct vcpu;
struct vcpu_time_info;

/*
 * Fill t for v as the guest's pvclock wants it (arch): the guest's TSC
 * now, the system time at that TSC, the TSC-to-ns scale and flags.  The
 * version is left to the caller.
 */
void arch_vcpu_time_stamp(const struct vcpu *v, struct vcpu_time_info *t);

/* The wall clock at system time 0 (common/time.c; the arch sets it). */
void wallclock_set_boot(uint64_t sec, uint32_t nsec);
void wallclock_get_boot(uint64_t *sec, uint32_t *nsec);
/* The wall clock was sec.nsec at system time system_time (platform_op
 * settime): every domain's shared_info copy follows. */
void wallclock_settime(uint64_t sec, uint32_t nsec, uint64_t system_time);

#endif /* XEN_TIME_H */
