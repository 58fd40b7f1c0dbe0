/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENMEM_acquire_resource from a domain that is not the control domain.
 * With expect=eperm (a plain domain) every request for the peer's grant
 * table, size queries included, is refused with -EPERM by XSM; with
 * expect=eacces the same, refused with -EACCES by a FLASK policy (e.g. a
 * control domain labelled isolated_t under xsm=flask); with
 * expect=ok (started with target=<peer>, the peer's device model) the
 * same requests succeed.
 *
 * Command line: peer=N (default 1); done=1 makes this domain tell the
 * peer to finish (include/resmap.h), after domain after=M is gone.
 */
#include "resmap.h"

const char test_title[] = "acquire-xsm";

static bool domain_gone(domid_t d)
{
    uint32_t nr = 0;

    return acquire_resource(d, XENMEM_resource_grant_table, 0, 0, &nr,
                            NULL) == -ESRCH;
}

static void as_device_model(domid_t peer)
{
    xen_pfn_t gfn = GFN_FOREIGN;
    uint32_t nr = 0;
    unsigned long i;
    void *gt = gfn_ptr(GFN_FOREIGN);

    check_eq("device model: size query allowed",
             acquire_resource(peer, XENMEM_resource_grant_table, 0, 0, &nr,
                              NULL), 0);
    check_eq("device model: map frame 0 allowed",
             map_gnttab_frames(peer, 0, 0, 1, &gfn), 0);
    for ( i = 0; i < 1000000 && gte_frame(gt, 1, 4) != PEER_PATTERN; i++ )
        yield();
    check(i < 1000000, "device model: sees the peer's table", " ");
    if ( cmdline_ulong("done", 0) )
    {
        domid_t after = cmdline_ulong("after", 0x7fff);

        for ( i = 0; i < 1000000 && after != 0x7fff && !domain_gone(after); i++ )
            yield();
        gte_set_frame(gt, 1, 7, DONE_MAGIC);
    }
    check_eq("device model: unmap", remove_from_physmap(GFN_FOREIGN), 0);
}

static void as_plain(domid_t peer, long err)
{
    xen_pfn_t gfn = GFN_FOREIGN;
    uint32_t nr = 0;

    check_eq("plain domain: size query refused",
             acquire_resource(peer, XENMEM_resource_grant_table, 0, 0, &nr,
                              NULL), err);
    check_eq("plain domain: map refused",
             map_gnttab_frames(peer, 0, 0, 1, &gfn), err);
    check_eq("plain domain: nothing was mapped", remove_from_physmap(gfn),
             -ENOENT);
}

void test_main(void)
{
    char expect[8] = "eperm";
    domid_t peer = cmdline_ulong("peer", 1);

    cmdline_get("expect", expect, sizeof(expect));
    if ( !strcmp(expect, "ok") )
        as_device_model(peer);
    else
        as_plain(peer, !strcmp(expect, "eacces") ? -EACCES : -EPERM);
}
