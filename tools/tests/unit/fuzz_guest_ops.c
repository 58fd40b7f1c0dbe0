/*
 * Guest operations between domains, in random order: grant-table
 * entries written by the granter (any flags, any grantee), map and unmap
 * by another domain (any ref, flags, address, handle), version switches
 * and table growth, every event-channel op with random ports and
 * domains, sends and masks, and domains dying and coming back with their
 * grants mapped and their channels bound.  After every operation the
 * hypervisor's invariants must hold: each page's count equals the
 * references held on it, every answer is one Xen documents for the op;
 * at the end every page and allocation is back.
 *
 * Bounded (a fixed PRNG, in make test), or with FUZZ_LIBFUZZER the
 * operations come from libFuzzer's input (make fuzz, target guest_ops).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "fuzz_src.h"
#include "mem_harness.h"
#include <xen/event.h>
#include <public/event_channel.h>


#define NR_DOMS 3
#define ARG     0x1000UL
#define GG      0x0f000UL           /* grant mappings from here */

static unsigned long n_ops, n_bad, n_maps, n_ports;

static struct domain *dom(unsigned int i)
{
    return domain_lookup(i);
}

static void make_domain(unsigned int i)
{
    /* d0 control, d1 and d2 plain; d2 is d1's device model. */
    BUG_ON(!mh_domain(i, i == 0, i == 2 ? 1 : -1, 4, 8));
}

static bool grant_answer_ok(int16_t st)
{
    return st == GNTST_okay || st == GNTST_general_error ||
           st == GNTST_bad_domain || st == GNTST_bad_gntref ||
           st == GNTST_bad_handle || st == GNTST_bad_virt_addr ||
           st == GNTST_bad_dev_addr || st == GNTST_no_space ||
           st == GNTST_permission_denied || st == GNTST_bad_page;
}

static bool errno_ok(long rc)
{
    switch ( rc )
    {
    case 0: case -EINVAL: case -ESRCH: case -EPERM: case -ENOENT:
    case -EEXIST: case -ENOSPC: case -ENOSYS: case -EFAULT: case -EACCES:
    case -EBUSY: case -ENOMEM: case -EOPNOTSUPP: case -EAGAIN:
        return true;
    }
    return rc > 0;                  /* a port number */
}

static void grant_op(struct src *r, struct domain *cur)
{
    unsigned int k = r32(r) % 20;
    struct domain *granter = dom(r32(r) % 4 ? 1 + r32(r) % 2 : 0);
    int16_t st = GNTST_okay;

    k = k < 6 ? 0 : k < 12 ? 1 : k < 18 ? 2 : k == 18 ? 3 : 4;
    switch ( k )
    {
    case 0:     /* a granter writes an entry: mostly a real grant */
        if ( granter && granter->grant_table )
            mh_grant(granter, r32(r) % 16,
                     r32(r) % 4 ? GTF_permit_access |
                                  (r32(r) % 3 ? 0 : GTF_readonly)
                                : r32(r) & 0xff,
                     r32(r) % 4 ? 0 : r32(r) % 4, r32(r) % 10);
        return;
    case 1:
        st = mh_map_grant(r32(r) % 4 ? 1 + r32(r) % 2 : r32(r) % 4,
                          r32(r) % 4 ? r32(r) % 16 : r32(r) % 70,
                          r32(r) % 4 ? GNTMAP_host_map |
                                       (r32(r) % 2 ? GNTMAP_readonly : 0)
                                     : r32(r) & 0x1f,
                          GG + r32(r) % 64, NULL);
        break;
    case 2:
    {
        /* Mostly a handle and address that match a mapping we hold. */
        unsigned int h = r32(r) % 64;
        struct grant_table *gt = cur->grant_table;
        uint64_t gfn = GG + r32(r) % 64;

        if ( gt && gt->maptrack[h].in_use && r32(r) % 4 )
            gfn = gfn_x(gt->maptrack[h].gfn);
        st = mh_unmap_grant(h, gfn);
        break;
    }
    case 3:
        if ( cur->grant_table )
            n_bad += !errno_ok(gnttab_set_version(cur, 1 + r32(r) % 2));
        return;
    default:
        if ( cur->grant_table )
            n_bad += !errno_ok(gnttab_grow(cur, r32(r) % 12));
        return;
    }
    n_bad += !grant_answer_ok(st);
    n_maps += k == 1 && st == GNTST_okay;
}

static long evtchn(unsigned int cmd, void *arg, size_t size)
{
    memcpy(fake_gmem(current->domain, ARG, size), arg, size);
    return do_event_channel_op(cmd, guest_ptr(ARG));
}

static void evtchn_op(struct src *r)
{
    union {
        struct evtchn_alloc_unbound a;
        struct evtchn_bind_interdomain b;
        struct evtchn_bind_virq v;
        struct evtchn_bind_ipi i;
        struct evtchn_send s;
        struct evtchn_status st;
        struct evtchn_reset rs;
        struct evtchn_set_priority p;
    } u;
    unsigned int cmd = r32(r) % 11;

    memset(&u, 0, sizeof(u));
    u.b.remote_dom = r32(r) % 4 == 0 ? DOMID_SELF : r32(r) % 4;
    u.b.remote_port = r32(r) % 12;
    switch ( cmd )
    {
    case EVTCHNOP_alloc_unbound:
        u.a.dom = r32(r) % 3 ? DOMID_SELF : r32(r) % 4;
        u.a.remote_dom = r32(r) % 4;
        break;
    case EVTCHNOP_bind_virq:
        u.v.virq = r32(r) % 26;
        u.v.vcpu = r32(r) % 2;
        break;
    case EVTCHNOP_status:
        u.st.dom = r32(r) % 4;
        u.st.port = r32(r) % 12;
        break;
    case EVTCHNOP_reset:
        u.rs.dom = r32(r) % 2 ? DOMID_SELF : r32(r) % 4;
        break;
    default:
        u.s.port = r32(r) % 12;
        break;
    }
    {
        long rc = evtchn(cmd, &u, sizeof(u));

        n_bad += !errno_ok(rc);
        n_ports += rc == 0 && (cmd == EVTCHNOP_alloc_unbound ||
                               cmd == EVTCHNOP_bind_interdomain);
    }
}

static void one_step(struct src *r)
{
    unsigned int k = r32(r) % 100, id = 1 + r32(r) % 2;
    /* d0 (the usual grantee and mapper) half the time. */
    struct domain *cur = dom(r32(r) % 2 ? 0 : r32(r) % NR_DOMS);

    if ( !cur )
        return;
    fake_set_current(cur);
    n_ops++;
    if ( k < 45 )
        grant_op(r, cur);
    else if ( k < 95 )
        evtchn_op(r);
    else if ( k < 98 )
        send_guest_vcpu_virq(cur->vcpu[0], VIRQ_TIMER);
    else
    {
        /* A plain domain dies, mapped or bound, and comes back. */
        mh_destroy(dom(id));
        make_domain(id);
    }
}

static void make_world(void)
{
    unsigned int i;

    for ( i = 0; i < NR_DOMS; i++ )
        make_domain(i);
}

#ifndef FUZZ_LIBFUZZER
#define ITERATIONS 30000

int main(void)
{
    struct src r = { .s = 0x2545f4914f6cdd1dULL };
    long xbase = fake_xmalloc_live();
    unsigned long baseline, i, inconsistent = 0;

    fake_machine_init(4096, 0);
    baseline = total_free_pages();
    make_world();
    for ( i = 0; i < ITERATIONS; i++ )
    {
        one_step(&r);
        if ( i % 256 == 0 )
            inconsistent += mh_check_counts() != 0;
    }
    CHECK_EQ("fuzz-guest-ops-documented-answers", n_bad, 0);
    CHECK("fuzz-guest-ops-reached-success", n_maps > 100 && n_ports > 200);
    CHECK_EQ("fuzz-guest-ops-counts-consistent", inconsistent, 0);
    mh_destroy_all();
    CHECK_EQ("fuzz-guest-ops-pages-back", total_free_pages(), baseline);
    CHECK_EQ("fuzz-guest-ops-no-xmalloc-left", fake_xmalloc_live(), xbase);
    fprintf(stderr, "fuzz-guest-ops: %lu operations, %lu grants mapped, "
            "%lu channels made\n", n_ops, n_maps, n_ports);
    fake_machine_fini();
    return unit_done();
}
#else
#include "fuzz_world.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    return fuzz_world_input(data, len, 4096, make_world, one_step, &n_bad);
}
#endif
