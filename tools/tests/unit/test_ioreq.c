/*
 * Ioreq servers: dm_op (native and compat buffer arrays) and
 * XENMEM_acquire_resource of type XENMEM_resource_ioreq_server, on the
 * fake arch: every dm_op check, server create/info/state/destroy, who
 * may act on a server, mapping its frames, and the page references:
 * a destroyed server's page still mapped by its device model stays
 * allocated until unmapped, and everything comes back at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"
#include <xen/ioreq.h>
#include <public/hvm/dm_op.h>
#include <compat/dm_op.h>

#define OP_VA    0x3000UL       /* struct xen_dm_op */
#define BUFS_VA  0x3800UL       /* the buffer array */
#define G        0x10000UL      /* where callers map ioreq frames */
#define NO_DOMAIN 77
/* handle_bufioreq (HVM_IOREQSRV_BUFIOREQ_*: tools-only in hvm_op.h). */
#define BUFIOREQ_OFF    0
#define BUFIOREQ_ATOMIC 2

enum { D0, DT, DM, DX };
static struct domain *dom[4];

static const char *nm(bool compat, const char *what)
{
    static char buf[8][96];
    static unsigned int next;
    char *b = buf[next++ % 8];

    snprintf(b, sizeof(buf[0]), "ioreq-%s-%s", compat ? "compat" : "native",
             what);
    return b;
}

/* dm_op from the current domain with buffer 0 = *op of size bytes. */
static long dmop_raw(bool compat, domid_t domid, unsigned int nr_bufs,
                     struct xen_dm_op *op, uint64_t size)
{
    struct domain *cur = current->domain;
    long rc;

    memcpy(fake_gmem(cur, OP_VA, sizeof(*op)), op, sizeof(*op));
    if ( compat )
    {
        struct compat_dm_op_buf b[3] = {
            { OP_VA, (uint32_t)size }, { OP_VA, 0 }, { OP_VA, 0 },
        };

        memcpy(fake_gmem(cur, BUFS_VA, sizeof(b)), b, sizeof(b));
        rc = compat_dm_op(domid, nr_bufs, guest_ptr(BUFS_VA));
    }
    else
    {
        struct { uint64_t h, size; } b[3] = {
            { OP_VA, size }, { OP_VA, 0 }, { OP_VA, 0 },
        };

        _Static_assert(sizeof(b[0]) == sizeof(struct xen_dm_op_buf), "buf");
        memcpy(fake_gmem(cur, BUFS_VA, sizeof(b)), b, sizeof(b));
        rc = do_dm_op(domid, nr_bufs, guest_ptr(BUFS_VA));
    }
    memcpy(op, fake_gmem(cur, OP_VA, sizeof(*op)), sizeof(*op));
    return rc;
}

static long dmop(bool compat, domid_t domid, struct xen_dm_op *op)
{
    return dmop_raw(compat, domid, 1, op, sizeof(*op));
}

static long create(bool compat, domid_t domid, unsigned int handling,
                   uint16_t *id)
{
    struct xen_dm_op op = { .op = XEN_DMOP_create_ioreq_server };
    long rc;

    op.u.create_ioreq_server.handle_bufioreq = handling;
    op.u.create_ioreq_server.id = 0xdead;
    rc = dmop(compat, domid, &op);
    *id = op.u.create_ioreq_server.id;
    return rc;
}

static long destroy(bool compat, domid_t domid, uint16_t id)
{
    struct xen_dm_op op = { .op = XEN_DMOP_destroy_ioreq_server };

    op.u.destroy_ioreq_server.id = id;
    return dmop(compat, domid, &op);
}

static long get_info(bool compat, domid_t domid, uint16_t id, uint16_t flags,
                     struct xen_dm_op_get_ioreq_server_info *out)
{
    struct xen_dm_op op = { .op = XEN_DMOP_get_ioreq_server_info };
    long rc;

    op.u.get_ioreq_server_info.id = id;
    op.u.get_ioreq_server_info.flags = flags;
    op.u.get_ioreq_server_info.bufioreq_port = 0x1234;
    op.u.get_ioreq_server_info.ioreq_gfn = 0x5555;
    rc = dmop(compat, domid, &op);
    if ( out )
        *out = op.u.get_ioreq_server_info;
    return rc;
}

static long set_state(bool compat, domid_t domid, uint16_t id, uint8_t en,
                      uint8_t pad)
{
    struct xen_dm_op op = { .op = XEN_DMOP_set_ioreq_server_state };

    op.u.set_ioreq_server_state.id = id;
    op.u.set_ioreq_server_state.enabled = en;
    op.u.set_ioreq_server_state.pad = pad;
    return dmop(compat, domid, &op);
}

static long acq(bool compat, domid_t domid, uint32_t id, uint64_t frame,
                uint32_t nr, uint64_t list)
{
    struct mh_acq a = {
        .domid = domid, .type = XENMEM_resource_ioreq_server, .id = id,
        .nr_frames = nr, .frame = frame, .list = list,
    };

    return mh_acquire(compat, &a, NULL);
}

static struct ioreq_server *server(struct domain *d, unsigned int id)
{
    return d->ioreq ? d->ioreq->server[id] : NULL;
}

/* The checks of dm_op itself, before any op runs. */
static void test_dm_op_checks(bool compat)
{
    struct xen_dm_op op = { .op = XEN_DMOP_create_ioreq_server };
    uint16_t id;

    fake_set_current(dom[DM]);
    CHECK_EQ(nm(compat, "e2big"), dmop_raw(compat, 1, 3, &op, sizeof(op)),
             -E2BIG);
    CHECK_EQ(nm(compat, "e2big-huge"),
             dmop_raw(compat, 1, 0x80000000u, &op, sizeof(op)), -E2BIG);
    CHECK_EQ(nm(compat, "no-bufs"), dmop_raw(compat, 1, 0, &op, sizeof(op)),
             -EFAULT);
    CHECK_EQ(nm(compat, "bufs-unreadable"),
             compat ? compat_dm_op(1, 1, guest_ptr(FAKE_GMEM_HOLE))
                    : do_dm_op(1, 1, guest_ptr(FAKE_GMEM_HOLE)), -EFAULT);
    CHECK_EQ(nm(compat, "buf0-short-header"), dmop_raw(compat, 1, 1, &op, 7),
             -EFAULT);
    CHECK_EQ(nm(compat, "buf0-short-op"), dmop_raw(compat, 1, 1, &op, 8 + 5),
             -EFAULT);
    CHECK_EQ(nm(compat, "buf0-exact"), dmop_raw(compat, 1, 1, &op, 8 + 6), 0);
    id = op.u.create_ioreq_server.id;
    CHECK_EQ(nm(compat, "buf0-exact-destroy"), destroy(compat, 1, id), 0);
    CHECK_EQ(nm(compat, "two-bufs"), dmop_raw(compat, 1, 2, &op, sizeof(op)), 0);
    CHECK_EQ(nm(compat, "two-bufs-destroy"),
             destroy(compat, 1, op.u.create_ioreq_server.id), 0);

    op = (struct xen_dm_op){ .op = 21 };
    CHECK_EQ(nm(compat, "unknown-op"), dmop(compat, 1, &op), -EOPNOTSUPP);
    op.op = 0xffffffffu;
    CHECK_EQ(nm(compat, "unknown-op-big"), dmop(compat, 1, &op), -EOPNOTSUPP);
    op.op = 0;
    CHECK_EQ(nm(compat, "op-0"), dmop(compat, 1, &op), -EOPNOTSUPP);
    op.op = XEN_DMOP_set_isa_irq_level;
    CHECK_EQ(nm(compat, "unimplemented-op"), dmop(compat, 1, &op), -EOPNOTSUPP);
    op = (struct xen_dm_op){ .op = XEN_DMOP_nr_vcpus };
    CHECK_EQ(nm(compat, "nr-vcpus"), dmop(compat, 1, &op), 0);
    CHECK_EQ(nm(compat, "nr-vcpus-value"),
             ((struct xen_dm_op *)fake_gmem(current->domain, OP_VA,
                                            sizeof(op)))->u.nr_vcpus.vcpus,
             dom[DT]->max_vcpus);
    op.op = XEN_DMOP_relocate_memory;
    CHECK_EQ(nm(compat, "unimplemented-short"),
             dmop_raw(compat, 1, 1, &op, 8 + 8), -EFAULT);
    op = (struct xen_dm_op){ .op = XEN_DMOP_create_ioreq_server, .pad = 1 };
    CHECK_EQ(nm(compat, "header-pad"), dmop(compat, 1, &op), -EINVAL);
    CHECK_EQ(nm(compat, "no-domain"), create(compat, NO_DOMAIN, 0, &id), -ESRCH);
    CHECK_EQ(nm(compat, "domid-self"), create(compat, DOMID_SELF, 0, &id),
             -ESRCH);
    CHECK_EQ(nm(compat, "own-id"), create(compat, 2, 0, &id), -EPERM);
    CHECK_EQ(nm(compat, "dm-other-domain"), create(compat, 3, 0, &id), -EPERM);
    fake_set_current(dom[DX]);
    CHECK_EQ(nm(compat, "plain-refused"), create(compat, 1, 0, &id), -EPERM);
    CHECK_EQ(nm(compat, "plain-destroy-refused"), destroy(compat, 1, 0),
             -EPERM);
    CHECK_EQ(nm(compat, "no-server-left"), dom[DT]->ioreq == NULL ||
             (!server(dom[DT], 0) && !server(dom[DT], 1)), 1);
}

/* Create, info, state, destroy, and who may act on a server. */
static void test_ops(bool compat)
{
    struct xen_dm_op op = { .op = XEN_DMOP_create_ioreq_server };
    struct xen_dm_op_get_ioreq_server_info info;
    uint16_t id, ids[MAX_NR_IOREQ_SERVERS];
    unsigned long pages = dom[DT]->tot_pages;
    unsigned int i;
    bool ok;

    fake_set_current(dom[DM]);
    op.u.create_ioreq_server.pad[1] = 1;
    CHECK_EQ(nm(compat, "create-pad"), dmop(compat, 1, &op), -EINVAL);
    CHECK_EQ(nm(compat, "create-bad-handling"), create(compat, 1, 3, &id),
             -EINVAL);
    CHECK_EQ(nm(compat, "create-atomic"),
             create(compat, 1, BUFIOREQ_ATOMIC, &id), 0);
    CHECK_EQ(nm(compat, "create-first-id"), id, 0);
    CHECK(nm(compat, "create-owner"), server(dom[DT], 0) &&
          server(dom[DT], 0)->emulator == dom[DM] &&
          server(dom[DT], 0)->bufioreq_page && server(dom[DT], 0)->ioreq_page &&
          mfn_to_page(page_to_mfn(server(dom[DT], 0)->ioreq_page))->owner ==
          dom[DT]);
    CHECK_EQ(nm(compat, "create-two-pages"), dom[DT]->tot_pages, pages + 2);

    CHECK_EQ(nm(compat, "info"), get_info(compat, 1, 0, XEN_DMOP_no_gfns, &info),
             0);
    /* The buffered page's port: the target's, for the emulator to bind,
     * consumed by the hypervisor; gfns untouched (no_gfns). */
    CHECK(nm(compat, "info-port-and-gfns"), info.bufioreq_port != 0 &&
          info.ioreq_gfn == 0x5555 &&
          evtchn_from_port(dom[DT], info.bufioreq_port)->state == ECS_UNBOUND &&
          evtchn_from_port(dom[DT], info.bufioreq_port)->xen_consumer &&
          evtchn_from_port(dom[DT], info.bufioreq_port)->u.unbound_remote ==
          dom[DM]->domain_id);
    CHECK_EQ(nm(compat, "info-gfns"), get_info(compat, 1, 0, 0, NULL),
             -EOPNOTSUPP);
    CHECK_EQ(nm(compat, "info-bad-flags"), get_info(compat, 1, 0, 2, NULL),
             -EINVAL);
    CHECK_EQ(nm(compat, "info-no-server"),
             get_info(compat, 1, 5, XEN_DMOP_no_gfns, NULL), -ENOENT);
    CHECK_EQ(nm(compat, "info-id-too-big"),
             get_info(compat, 1, 0xffff, XEN_DMOP_no_gfns, NULL), -ENOENT);

    CHECK_EQ(nm(compat, "state-pad"), set_state(compat, 1, 0, 1, 1), -EINVAL);
    CHECK_EQ(nm(compat, "state-on"), set_state(compat, 1, 0, 1, 0), 0);
    CHECK(nm(compat, "state-on-recorded"), server(dom[DT], 0)->enabled);
    CHECK_EQ(nm(compat, "state-any-nonzero"), set_state(compat, 1, 0, 7, 0), 0);
    CHECK(nm(compat, "state-still-on"), server(dom[DT], 0)->enabled);
    CHECK_EQ(nm(compat, "state-off"), set_state(compat, 1, 0, 0, 0), 0);
    CHECK(nm(compat, "state-off-recorded"), !server(dom[DT], 0)->enabled);
    CHECK_EQ(nm(compat, "state-no-server"), set_state(compat, 1, 3, 1, 0),
             -ENOENT);

    /* The control domain's server: the device model may not touch it. */
    fake_set_current(dom[D0]);
    CHECK_EQ(nm(compat, "control-create-off"),
             create(compat, 1, BUFIOREQ_OFF, &id), 0);
    CHECK_EQ(nm(compat, "control-second-id"), id, 1);
    CHECK_EQ(nm(compat, "control-one-page"), dom[DT]->tot_pages, pages + 3);
    CHECK_EQ(nm(compat, "control-info-dm-server-refused"),
             get_info(compat, 1, 0, XEN_DMOP_no_gfns, NULL), -EPERM);
    fake_set_current(dom[DM]);
    CHECK_EQ(nm(compat, "dm-info-control-server"),
             get_info(compat, 1, 1, XEN_DMOP_no_gfns, NULL), -EPERM);
    CHECK_EQ(nm(compat, "dm-state-control-server"),
             set_state(compat, 1, 1, 1, 0), -EPERM);
    CHECK_EQ(nm(compat, "dm-destroy-control-server"), destroy(compat, 1, 1),
             -EPERM);

    /* Up to 8 servers. */
    ok = true;
    for ( i = 2; i < MAX_NR_IOREQ_SERVERS; i++ )
        ok &= !create(compat, 1, 1, &ids[i]) && ids[i] == i;
    CHECK(nm(compat, "fill"), ok);
    CHECK_EQ(nm(compat, "full"), create(compat, 1, 1, &id), -ENOSPC);
    ok = true;
    for ( i = 2; i < MAX_NR_IOREQ_SERVERS; i++ )
        ok &= !destroy(compat, 1, ids[i]);
    CHECK(nm(compat, "unfill"), ok);

    op = (struct xen_dm_op){ .op = XEN_DMOP_destroy_ioreq_server };
    op.u.destroy_ioreq_server.pad = 1;
    CHECK_EQ(nm(compat, "destroy-pad"), dmop(compat, 1, &op), -EINVAL);
    CHECK_EQ(nm(compat, "destroy"), destroy(compat, 1, 0), 0);
    CHECK_EQ(nm(compat, "destroy-again"), destroy(compat, 1, 0), -ENOENT);
    fake_set_current(dom[D0]);
    CHECK_EQ(nm(compat, "control-destroy"), destroy(compat, 1, 1), 0);
    CHECK_EQ(nm(compat, "pages-back"), dom[DT]->tot_pages, pages);
    CHECK_EQ(nm(compat, "counts"), mh_check_counts(), 0);
}

/* XENMEM_resource_ioreq_server: size, frames, permissions, references. */
static void test_acquire(bool compat)
{
    unsigned long pages = dom[DT]->tot_pages, free0 = total_free_pages();
    unsigned long sync, buf;
    uint16_t id, id_off;
    p2m_type_t t;

    fake_set_current(dom[D0]);
    CHECK_EQ(nm(compat, "size-no-server"), acq(compat, 3, 0, 0, 0, 0), 0);
    CHECK_EQ(nm(compat, "size-no-server-2"), mh_acq_nr_frames(compat), 2);
    CHECK_EQ(nm(compat, "size-any-id"), acq(compat, 1, 1000, 0, 0, 0), 0);
    CHECK_EQ(nm(compat, "size-any-id-2"), mh_acq_nr_frames(compat), 2);
    mh_list_seq(compat, MH_LIST_VA, 2, G);
    CHECK_EQ(nm(compat, "map-no-server"), acq(compat, 1, 0, 0, 2, MH_LIST_VA),
             -ENOENT);

    fake_set_current(dom[DM]);
    CHECK_EQ(nm(compat, "create"), create(compat, 1, 1, &id), 0);
    CHECK_EQ(nm(compat, "create-off"), create(compat, 1, 0, &id_off), 0);
    sync = mfn_x(page_to_mfn(server(dom[DT], id)->ioreq_page));
    buf = mfn_x(page_to_mfn(server(dom[DT], id)->bufioreq_page));
    mh_list_seq(compat, MH_LIST_VA, 2, G);
    CHECK_EQ(nm(compat, "map-both"), acq(compat, 1, id, 0, 2, MH_LIST_VA), 0);
    CHECK(nm(compat, "map-both-p2m"), mh_p2m(dom[DM], G, &t) == buf &&
          t == p2m_map_foreign && mh_p2m(dom[DM], G + 1, &t) == sync &&
          mh_count(buf) == 2 && mh_count(sync) == 2);
    /* What the device model writes, the hypervisor's page holds. */
    memcpy(page_to_virt(mfn_to_page(_mfn(sync))), "ioreq", 6);
    CHECK(nm(compat, "page-contents"),
          !memcmp(page_to_virt(server(dom[DT], id)->ioreq_page), "ioreq", 6));
    CHECK_EQ(nm(compat, "map-beyond"), acq(compat, 1, id, 1, 2, MH_LIST_VA),
             -EINVAL);
    CHECK_EQ(nm(compat, "map-missing-id"), acq(compat, 1, 7, 0, 1, MH_LIST_VA),
             -ENOENT);
    CHECK_EQ(nm(compat, "map-huge-id"),
             acq(compat, 1, 0x10000, 0, 1, MH_LIST_VA), -ENOENT);
    mh_list_seq(compat, MH_LIST_VA, 2, G + 2);
    CHECK_EQ(nm(compat, "map-no-bufioreq"),
             acq(compat, 1, id_off, 0, 1, MH_LIST_VA), -ENOENT);
    CHECK_EQ(nm(compat, "map-no-bufioreq-both"),
             acq(compat, 1, id_off, 0, 2, MH_LIST_VA), -ENOENT);
    mh_list_seq(compat, MH_LIST_VA, 1, G + 3);
    CHECK_EQ(nm(compat, "map-off-sync"),
             acq(compat, 1, id_off, 1, 1, MH_LIST_VA), 0);
    CHECK_EQ(nm(compat, "unmap-off-sync"), mh_remove(compat, DOMID_SELF, G + 3),
             0);

    /* Only the server's creator may map its pages (Xen 4.17). */
    fake_set_current(dom[DX]);
    CHECK_EQ(nm(compat, "plain-map"), acq(compat, 1, id, 0, 1, MH_LIST_VA),
             -EPERM);
    CHECK_EQ(nm(compat, "plain-size"), acq(compat, 1, id, 0, 0, 0), -EPERM);
    fake_set_current(dom[D0]);
    mh_list_seq(compat, MH_LIST_VA, 1, G);
    CHECK_EQ(nm(compat, "control-map-refused"),
             acq(compat, 1, id, 1, 1, MH_LIST_VA), -EPERM);
    CHECK_EQ(nm(compat, "control-nothing-mapped"),
             mh_remove(compat, DOMID_SELF, G), -ENOENT);

    /* Destroyed while mapped: the pages live until unmapped. */
    fake_set_current(dom[DM]);
    CHECK_EQ(nm(compat, "destroy-mapped"), destroy(compat, 1, id), 0);
    CHECK(nm(compat, "destroyed-pages-alive"), mh_count(buf) == 1 &&
          mh_count(sync) == 1 && mfn_to_page(_mfn(sync))->owner == dom[DT] &&
          dom[DT]->tot_pages == pages + 3);
    CHECK_EQ(nm(compat, "destroyed-counts"), mh_check_counts(), 0);
    CHECK_EQ(nm(compat, "destroyed-map"), acq(compat, 1, id, 0, 1, MH_LIST_VA),
             -ENOENT);
    CHECK(nm(compat, "destroyed-still-readable"),
          !memcmp(page_to_virt(mfn_to_page(_mfn(sync))), "ioreq", 6));
    CHECK_EQ(nm(compat, "unmap-buf"), mh_remove(compat, DOMID_SELF, G), 0);
    CHECK_EQ(nm(compat, "unmap-sync"), mh_remove(compat, DOMID_SELF, G + 1), 0);
    CHECK_EQ(nm(compat, "destroy-off"), destroy(compat, 1, id_off), 0);
    CHECK_EQ(nm(compat, "acquire-pages-back"), dom[DT]->tot_pages, pages);
    CHECK_EQ(nm(compat, "heap-back"), total_free_pages(), free0);
    CHECK_EQ(nm(compat, "counts-end"), mh_check_counts(), 0);
}

/* Domains dying with servers: the target mapped, the emulator first. */
static void test_teardown(void)
{
    struct domain *t, *e;
    unsigned long free0 = total_free_pages(), sync;
    uint16_t id;

    t = mh_domain(10, false, -1, 1, 4);
    e = mh_domain(11, false, 10, 0, 4);
    fake_set_current(e);
    CHECK_EQ("ioreq-teardown-create", create(false, 10, 2, &id), 0);
    sync = mfn_x(page_to_mfn(server(t, id)->ioreq_page));
    mh_list_seq(false, MH_LIST_VA, 1, G);
    CHECK_EQ("ioreq-teardown-map", acq(false, 10, id, 1, 1, MH_LIST_VA), 0);
    mh_destroy(t);
    CHECK("ioreq-teardown-target-dying", unit_log_count("d10: freed") == 0 &&
          mh_count(sync) == 1 && t->ioreq == NULL && t->tot_pages == 1);
    fake_set_current(e);
    CHECK_EQ("ioreq-teardown-unmap", mh_remove(false, DOMID_SELF, G), 0);
    /* Its pages are all back; the struct stays while its device model
     * names it as target (a counted reference: never a dangling one). */
    CHECK("ioreq-teardown-target-pages-back", t->tot_pages == 0 &&
          unit_log_count("d10: freed") == 0 && e->target == t);
    mh_destroy(e);
    CHECK_EQ("ioreq-teardown-target-freed", unit_log_count("d10: freed"), 1);
    CHECK_EQ("ioreq-teardown-emulator-freed", unit_log_count("d11: freed"), 1);

    /* The emulator dies first: the servers it ran for others go with it
     * (a vCPU waiting on one would otherwise wait forever). */
    t = mh_domain(12, false, -1, 1, 4);
    e = mh_domain(13, false, 12, 0, 4);
    fake_set_current(e);
    CHECK_EQ("ioreq-teardown2-create", create(true, 12, 0, &id), 0);
    mh_destroy(e);
    CHECK("ioreq-teardown2-server-gone-with-emulator",
          unit_log_count("d13: freed") == 1 && !server(t, id) &&
          t->evtchn.xen_ports == 0);
    mh_destroy(t);
    CHECK("ioreq-teardown2-both-freed", unit_log_count("d12: freed") == 1 &&
          unit_log_count("d13: freed") == 1);
    CHECK_EQ("ioreq-teardown-heap-back", total_free_pages(), free0);
}

int main(void)
{
    long xbase = fake_xmalloc_live();
    unsigned long baseline;
    bool compat;

    fake_machine_init(4096, 0);
    baseline = total_free_pages();
    dom[D0] = mh_domain(0, true, -1, 0, 16);
    dom[DT] = mh_domain(1, false, -1, 4, 16);
    dom[DM] = mh_domain(2, false, 1, 0, 16);     /* device model of d1 */
    dom[DX] = mh_domain(3, false, -1, 0, 16);    /* nobody's */
    CHECK("ioreq-setup", dom[D0] && dom[DT] && dom[DM] && dom[DX]);

    for ( compat = false; ; compat = true )
    {
        test_dm_op_checks(compat);
        test_ops(compat);
        test_acquire(compat);
        if ( compat )
            break;
    }
    test_teardown();

    /* Servers left at the end go with their domain. */
    fake_set_current(dom[DM]);
    {
        uint16_t id;

        CHECK_EQ("ioreq-left-create", create(false, 1, 1, &id), 0);
        mh_list_seq(false, MH_LIST_VA, 2, G);
        CHECK_EQ("ioreq-left-map", acq(false, 1, id, 0, 2, MH_LIST_VA), 0);
    }
    CHECK_EQ("ioreq-counts-consistent", mh_check_counts(), 0);
    mh_destroy_all();
    CHECK_EQ("ioreq-pages-back", total_free_pages(), baseline);
    CHECK_EQ("ioreq-no-domains", domain_count(), 0);
    CHECK_EQ("ioreq-no-xmalloc-left", fake_xmalloc_live(), xbase);
    fake_machine_fini();
    return unit_done();
}
