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
 *
 * peer=create (for real Xen, where a dom0 boots alone): the control
 * domain makes its peer itself with domctl (include/domctl.h), an HVM
 * domain that is never started, with gnttab-frames=N frames (default:
 * Xen's).  What the running peer would do, the control domain does
 * through its own mappings: it writes the pattern into the new domain's
 * grant frame, seeds a grant for a page it populated there, writes the
 * message through one grant mapping and reads it through a second; the
 * peer goes away by destroydomain.  On a hypervisor without domctl the
 * test is skipped.
 *
 * ref=xen417 (scripts/test-xen417): accept real Xen 4.17's answers where
 * they differ from ours, and leave out what Xen answers by crashing the
 * caller, unless quirk=<name> asks for exactly that (README.md lists
 * both).
 */
#include "resmap.h"
#include "domctl.h"

const char test_title[] = "acquire";

/* A gfn no 4-level P2M can hold (address bit 52): its mapping fails. */
#ifdef __x86_64__
#define GFN_UNMAPPABLE  (1UL << 40)
#else
#define GFN_UNMAPPABLE  0UL         /* none: every 32-bit gfn maps on Xen */
#endif

static domid_t peer;
static bool created;            /* peer=create */
static bool xen417;             /* ref=xen417 */
static char quirk[16];          /* quirk=<name>: do what crashes us on Xen */
static unsigned int peer_version;
static uint32_t table_size;
static xen_pfn_t gfns[128];

static const char *errname(long rc)
{
    static const struct { long rc; const char *name; } names[] = {
        { 0, "0" }, { -EPERM, "-EPERM" }, { -ENOENT, "-ENOENT" },
        { -ESRCH, "-ESRCH" }, { -EIO, "-EIO" }, { -E2BIG, "-E2BIG" },
        { -ENOMEM, "-ENOMEM" }, { -EFAULT, "-EFAULT" }, { -EBUSY, "-EBUSY" },
        { -EINVAL, "-EINVAL" }, { -ERANGE, "-ERANGE" }, { -ENOSYS, "-ENOSYS" },
        { -EOPNOTSUPP, "-EOPNOTSUPP" },
    };

    for ( unsigned int i = 0; i < ARRAY_SIZE(names); i++ )
        if ( names[i].rc == rc )
            return names[i].name;
    return "another value";
}

/*
 * One answer: want from our hypervisor, want_ref from real Xen 4.17
 * (ref=xen417).  Prints what was answered either way.
 */
static bool check_rc(const char *what, long got, long want, long want_ref)
{
    long w = xen417 ? want_ref : want;
    char buf[96];

    snprintf(buf, sizeof(buf), "%s is %s", what, errname(w));
    return check(got == w, buf, "got %ld (%s)", got, errname(got));
}

static bool quirk_is(const char *name)
{
    return !strcmp(quirk, name);
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
    check_rc("pad != 0",
             hypercall_memory_op(XENMEM_acquire_resource, &x),
             -EINVAL, -EINVAL);
    check_rc("NULL list with nr_frames 1",
             acq(peer, XENMEM_resource_grant_table, 0, 0, 1, NULL),
             -EINVAL, -EINVAL);
    check_eq("size query", acquire_resource(peer, XENMEM_resource_grant_table,
                                            0, 0, &nr, NULL), 0);
    check(nr >= 1, "size query answers the table's size", "nr %u", nr);
    table_size = nr;
    printk("info: peer's grant table: %u frames, version %u\n", nr,
           peer_version);
    check_rc("missing domain",
             acq(0x7000, XENMEM_resource_grant_table, 0, 0, 1, gfns),
             -ESRCH, -ESRCH);
    check_rc("own domain id",
             acq(self, XENMEM_resource_grant_table, 0, 0, 1, gfns),
             -EPERM, -EPERM);
    /* Looked up as given, DOMID_SELF names no domain (as Xen 4.17). */
    check_rc("DOMID_SELF",
             acq(DOMID_SELF, XENMEM_resource_grant_table, 0, 0, 1, gfns),
             -ESRCH, -ESRCH);
    nr = 0;
    check_rc("size query of DOMID_SELF",
             acquire_resource(DOMID_SELF, XENMEM_resource_grant_table, 0, 0,
                              &nr, NULL), -ESRCH, -ESRCH);
    check_rc("unknown type", acq(peer, 99, 0, 0, 1, gfns),
             -EOPNOTSUPP, -EOPNOTSUPP);
    nr = 0;
    check_rc("size query of an unknown type",
             acquire_resource(peer, 99, 0, 0, &nr, NULL), -EOPNOTSUPP, 0);
    /* Xen 4.17 succeeds, with its -EOPNOTSUPP read as a frame count. */
    if ( xen417 )
        check_eq("size query of an unknown type: nr_frames is -EOPNOTSUPP",
                 nr, (uint32_t)-EOPNOTSUPP);
    check_rc("unknown grant table id",
             acq(peer, XENMEM_resource_grant_table, 7, 0, 1, gfns),
             -EINVAL, -EINVAL);
    check_rc("frame past the end",
             acq(peer, XENMEM_resource_grant_table, 0, table_size, 1, gfns),
             -EINVAL, -EINVAL);
    check_rc("range running past the end",
             acq(peer, XENMEM_resource_grant_table, 0, table_size - 1, 2,
                 gfns), -EINVAL, -EINVAL);
    check_rc("frame >= 2^32",
             acq(peer, XENMEM_resource_grant_table, 0, 1ULL << 32, 1, gfns),
             -EINVAL, -EINVAL);
    check_rc("nr_frames 0 with a list",
             acq(peer, XENMEM_resource_grant_table, 0, 0, 0, gfns),
             -EINVAL, -EINVAL);
    check_rc("unreadable frame list",
             acq(peer, XENMEM_resource_grant_table, 0, 0, 1,
                 (xen_pfn_t *)0xb0000000UL), -EFAULT, -EFAULT);
    check_rc("unreadable argument",
             hypercall_memory_op(XENMEM_acquire_resource, (void *)0xb0000000UL),
             -EFAULT, -EFAULT);
    if ( peer_version != 2 )
    {
        /* As Xen 4.17: sized as if v2, but not mappable. */
        nr = 0;
        check_rc("status size query of a v1 table",
                 acquire_resource(peer, XENMEM_resource_grant_table, 1, 0,
                                  &nr, NULL), 0, 0);
        check(nr == (table_size + 7) / 8, "it is sized as for v2",
              "nr %u for %u frames", nr, table_size);
        check_rc("status frames of a v1 table (cannot be mapped)",
                 acq(peer, XENMEM_resource_grant_table, 1, 0, 1, gfns),
                 -EINVAL, -EINVAL);
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
    if ( xen417 && !quirk_is("remap") )
    {
        /*
         * Xen 4.17 crashes a caller that maps another frame over a
         * foreign entry (quirk=remap shows it); the same frame again is
         * accepted.
         */
        check_eq("map frame 0 again over the same gfn",
                 map_gnttab_frames(peer, 0, 0, 1, gfns), 0);
        check(gte_frame(gfn_ptr(GFN_FOREIGN), peer_version, 4) == PEER_PATTERN,
              "the gfn still shows frame 0", " ");
    }
    else
    {
        if ( xen417 )
            printk("info: quirk remap: frame 1 over frame 0's gfn\n");
        check_eq("map frame 1 over the same gfn",
                 map_gnttab_frames(peer, 0, 1, 1, gfns), 0);
        check(gte_frame(gfn_ptr(GFN_FOREIGN), peer_version, 4) != PEER_PATTERN,
              "the gfn now shows frame 1", " ");
    }
    unmap_range(GFN_FOREIGN, 1, "unmap the remapped gfn");
    check_eq("nothing left to unmap", remove_from_physmap(GFN_FOREIGN), -ENOENT);
    for ( i = 0; i < 200; i++ )
        bad += map_gnttab_frames(peer, 0, i % table_size, 1, gfns) != 0 ||
               remove_from_physmap(GFN_FOREIGN) != 0;
    check(!bad, "200 rounds of map and unmap", "%u failed", bad);
}

static bool grant_map(struct gnttab_map_grant_ref *m, bool readonly,
                      const char *what)
{
    char buf[80];

    m->flags = GNTMAP_host_map | (readonly ? GNTMAP_readonly : 0);
    m->status = GNTST_general_error;
    if ( !check_eq(what, hypercall_grant_table_op(GNTTABOP_map_grant_ref, m, 1),
                   0) )
        return false;
    snprintf(buf, sizeof(buf), "%s: status", what);
    return check_eq(buf, m->status, GNTST_okay);
}

static void grant_unmap(const struct gnttab_map_grant_ref *m, const char *what)
{
    struct gnttab_unmap_grant_ref u = {
        .host_addr = m->host_addr, .handle = m->handle,
    };
    char buf[80];

    check_eq(what, hypercall_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1),
             0);
    snprintf(buf, sizeof(buf), "%s: status", what);
    check_eq(buf, u.status, GNTST_okay);
}

/*
 * The toolstack's seeding of a new domain's grant table, then its use.
 * A running peer writes the message into the page it is granted; for a
 * created peer the control domain writes it through a first, writable
 * mapping of the grant and reads it back through a second, read-only one.
 */
static void test_seed_and_eio(domid_t self)
{
    void *gt = gfn_ptr(GFN_FOREIGN);
    struct gnttab_map_grant_ref m = {
        .host_addr = (uint64_t)GFN_GRANT_MAP << 12, .ref = 0, .dom = peer,
    };
    struct gnttab_unmap_grant_ref u = { .host_addr = m.host_addr };
    unsigned long i;

    if ( created &&
         !check_eq("populate a page of the created peer",
                   populate_physmap(peer, MSG_GFN), 1) )
        return;
    gfns[0] = GFN_FOREIGN;
    if ( !check_eq("map the peer's frame 0 for seeding",
                   map_gnttab_frames(peer, 0, 0, 1, gfns), 0) )
        return;
    *gte_domid(gt, peer_version, 0) = self;
    gte_set_frame(gt, peer_version, 0, MSG_GFN);
    *gte_flags(gt, peer_version, 0) = GTF_permit_access;   /* flags last */
    if ( created )
    {
        if ( !grant_map(&m, false, "map_grant_ref of the seeded grant (rw)") )
            return;
        if ( peer_version == 1 )
            check(*gte_flags(gt, 1, 0) & GTF_writing,
                  "GTF_writing set while mapped", "flags %#x",
                  *gte_flags(gt, 1, 0));
        memcpy(gfn_ptr(GFN_GRANT_MAP), PEER_MESSAGE, sizeof(PEER_MESSAGE));
        grant_unmap(&m, "unmap_grant_ref of the writable mapping");
        if ( !grant_map(&m, true, "map_grant_ref of the seeded grant (ro)") )
            return;
    }
    else
    {
        for ( i = 0; i < 1000000 &&
                     gte_frame(gt, peer_version, 5) != READY_MAGIC; i++ )
            yield();
        check(i < 1000000, "the peer saw the seeded entry", "no answer");
        if ( !grant_map(&m, false, "map_grant_ref of the seeded grant") )
            return;
    }
    check(!memcmp(gfn_ptr(GFN_GRANT_MAP), PEER_MESSAGE, sizeof(PEER_MESSAGE)),
          "read the peer's message through the grant", "%.40s",
          (const char *)gfn_ptr(GFN_GRANT_MAP));
    if ( peer_version == 1 )
        check(*gte_flags(gt, 1, 0) & (created ? GTF_reading : GTF_writing),
              created ? "GTF_reading set while mapped read-only"
                      : "GTF_writing set while mapped", "flags %#x",
              *gte_flags(gt, 1, 0));

    /*
     * A later frame failing after the first was mapped: -EIO.  Ours
     * refuses a gfn that holds a grant mapping; Xen 4.17 crashes the
     * caller for that (quirk=eio-grant), so there the second gfn is one
     * its P2M cannot hold (address bit 52).  A 32-bit caller cannot name
     * such a gfn (every 32-bit gfn maps on Xen), so it has no -EIO case
     * there.
     */
    if ( xen417 && sizeof(xen_pfn_t) == 4 && !quirk_is("eio-grant") )
        printk("info: -EIO after a partial mapping: not reachable for a "
               "32-bit caller on Xen 4.17 without crashing it\n");
    else
    {
        gfns[0] = GFN_FOREIGN + 1;
        gfns[1] = xen417 && !quirk_is("eio-grant") ? GFN_UNMAPPABLE
                                                   : GFN_GRANT_MAP;
        if ( xen417 && quirk_is("eio-grant") )
            printk("info: quirk eio-grant: frame 1 over the grant's gfn\n");
        check_eq("failure after the first frame is -EIO",
                 map_gnttab_frames(peer, 0, 0, 2, gfns), -EIO);
        check_eq("the first frame stayed mapped: caller removes it",
                 remove_from_physmap(GFN_FOREIGN + 1), 0);
    }
    check_rc("remove_from_physmap of a grant mapping (it stays)",
             remove_from_physmap(GFN_GRANT_MAP), -ENOENT, -ENOENT);

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
    /* Its memory is given back in steps between guest runs: let those
     * finish while we still hold the frame. */
    for ( i = 0; i < 256; i++ )
        yield();
    check(gte_frame(gt, peer_version, 4) == PEER_PATTERN,
          "its frame is still readable through our mapping", " ");
    if ( !keep )
        unmap_range(GFN_FOREIGN, 1, "unmap the last frame of the dead peer");
}

/* The same for a created peer: destroy it while holding its frame 0. */
static void destroy_created(bool keep)
{
    void *gt = gfn_ptr(GFN_FOREIGN);
    uint32_t nr = 0, flags = 0;
    long rc;

    check_eq("destroydomain of the created peer",
             domctl_destroydomain(peer), 0);
    rc = domctl_getdomaininfo(peer, &flags);
    printk("info: after destroydomain: getdomaininfo %ld (%s), flags %#x\n",
           rc, errname(rc), flags);
    check(rc == -ESRCH || (!rc && (flags & DOMCTL_DOMINF_dying)),
          "the peer is dying or gone", "rc %ld flags %#x", rc, flags);
    rc = acquire_resource(peer, XENMEM_resource_grant_table, 0, 0, &nr, NULL);
    printk("info: after destroydomain: size query %ld (%s), nr %u\n",
           rc, errname(rc), nr);
    gfns[0] = GFN_FOREIGN + 2;
    rc = map_gnttab_frames(peer, 0, 1, 1, gfns);
    printk("info: after destroydomain: mapping frame 1: %ld (%s)\n",
           rc, errname(rc));
    if ( !rc )
        remove_from_physmap(GFN_FOREIGN + 2);
    check(gte_frame(gt, peer_version, 4) == PEER_PATTERN,
          "its frame is still readable through our mapping", "entry 4 %#llx",
          (unsigned long long)gte_frame(gt, peer_version, 4));
    if ( keep )
        return;
    unmap_range(GFN_FOREIGN, 1, "unmap the last frame of the dead peer");
    rc = domctl_getdomaininfo(peer, &flags);
    printk("info: after the unmap: getdomaininfo %ld (%s), flags %#x\n",
           rc, errname(rc), flags);
    nr = 0;
    rc = acquire_resource(peer, XENMEM_resource_grant_table, 0, 0, &nr, NULL);
    printk("info: after the unmap: size query %ld (%s)\n", rc, errname(rc));
}

/*
 * The peer chooses its table version and then leaves its pattern: wait
 * for the pattern, read through a mapping in the version in force.  A
 * created peer keeps the version it was created with, and the pattern is
 * ours: write it through one mapping, the wait finds it through another.
 */
static bool wait_for_peer(void)
{
    struct gnttab_get_version gv = { .dom = peer };
    xen_pfn_t gfn = GFN_FOREIGN;
    unsigned long i;
    bool seen = false;

    if ( created )
    {
        if ( !check_eq("get_version of the created peer",
                       hypercall_grant_table_op(GNTTABOP_get_version, &gv, 1),
                       0) ||
             !check_eq("map the created peer's frame 0",
                       map_gnttab_frames(peer, 0, 0, 1, &gfn), 0) )
            return false;
        gte_set_frame(gfn_ptr(GFN_FOREIGN), gv.version, 4, PEER_PATTERN);
        check_eq("unmap it", remove_from_physmap(GFN_FOREIGN), 0);
    }
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
    return check(seen, created ? "a second mapping shows the pattern"
                               : "the peer is up",
                 "version %u after %lu tries", gv.version, i);
}

/* peer=create: a new domain, never started, as the peer. */
static bool create_peer(void)
{
    char buf[16];
    int frames = -1;
    long rc;

    if ( cmdline_get("gnttab-frames", buf, sizeof(buf)) )
        frames = cmdline_ulong("gnttab-frames", 0);
    rc = domctl_create_hvm(&peer, frames, 1024);
    if ( rc == -ENOSYS )
    {
        test_skip("peer=create: no domctl here (-ENOSYS)");
        return false;
    }
    if ( !check_rc("createdomain", rc, 0, 0) )
        return false;
    printk("info: created domain %u as the peer\n", peer);
    return true;
}

void test_main(void)
{
    domid_t self;
    struct xen_domain_handle { uint8_t h[16]; } dh;
    char buf[16] = "";

    cmdline_get("ref", buf, sizeof(buf));
    xen417 = !strcmp(buf, "xen417");
    cmdline_get("quirk", quirk, sizeof(quirk));
    hypercall_xen_version(XENVER_guest_handle, &dh);
    self = ((domid_t)dh.h[14] << 8) | dh.h[15];
    buf[0] = '\0';
    cmdline_get("peer", buf, sizeof(buf));
    created = !strcmp(buf, "create");
    if ( created ? !create_peer() : ((peer = cmdline_ulong("peer", 1)), false) )
        return;
    if ( !wait_for_peer() )
        goto out;

    test_errors(self);
    test_sizes();
    test_remap();
    test_seed_and_eio(self);
    if ( peer_version == 2 )
        test_status_frames();
    if ( created )
    {
        destroy_created(cmdline_ulong("keep", 0));
        return;
    }
    finish_with_peer(cmdline_ulong("keep", 0));
    return;
 out:
    if ( created )
        domctl_destroydomain(peer);
}
