/*
 * Stopping the machine.  With the "debug-exit" boot option the reason is
 * written to QEMU's isa-debug-exit device (port 0xf4), so a test run ends
 * with an exit status: QEMU exits with (reason << 1) | 1, and
 * scripts/qemu-boot with the reason itself.  Otherwise, or if the device is
 * absent, the CPU halts for good.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/shutdown.h>
#include <asm/processor.h>

#define DEBUG_EXIT_PORT 0xf4

static bool opt_debug_exit;
boolean_param("debug-exit", opt_debug_exit);
/* Xen's "noreboot": we never reboot by ourselves, so it is always so. */
static bool opt_noreboot = true;
boolean_param("noreboot", opt_noreboot);

/* GRUB's 20_linux_xen writes "placeholder" first (old GRUBs ate the first
 * word): accepted and ignored, as Xen does. */
static bool opt_placeholder;
boolean_param("placeholder", opt_placeholder);

/* The runner's table (scripts/qemu-boot EXIT_CODES) has the same words. */
static const char *const halt_names[] = {
    [HALT_ALL_POWEROFF] = "all domains powered off",
    [HALT_DOMAIN_CRASH] = "a domain crashed",
    [HALT_PANIC] = "hypervisor panic or page leak",
    [HALT_OTHER] = "a domain shut down other than by poweroff",
    [HALT_NO_DOMAINS] = "no domain to run",
};

void machine_halt(enum halt_reason why)
{
    local_irq_disable();
    /* An error-level line: shown whatever loglvl= says (runners read it). */
    printk(XENLOG_ERR "Halting: %s (exit code %u)\n", halt_names[why], why);
    if ( opt_debug_exit )
        outl(DEBUG_EXIT_PORT, why);
    for ( ;; )
        asm volatile ( "hlt" );
}
