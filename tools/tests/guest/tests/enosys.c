/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypercalls and sub-ops that do not exist answer -ENOSYS. */
#include "guest.h"
#include "public/version.h"

const char test_title[] = "enosys";

#define ENOSYS 38

void test_main(void)
{
    static const unsigned long raw[] = { 64, 100, 0x1000, 0x7fffffff };
    char what[80];

    check_eq("page entry 63 is -ENOSYS", hypercall(63, 0, 0, 0, 0, 0),
             -ENOSYS);
    check_eq("page entry 11 (never assigned) is -ENOSYS",
             hypercall(11, 0, 0, 0, 0, 0), -ENOSYS);

    /* Past the end of the table: only reachable with a bare VMMCALL. */
    for ( unsigned int i = 0; i < ARRAY_SIZE(raw); i++ )
    {
        snprintf(what, sizeof(what), "raw hypercall %#lx is -ENOSYS", raw[i]);
        check_eq(what, hypercall_raw(raw[i], 0, 0, 0), -ENOSYS);
    }
    check_eq("raw xen_version(XENVER_version) works",
             hypercall_raw(__HYPERVISOR_xen_version, XENVER_version, 0, 0),
             hypercall_xen_version(XENVER_version, NULL));

    check_eq("xen_version sub-op 63 is -ENOSYS",
             hypercall_xen_version(63, NULL), -ENOSYS);
    check_eq("memory_op sub-op 63 is -ENOSYS",
             hypercall_memory_op(63, NULL), -ENOSYS);
    check_eq("sched_op sub-op 63 is -ENOSYS",
             hypercall_sched_op(63, NULL), -ENOSYS);
    check_eq("console_io sub-op 63 is -ENOSYS",
             hypercall_console_io(63, 0, NULL), -ENOSYS);
    check_eq("event_channel_op sub-op 63 is -ENOSYS",
             hypercall_event_channel_op(63, NULL), -ENOSYS);
    check_eq("grant_table_op sub-op 63 is -ENOSYS",
             hypercall_grant_table_op(63, NULL, 1), -ENOSYS);
}
