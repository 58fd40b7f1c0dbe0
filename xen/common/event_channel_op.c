/*
 * The event_channel_op hypercall (32): copy the argument in, run the
 * operation, copy results out.  32-bit guests use the same handler:
 * every EVTCHNOP structure has the same layout in both widths.
 *
 * As in Xen, a result that cannot be copied back after the operation
 * succeeded is -EFAULT, and the operation stays done (the guest lost
 * the port number; undoing it would be worse).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xsm/xsm.h>
#include "event_channel_private.h"

/* Each op's argument, copied in and (for some) out again. */
union evtchn_arg {
    struct evtchn_alloc_unbound alloc_unbound;
    struct evtchn_bind_interdomain bind_interdomain;
    struct evtchn_bind_virq bind_virq;
    struct evtchn_bind_ipi bind_ipi;
    struct evtchn_close close;
    struct evtchn_send send;
    struct evtchn_status status;
    struct evtchn_bind_vcpu bind_vcpu;
    struct evtchn_unmask unmask;
    struct evtchn_reset reset;
    struct evtchn_init_control init_control;
    struct evtchn_expand_array expand_array;
    struct evtchn_set_priority set_priority;
    struct evtchn_bind_pirq bind_pirq;
};

static size_t arg_size(unsigned int cmd)
{
    switch ( cmd )
    {
    case EVTCHNOP_alloc_unbound:    return sizeof(struct evtchn_alloc_unbound);
    case EVTCHNOP_bind_interdomain: return sizeof(struct evtchn_bind_interdomain);
    case EVTCHNOP_bind_virq:        return sizeof(struct evtchn_bind_virq);
    case EVTCHNOP_bind_ipi:         return sizeof(struct evtchn_bind_ipi);
    case EVTCHNOP_close:            return sizeof(struct evtchn_close);
    case EVTCHNOP_send:             return sizeof(struct evtchn_send);
    case EVTCHNOP_status:           return sizeof(struct evtchn_status);
    case EVTCHNOP_bind_vcpu:        return sizeof(struct evtchn_bind_vcpu);
    case EVTCHNOP_unmask:           return sizeof(struct evtchn_unmask);
    case EVTCHNOP_reset:
    case EVTCHNOP_reset_cont:       return sizeof(struct evtchn_reset);
    case EVTCHNOP_init_control:     return sizeof(struct evtchn_init_control);
    case EVTCHNOP_expand_array:     return sizeof(struct evtchn_expand_array);
    case EVTCHNOP_set_priority:     return sizeof(struct evtchn_set_priority);
    case EVTCHNOP_bind_pirq:        return sizeof(struct evtchn_bind_pirq);
    default:                        return 0;
    }
}

/* Does the op hand results back in its argument? */
static bool has_output(unsigned int cmd)
{
    return cmd == EVTCHNOP_alloc_unbound || cmd == EVTCHNOP_bind_interdomain ||
           cmd == EVTCHNOP_bind_virq || cmd == EVTCHNOP_bind_ipi ||
           cmd == EVTCHNOP_status || cmd == EVTCHNOP_init_control;
}

static long evtchn_reset_op(unsigned int cmd, struct evtchn_reset *r,
                            guest_ptr_t arg)
{
    struct domain *d = evtchn_lookup_domain(r->dom);
    unsigned long args[2] = { EVTCHNOP_reset_cont, arg.va };
    int rc;

    if ( !d )
        return -ESRCH;
    rc = xsm_evtchn_reset(XSM_TARGET, current_domain(), d);
    if ( !rc )
        rc = evtchn_reset(d, cmd == EVTCHNOP_reset_cont);
    if ( rc == -ERESTART )
        return hypercall_create_continuation(__HYPERVISOR_event_channel_op,
                                             2, args);
    return rc;
}

static long run_op(unsigned int cmd, union evtchn_arg *a, guest_ptr_t arg)
{
    struct domain *d = current_domain();

    switch ( cmd )
    {
    case EVTCHNOP_alloc_unbound:    return evtchn_alloc_unbound(&a->alloc_unbound);
    case EVTCHNOP_bind_interdomain: return evtchn_bind_interdomain(&a->bind_interdomain);
    case EVTCHNOP_bind_virq:        return evtchn_bind_virq(&a->bind_virq);
    case EVTCHNOP_bind_ipi:         return evtchn_bind_ipi(&a->bind_ipi);
    case EVTCHNOP_close:            return evtchn_close(d, a->close.port, true);
    case EVTCHNOP_send:             return evtchn_send(d, a->send.port);
    case EVTCHNOP_status:           return evtchn_status(&a->status);
    case EVTCHNOP_bind_vcpu:
        return evtchn_bind_vcpu(a->bind_vcpu.port, a->bind_vcpu.vcpu);
    case EVTCHNOP_unmask:           return evtchn_unmask(a->unmask.port);
    case EVTCHNOP_reset:
    case EVTCHNOP_reset_cont:       return evtchn_reset_op(cmd, &a->reset, arg);
    case EVTCHNOP_init_control:     return evtchn_fifo_init_control(&a->init_control);
    case EVTCHNOP_expand_array:     return evtchn_fifo_expand_array(&a->expand_array);
    case EVTCHNOP_set_priority:     return evtchn_set_priority(&a->set_priority);
    case EVTCHNOP_bind_pirq:
        return -EINVAL;     /* a PVH domain has no PIRQs (nr_pirqs is 0) */
    default:                        return -ENOSYS;
    }
}

long do_event_channel_op(unsigned int cmd, guest_ptr_t arg)
{
    size_t size = arg_size(cmd);
    union evtchn_arg a;
    long rc;

    if ( !size )
        return -ENOSYS;
    if ( copy_from_guest(&a, arg, size) )
        return -EFAULT;
    rc = run_op(cmd, &a, arg);
    if ( !rc && has_output(cmd) && copy_to_guest(arg, &a, size) )
        rc = -EFAULT;
    return rc;
}
