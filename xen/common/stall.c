/*
 * The stall report (xen/stall.h): every vCPU blocked for STALL_SECONDS.
 * Only lines starting "stall:" are printed, once per stall; a vCPU that
 * runs again (a timer, an event) ends the stall.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/ioreq.h>
#include <xen/stall.h>
#include <xen/time.h>

static bool idling, reported;
static unsigned long idle_since;

/* What v waits for, in a few words. */
static void report_vcpu(const struct domain *d, struct vcpu *v)
{
    char ioreq[32] = "", arch[64] = "";

    if ( v->ioreq_server )
        snprintf(ioreq, sizeof(ioreq), ", ioreq state %u",
                 ioreq_slot(v->ioreq_server, v->vcpu_id)->state);
    arch_vcpu_wait_info(v, arch, sizeof(arch));
    printk("stall: d%u v%u %s, upcall %s%s%s%s\n", d->domain_id, v->vcpu_id,
           v->blocked ? "blocked" : "not blocked",
           vcpu_upcall_pending(v) ? "pending" : "clear",
           v->evtchn.polling ? ", polling" : "", ioreq, arch);
}

static void report(void)
{
    const struct domain *d;
    unsigned int i;

    printk("stall: every vCPU has been blocked for %u s; each waits for:\n",
           STALL_SECONDS);
    for ( d = domain_first(); d; d = d->next_in_list )
        for ( i = 0; i < d->max_vcpus; i++ )
            if ( d->vcpu[i] )
                report_vcpu(d, d->vcpu[i]);
}

void stall_note_idle(void)
{
    if ( !idling )
    {
        idling = true;
        idle_since = ticks_now();
        return;
    }
    if ( !reported &&
         ticks_now() - idle_since >= STALL_SECONDS * TICKS_PER_SECOND )
    {
        reported = true;
        report();
    }
}

void stall_note_busy(void)
{
    idling = false;
    reported = false;
}
