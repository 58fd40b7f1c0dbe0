/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spin for a long while without a hypercall, then power off.  Run first,
 * next to another domain: the other domain finishing before this one
 * shows the hypervisor preempts a guest that never yields.  The length is
 * spin=N million iterations (default 100); spin=0 spins forever.
 */
#include "guest.h"

const char test_title[] = "spin";

void test_main(void)
{
    unsigned long m = cmdline_ulong("spin", 100), i, j;

    printk("info: spinning %lu million iterations%s\n", m,
           m ? "" : " (forever)");
    for ( i = 0; !m || i < m; i++ )
        for ( j = 0; j < 1000000; j++ )
            asm volatile ( "pause" );
    check(true, "spun without a hypercall", " ");
}
