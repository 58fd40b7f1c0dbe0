/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every one of the 64 entries of the hypercall page can be called and
 * returns 0 or a -errno (no fault, no hang).  Numbers no Xen ever
 * assigned must answer -ENOSYS.
 *
 * The arguments are chosen to have no effect on any hypervisor:
 *  - a1 = 63: no sub-op 63 exists for any "cmd"-style hypercall (for
 *    memory_op that is also cmd 63 with no continuation bits), and for
 *    set_timer_op a deadline in the past (the timer fires, nothing bound);
 *  - entry 23 (iret) is a ud2 in Xen's page for HVM guests, by design:
 *    it is only called when it is something else;
 *  - hypercalls whose first argument is a pointer (platform_op, xsm_op,
 *    sysctl, domctl, mca, paging_domctl_cont) get an address outside RAM
 *    so they fail to read it; multicall and mmuext_op get count 0.
 */
#include "guest.h"

const char test_title[] = "hypercall-page";

#define BAD_PTR 0xc0000000UL    /* gfn 0xc0000: not guest RAM */

static const char *const names[64] = {
    "set_trap_table", "mmu_update", "set_gdt", "stack_switch",
    "set_callbacks", "fpu_taskswitch", "sched_op_compat", "platform_op",
    "set_debugreg", "get_debugreg", "update_descriptor", NULL,
    "memory_op", "multicall", "update_va_mapping", "set_timer_op",
    "event_channel_op_compat", "xen_version", "console_io",
    "physdev_op_compat", "grant_table_op", "vm_assist",
    "update_va_mapping_otherdomain", "iret", "vcpu_op", "set_segment_base",
    "mmuext_op", "xsm_op", "nmi_op", "sched_op", "callback_op",
    "xenoprof_op", "event_channel_op", "physdev_op", "hvm_op", "sysctl",
    "domctl", "kexec_op", "tmem_op", "argo_op", "xenpmu_op", "dm_op",
    "hypfs_op", NULL, NULL, NULL, NULL, NULL,
    "arch_0", "arch_1", "arch_2", "arch_3", "arch_4", "arch_5", "arch_6",
    "arch_7",
};

static bool first_arg_is_pointer(unsigned int nr)
{
    switch ( nr )
    {
    case __HYPERVISOR_platform_op: case __HYPERVISOR_xsm_op:
    case __HYPERVISOR_sysctl: case __HYPERVISOR_domctl:
    case __HYPERVISOR_arch_0: case __HYPERVISOR_arch_1:
    case __HYPERVISOR_multicall: case __HYPERVISOR_mmuext_op:
        return true;
    }
    return false;
}

/* Numbers with no hypercall behind them in any Xen. */
static bool never_assigned(unsigned int nr)
{
    return nr == 11 || (nr >= 43 && nr <= 47) || nr >= 56;
}

void test_main(void)
{
    for ( unsigned int nr = 0; nr < 64; nr++ )
    {
        unsigned long a1 = first_arg_is_pointer(nr) ? BAD_PTR : 63;
        const uint8_t *entry = &hypercall_page[nr * 32];
        char what[80];
        long rc;

        if ( nr == __HYPERVISOR_iret && entry[0] == 0x0f && entry[1] == 0x0b )
        {
            printk("ok - hypercall %u (iret) is ud2, as in Xen\n", nr);
            continue;
        }
        rc = hypercall(nr, a1, 0, 0, 0, 0);
        snprintf(what, sizeof(what), "hypercall %u (%s) returns %ld", nr,
                 names[nr] ? names[nr] : "unused", rc);
        if ( never_assigned(nr) )
            check(rc == -38, what, "want -ENOSYS");
        else
            check(rc <= 0 && rc >= -4095, what, "not 0 or -errno");
    }
}
