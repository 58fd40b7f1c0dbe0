/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a hostile guest tries against the hypervisor itself, one scenario
 * per boot (scenario=NAME on the command line).  Each must end with the
 * guest refused as Xen refuses it, the hypervisor intact, other domains
 * running on, and every page back at the end (the runner checks that).
 *
 *   p2m-pool   map shared_info at gfns 1 GiB apart, so that every call
 *              needs new nested page tables, until the domain's P2M pool
 *              is empty: -ENOMEM, and the guest goes on working.
 */
#include "resmap.h"

const char test_title[] = "hostile";

#define GFN_STRIDE (1UL << 18)      /* 1 GiB: new L2 and L1 tables */

static void p2m_pool(void)
{
    unsigned long i, last = 0;
    long rc = 0;

    for ( i = 1; i < 4096; i++ )
    {
        rc = add_to_physmap(XENMAPSPACE_shared_info, 0, i * GFN_STRIDE);
        if ( rc )
            break;
        last = i * GFN_STRIDE;
    }
    printk("info: %lu mappings 1 GiB apart before the pool ran out\n", i - 1);
    check_eq("the P2M pool runs out", rc, -ENOMEM);
    check(i > 16 && i < 4096, "it ran out after a bounded number of tables",
          "after %lu", i - 1);
    check_eq("mapping where tables exist still works",
             add_to_physmap(XENMAPSPACE_shared_info, 0, last), 0);
    check_eq("unmapping still works", remove_from_physmap(last), 0);
    check_eq("and it can be mapped again there",
             add_to_physmap(XENMAPSPACE_shared_info, 0, last), 0);
}

void test_main(void)
{
    char scenario[24] = "";

    cmdline_get("scenario", scenario, sizeof(scenario));
    if ( !strcmp(scenario, "p2m-pool") )
        p2m_pool();
    else
        check(false, "a known scenario", "scenario '%s'", scenario);
}
