/*
 * SCHEDOP_poll: block until one of a set of the caller's ports is
 * pending (or an upcall is due, or a timeout passes).  Xen's answers:
 * more than 128 ports -EINVAL, an unreadable port list -EFAULT, a port
 * that does not exist -EINVAL; a port already pending returns at once.
 *
 * Time is counted in timer ticks until the hypervisor keeps system time
 * for guests: every tick wakes blocked vCPUs (a spurious wakeup, which
 * pollers must tolerate anyway), so a timeout never waits longer than
 * asked.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <xen/shared.h>
#include <xen/guest_access.h>

#define POLL_MAX_PORTS 128

static bool upcall_due(struct vcpu *v)
{
    return *(volatile uint8_t *)(vcpu_info_va(v) + VCPU_INFO_UPCALL_PENDING);
}

long sched_poll(guest_ptr_t ports, unsigned int nr_ports, uint64_t timeout,
                size_t port_size)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    evtchn_port_t port = 0;
    unsigned int i;

    (void)timeout;      /* see above: a tick always ends the wait */
    if ( nr_ports > POLL_MAX_PORTS )
        return -EINVAL;
    if ( upcall_due(v) )
        return 0;
    for ( i = 0; i < nr_ports; i++ )
    {
        if ( copy_from_guest(&port, guest_ptr_add(ports, i * port_size),
                             sizeof(port)) )
            return -EFAULT;
        if ( !evtchn_from_port(d, port) )
            return -EINVAL;
        if ( evtchn_port_is_pending(d, port) )
            return 0;
    }
    v->evtchn.polling = true;
    v->evtchn.poll_port = nr_ports == 1 ? port : 0;
    vcpu_block(v);
    return 0;
}
