/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Results.  Every check prints one line; the verdict line at the end is
 * exactly "Test result: SUCCESS|FAILURE|ERROR|SKIP", after which the
 * guest shuts down: poweroff for SUCCESS/SKIP, crash for FAILURE/ERROR,
 * so a runner can rely on either the console or the shutdown reason.
 */
#include "guest.h"
#include "public/sched.h"

enum verdict { SUCCESS, SKIP, FAILURE, ERROR };

static enum verdict verdict = SUCCESS;
static bool reason_forced;
static unsigned int forced_reason;
static void (*end_action)(void);

static void worsen(enum verdict v)
{
    if ( v > verdict )
        verdict = v;
}

bool check(bool ok, const char *what, const char *fmt, ...)
{
    va_list ap;

    if ( ok )
    {
        printk("ok - %s\n", what);
        return true;
    }
    worsen(FAILURE);
    printk("FAIL - %s: ", what);
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n");
    return false;
}

void test_error(const char *fmt, ...)
{
    va_list ap;

    worsen(ERROR);
    printk("ERROR - ");
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n");
}

void test_skip(const char *fmt, ...)
{
    va_list ap;

    worsen(SKIP);
    printk("SKIP - ");
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n");
}

void test_set_shutdown_reason(unsigned int reason)
{
    reason_forced = true;
    forced_reason = reason;
}

void test_set_end_action(void (*fn)(void))
{
    end_action = fn;
}

void test_finish(void)
{
    static const char *const names[] = {
        [SUCCESS] = "SUCCESS", [SKIP] = "SKIP",
        [FAILURE] = "FAILURE", [ERROR] = "ERROR",
    };
    unsigned int reason = verdict <= SKIP ? SHUTDOWN_poweroff
                                          : SHUTDOWN_crash;
    static bool finishing;

    if ( finishing )            /* fault while finishing: just stop */
        halt_forever();
    finishing = true;

    if ( reason_forced )
        reason = forced_reason;
    printk("Test result: %s\n", names[verdict]);
    if ( end_action && verdict <= SKIP )
    {
        end_action();
        /* It should have ended the domain: say so, and end it a wrong way. */
        printk("the end action returned\n");
        reason = SHUTDOWN_crash;
    }
    hypercall_shutdown(reason);
    /* Still here: the hypervisor ignored us; nothing more we can do. */
    printk("shutdown(%u) returned\n", reason);
    halt_forever();
}
