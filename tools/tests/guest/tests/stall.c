/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Blocks for good: no event channel, no timer, so SCHEDOP_block (which
 * returns at once only while an upcall is pending) sleeps forever.  The
 * hypervisor's stall report (xen/common/stall.c) must then say, within
 * STALL_SECONDS, that every vCPU is blocked and that this one has no
 * upcall pending; the runner ends the run by its timeout.
 */
#include "guest.h"
#include "public/sched.h"

const char test_title[] = "stall";

void test_main(void)
{
    printk("info: blocking for good\n");
    for ( ;; )
        hypercall_sched_op(SCHEDOP_block, NULL);
}
