/*
 * Host stand-ins for what the hypervisor provides around the code under
 * test: printk (into a log the tests can query), panic (longjmp back to
 * the test, so BUG_ON paths can be tested), the memory arena behind the
 * fake identity map, and the PASS/FAIL reporting of unit.h.
 * Built against the C library, without the xen_ renaming.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/lib.h>
#include <xen/time.h>
#include <public/xen.h>
#include <asm/page.h>
#include "../unit.h"

uint8_t *fake_arena;

jmp_buf *unit_panic_jmp;
char unit_panic_msg[256];

static unsigned int failures;

#define LOG_LINES 256
static char log_buf[LOG_LINES][160];
static unsigned int log_next;

void unit_result(bool ok, const char *name, const char *why_fmt, ...)
{
    va_list ap;

    if ( ok )
    {
        printf("PASS: unit/%s\n", name);
        return;
    }
    failures++;
    printf("FAIL: unit/%s: ", name);
    va_start(ap, why_fmt);
    vprintf(why_fmt, ap);
    va_end(ap);
    printf("\n");
}

int unit_done(void)
{
    fflush(stdout);
    return failures ? 1 : 0;
}

static void log_line(const char *fmt, va_list ap)
{
    char *line = log_buf[log_next++ % LOG_LINES];

    vsnprintf(line, sizeof(log_buf[0]), fmt, ap);
    if ( getenv("UNIT_VERBOSE") )
        fprintf(stderr, "(XEN) %s", line);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_line(fmt, ap);
    va_end(ap);
}

void printk_ratelimited(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    log_line(fmt, ap);
    va_end(ap);
}

void unit_log_clear(void)
{
    memset(log_buf, 0, sizeof(log_buf));
    log_next = 0;
}

unsigned int unit_log_count(const char *substr)
{
    unsigned int i, n = 0;

    for ( i = 0; i < LOG_LINES; i++ )
        if ( log_buf[i][0] && strstr(log_buf[i], substr) )
            n++;
    return n;
}

void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(unit_panic_msg, sizeof(unit_panic_msg), fmt, ap);
    va_end(ap);
    if ( unit_panic_jmp )
        longjmp(*unit_panic_jmp, 1);
    printf("FAIL: unit/panic: unexpected panic: %s\n", unit_panic_msg);
    fflush(stdout);
    exit(2);
}

/* The hypervisor's tick clock, advanced by the tests (unit.h). */
unsigned long unit_ticks;

unsigned long ticks_now(void)
{
    return unit_ticks;
}

/* System time: 1 ms per tick, plus what a test adds in between. */
long long unit_stime_extra;

s_time_t get_s_time(void)
{
    return (s_time_t)unit_ticks * 1000000 + unit_stime_extra;
}

/* The 1 GHz TSC below, in kHz (sysctl physinfo). */
unsigned long cpu_khz = 1000000;

/* A 1 GHz TSC that is system time itself: ((ns << 1) * 2^31) >> 32. */
void arch_vcpu_time_stamp(const struct vcpu *v, struct vcpu_time_info *t)
{
    (void)v;
    t->tsc_timestamp = (uint64_t)get_s_time();
    t->system_time = (uint64_t)get_s_time();
    t->tsc_to_system_mul = 0x80000000u;
    t->tsc_shift = 1;
    t->flags = XEN_PVCLOCK_TSC_STABLE_BIT;
}
