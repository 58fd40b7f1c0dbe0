/*
 * 32-bit (compat) layouts of the vcpu_op structures that differ: 64-bit
 * fields are only 4-byte aligned (so the runstate is 44 bytes and the
 * single-shot timer 12), and guest handles are 32-bit pointers.  The
 * others (periodic timer, register_vcpu_info, vcpu_time_info) have one
 * layout for both widths.
 */
#ifndef COMPAT_VCPU_H
#define COMPAT_VCPU_H

#include <compat/memory.h>

struct compat_vcpu_runstate_info {
    int32_t state;
    compat_uint64_t state_entry_time;
    compat_uint64_t time[4];
};

struct compat_vcpu_set_singleshot_timer {
    compat_uint64_t timeout_abs_ns;
    uint32_t flags;
};

_Static_assert(sizeof(struct compat_vcpu_runstate_info) == 44, "layout");
_Static_assert(__builtin_offsetof(struct compat_vcpu_runstate_info,
                                  state_entry_time) == 4, "layout");
_Static_assert(__builtin_offsetof(struct compat_vcpu_runstate_info,
                                  time) == 12, "layout");
_Static_assert(sizeof(struct compat_vcpu_set_singleshot_timer) == 12,
               "layout");

#endif /* COMPAT_VCPU_H */
