/*
 * The wall clock guests read in shared_info, and set_timer_op (15), the
 * older way to set the single-shot timer.
 *
 * wc_sec/wc_nsec are the wall-clock time at system time 0 (boot), read
 * from the RTC by the arch; a guest adds its pvclock's system time.  They
 * are written, versioned like vcpu_time_info, in the layout the domain
 * latched (xen/shared.h): when it latches, and when its first vCPU is
 * scheduled in with them still unwritten.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/time.h>
#include <xen/vcpu_time.h>

static uint64_t wc_sec;
static uint32_t wc_nsec;

void wallclock_set_boot(uint64_t sec, uint32_t nsec)
{
    wc_sec = sec;
    wc_nsec = nsec;
}

void wallclock_get_boot(uint64_t *sec, uint32_t *nsec)
{
    *sec = wc_sec;
    *nsec = wc_nsec;
}

/*
 * XENPF_settime (Xen's do_settime): at system time system_time the wall
 * clock was sec.nsec, so at boot it was that much less (computed modulo
 * 2^64, as Xen does); every live domain's shared_info is rewritten.
 */
void wallclock_settime(uint64_t sec, uint32_t nsec, uint64_t system_time)
{
    uint64_t at_boot = sec * 1000000000ULL + nsec - system_time;
    struct domain *d;

    wc_sec = at_boot / 1000000000ULL;
    wc_nsec = at_boot % 1000000000ULL;
    for ( d = domain_first(); d; d = d->next_in_list )
        if ( d->state != DOMSTATE_dying && d->shared_info )
            update_domain_wallclock_time(d);
}

void update_domain_wallclock_time(struct domain *d)
{
    uint8_t *s = shared_info_va(d);
    bool compat = shinfo_is_32bit(d);
    volatile uint32_t *version =
        (uint32_t *)(s + (compat ? SHINFO32_WC_VERSION : SHINFO_WC_VERSION));
    volatile uint32_t *sec_hi =
        (uint32_t *)(s + (compat ? SHINFO32_WC_SEC_HI : SHINFO_WC_SEC_HI));

    /* Odd while the fields change, as a guest reading them expects. */
    *version = (*version + 1) | 1;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    version[1] = (uint32_t)wc_sec;      /* wc_sec, then wc_nsec follow */
    version[2] = wc_nsec;
    *sec_hi = (uint32_t)(wc_sec >> 32);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    *version = *version + 1;
}

bool domain_wallclock_written(const struct domain *d)
{
    const uint8_t *s = shared_info_va(d);

    return *(const volatile uint32_t *)(s + (shinfo_is_32bit(d)
                                             ? SHINFO32_WC_VERSION
                                             : SHINFO_WC_VERSION));
}

/*
 * set_timer_op(timeout): 0 stops the single-shot timer; Xen's Linux
 * workaround turns a negative timeout, or one more than 2^50 ns (about
 * 13 days) ahead, into one 100 ms ahead; anything else is set as is (a
 * past one fires at once).  Always 0.
 */
static long set_timer_op(s_time_t timeout)
{
    struct vcpu *v = current;
    /* Only a positive timeout is subtracted from: no overflow. */
    s_time_t offset = timeout > 0 ? timeout - NOW() : 0;

    if ( !timeout )
        vcpu_stop_singleshot(v);
    else if ( timeout < 0 || (offset > 0 && (offset >> 50)) )
    {
        printk_ratelimited("d%u: huge timeout set: %#lx\n",
                           v->domain->domain_id, (unsigned long)timeout);
        vcpu_set_singleshot(v, NOW() + MILLISECS(100));
    }
    else
        vcpu_set_singleshot(v, timeout);
    return 0;
}

/* 64-bit callers pass the timeout whole; hi is not an argument there. */
long do_set_timer_op(unsigned long timeout, unsigned long hi)
{
    (void)hi;
    return set_timer_op((s_time_t)timeout);
}

/* 32-bit callers pass it in two registers, low word first. */
long compat_set_timer_op(unsigned long lo, unsigned long hi)
{
    return set_timer_op((s_time_t)(((uint64_t)(uint32_t)hi << 32) |
                                   (uint32_t)lo));
}
