/*
 * The main loop: run the next runnable vCPU, destroy domains that have
 * stopped (one budgeted step of giving their memory back between two
 * guest runs), sleep while every vCPU is blocked, and stop the machine
 * once no domain is left.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/console.h>
#include <xen/shutdown.h>
#include <xen/stall.h>
#include <public/sched.h>
#include <asm/processor.h>
#include <asm/hvm.h>
#include <asm/run.h>

static unsigned long free_pages_before_domains;
static enum halt_reason halt_reason = HALT_ALL_POWEROFF;

/* The worst outcome decides how the machine stops. */
static void note_outcome(const struct domain *d)
{
    enum halt_reason r = HALT_ALL_POWEROFF;

    if ( d->shutdown_code == SHUTDOWN_crash )
        r = HALT_DOMAIN_CRASH;
    else if ( d->shutdown_code != SHUTDOWN_poweroff )
        r = HALT_OTHER;
    if ( r == HALT_DOMAIN_CRASH || halt_reason == HALT_ALL_POWEROFF )
        halt_reason = r;
}

void run_note_failed_domain(void)
{
    halt_reason = HALT_DOMAIN_CRASH;
}

static void reap(struct domain *d)
{
    guest_console_finish(d);
    note_outcome(d);
    domain_destroy(d);
}

static void all_domains_gone(void) __noreturn;
static void all_domains_gone(void)
{
    unsigned long now = total_free_pages();

    printk("All domains have shut down\n");
    printk("Page accounting: %lu free pages before domains, %lu now: %s\n",
           free_pages_before_domains, now,
           now == free_pages_before_domains ? "ok" : "LEAK");
    machine_halt(now == free_pages_before_domains ? halt_reason
                                                  : HALT_PANIC);
}

void run_domains(unsigned long free_pages_at_start)
{
    struct vcpu *v;

    free_pages_before_domains = free_pages_at_start;
    while ( domain_destroy_continue() )
        continue;
    if ( !domain_count() )
    {
        printk("No domain to run\n");
        /* A module that could not be built is a crash, not an empty run. */
        if ( halt_reason == HALT_ALL_POWEROFF )
            halt_reason = HALT_NO_DOMAINS;
        all_domains_gone();
    }
    for ( ;; )
    {
        struct domain *d;
        bool destroying = domain_destroy_continue();

        if ( !domain_count() && !destroying )
            all_domains_gone();
        v = sched_pick_next();
        if ( !v )
        {
            if ( !destroying )
            {
                stall_note_idle();
                safe_halt();        /* everyone is blocked: wait for a tick */
            }
            continue;
        }
        stall_note_busy();
        current = v;
        hvm_run_vcpu(v);
        current = NULL;
        d = v->domain;
        if ( d->state != DOMSTATE_running )
            reap(d);
        else if ( !v->blocked )
            sched_add_vcpu(v);
    }
}
