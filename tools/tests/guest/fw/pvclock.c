/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading pvclock and the wall clock (include/pvclock.h). */
#include "guest.h"
#include "pvclock.h"

void pvclock_snapshot(const volatile struct vcpu_time_info *t,
                      struct pvclock *s)
{
    uint32_t v;

    do {
        v = t->version;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        s->tsc_timestamp = t->tsc_timestamp;
        s->system_time = t->system_time;
        s->mul = t->tsc_to_system_mul;
        s->shift = t->tsc_shift;
        s->flags = t->flags;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while ( (v & 1) || v != t->version );
    s->version = v;
}

/* The 96-bit product's bits 32-95, from two 32x32 multiplications. */
uint64_t pvclock_scale(uint64_t delta, uint32_t mul, int8_t shift)
{
    if ( shift < 0 )
        delta >>= -shift;
    else
        delta <<= shift;
    return (((delta & 0xffffffffu) * mul) >> 32) + (delta >> 32) * mul;
}

uint64_t pvclock_at(const struct pvclock *s, uint64_t tsc)
{
    return s->system_time + pvclock_scale(tsc - s->tsc_timestamp, s->mul,
                                          s->shift);
}

uint64_t pvclock_now(const volatile struct vcpu_time_info *t)
{
    struct pvclock s;
    uint64_t tsc;

    /* The TSC read must fall inside one version of the tuple. */
    do {
        pvclock_snapshot(t, &s);
        tsc = rdtsc();
    } while ( t->version != s.version );
    return pvclock_at(&s, tsc);
}

bool wallclock_read(const struct shared_info *sh, uint64_t *sec,
                    uint32_t *nsec)
{
    const volatile struct shared_info *s = sh;
    uint32_t v;

    do {
        v = s->wc_version;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
        *sec = s->wc_sec | ((uint64_t)s->xen_wc_sec_hi << 32);
        *nsec = s->wc_nsec;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while ( (v & 1) || v != s->wc_version );
    return v != 0;
}

uint64_t div_u64(uint64_t n, uint32_t d, uint32_t *rem)
{
    uint64_t q = 0, r = 0;
    int i;

    for ( i = 63; i >= 0; i-- )
    {
        r = (r << 1) | ((n >> i) & 1);
        if ( r >= d )
        {
            r -= d;
            q |= 1ULL << i;
        }
    }
    if ( rem )
        *rem = (uint32_t)r;
    return q;
}

/* The civil calendar from a day count (March-based years, 400-year eras). */
void civil_from_days(uint32_t days, unsigned int *y, unsigned int *m,
                     unsigned int *d)
{
    uint32_t z = days + 719468;
    uint32_t era = z / 146097;
    uint32_t doe = z - era * 146097;
    uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    uint32_t mp = (5 * doy + 2) / 153;

    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}
