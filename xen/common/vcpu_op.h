/*
 * What the native and compat vcpu_op front ends share (vcpu_op.c,
 * compat/vcpu.c).
 */
#ifndef COMMON_VCPU_OP_H
#define COMMON_VCPU_OP_H

#include <xen/types.h>
#include <xen/guest_access.h>

struct vcpu;

/* The caller's vCPU vcpuid, or NULL (-ENOENT). */
struct vcpu *vcpu_op_target(unsigned int vcpuid);
/* The ops whose structures are the same for 32- and 64-bit callers. */
long vcpu_op_common(int cmd, struct vcpu *v, guest_ptr_t arg);
/* After the argument is read: set the timer (flags are ignored). */
long vcpu_op_singleshot(struct vcpu *v, uint64_t timeout, uint32_t flags);
/* Record a guest copy's address and write it now. */
long vcpu_op_runstate_area(struct vcpu *v, uint64_t va, bool compat);
long vcpu_op_time_area(struct vcpu *v, uint64_t va);

#endif /* COMMON_VCPU_OP_H */
