/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shut down with the reason named on the command line
 * (shutdown=poweroff|reboot|suspend|crash|watchdog|soft_reset|<number>),
 * poweroff by default, so a runner can check each reason arrives.
 * code=<reason> first records that reason with SCHEDOP_shutdown_code: it
 * is then the one reported, whatever the shutdown itself says.
 */
#include "guest.h"
#include "hypercall.h"
#include "public/sched.h"

const char test_title[] = "shutdown";

static const char *const reasons[] = {
    [SHUTDOWN_poweroff] = "poweroff", [SHUTDOWN_reboot] = "reboot",
    [SHUTDOWN_suspend] = "suspend", [SHUTDOWN_crash] = "crash",
    [SHUTDOWN_watchdog] = "watchdog", [SHUTDOWN_soft_reset] = "soft_reset",
};

/* The reason named by key on the command line, or dflt; -1 if unknown. */
static int reason_arg(const char *key, int dflt)
{
    char arg[16];
    int reason = dflt;

    if ( cmdline_get(key, arg, sizeof(arg)) )
    {
        unsigned int i;

        for ( i = 0; i < ARRAY_SIZE(reasons); i++ )
            if ( !strcmp(arg, reasons[i]) )
                break;
        if ( i < ARRAY_SIZE(reasons) )
            reason = (int)i;
        else if ( arg[0] >= '0' && arg[0] <= '9' )
        {
            reason = 0;
            for ( const char *p = arg; *p >= '0' && *p <= '9' &&
                                       reason < 1000; p++ )
                reason = reason * 10 + (*p - '0');
        }
        else
        {
            test_error("unknown shutdown reason \"%s\"", arg);
            return -1;
        }
    }
    return reason;
}

void test_main(void)
{
    int reason = reason_arg("shutdown", SHUTDOWN_poweroff);
    int code = reason_arg("code", -1);

    if ( reason < 0 )
        return;
    if ( code >= 0 )
    {
        struct sched_shutdown sc = { .reason = code };

        check_eq("SCHEDOP_shutdown_code",
                 hypercall_sched_op(SCHEDOP_shutdown_code, &sc), 0);
    }
    printk("info: shutting down with reason %d (%s)\n", reason,
           (unsigned int)reason < ARRAY_SIZE(reasons) ? reasons[reason] : "?");
    test_set_shutdown_reason(reason);
}
