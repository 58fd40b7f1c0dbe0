/*
 * sched_op for 32-bit callers: only SCHEDOP_poll's argument differs (a
 * 32-bit port-list handle, the timeout 4-byte aligned: 16 bytes in all);
 * every other op is the native one (common/schedule.c).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <public/sched.h>

struct compat_sched_poll {
    uint32_t ports;             /* guest address of evtchn_port_t[] */
    uint32_t nr_ports;
    uint32_t timeout_lo, timeout_hi;
};

long compat_sched_op(unsigned int cmd, guest_ptr_t arg)
{
    struct compat_sched_poll p;

    if ( cmd != SCHEDOP_poll )
        return do_sched_op(cmd, arg);
    if ( copy_from_guest(&p, arg, sizeof(p)) )
        return -EFAULT;
    return sched_poll(guest_ptr(p.ports), p.nr_ports,
                      ((uint64_t)p.timeout_hi << 32) | p.timeout_lo,
                      sizeof(evtchn_port_t));
}
