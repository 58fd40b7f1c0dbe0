/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The plain domain of the resource-mapping tests (see include/resmap.h):
 * it maps its own grant table, leaves a pattern in it, serves the grant
 * the control domain seeds, and powers off when told to.
 *
 * Command line: gnttab=2 switches to a version 2 table first;
 * seed=0 means no control domain will seed entry 0 (do not expect it);
 * wait=N bounds the wait for the done marker (thousands of yields).
 */
#include "resmap.h"

const char test_title[] = "peer";

/* Entry 0 seeded for us by the control domain: write the message. */
static bool serve_seed(void *gt, unsigned int v)
{
    uint64_t gfn;

    if ( (*gte_flags(gt, v, 0) & GTF_type_mask) != GTF_permit_access )
        return false;
    gfn = gte_frame(gt, v, 0);
    check(gfn == MSG_GFN, "seeded entry 0 names our message page",
          "frame %#llx", (unsigned long long)gfn);
    check(*gte_domid(gt, v, 0) == 0, "seeded entry 0 grants domain 0",
          "domid %u", *gte_domid(gt, v, 0));
    memcpy(gfn_ptr(MSG_GFN), PEER_MESSAGE, sizeof(PEER_MESSAGE));
    gte_set_frame(gt, v, 5, READY_MAGIC);
    printk("info: served the seeded grant\n");
    return true;
}

void test_main(void)
{
    unsigned int v = cmdline_ulong("gnttab", 1);
    bool want_seed = cmdline_ulong("seed", 1), served = false;
    unsigned long i, limit = cmdline_ulong("wait", 2000) * 1000;
    void *gt = gfn_ptr(GFN_OWN_GT);
    struct gnttab_set_version sv = { .version = v };

    if ( v == 2 )
        check_eq("set_version(2)",
                 hypercall_grant_table_op(GNTTABOP_set_version, &sv, 1), 0);
    check_eq("map own grant frame 0 (add_to_physmap)",
             add_to_physmap(XENMAPSPACE_grant_table, 0, GFN_OWN_GT), 0);
    gte_set_frame(gt, v, 4, PEER_PATTERN);

    for ( i = 0; i < limit; i++ )
    {
        if ( !served && want_seed )
            served = serve_seed(gt, v);
        if ( gte_frame(gt, v, 7) == DONE_MAGIC )
            break;
        yield();
    }
    check(i < limit, "the control domain said done", "gave up after %lu", i);
    if ( want_seed )
        check(served, "the control domain seeded entry 0", " ");
    check(gte_frame(gt, v, 4) == PEER_PATTERN, "our pattern is intact",
          "entry 4 frame %#llx", (unsigned long long)gte_frame(gt, v, 4));
}
