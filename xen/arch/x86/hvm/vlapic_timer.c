/*
 * The local APIC timer's count (see asm-x86/hvm/vlapic.h), as Xen 4.17
 * keeps it: the count runs at APIC_BUS_CYCLE_NS per tick times the
 * divisor, from the initial count down to 0; one-shot it then stays at
 * 0, periodic it starts again.  Only the times are kept here; the glue
 * (vlapic.c) sets a hypervisor timer at the deadline.
 *
 * Xen's rules for a change while counting: a new initial count starts
 * a new count; a new LVT mode or divisor keeps the time left in the
 * current period (scaled by the new divisor over the old one) and goes
 * on in the new mode.
 */
#include <asm-x86/apicdef.h>
#include <asm-x86/hvm/vlapic.h>

#define REG(l, off)     ((l)->reg[(off) >> 4])

static bool periodic(uint32_t lvtt)
{
    return lvtt & APIC_TIMER_PERIODIC;
}

static uint64_t period_ns(const struct vlapic *l, unsigned int div)
{
    return (uint64_t)REG(l, APIC_TMICT) * APIC_BUS_CYCLE_NS * div;
}

static uint64_t since_start(const struct vlapic *l, s_time_t now)
{
    return now > l->timer_start ? (uint64_t)(now - l->timer_start) : 0;
}

uint32_t vlapic_timer_count(const struct vlapic *l, s_time_t now)
{
    uint32_t tmict = REG(l, APIC_TMICT);
    uint64_t ticks;

    if ( !tmict || !l->timer_counting )
        return 0;
    ticks = since_start(l, now) / ((uint64_t)APIC_BUS_CYCLE_NS * l->divisor);
    if ( periodic(REG(l, APIC_LVTT)) )
        ticks %= tmict;
    return ticks < tmict ? tmict - (uint32_t)ticks : 0;
}

void vlapic_timer_update(struct vlapic *l, bool tmict_written,
                         unsigned int old_div, s_time_t now)
{
    uint64_t period = period_ns(l, old_div), left = 0;

    if ( tmict_written )
        left = period;
    else if ( period && l->timer_counting )
    {
        uint64_t passed = since_start(l, now);

        if ( periodic(REG(l, APIC_LVTT)) )  /* the mode it counted in */
            passed %= period;
        if ( passed < period )
            left = period - passed;
    }
    if ( !left )
    {
        l->timer_counting = false;
        l->timer_start = l->timer_deadline = 0;
        return;
    }
    if ( l->divisor != old_div )
    {
        period = period_ns(l, l->divisor);
        left = left * l->divisor / old_div;
    }
    l->timer_counting = true;
    l->timer_start = now - (s_time_t)(period - left);
    l->timer_deadline = now + (s_time_t)left;
}

bool vlapic_timer_expire(struct vlapic *l, s_time_t now)
{
    uint32_t lvtt = REG(l, APIC_LVTT);
    uint64_t period = period_ns(l, l->divisor);
    bool raised = false;

    if ( !l->timer_deadline || now < l->timer_deadline )
        return false;
    if ( !(lvtt & APIC_LVT_MASKED) && vlapic_enabled(l) )
        raised = vlapic_accept(l, lvtt & APIC_VECTOR_MASK);
    if ( !periodic(lvtt) || !period )
    {
        l->timer_deadline = 0;          /* one-shot: the count stays at 0 */
        return raised;
    }
    /* Periods missed meanwhile give one interrupt, as coalesced ticks. */
    l->timer_start = l->timer_deadline;
    l->timer_start += (s_time_t)(since_start(l, now) / period * period);
    l->timer_deadline = l->timer_start + (s_time_t)period;
    return raised;
}
