/*
 * SCHEDOP_poll: block until one of a set of the caller's ports is
 * pending (or an upcall is due, or a timeout passes).  Xen's answers:
 * more than 128 ports -EINVAL, an unreadable port list -EFAULT, a port
 * that does not exist -EINVAL; a port already pending returns at once.
 *
 * The timeout is an absolute system time (0: none).  It is checked at
 * every tick (1 ms), and one already past (or, read as a signed system
 * time, negative) ends the poll at once; either way the answer is 0, as
 * for an event.  A new poll replaces an earlier poll's timeout.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <xen/shared.h>
#include <xen/guest_access.h>
#include <xen/vcpu_time.h>

#define POLL_MAX_PORTS 128

long sched_poll(guest_ptr_t ports, unsigned int nr_ports, uint64_t timeout,
                size_t port_size)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    evtchn_port_t port = 0;
    unsigned int i;

    vcpu_stop_poll_timeout(v);
    if ( nr_ports > POLL_MAX_PORTS )
        return -EINVAL;
    if ( vcpu_upcall_pending(v) )
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
    /* After blocking: a timeout already past wakes v right here. */
    if ( timeout )
        vcpu_set_poll_timeout(v, (s_time_t)timeout);
    return 0;
}
