/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vm_assist (hypercall 21) as Xen 4.17 answers an HVM guest: only
 * VMASST_TYPE_runstate_update_flag (5) may be enabled or disabled; every
 * other type is -EINVAL, whatever the command; an unknown command with
 * that type is -ENOSYS.  With the flag on, the registered runstate copy
 * keeps being rewritten across yields and never shows XEN_RUNSTATE_UPDATE
 * to its own vCPU (the hypervisor clears it before the vCPU runs again).
 */
#include "guest.h"
#include "errno.h"
#include "resmap.h"
#include "pvclock.h"
#include "public/sched.h"
#include "public/vcpu.h"

const char test_title[] = "vm-assist";

#define UPDATE_FLAG (1ULL << 63)

static long vm_assist(unsigned int cmd, unsigned int type)
{
    return HC(__HYPERVISOR_vm_assist, cmd, type, 0);
}

static void refusals(void)
{
    unsigned int t, bad = 0;

    for ( t = 0; t < 64; t++ )
        if ( t != VMASST_TYPE_runstate_update_flag &&
             vm_assist(VMASST_CMD_enable, t) != -EINVAL )
            bad++;
    check_eq("every other type (0-63): -EINVAL", bad, 0);
    check_eq("type 32 (m2p_strict): -EINVAL",
             vm_assist(VMASST_CMD_enable, VMASST_TYPE_m2p_strict), -EINVAL);
    check_eq("type ~0: -EINVAL", vm_assist(VMASST_CMD_disable, ~0u), -EINVAL);
    check_eq("a bad command with a bad type: -EINVAL", vm_assist(9, 2),
             -EINVAL);
    check_eq("a bad command with type 5: -ENOSYS",
             vm_assist(2, VMASST_TYPE_runstate_update_flag), -ENOSYS);
}

static void flagged_runstate(void)
{
    static struct vcpu_runstate_info rs;
    struct vcpu_register_runstate_memory_area a = { .addr.p = 0 };
    uint64_t first;
    unsigned int i, flagged = 0;

    check_eq("enable runstate_update_flag",
             vm_assist(VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag), 0);
    check_eq("  ... again", vm_assist(VMASST_CMD_enable,
                                      VMASST_TYPE_runstate_update_flag), 0);
    a.addr.v = &rs;
    check_eq("register the runstate area",
             hypercall_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &a), 0);
    first = rs.state_entry_time;
    for ( i = 0; i < 20; i++ )
    {
        hypercall_sched_op(SCHEDOP_yield, NULL);
        flagged += !!(rs.state_entry_time & UPDATE_FLAG);
    }
    check_eq("the copy never shows the update flag to its vCPU", flagged, 0);
    check_eq("  ... and says running", rs.state, RUNSTATE_running);
    check(rs.state_entry_time >= first, "  ... with a later entry time",
          "%#llx before %#llx", (unsigned long long)rs.state_entry_time,
          (unsigned long long)first);
    a.addr.p = 0;
    check_eq("unregister it",
             hypercall_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &a), 0);
    check_eq("disable runstate_update_flag",
             vm_assist(VMASST_CMD_disable, VMASST_TYPE_runstate_update_flag),
             0);
}

void test_main(void)
{
    refusals();
    flagged_runstate();
}
