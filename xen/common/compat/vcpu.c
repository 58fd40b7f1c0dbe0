/*
 * vcpu_op for 32-bit callers: the runstate is 44 bytes, the single-shot
 * timer argument 12 (its uint64_t only 4-byte aligned), the two area
 * handles 4; every other op is the native one (common/vcpu_op.c).  As
 * Xen's compat layer, the single-shot timer's argument is read before
 * the vCPU is checked to be the caller's.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/vcpu_time.h>
#include <public/vcpu.h>
#include <compat/vcpu.h>
#include "../vcpu_op.h"

static long compat_singleshot(struct vcpu *v, guest_ptr_t arg)
{
    struct compat_vcpu_set_singleshot_timer set;

    if ( copy_from_guest(&set, arg, sizeof(set)) )
        return -EFAULT;
    if ( v != current )
        return -EINVAL;
    return vcpu_op_singleshot(v, set.timeout_abs_ns, set.flags);
}

static long compat_runstate_info(struct vcpu *v, guest_ptr_t arg)
{
    struct vcpu_runstate_info r;
    struct compat_vcpu_runstate_info c;
    unsigned int i;

    vcpu_runstate_get(v, &r);
    c.state = r.state;
    c.state_entry_time = r.state_entry_time;
    for ( i = 0; i < ARRAY_SIZE(c.time); i++ )
        c.time[i] = r.time[i];
    return copy_to_guest(arg, &c, sizeof(c)) ? -EFAULT : 0;
}

/* A 32-bit guest's handle: a 4-byte address. */
static long compat_area(struct vcpu *v, int cmd, guest_ptr_t arg)
{
    uint32_t va;

    if ( copy_from_guest(&va, arg, sizeof(va)) )
        return -EFAULT;
    return cmd == VCPUOP_register_runstate_memory_area
           ? vcpu_op_runstate_area(v, va, true)
           : vcpu_op_time_area(v, va);
}

long compat_vcpu_op(int cmd, unsigned int vcpuid, guest_ptr_t arg)
{
    struct vcpu *v = vcpu_op_target(vcpuid);

    if ( !v )
        return -ENOENT;
    switch ( cmd )
    {
    case VCPUOP_register_runstate_memory_area:
    case VCPUOP_register_vcpu_time_memory_area:
        return compat_area(v, cmd, arg);
    case VCPUOP_send_nmi:
    case VCPUOP_get_physid:
        return do_vcpu_op(cmd, vcpuid, arg);
    case VCPUOP_get_runstate_info:
        return compat_runstate_info(v, arg);
    case VCPUOP_set_singleshot_timer:
        return compat_singleshot(v, arg);
    default:
        return vcpu_op_common(cmd, v, arg);
    }
}
