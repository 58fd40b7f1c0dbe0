/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shut down with the reason named on the command line
 * (shutdown=poweroff|reboot|suspend|crash|watchdog|soft_reset|<number>),
 * poweroff by default, so a runner can check each reason arrives.
 */
#include "guest.h"
#include "public/sched.h"

const char test_title[] = "shutdown";

static const char *const reasons[] = {
    [SHUTDOWN_poweroff] = "poweroff", [SHUTDOWN_reboot] = "reboot",
    [SHUTDOWN_suspend] = "suspend", [SHUTDOWN_crash] = "crash",
    [SHUTDOWN_watchdog] = "watchdog", [SHUTDOWN_soft_reset] = "soft_reset",
};

void test_main(void)
{
    char arg[16];
    unsigned int reason = SHUTDOWN_poweroff;

    if ( cmdline_get("shutdown", arg, sizeof(arg)) )
    {
        unsigned int i;

        for ( i = 0; i < ARRAY_SIZE(reasons); i++ )
            if ( !strcmp(arg, reasons[i]) )
                break;
        if ( i < ARRAY_SIZE(reasons) )
            reason = i;
        else if ( arg[0] >= '0' && arg[0] <= '9' )
        {
            reason = 0;
            for ( const char *p = arg; *p >= '0' && *p <= '9'; p++ )
                reason = reason * 10 + (*p - '0');
        }
        else
        {
            test_error("unknown shutdown reason \"%s\"", arg);
            return;
        }
    }
    printk("info: shutting down with reason %u (%s)\n", reason,
           reason < ARRAY_SIZE(reasons) ? reasons[reason] : "?");
    test_set_shutdown_reason(reason);
}
