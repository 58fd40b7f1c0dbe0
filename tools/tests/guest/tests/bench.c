/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Benchmarks, in guest TSC cycles (deterministic under QEMU -icount,
 * where one cycle is one emulated instruction's nanosecond).  Prints one
 * "bench: <name> <value> <unit>" line per number; scripts/bench collects
 * them.  Nothing here is a pass/fail assertion.
 *
 * Without a peer (peer=none, or on real Xen as dom0) only the hypercall
 * round trip is measured.  With one (default peer=1, running
 * tests/peer.c with gnttab-frames=1024), acquire-and-map and unmap cost
 * per frame for 1, 2, 32 and 1024 frames.  With peer=create (real Xen,
 * where dom0 boots alone) the peer is a domain made here with domctl and
 * never started (grant table of gnttab-frames=N frames, default 1024;
 * Xen must allow that many: gnttab_max_frames=1024), destroyed at the
 * end.  Both hypervisors grow the table on demand, so the first round of
 * each size includes the growth on either.
 */
#include "resmap.h"
#include "domctl.h"

const char test_title[] = "bench";

static xen_pfn_t gfns[1024];

/* Divide by a power of two (32-bit builds have no 64-bit division). */
static unsigned long long per(uint64_t total, unsigned int pow2)
{
    return total >> __builtin_ctz(pow2);
}

static void hypercall_round_trip(void)
{
    enum { N = 2048 };
    uint64_t t0 = rdtsc();

    for ( unsigned int i = 0; i < N; i++ )
        hypercall_xen_version(XENVER_version, NULL);
    printk("bench: hypercall-round-trip %llu cycles\n",
           per(rdtsc() - t0, N));
}

/* TSC cycles of n rounds of a two-instruction loop, RDTSCs included. */
static uint64_t loop_cycles(unsigned long n)
{
    uint64_t t0 = rdtsc();

    asm volatile ( "1: dec %0; jnz 1b" : "+r" (n) );
    return rdtsc() - t0;
}

/*
 * What a TSC cycle is here: the cycles 1024 more rounds of a
 * two-instruction loop take (the difference of two lengths, so that what
 * an RDTSC itself costs cancels out: a hypervisor may trap it).  About
 * 2048 where the TSC counts instructions (QEMU -icount shift=0, Bochs
 * with clock sync=none), anything on hardware.
 */
static void tsc_per_instructions(void)
{
    uint64_t a = loop_cycles(1024), b = loop_cycles(9216);

    printk("bench: tsc-per-2048-instructions %llu cycles\n",
           (unsigned long long)((b - a) / 8));
}

static void map_unmap(domid_t peer, uint32_t n)
{
    enum { ROUNDS = 8 };
    uint64_t map = 0, unmap = 0;

    for ( unsigned int i = 0; i < n; i++ )
        gfns[i] = GFN_FOREIGN + i;
    for ( unsigned int r = 0; r < ROUNDS; r++ )
    {
        uint64_t t0 = rdtsc(), t1;

        if ( map_gnttab_frames(peer, 0, 0, n, gfns) )
        {
            test_error("acquire of %u frames failed", n);
            return;
        }
        t1 = rdtsc();
        for ( unsigned int i = 0; i < n; i++ )
            remove_from_physmap(GFN_FOREIGN + i);
        unmap += rdtsc() - t1;
        map += t1 - t0;
    }
    printk("bench: acquire-map-%u %llu cycles/frame\n", n,
           per(per(map, ROUNDS), n));
    printk("bench: unmap-%u %llu cycles/frame\n", n,
           per(per(unmap, ROUNDS), n));
}

static unsigned long number(const char *s)
{
    unsigned long n = 0;

    for ( ; *s >= '0' && *s <= '9'; s++ )
        n = n * 10 + (*s - '0');
    return n;
}

void test_main(void)
{
    char buf[8] = "1";
    uint32_t nr = 0;
    domid_t peer;
    bool created;
    static const uint32_t sizes[] = { 1, 2, 32, 1024 };

    printk("bench: tsc-at-test-start %llu cycles\n",
           (unsigned long long)rdtsc());
    tsc_per_instructions();
    /* Let a peer run its start-up (up to its first yield) now, not in the
     * middle of a measurement: under Bochs a time slice is 10x fewer
     * instructions than under QEMU -icount. */
    yield();
    hypercall_round_trip();
    cmdline_get("peer", buf, sizeof(buf));
    if ( !strcmp(buf, "none") )
        return;
    created = !strcmp(buf, "create");
    if ( created )
    {
        char frames[8] = "1024";
        long rc;

        cmdline_get("gnttab-frames", frames, sizeof(frames));
        rc = domctl_create_hvm(&peer, number(frames), 1024);
        if ( rc )
        {
            test_skip("peer=create: createdomain failed (%ld)", rc);
            return;
        }
    }
    else
        peer = number(buf);
    if ( acquire_resource(peer, XENMEM_resource_grant_table, 0, 0, &nr, NULL) )
    {
        test_skip("no peer to map");
        nr = 0;
    }
    for ( unsigned int s = 0; s < ARRAY_SIZE(sizes); s++ )
        if ( sizes[s] <= nr )
            map_unmap(peer, sizes[s]);
    if ( created )
    {
        if ( domctl_destroydomain(peer) )
            test_error("destroydomain of the created peer failed");
        return;
    }
    /* Let the peer finish: map its frame 0 and leave the marker. */
    gfns[0] = GFN_FOREIGN;
    if ( nr && !map_gnttab_frames(peer, 0, 0, 1, gfns) )
    {
        gte_set_frame(gfn_ptr(GFN_FOREIGN), 1, 7, DONE_MAGIC);
        remove_from_physmap(GFN_FOREIGN);
    }
}
