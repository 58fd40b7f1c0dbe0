/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENMEM_acquire_resource from the control domain (role=control), against
 * a running peer (tests/peer.c, domain peer=N, default 1).  The 32-bit
 * build goes through the hypervisor's compat path.
 *
 * Covers every row of the error table, mapping 1, 2, 32, 33 and all
 * frames (with continuations), remapping over the same gfn, repeated
 * map/unmap, the toolstack's grant seeding (write entry 0, the peer
 * fills the page, map it with GNTTABOP_map_grant_ref), -EIO after a
 * partial mapping, v2 status frames when the peer uses v2, and a
 * mapping that outlives the peer.  keep=1 leaves one frame mapped at the
 * end (the caller-destroyed-while-mapped case).
 */
#include "resmap.h"

const char test_title[] = "acquire";

static domid_t peer;
static unsigned int peer_version;
static uint32_t table_size;
static xen_pfn_t gfns[128];

static unsigned long opt(const char *key, unsigned long dflt)
{
    char buf[16];
    unsigned long n = 0;

    if ( !cmdline_get(key, buf, sizeof(buf)) )
        return dflt;
    for ( const char *p = buf; *p >= '0' && *p <= '9'; p++ )
        n = n * 10 + (*p - '0');
    return n;
}

static long acq(domid_t dom, unsigned int type, unsigned int id,
                uint64_t frame, uint32_t nr, xen_pfn_t *list)
{
    return acquire_resource(dom, type, id, frame, &nr, list);
}

static void unmap_range(unsigned long gfn, unsigned int n, const char *what)
{
    unsigned int i, bad = 0;

    for ( i = 0; i < n; i++ )
        bad += remove_from_physmap(gfn + i) != 0;
    check(!bad, what, "%u of %u removals failed", bad, n);
}

static void fill_gfns(unsigned long base, unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        gfns[i] = base + i;
}

static void test_errors(domid_t self)
{
    struct xen_mem_acquire_resource x = {
        .domid = peer, .type = XENMEM_resource_grant_table, .pad = 1,
        .nr_frames = 1,
    };
    uint32_t nr = 0;

    set_xen_guest_handle(x.frame_list, gfns);
    gfns[0] = GFN_FOREIGN;
    check_eq("pad != 0 is -EINVAL",
             hypercall_memory_op(XENMEM_acquire_resource, &x), -EINVAL);
    check_eq("NULL list with nr_frames 1 is -EINVAL",
             acq(peer, XENMEM_resource_grant_table, 0, 0, 1, NULL), -EINVAL);
    check_eq("size query", acquire_resource(peer, XENMEM_resource_grant_table,
                                            0, 0, &nr, NULL), 0);
    check(nr >= 1, "size query answers the table's size", "nr %u", nr);
    table_size = nr;
    printk("info: peer's grant table: %u frames, version %u\n", nr,
           peer_version);
    check_eq("missing domain is -ESRCH",
             acq(0x7000, XENMEM_resource_grant_table, 0, 0, 1, gfns), -ESRCH);
    check_eq("own domain id is -EPERM",
             acq(self, XENMEM_resource_grant_table, 0, 0, 1, gfns), -EPERM);
    check_eq("DOMID_SELF names no domain: -ESRCH (as Xen 4.17)",
             acq(DOMID_SELF, XENMEM_resource_grant_table, 0, 0, 1, gfns),
             -ESRCH);
    check_eq("unknown type is -EOPNOTSUPP",
             acq(peer, 99, 0, 0, 1, gfns), -EOPNOTSUPP);
    check_eq("unknown grant table id is -EINVAL",
             acq(peer, XENMEM_resource_grant_table, 7, 0, 1, gfns), -EINVAL);
    check_eq("frame past the end is -EINVAL",
             acq(peer, XENMEM_resource_grant_table, 0, table_size, 1, gfns),
             -EINVAL);
    check_eq("range running past the end is -EINVAL",
             acq(peer, XENMEM_resource_grant_table, 0, table_size - 1, 2, gfns),
             -EINVAL);
    check_eq("frame >= 2^32 is -EINVAL",
             acq(peer, XENMEM_resource_grant_table, 0, 1ULL << 32, 1, gfns),
             -EINVAL);
    check_eq("nr_frames 0 with a list is -EINVAL",
             acq(peer, XENMEM_resource_grant_table, 0, 0, 0, gfns), -EINVAL);
    check_eq("unreadable frame list is -EFAULT",
             acq(peer, XENMEM_resource_grant_table, 0, 0, 1,
                 (xen_pfn_t *)0xb0000000UL), -EFAULT);
    check_eq("unreadable argument is -EFAULT",
             hypercall_memory_op(XENMEM_acquire_resource, (void *)0xb0000000UL),
             -EFAULT);
    if ( peer_version != 2 )
    {
        /* As Xen 4.17: sized as if v2, but not mappable. */
        nr = 0;
        check_eq("status size query of a v1 table",
                 acquire_resource(peer, XENMEM_resource_grant_table, 1, 0,
                                  &nr, NULL), 0);
        check(nr == (table_size + 7) / 8, "it is sized as for v2",
              "nr %u for %u frames", nr, table_size);
        check_eq("status frames of a v1 table cannot be mapped: -EINVAL",
                 acq(peer, XENMEM_resource_grant_table, 1, 0, 1, gfns),
                 -EINVAL);
    }
}

static void test_sizes(void)
{
    static const uint32_t sizes[] = { 1, 2, 32, 33 };

    for ( unsigned int s = 0; s <= ARRAY_SIZE(sizes); s++ )
    {
        uint32_t n = s < ARRAY_SIZE(sizes) ? sizes[s] : table_size;
        char what[64];

        if ( n > table_size || n > ARRAY_SIZE(gfns) )
            continue;
        fill_gfns(GFN_FOREIGN, n);
        snprintf(what, sizeof(what), "map %u frame(s)", n);
        check_eq(what, map_gnttab_frames(peer, 0, 0, n, gfns), 0);
        check(gte_frame(gfn_ptr(GFN_FOREIGN), peer_version, 4) == PEER_PATTERN,
              "the mapping shows the peer's table", "entry 4 %#llx",
              (unsigned long long)gte_frame(gfn_ptr(GFN_FOREIGN),
                                            peer_version, 4));
        snprintf(what, sizeof(what), "unmap %u frame(s)", n);
        unmap_range(GFN_FOREIGN, n, what);
    }
}

static void test_remap(void)
{
    unsigned int i, bad = 0;

    gfns[0] = GFN_FOREIGN;
    check_eq("map frame 0", map_gnttab_frames(peer, 0, 0, 1, gfns), 0);
    check_eq("map frame 1 over the same gfn",
             map_gnttab_frames(peer, 0, 1, 1, gfns), 0);
    check(gte_frame(gfn_ptr(GFN_FOREIGN), peer_version, 4) != PEER_PATTERN,
          "the gfn now shows frame 1", " ");
    unmap_range(GFN_FOREIGN, 1, "unmap the remapped gfn");
    check_eq("nothing left to unmap", remove_from_physmap(GFN_FOREIGN), -ENOENT);
    for ( i = 0; i < 200; i++ )
        bad += map_gnttab_frames(peer, 0, i % table_size, 1, gfns) != 0 ||
               remove_from_physmap(GFN_FOREIGN) != 0;
    check(!bad, "200 rounds of map and unmap", "%u failed", bad);
}

/* The toolstack's seeding of a new domain's grant table, then its use. */
static void test_seed_and_eio(domid_t self)
{
    void *gt = gfn_ptr(GFN_FOREIGN);
    struct gnttab_map_grant_ref m = {
        .host_addr = (uint64_t)GFN_GRANT_MAP << 12, .flags = GNTMAP_host_map,
        .ref = 0, .dom = peer,
    };
    struct gnttab_unmap_grant_ref u = { .host_addr = m.host_addr };
    unsigned long i;

    gfns[0] = GFN_FOREIGN;
    if ( !check_eq("map the peer's frame 0 for seeding",
                   map_gnttab_frames(peer, 0, 0, 1, gfns), 0) )
        return;
    *gte_domid(gt, peer_version, 0) = self;
    gte_set_frame(gt, peer_version, 0, MSG_GFN);
    *gte_flags(gt, peer_version, 0) = GTF_permit_access;   /* flags last */
    for ( i = 0; i < 1000000 &&
                 gte_frame(gt, peer_version, 5) != READY_MAGIC; i++ )
        yield();
    check(i < 1000000, "the peer saw the seeded entry", "no answer");
    check_eq("map_grant_ref of the seeded grant",
             hypercall_grant_table_op(GNTTABOP_map_grant_ref, &m, 1), 0);
    check_eq("map_grant_ref status", m.status, GNTST_okay);
    check(!memcmp(gfn_ptr(GFN_GRANT_MAP), PEER_MESSAGE, sizeof(PEER_MESSAGE)),
          "read the peer's message through the grant", "%.40s",
          (const char *)gfn_ptr(GFN_GRANT_MAP));
    if ( peer_version == 1 )
        check(*gte_flags(gt, 1, 0) & GTF_writing,
              "GTF_writing set while mapped", "flags %#x",
              *gte_flags(gt, 1, 0));

    /* A later frame failing after the first was mapped: -EIO. */
    gfns[0] = GFN_FOREIGN + 1;
    gfns[1] = GFN_GRANT_MAP;            /* busy: holds the grant */
    check_eq("failure after the first frame is -EIO",
             map_gnttab_frames(peer, 0, 0, 2, gfns), -EIO);
    check_eq("the first frame stayed mapped: caller removes it",
             remove_from_physmap(GFN_FOREIGN + 1), 0);
    check_eq("a grant mapping is not removed by remove_from_physmap",
             remove_from_physmap(GFN_GRANT_MAP), -EBUSY);

    u.handle = m.handle;
    check_eq("unmap_grant_ref",
             hypercall_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1), 0);
    check_eq("unmap_grant_ref status", u.status, GNTST_okay);
    if ( peer_version == 1 )
        check(!(*gte_flags(gt, 1, 0) & (GTF_reading | GTF_writing)),
              "GTF_reading/writing cleared", "flags %#x", *gte_flags(gt, 1, 0));
    u.handle = m.handle;
    check_eq("second unmap: bad handle",
             (hypercall_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1),
              u.status), GNTST_bad_handle);
}

static void test_status_frames(void)
{
    uint32_t nr = 0;

    check_eq("status size query (v2)",
             acquire_resource(peer, XENMEM_resource_grant_table, 1, 0, &nr,
                              NULL), 0);
    check(nr >= 1, "a v2 table has status frames", "nr %u", nr);
    gfns[0] = GFN_FOREIGN + 100;
    check_eq("map status frame 0", map_gnttab_frames(peer, 1, 0, 1, gfns), 0);
    unmap_range(GFN_FOREIGN + 100, 1, "unmap status frame 0");
}

/* Tell the peer to finish, and outlive it while holding its frame 0. */
static void finish_with_peer(bool keep)
{
    void *gt = gfn_ptr(GFN_FOREIGN);
    unsigned long i;
    uint32_t nr = 0;

    gte_set_frame(gt, peer_version, 7, DONE_MAGIC);
    for ( i = 0; i < 1000000; i++ )
    {
        nr = 0;
        if ( acquire_resource(peer, XENMEM_resource_grant_table, 0, 0, &nr,
                              NULL) == -ESRCH )
            break;
        yield();
    }
    check(i < 1000000, "the peer went away", " ");
    check(gte_frame(gt, peer_version, 4) == PEER_PATTERN,
          "its frame is still readable through our mapping", " ");
    if ( !keep )
        unmap_range(GFN_FOREIGN, 1, "unmap the last frame of the dead peer");
}

/*
 * The peer chooses its table version and then leaves its pattern: wait
 * for the pattern, read through a mapping in the version in force.
 */
static bool wait_for_peer(void)
{
    struct gnttab_get_version gv = { .dom = peer };
    xen_pfn_t gfn = GFN_FOREIGN;
    unsigned long i;
    bool seen = false;

    for ( i = 0; i < 100000 && !seen; i++ )
    {
        if ( hypercall_grant_table_op(GNTTABOP_get_version, &gv, 1) ||
             map_gnttab_frames(peer, 0, 0, 1, &gfn) )
            break;
        seen = gte_frame(gfn_ptr(GFN_FOREIGN), gv.version, 4) == PEER_PATTERN;
        remove_from_physmap(GFN_FOREIGN);
        if ( !seen )
            yield();
    }
    peer_version = gv.version;
    return check(seen, "the peer is up", "version %u after %lu tries",
                 gv.version, i);
}

void test_main(void)
{
    domid_t self;
    struct xen_domain_handle { uint8_t h[16]; } dh;

    peer = opt("peer", 1);
    hypercall_xen_version(XENVER_guest_handle, &dh);
    self = ((domid_t)dh.h[14] << 8) | dh.h[15];
    if ( !wait_for_peer() )
        return;

    test_errors(self);
    test_sizes();
    test_remap();
    test_seed_and_eio(self);
    if ( peer_version == 2 )
        test_status_frames();
    finish_with_peer(opt("keep", 0));
}
