/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENMEM_add_to_physmap_batch with XENMAPSPACE_gmfn_foreign from the
 * control domain (role=control) against a running peer (tests/peer.c,
 * domain peer=N, default 1): what Linux's privcmd does for
 * xenforeignmemory_map().  The 32-bit build goes through the compat path.
 *
 * It maps the peer's own grant frame out of the peer's physmap (gfn
 * GFN_OWN_GT) to see the peer's pattern and seed entry 0 through it,
 * then the page the peer writes its message into (MSG_GFN), and reads
 * the message.  Every refusal of the whole call and every per-entry
 * error is checked, a long batch, unmapping with remove_from_physmap,
 * and a mapping that outlives the peer: the peer is told to finish, and
 * the page it wrote stays readable here until it is unmapped.
 */
#include "resmap.h"

const char test_title[] = "mapforeign";

#define GFN_MAP     0x24000UL   /* foreign pages mapped from here */
#define GFN_LONG    0x24100UL   /* the long batch */
#define GFN_OWN_RAM 0xa0UL      /* our RAM (VGA hole), mapped over */
#define LONG        128
#define BAD_VA      0xb0000000UL    /* nothing there */
#define MEMOP_EXTENT_SHIFT 6        /* progress in memory_op's cmd */

static domid_t self, peer;
static xen_ulong_t idxs[LONG];
static xen_pfn_t gpfns[LONG];
static int errs[LONG];

static long batch_full(domid_t dom, unsigned int space, uint16_t foreign,
                       unsigned int n, void *i, void *g, void *e,
                       unsigned long progress)
{
    struct xen_add_to_physmap_batch b = {
        .domid = dom, .space = space, .size = n, .u.foreign_domid = foreign,
    };

    set_xen_guest_handle(b.idxs, (xen_ulong_t *)i);
    set_xen_guest_handle(b.gpfns, (xen_pfn_t *)g);
    set_xen_guest_handle(b.errs, (int *)e);
    return HC(__HYPERVISOR_memory_op, XENMEM_add_to_physmap_batch |
              (progress << MEMOP_EXTENT_SHIFT), &b, 0);
}

static long batch(domid_t dom, unsigned int space, uint16_t foreign,
                  unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        errs[i] = 0x5555;
    return batch_full(dom, space, foreign, n, idxs, gpfns, errs, 0);
}

/* Map the peer's fgfn at gfn: the entry's result, or 1000 + the call's. */
static long map1(domid_t dom, uint16_t foreign, xen_ulong_t fgfn,
                 xen_pfn_t gfn)
{
    long rc;

    idxs[0] = fgfn;
    gpfns[0] = gfn;
    rc = batch(dom, XENMAPSPACE_gmfn_foreign, foreign, 1);
    return rc ? 1000 + rc : errs[0];
}

static long reservation(void)
{
    domid_t d = DOMID_SELF;

    return hypercall_memory_op(XENMEM_current_reservation, &d);
}

/* The peer's grant frame, out of its physmap, once it shows the pattern. */
static bool wait_for_peer(void)
{
    unsigned long i;
    long rc = 0;

    for ( i = 0; i < 100000; i++ )
    {
        rc = map1(DOMID_SELF, peer, GFN_OWN_GT, GFN_MAP);
        if ( !rc && gte_frame(gfn_ptr(GFN_MAP), 1, 4) == PEER_PATTERN )
            return check(true, "map the peer's grant frame from its physmap",
                         " ");
        if ( !rc )
            remove_from_physmap(GFN_MAP);
        yield();
    }
    return check(false, "map the peer's grant frame from its physmap",
                 "last answer %ld", rc);
}

/* Seed entry 0 through the mapping; the peer writes its message. */
static bool seed_and_read(void)
{
    void *gt = gfn_ptr(GFN_MAP);
    unsigned long i;

    *gte_domid(gt, 1, 0) = self;
    gte_set_frame(gt, 1, 0, MSG_GFN);
    *gte_flags(gt, 1, 0) = GTF_permit_access;
    for ( i = 0; i < 1000000 && gte_frame(gt, 1, 5) != READY_MAGIC; i++ )
        yield();
    if ( !check(i < 1000000, "the peer served the seeded entry", " ") ||
         !check_eq("map the peer's message page",
                   map1(DOMID_SELF, peer, MSG_GFN, GFN_MAP + 1), 0) )
        return false;
    return check(!memcmp(gfn_ptr(GFN_MAP + 1), PEER_MESSAGE,
                         sizeof(PEER_MESSAGE)),
                 "read the peer's message through the mapping", "%.40s",
                 (const char *)gfn_ptr(GFN_MAP + 1));
}

/* Refusals of the whole call: nothing is done. */
static void test_call_refusals(void)
{
    struct xen_add_to_physmap_batch b = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_gmfn_foreign, .size = 1,
        .u.foreign_domid = 1,
    };

    idxs[0] = MSG_GFN;
    gpfns[0] = GFN_MAP + 2;
    set_xen_guest_handle(b.idxs, idxs);
    set_xen_guest_handle(b.gpfns, gpfns);
    set_xen_guest_handle(b.errs, errs);
    check_eq("size 0", batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, peer, 0),
             0);
    check_eq("gmfn_range", batch(DOMID_SELF, XENMAPSPACE_gmfn_range, peer, 1),
             -EOPNOTSUPP);
    check_eq("no such target domain",
             batch(77, XENMAPSPACE_gmfn_foreign, peer, 1), -ESRCH);
    check_eq("progress at size",
             HC(__HYPERVISOR_memory_op, XENMEM_add_to_physmap_batch |
                (1 << MEMOP_EXTENT_SHIFT), &b, 0), -EILSEQ);
    check_eq("progress beyond 16 bits",
             HC(__HYPERVISOR_memory_op, XENMEM_add_to_physmap_batch |
                (0x10000UL << MEMOP_EXTENT_SHIFT), &b, 0), -EDOM);
    check_eq("unreadable structure",
             hypercall_memory_op(XENMEM_add_to_physmap_batch, (void *)BAD_VA),
             -EFAULT);
    check_eq("unreadable idxs",
             batch_full(DOMID_SELF, XENMAPSPACE_gmfn_foreign, peer, 1,
                        (void *)BAD_VA, gpfns, errs, 0), -EFAULT);
    check_eq("unreadable gpfns",
             batch_full(DOMID_SELF, XENMAPSPACE_gmfn_foreign, peer, 1,
                        idxs, (void *)BAD_VA, errs, 0), -EFAULT);
#ifdef __x86_64__
    gpfns[0] = ~0UL;
    check_eq("gpfn ~0", batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, peer, 1),
             -EINVAL);
#endif
    check_eq("add_to_physmap (not batch) of a foreign page",
             add_to_physmap(XENMAPSPACE_gmfn_foreign, MSG_GFN, GFN_MAP + 2),
             -ENOSYS);
    check_eq("nothing was mapped", remove_from_physmap(GFN_MAP + 2), -ENOENT);
    /* The results cannot be written: the entry is done all the same. */
    gpfns[0] = GFN_MAP + 2;
    check_eq("unwritable errs",
             batch_full(DOMID_SELF, XENMAPSPACE_gmfn_foreign, peer, 1,
                        idxs, gpfns, (void *)BAD_VA, 0), -EFAULT);
    check_eq("the entry was mapped", remove_from_physmap(GFN_MAP + 2), 0);
}

/* Per-entry answers in one call, which answers 0. */
static void test_entries(void)
{
    static const struct { xen_ulong_t fgfn; xen_pfn_t gfn; int err; } e[] = {
        { MSG_GFN, GFN_MAP + 2, 0 },
        { 0xfffff0, GFN_MAP + 3, -EINVAL },         /* no RAM there */
        { MSG_GFN, GFN_MAP + 1, -ENXIO },           /* a foreign page */
        { MSG_GFN, GFN_OWN_RAM, 0 },                /* our RAM: freed */
#ifdef __x86_64__
        { MSG_GFN, 1UL << 40, -EINVAL },            /* beyond the P2M */
#endif
    };
    long before = reservation();
    bool ok = true;

    for ( unsigned int i = 0; i < ARRAY_SIZE(e); i++ )
    {
        idxs[i] = e[i].fgfn;
        gpfns[i] = e[i].gfn;
    }
    check_eq("a batch of good and bad entries",
             batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, peer, ARRAY_SIZE(e)),
             0);
    for ( unsigned int i = 0; i < ARRAY_SIZE(e); i++ )
        ok = check(errs[i] == e[i].err, "an entry's result", "entry %u: %d, "
                   "want %d", i, errs[i], e[i].err) && ok;
    check(ok, "every entry's result", " ");
    check(!memcmp(gfn_ptr(GFN_OWN_RAM), PEER_MESSAGE, sizeof(PEER_MESSAGE)),
          "the page over our RAM shows the message", " ");
    check_eq("our RAM page there was given up", reservation(), before - 1);
    check_eq("unmap it", remove_from_physmap(GFN_OWN_RAM), 0);
    check_eq("unmap the first", remove_from_physmap(GFN_MAP + 2), 0);
    check_eq("the failed entry left nothing",
             remove_from_physmap(GFN_MAP + 3), -ENOENT);
    check_eq("foreign domain: ourselves", map1(DOMID_SELF, self, 5, GFN_MAP + 2),
             -EPERM);
    check_eq("foreign domain: DOMID_SELF",
             map1(DOMID_SELF, DOMID_SELF, 5, GFN_MAP + 2), -ESRCH);
    check_eq("foreign domain: none", map1(DOMID_SELF, 77, 5, GFN_MAP + 2),
             -ESRCH);
    check_eq("foreign domain is the target", map1(peer, peer, 5, 0x30000),
             -EINVAL);
    idxs[0] = 0;
    gpfns[0] = GFN_MAP + 2;
    check_eq("dev_mmio of the control domain",
             batch(DOMID_SELF, XENMAPSPACE_dev_mmio, 0, 1), 0);
    check_eq("dev_mmio: x86 has none", errs[0], -EINVAL);
    check_eq("dev_mmio into the peer",
             batch(peer, XENMAPSPACE_dev_mmio, 0, 1), -EACCES);
}

/* A long batch (with continuations where the hypervisor preempts). */
static void test_long(void)
{
    unsigned int i, bad = 0;

    for ( i = 0; i < LONG; i++ )
    {
        idxs[i] = MSG_GFN;
        gpfns[i] = GFN_LONG + i;
    }
    check_eq("map the message page 128 times",
             batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, peer, LONG), 0);
    for ( i = 0; i < LONG; i++ )
        bad += errs[i] != 0 ||
               memcmp(gfn_ptr(GFN_LONG + i), PEER_MESSAGE, 8) != 0;
    check(!bad, "every entry mapped and shows the message", "%u bad", bad);
    for ( i = 0, bad = 0; i < LONG; i++ )
        bad += remove_from_physmap(GFN_LONG + i) != 0;
    check(!bad, "unmap all 128", "%u failed", bad);
    check_eq("unmapped twice", remove_from_physmap(GFN_LONG), -ENOENT);
}

/* Tell the peer to finish; its page stays readable until unmapped. */
static void outlive_peer(void)
{
    unsigned long i;
    long rc = 0;

    gte_set_frame(gfn_ptr(GFN_MAP), 1, 7, DONE_MAGIC);
    check_eq("unmap the peer's grant frame", remove_from_physmap(GFN_MAP), 0);
    for ( i = 0; i < 1000000; i++ )
    {
        rc = map1(DOMID_SELF, peer, MSG_GFN, GFN_MAP + 2);
        if ( rc )
            break;
        remove_from_physmap(GFN_MAP + 2);
        yield();
    }
    check_eq("the peer is gone", rc, -ESRCH);
    /* Its memory is given back in steps between guest runs: let those
     * finish while we still hold the page. */
    for ( i = 0; i < 256; i++ )
        yield();
    check(!memcmp(gfn_ptr(GFN_MAP + 1), PEER_MESSAGE, sizeof(PEER_MESSAGE)),
          "its page is still mapped here", " ");
    check_eq("unmap it: the last reference", remove_from_physmap(GFN_MAP + 1),
             0);
}

void test_main(void)
{
    struct xen_domain_handle { uint8_t h[16]; } dh;

    hypercall_xen_version(XENVER_guest_handle, &dh);
    self = ((domid_t)dh.h[14] << 8) | dh.h[15];
    peer = cmdline_ulong("peer", 1);
    if ( !wait_for_peer() || !seed_and_read() )
        return;
    test_call_refusals();
    test_entries();
    test_long();
    outlive_peer();
}
