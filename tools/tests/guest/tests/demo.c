/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The `make run` demo, as a control domain: it does what a toolstack does
 * for a new domain, narrating each step, against the plain domain
 * peer=N (tests/peer.c):
 *   1. ask how big the peer's grant table is (XENMEM_acquire_resource
 *      size query),
 *   2. map the table's first frame into its own memory (acquire_resource
 *      with a gfn list) — a frame that is not in the peer's P2M at all,
 *   3. seed grant entry 0 for a page of the peer's, as a toolstack
 *      seeds the console ring grant,
 *   4. wait for the peer to write into that page, map the grant with
 *      GNTTABOP_map_grant_ref and read what the peer wrote,
 *   5. unmap everything and tell the peer to finish.
 */
#include "resmap.h"

const char test_title[] = "demo";

static void say(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    printk("demo: ");
    vprintk(fmt, ap);
    va_end(ap);
}

void test_main(void)
{
    domid_t peer = 1;
    uint32_t nr = 0;
    xen_pfn_t gfn = GFN_FOREIGN;
    void *gt = gfn_ptr(GFN_FOREIGN);
    struct gnttab_map_grant_ref m = {
        .host_addr = (uint64_t)GFN_GRANT_MAP << 12, .flags = GNTMAP_host_map,
        .ref = 0, .dom = peer,
    };
    struct gnttab_unmap_grant_ref u = { .host_addr = m.host_addr };
    unsigned long i;

    say("I am the control domain; d%u is a plain domain.\n", peer);
    if ( !check_eq("size query", acquire_resource(peer,
                   XENMEM_resource_grant_table, 0, 0, &nr, NULL), 0) )
        return;
    say("d%u's grant table can grow to %u frames.\n", peer, nr);
    for ( i = 0; i < 100000; i++ )
    {
        if ( !check_eq("acquire frame 0", map_gnttab_frames(peer, 0, 0, 1, &gfn), 0) )
            return;
        if ( gte_frame(gt, 1, 4) == PEER_PATTERN )
            break;
        remove_from_physmap(GFN_FOREIGN);    /* peer not up yet */
        yield();
    }
    say("mapped frame 0 of d%u's grant table at my gfn %#lx; entry 4 reads %#llx\n",
        peer, GFN_FOREIGN, (unsigned long long)gte_frame(gt, 1, 4));
    *gte_domid(gt, 1, 0) = 0;
    gte_set_frame(gt, 1, 0, MSG_GFN);
    *gte_flags(gt, 1, 0) = GTF_permit_access;
    say("seeded entry 0: d0 may access d%u's page %#lx\n", peer, MSG_GFN);
    for ( i = 0; i < 1000000 && gte_frame(gt, 1, 5) != READY_MAGIC; i++ )
        yield();
    if ( !check(i < 1000000, "the peer answered", " ") )
        return;
    check_eq("map_grant_ref", hypercall_grant_table_op(GNTTABOP_map_grant_ref,
                                                       &m, 1), 0);
    check_eq("map_grant_ref status", m.status, GNTST_okay);
    say("mapped the grant at my gfn %#lx; d%u wrote: \"%s\"\n",
        GFN_GRANT_MAP, peer, (const char *)gfn_ptr(GFN_GRANT_MAP));
    u.handle = m.handle;
    hypercall_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1);
    gte_set_frame(gt, 1, 7, DONE_MAGIC);
    check_eq("unmap the grant table frame", remove_from_physmap(GFN_FOREIGN), 0);
    say("unmapped everything and told d%u to finish.\n", peer);
}
