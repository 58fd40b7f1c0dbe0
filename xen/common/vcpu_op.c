/*
 * vcpu_op (24) for 64-bit callers, and the ops both widths share.
 * Answers are Xen 4.17's for a PVH guest (do_vcpu_op, common_vcpu_op):
 *
 *   any op, vcpuid not one of the caller's vCPUs     -ENOENT (first)
 *   initialise      argument read (-EFAULT), then -EEXIST: every vCPU
 *                   here is initialised
 *   up / is_up      0 / 1: no vCPU here is ever down
 *   down            the last vCPU up: the domain powers off (0)
 *   get_runstate_info, register_runstate_memory_area
 *                   any address is taken (an HVM handle is always
 *                   "okay"); a copy that fails is ignored
 *   set_periodic_timer  below 1 ms or above STIME_DELTA_MAX -EINVAL
 *   set/stop_singleshot_timer  another vCPU -EINVAL; set: a timeout
 *                   already past fires at once (0), VCPU_SSHOTTMR_future
 *                   or not: Xen 4.17.3 on ignores the flag (4.17.0-2
 *                   answered -ETIME, on which Linux before 4.7 stalled)
 *   register_vcpu_info  vcpu_info.c
 *   send_nmi        a non-NULL argument -EINVAL
 *   get_physid      -EINVAL (only a control domain's pinned vCPUs)
 *   register_vcpu_time_memory_area  as the runstate area
 *   anything else   -ENOSYS
 *
 * Ours: send_nmi with NULL is -ENOSYS (no NMI injection yet); Xen
 * injects an NMI.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/time.h>
#include <xen/vcpu_time.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include "vcpu_op.h"

/* sizeof(struct vcpu_hvm_context): 128 bytes for either width. */
#define VCPU_HVM_CONTEXT_SIZE 128

struct vcpu *vcpu_op_target(unsigned int vcpuid)
{
    struct domain *d = current_domain();

    return vcpuid < d->max_vcpus ? d->vcpu[vcpuid] : NULL;
}

static long op_initialise(guest_ptr_t arg)
{
    uint8_t ctxt[VCPU_HVM_CONTEXT_SIZE];

    return copy_from_guest(ctxt, arg, sizeof(ctxt)) ? -EFAULT : -EEXIST;
}

/* The last vCPU going down takes the domain with it, as in Xen. */
static long op_down(struct vcpu *v)
{
    domain_shutdown(v->domain, SHUTDOWN_poweroff);
    return 0;
}

static long op_set_periodic(struct vcpu *v, guest_ptr_t arg)
{
    struct vcpu_set_periodic_timer set;

    if ( copy_from_guest(&set, arg, sizeof(set)) )
        return -EFAULT;
    /* Compared unsigned, as Xen compares them. */
    if ( set.period_ns < (uint64_t)MILLISECS(1) ||
         set.period_ns > (uint64_t)STIME_DELTA_MAX )
        return -EINVAL;
    vcpu_set_periodic_timer(v, set.period_ns);
    return 0;
}

static long op_register_vcpu_info(struct vcpu *v, guest_ptr_t arg)
{
    struct vcpu_register_vcpu_info info;
    long rc;

    if ( copy_from_guest(&info, arg, sizeof(info)) )
        return -EFAULT;
    rc = vcpu_info_map(v, info.mfn, info.offset);
    vcpu_update_system_time(v);         /* wherever it is now */
    return rc;
}

long vcpu_op_common(int cmd, struct vcpu *v, guest_ptr_t arg)
{
    switch ( cmd )
    {
    case VCPUOP_initialise:
        return op_initialise(arg);
    case VCPUOP_up:
        return 0;
    case VCPUOP_down:
        return op_down(v);
    case VCPUOP_is_up:
        return 1;
    case VCPUOP_set_periodic_timer:
        return op_set_periodic(v, arg);
    case VCPUOP_stop_periodic_timer:
        vcpu_set_periodic_timer(v, 0);
        return 0;
    case VCPUOP_stop_singleshot_timer:
        if ( v != current )
            return -EINVAL;
        vcpu_stop_singleshot(v);
        return 0;
    case VCPUOP_register_vcpu_info:
        return op_register_vcpu_info(v, arg);
    default:
        return -ENOSYS;
    }
}

long vcpu_op_singleshot(struct vcpu *v, uint64_t timeout, uint32_t flags)
{
    /*
     * The flag is ignored, as in Xen since 4.17.3.  A timeout in the past
     * fires at once; so does one of 2^63 or more: not "past" in Xen's
     * unsigned comparison, but negative as a system time.
     */
    (void)flags;
    vcpu_set_singleshot(v, (s_time_t)timeout);
    return 0;
}

long vcpu_op_runstate_area(struct vcpu *v, uint64_t va, bool compat)
{
    v->time.runstate_area = guest_ptr(va);
    vcpu_runstate_copy_out(v, compat);
    return 0;
}

long vcpu_op_time_area(struct vcpu *v, uint64_t va)
{
    v->time.time_area = guest_ptr(va);
    vcpu_update_system_time(v);
    return 0;
}

/* ------------------------------------------------------------------ */
/* The 64-bit front end. */

static long op_singleshot(struct vcpu *v, guest_ptr_t arg)
{
    struct vcpu_set_singleshot_timer set;

    if ( v != current )
        return -EINVAL;
    if ( copy_from_guest(&set, arg, sizeof(set)) )
        return -EFAULT;
    return vcpu_op_singleshot(v, set.timeout_abs_ns, set.flags);
}

static long op_runstate_info(struct vcpu *v, guest_ptr_t arg)
{
    struct vcpu_runstate_info r;

    vcpu_runstate_get(v, &r);
    return copy_to_guest(arg, &r, sizeof(r)) ? -EFAULT : 0;
}

/* Both area structures are one 8-byte guest address. */
static long op_area(struct vcpu *v, int cmd, guest_ptr_t arg)
{
    uint64_t va;

    if ( copy_from_guest(&va, arg, sizeof(va)) )
        return -EFAULT;
    return cmd == VCPUOP_register_runstate_memory_area
           ? vcpu_op_runstate_area(v, va, false)
           : vcpu_op_time_area(v, va);
}

static long op_send_nmi(struct vcpu *v, guest_ptr_t arg)
{
    if ( !guest_ptr_is_null(arg) )
        return -EINVAL;
    printk_ratelimited("d%u: VCPUOP_send_nmi: no NMI injection yet\n",
                       v->domain->domain_id);
    return -ENOSYS;
}

long do_vcpu_op(int cmd, unsigned int vcpuid, guest_ptr_t arg)
{
    struct vcpu *v = vcpu_op_target(vcpuid);

    if ( !v )
        return -ENOENT;
    switch ( cmd )
    {
    case VCPUOP_send_nmi:
        return op_send_nmi(v, arg);
    case VCPUOP_get_physid:
        return -EINVAL;
    case VCPUOP_get_runstate_info:
        return op_runstate_info(v, arg);
    case VCPUOP_register_runstate_memory_area:
    case VCPUOP_register_vcpu_time_memory_area:
        return op_area(v, cmd, arg);
    case VCPUOP_set_singleshot_timer:
        return op_singleshot(v, arg);
    default:
        return vcpu_op_common(cmd, v, arg);
    }
}
