/*
 * Bounded fuzzing of XENMEM_acquire_resource (native and compat) with a
 * fixed seed, run by `make test` under ASan/UBSan: random structures
 * (domid, type, id, frame, nr_frames, pad, frame list and its contents,
 * stray progress bits in cmd), random callers (control, device model,
 * unprivileged, translated or not), interleaved with unmaps and with
 * targets destroyed and re-created while mapped.  Asserts: no crash, the
 * result is in the documented errno set, continuation loops end, the
 * page counts stay consistent, and everything is returned at the end.
 *
 * Built with -DFUZZ_LIBFUZZER (make fuzz-acquire, clang only) the same
 * generator takes its choices from libFuzzer's input instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "fuzz_src.h"
#include "mem_harness.h"

#define G  0x10000UL             /* callers map at G .. G + 255 */
#define GG 0x0f000UL             /* d0's grant mapping of d1's gfn 3 */


/* World: id -> (control, target, gnttab frames, translated, version). */
static const struct {
    bool control;
    int target;
    unsigned int frames, version;
    bool translated;
} spec[] = {
    { true, -1, 0, 1, true },       /* d0: toolstack */
    { false, -1, 8, 1, true },      /* d1: a guest */
    { false, 1, 0, 1, true },       /* d2: d1's device model */
    { false, -1, 16, 2, true },     /* d3: a v2 guest */
    { true, -1, 0, 1, false },      /* d4: untranslated toolstack */
    { false, -1, 0, 1, true },      /* d5: nobody */
    { false, -1, 256, 1, true },    /* d6: a big table */
};
#define NR_DOMS ARRAY_SIZE(spec)

static void make_domain(unsigned int i)
{
    struct domain *d = mh_domain(i, spec[i].control, spec[i].target,
                                 spec[i].frames, 8);

    BUG_ON(!d);
    fake_set_translated(d, spec[i].translated);
    if ( spec[i].version == 2 )
        gnttab_set_version(d, 2);
    /* A device model follows its target's re-creation (letting go of
     * its reference on the dead one, as re-targeting would). */
    if ( i == 1 && domain_lookup(2) )
    {
        struct domain *dm = domain_lookup(2);

        if ( dm->target )
            put_domain(dm->target);
        dm->target = NULL;
        domain_set_target(dm, d);
    }
}

static void make_world(void)
{
    unsigned int i;

    for ( i = 0; i < NR_DOMS; i++ )
        make_domain(i);
    mh_grant(domain_lookup(1), 8, GTF_permit_access, 0, 3);
    fake_set_current(domain_lookup(0));
    BUG_ON(mh_map_grant(1, 8, GNTMAP_host_map, GG, NULL) != GNTST_okay);
}

static uint64_t pick_gfn(struct src *r)
{
    switch ( r32(r) % 8 )
    {
    case 0: return GG;
    case 1: return r32(r);
    case 2: return r64(r);
    case 3: return r32(r) % 16;            /* over the caller's RAM */
    default: return G + r32(r) % 256;
    }
}

static uint64_t pick_va(struct src *r, size_t entry)
{
    switch ( r32(r) % 10 )
    {
    case 0: return 0;
    case 1: return FAKE_GMEM_HOLE - entry * (r32(r) % 64);
    case 2: return FAKE_GMEM_SIZE - entry * (r32(r) % 64);
    case 3: return r64(r);
    default: return MH_LIST_VA + entry * (r32(r) % 64);
    }
}

static bool documented(long rc, bool compat, bool translated)
{
    switch ( rc )
    {
    case 0: case -EINVAL: case -ESRCH: case -EPERM: case -EOPNOTSUPP:
    case -EFAULT: case -EIO: case -EBUSY: case -ENOMEM:
    case -ENOENT:       /* type 0: no such ioreq server */
        return true;
    case -ERANGE:
        return compat && !translated;
    }
    return false;
}

static unsigned long n_ops, n_ok, n_conts, n_bad;

static void one_acquire(struct src *r)
{
    static const domid_t callers[] = { 0, 0, 2, 4, 4, 5, 1, 6 };
    struct domain *cd = domain_lookup(callers[r32(r) % ARRAY_SIZE(callers)]);
    bool compat = chance(r, 50);
    size_t entry = compat ? 4 : 8;
    struct mh_acq a;
    unsigned int i, n, conts;
    unsigned long cmd;
    long rc;

    fake_set_current(cd);
    a.domid = chance(r, 90) ? r32(r) % (NR_DOMS + 1)
                            : (chance(r, 50) ? DOMID_SELF : r32(r));
    a.type = chance(r, 85) ? XENMEM_resource_grant_table : r32(r) % 4;
    a.id = chance(r, 80) ? 0 : (chance(r, 80) ? 1 : r32(r));
    a.pad = chance(r, 95) ? 0 : r32(r);
    switch ( r32(r) % 6 )
    {
    case 0: a.frame = r64(r); break;
    case 1: a.frame = (1ULL << 32) - r32(r) % 4; break;
    default: a.frame = r32(r) % 24;
    }
    switch ( r32(r) % 6 )
    {
    case 0: a.nr_frames = 0; break;
    case 1: a.nr_frames = r32(r); break;
    case 2: a.nr_frames = r32(r) % 300; break;
    default: a.nr_frames = 1 + r32(r) % 20;
    }
    a.list = a.nr_frames == 0 && chance(r, 70) ? 0 : pick_va(r, entry);
    n = a.nr_frames < 300 ? a.nr_frames : 300;
    for ( i = 0; i < n; i++ )
        if ( fake_gmem(cd, a.list + i * entry, entry) && a.list >= PAGE_SIZE )
            mh_list_put(compat, a.list, i, pick_gfn(r));
    /* Issued as it is, or with stray progress bits in cmd. */
    mh_acq_write(compat, &a);
    cmd = XENMEM_acquire_resource;
    if ( chance(r, 5) )
        cmd |= (unsigned long)(r32(r) % 64) << MEMOP_EXTENT_SHIFT;
    mh_cont_bad = false;
    rc = mh_memory_op(compat, cmd, MH_ARG_VA, &conts);
    n_ops++;
    n_ok += rc == 0;
    n_conts += conts;
    if ( !documented(rc, compat, paging_mode_translate(cd)) || mh_cont_bad )
    {
        if ( n_bad++ < 5 )
            printf("fuzz-acquire: d%u %s domid %u type %u id %u frame %#llx "
                   "nr %u pad %u list %#llx -> %ld %s\n", cd->domain_id,
                   compat ? "compat" : "native", a.domid, a.type, a.id,
                   (unsigned long long)a.frame, a.nr_frames, a.pad,
                   (unsigned long long)a.list, rc, mh_cont_why);
    }
}

static void one_step(struct src *r)
{
    unsigned int k = r32(r) % 100;

    if ( k < 75 )
        one_acquire(r);
    else if ( k < 97 )
    {
        fake_set_current(domain_lookup(r32(r) % 2 ? 0 : 2));
        mh_remove(chance(r, 50), DOMID_SELF, G + r32(r) % 256);
    }
    else
    {
        /* A target dies, mapped or not, and a new one takes its id. */
        unsigned int id = (unsigned int[]){ 1, 3, 6 }[r32(r) % 3];

        mh_destroy(domain_lookup(id));
        make_domain(id);
    }
}

#ifndef FUZZ_LIBFUZZER
#define ITERATIONS 20000

int main(void)
{
    struct src r = { .s = 0x9e3779b97f4a7c15ULL };
    long xbase = fake_xmalloc_live();
    unsigned long baseline, i, inconsistent = 0;

    fake_machine_init(8192, 0);
    baseline = total_free_pages();
    make_world();
    for ( i = 0; i < ITERATIONS; i++ )
    {
        one_step(&r);
        if ( i % 512 == 0 )
            inconsistent += mh_check_counts() != 0;
    }
    CHECK_EQ("fuzz-acquire-documented-errnos", n_bad, 0);
    CHECK_EQ("fuzz-acquire-counts-consistent", inconsistent, 0);
    CHECK("fuzz-acquire-reached-success", n_ok > ITERATIONS / 50 &&
          n_conts > 0);
    mh_destroy_all();
    CHECK_EQ("fuzz-acquire-pages-back", total_free_pages(), baseline);
    CHECK_EQ("fuzz-acquire-no-xmalloc-left", fake_xmalloc_live(), xbase);
    fprintf(stderr, "fuzz-acquire: %lu calls, %lu succeeded, %lu continuations\n",
            n_ops, n_ok, n_conts);
    fake_machine_fini();
    return unit_done();
}
#else
#include "fuzz_world.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    return fuzz_world_input(data, len, 8192, make_world, one_step, &n_bad);
}
#endif
