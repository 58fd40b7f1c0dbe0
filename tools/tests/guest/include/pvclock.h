/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time from a test guest (fw/pvclock.c): system time from a
 * vcpu_time_info (pvclock) and the TSC, the wall clock in shared_info,
 * and the vcpu_op hypercall.  No 64-bit division is needed (32-bit
 * guests have no libgcc): div_u64() does it by shifts.
 */
#ifndef GUEST_PVCLOCK_H
#define GUEST_PVCLOCK_H

#include "guest.h"
#include "public/vcpu.h"

/* The error number vcpu_op adds to include/errno.h's. */
#ifndef ENXIO
#define ENXIO  6
#endif

#define NS_PER_MS 1000000ULL
#define NS_PER_S  1000000000ULL

/* A consistent copy of one vcpu_time_info. */
struct pvclock {
    uint32_t version;
    uint64_t tsc_timestamp;
    uint64_t system_time;
    uint32_t mul;
    int8_t shift;
    uint8_t flags;
};

/* Read t under its version protocol (even, and the same before and after). */
void pvclock_snapshot(const volatile struct vcpu_time_info *t,
                      struct pvclock *s);
/* ((delta << shift) * mul) >> 32, a negative shift shifting right. */
uint64_t pvclock_scale(uint64_t delta, uint32_t mul, int8_t shift);
/* System time at TSC value tsc by the tuple s. */
uint64_t pvclock_at(const struct pvclock *s, uint64_t tsc);
/* System time now, by t. */
uint64_t pvclock_now(const volatile struct vcpu_time_info *t);

/* The wall clock at system time 0; false if shared_info never had one. */
bool wallclock_read(const struct shared_info *s, uint64_t *sec,
                    uint32_t *nsec);
/* n / d and n % d without libgcc. */
uint64_t div_u64(uint64_t n, uint32_t d, uint32_t *rem);
/* Year, month (1-12) and day of a count of days since 1970-01-01. */
void civil_from_days(uint32_t days, unsigned int *y, unsigned int *m,
                     unsigned int *d);

static inline long hypercall_vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
    return HC(__HYPERVISOR_vcpu_op, cmd, vcpu, arg);
}

#endif /* GUEST_PVCLOCK_H */
