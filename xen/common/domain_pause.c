/*
 * Pausing a domain for the toolstack (XEN_DOMCTL_pausedomain and
 * unpausedomain).  A count, as in Xen: each pause needs its unpause, and
 * a domain made by XEN_DOMCTL_createdomain starts with one, which the
 * toolstack's first unpause takes away.  While the count is non-zero no
 * vCPU of the domain is scheduled (sched_add_vcpu() refuses it); at zero
 * those with a context join the run queue again.  A vCPU that never had
 * a context (a domctl-made domain has no image) stays off it.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>

/* Xen's limit: the toolstack cannot overflow the count. */
#define CONTROLLER_PAUSE_MAX 255

int domain_pause_by_controller(struct domain *d)
{
    unsigned int i;

    if ( d->controller_pause_count >= CONTROLLER_PAUSE_MAX )
        return -EOVERFLOW;
    d->controller_pause_count++;
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            sched_remove_vcpu(d->vcpu[i]);
    return 0;
}

int domain_unpause_by_controller(struct domain *d)
{
    unsigned int i;

    if ( !d->controller_pause_count )
        return -EINVAL;
    if ( --d->controller_pause_count )
        return 0;
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            sched_add_vcpu(d->vcpu[i]);
    return 0;
}
