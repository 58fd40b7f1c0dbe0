/*
 * domctl and sysctl (common/domctl*.c, sysctl.c, domain_info.c,
 * domain_pause.c) over the fake arch, as a control domain's toolstack
 * issues them: every implemented op, every bad input, XSM (dummy), a
 * domain destroyed while the control domain maps its grant frame (the
 * last unmap frees it), destruction with continuations, and every page
 * back at the end.
 */
#define __XEN_TOOLS__ 1     /* domctl.h and sysctl.h are tools-only */
#include "mem_harness.h"
#include "unit.h"
#include <public/domctl.h>
#include <public/sysctl.h>
#include <xen/domain_info.h>
#include <xsm/flask/hooks.h>
#include "flask_harness.h"

#define GFN_MAP 0x0e000UL
#define NR_FRAMES 8192u

static unsigned int conts;

/* The domctl at MH_ARG_VA of the current domain, continued to its end. */
static long domctl_raw(struct xen_domctl *op)
{
    long rc;

    memcpy(fake_gmem(current->domain, MH_ARG_VA, sizeof(*op)), op,
           sizeof(*op));
    conts = 0;
    for ( ;; )
    {
        current->cont.active = false;
        rc = do_domctl(guest_ptr(MH_ARG_VA));
        if ( !current->cont.active )
            break;
        if ( rc != __HYPERVISOR_domctl || current->cont.nargs != 1 ||
             current->cont.args[0] != MH_ARG_VA || ++conts > 100000 )
            return -EDEADLK;
    }
    memcpy(op, fake_gmem(current->domain, MH_ARG_VA, sizeof(*op)),
           sizeof(*op));
    return rc;
}

static long domctl(uint32_t cmd, domid_t dom, struct xen_domctl *op)
{
    op->cmd = cmd;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op->domain = dom;
    return domctl_raw(op);
}

static long sysctl(struct xen_sysctl *op, uint32_t cmd)
{
    long rc;

    op->cmd = cmd;
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    memcpy(fake_gmem(current->domain, MH_ARG2_VA, sizeof(*op)), op,
           sizeof(*op));
    rc = do_sysctl(guest_ptr(MH_ARG2_VA));
    memcpy(op, fake_gmem(current->domain, MH_ARG2_VA, sizeof(*op)),
           sizeof(*op));
    return rc;
}

/* A good request: HVM, HAP, one vCPU, 4 grant frames, v2 allowed. */
static struct xen_domctl good_create(void)
{
    struct xen_domctl op;

    memset(&op, 0, sizeof(op));
    op.u.createdomain = (struct xen_domctl_createdomain){
        .flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        .max_vcpus = 1, .max_evtchn_port = 63,
        .max_grant_frames = 4, .max_maptrack_frames = -1,
        .grant_opts = 2, .arch.emulation_flags = XEN_X86_EMU_LAPIC,
        .handle = { 0xde, 0xad, [15] = 0x42 },
    };
    return op;
}

static long create(domid_t want, domid_t *got)
{
    struct xen_domctl op = good_create();
    long rc = domctl(XEN_DOMCTL_createdomain, want, &op);

    *got = op.domain;
    return rc;
}

/* Bad configurations: Xen's error for each; none leaves anything. */
static const struct {
    const char *name;
    long rc;
} bad[] = {
    { "domctl-create-pv", -EINVAL },
    { "domctl-create-hap-without-hvm", -EINVAL },
    { "domctl-create-hvm-shadow", -EINVAL },
    { "domctl-create-unknown-flag", -EINVAL },
    { "domctl-create-iommu", -EINVAL },
    { "domctl-create-iommu-opts", -EINVAL },
    { "domctl-create-vpmu", -EINVAL },
    { "domctl-create-nested", -EINVAL },
    { "domctl-create-s3", -EINVAL },
    { "domctl-create-vmtrace", -EINVAL },
    { "domctl-create-0-vcpus", -EINVAL },
    { "domctl-create-2-vcpus", -EINVAL },
    { "domctl-create-grant-v0", -EINVAL },
    { "domctl-create-grant-v3", -EINVAL },
    { "domctl-create-grant-opts", -EINVAL },
    { "domctl-create-0-frames", -EINVAL },
    { "domctl-create-65-frames", -EINVAL },
    { "domctl-create-maptrack", -EINVAL },
    { "domctl-create-emu-unknown", -EINVAL },
    { "domctl-create-emu-hvm", -EOPNOTSUPP },
    { "domctl-create-emu-none", -EOPNOTSUPP },
    { "domctl-create-misc-flags", -EINVAL },
    { "domctl-create-cpupool", -ESRCH },
};

static void make_bad(unsigned int i, struct xen_domctl_createdomain *c)
{
    switch ( i )
    {
    case 0: c->flags = 0; break;
    case 1: c->flags = XEN_DOMCTL_CDF_hap; break;
    case 2: c->flags = XEN_DOMCTL_CDF_hvm; break;
    case 3: c->flags |= 1u << 8; break;
    case 4: c->flags |= XEN_DOMCTL_CDF_iommu; break;
    case 5: c->iommu_opts = 1; break;
    case 6: c->flags |= XEN_DOMCTL_CDF_vpmu; break;
    case 7: c->flags |= XEN_DOMCTL_CDF_nested_virt; break;
    case 8: c->flags |= XEN_DOMCTL_CDF_s3_integrity; break;
    case 9: c->vmtrace_size = 4096; break;
    case 10: c->max_vcpus = 0; break;
    case 11: c->max_vcpus = 2; break;
    case 12: c->grant_opts = 0; break;
    case 13: c->grant_opts = 3; break;
    case 14: c->grant_opts = 0x12; break;
    case 15: c->max_grant_frames = 0; break;
    case 16: c->max_grant_frames = 65; break;
    case 17: c->max_maptrack_frames = 1025; break;
    case 18: c->arch.emulation_flags |= 1u << 11; break;
    case 19: c->arch.emulation_flags = XEN_X86_EMU_ALL & ~XEN_X86_EMU_VPCI;
        break;
    case 20: c->arch.emulation_flags = 0; break;
    case 21: c->arch.misc_flags = 2; break;
    case 22: c->cpupool_id = 1; break;
    }
}

static void test_bad_configs(void)
{
    unsigned long free0 = total_free_pages();
    unsigned int i, n0 = domain_count();

    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        struct xen_domctl op = good_create();

        make_bad(i, &op.u.createdomain);
        CHECK_EQ(bad[i].name, domctl(XEN_DOMCTL_createdomain, 0, &op),
                 bad[i].rc);
    }
    CHECK("domctl-create-bad-leaves-nothing",
          domain_count() == n0 && total_free_pages() == free0);
}

static void test_version_and_unknown(void)
{
    struct xen_domctl op;
    struct xen_sysctl sop;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_getdomaininfo;
    op.interface_version = 0x14;
    CHECK_EQ("domctl-old-version", domctl_raw(&op), -EACCES);
    op.interface_version = 0x16;
    CHECK_EQ("domctl-new-version", domctl_raw(&op), -EACCES);
    memset(&op, 0, sizeof(op));
    CHECK_EQ("domctl-unimplemented", domctl(9, 1, &op), -ENOSYS);
    CHECK_EQ("domctl-unimplemented-again", domctl(9, 1, &op), -ENOSYS);
    CHECK_EQ("domctl-unimplemented-big", domctl(1000, 1, &op), -ENOSYS);
    CHECK_EQ("domctl-efault", do_domctl(guest_ptr(FAKE_GMEM_HOLE)), -EFAULT);
    memset(&sop, 0, sizeof(sop));
    sop.cmd = XEN_SYSCTL_physinfo;
    memcpy(fake_gmem(current->domain, MH_ARG2_VA, sizeof(sop)), &sop,
           sizeof(sop));
    CHECK_EQ("sysctl-bad-version", do_sysctl(guest_ptr(MH_ARG2_VA)),
             -EACCES);
    CHECK_EQ("sysctl-unimplemented", sysctl(&sop, 1), -ENOSYS);
}

static void test_ids(domid_t *id)
{
    domid_t got = 0;

    CHECK_EQ("domctl-create-existing", create(1, &got), -EEXIST);
    CHECK_EQ("domctl-create-auto", create(0, id), 0);
    CHECK_EQ("domctl-create-auto-id", *id, 2);     /* 1 is taken */
    CHECK("domctl-create-listed", domain_lookup(*id) != NULL);
    CHECK_EQ("domctl-create-given", create(100, &got), 0);
    CHECK_EQ("domctl-create-given-id", got, 100);
    /* A reserved id is no request: the rover picks (Xen 4.17). */
    CHECK_EQ("domctl-create-reserved", create(DOMID_SELF, &got), 0);
    CHECK_EQ("domctl-create-reserved-id", got, 3);
    CHECK_EQ("domctl-create-rover", create(0, &got), 0);
    CHECK_EQ("domctl-create-rover-id", got, 4);
}

static void test_new_domain(struct domain *d)
{
    struct xen_domctl op;
    const struct xen_domctl_getdomaininfo *gi = &op.u.getdomaininfo;

    CHECK("domctl-new-no-vcpu", d->max_vcpus == 1 && !d->vcpu[0]);
    CHECK_EQ("domctl-new-gnttab-frames",
             gnttab_resource_max_frames(d, 0), 4);
    CHECK_EQ("domctl-new-evtchn-port", d->evtchn.max_port, 63);
    CHECK_EQ("domctl-new-no-ram", d->max_pages, 0);
    memset(&op, 0, sizeof(op));
    CHECK_EQ("domctl-info", domctl(XEN_DOMCTL_getdomaininfo, 2, &op), 0);
    CHECK_EQ("domctl-info-domain", gi->domain, 2);
    CHECK_EQ("domctl-info-echo", op.domain, 2);
    CHECK_EQ("domctl-info-flags", gi->flags, XEN_DOMINF_paused |
             XEN_DOMINF_hvm_guest | XEN_DOMINF_hap);
    CHECK_EQ("domctl-info-no-vcpu-id", gi->max_vcpu_id,
             XEN_INVALID_MAX_VCPU_ID);
    CHECK("domctl-info-handle", gi->handle[0] == 0xde &&
          gi->handle[15] == 0x42);

    op.u.max_vcpus.max = 2;
    CHECK_EQ("domctl-max-vcpus-other-number",
             domctl(XEN_DOMCTL_max_vcpus, 2, &op), -EINVAL);
    op.u.max_vcpus.max = 1;
    CHECK_EQ("domctl-max-vcpus-self",
             domctl(XEN_DOMCTL_max_vcpus, 0, &op), -EINVAL);
    CHECK_EQ("domctl-max-vcpus", domctl(XEN_DOMCTL_max_vcpus, 2, &op), 0);
    CHECK("domctl-max-vcpus-made",
          d->vcpu[0] && !d->vcpu[0]->is_initialised);
    CHECK_EQ("domctl-max-vcpus-again",
             domctl(XEN_DOMCTL_max_vcpus, 2, &op), 0);
    op.u.max_mem.max_memkb = 1024 + 3;
    CHECK_EQ("domctl-max-mem", domctl(XEN_DOMCTL_max_mem, 2, &op), 0);
    CHECK_EQ("domctl-max-mem-pages", d->max_pages, 256);
    CHECK_EQ("domctl-max-mem-missing",
             domctl(XEN_DOMCTL_max_mem, 77, &op), -ESRCH);

    memset(&op, 0, sizeof(op));
    domctl(XEN_DOMCTL_getdomaininfo, 2, &op);
    CHECK("domctl-info-vcpu-not-online", gi->max_vcpu_id == 0 &&
          gi->nr_online_vcpus == 0 && !(gi->flags & (XEN_DOMINF_running |
                                                     XEN_DOMINF_blocked)));
    CHECK_EQ("domctl-info-max-pages", gi->max_pages, 256);
}

static void test_getdomaininfo_walk(void)
{
    struct xen_domctl op;

    memset(&op, 0, sizeof(op));
    CHECK_EQ("domctl-info-self", domctl(XEN_DOMCTL_getdomaininfo, 0, &op), 0);
    CHECK("domctl-info-self-running",
          (op.u.getdomaininfo.flags & XEN_DOMINF_running) &&
          op.u.getdomaininfo.nr_online_vcpus == 1);
    CHECK_EQ("domctl-info-next-up", domctl(XEN_DOMCTL_getdomaininfo, 5, &op),
             0);
    CHECK_EQ("domctl-info-next-up-id", op.domain, 100);
    CHECK_EQ("domctl-info-past-last",
             domctl(XEN_DOMCTL_getdomaininfo, 101, &op), -ESRCH);
    CHECK_EQ("domctl-info-reserved",
             domctl(XEN_DOMCTL_getdomaininfo, DOMID_SELF, &op), -EINVAL);
}

static void test_pause(struct domain *d1, struct domain *d)
{
    struct xen_domctl op;

    memset(&op, 0, sizeof(op));
    CHECK_EQ("domctl-pause-self", domctl(XEN_DOMCTL_pausedomain, 0, &op),
             -EINVAL);
    CHECK_EQ("domctl-unpause-new", domctl(XEN_DOMCTL_unpausedomain, 2, &op),
             0);
    CHECK_EQ("domctl-unpause-unpaused",
             domctl(XEN_DOMCTL_unpausedomain, 2, &op), -EINVAL);
    CHECK("domctl-unpaused-vcpu-never-runs", !d->vcpu[0]->runnable);
    sched_add_vcpu(d->vcpu[0]);
    CHECK("domctl-uninitialised-vcpu-refused", !d->vcpu[0]->runnable);
    sched_add_vcpu(d1->vcpu[0]);
    CHECK_EQ("domctl-pause", domctl(XEN_DOMCTL_pausedomain, 1, &op), 0);
    CHECK("domctl-paused-off-runq", !d1->vcpu[0]->runnable);
    CHECK_EQ("domctl-pause-twice", domctl(XEN_DOMCTL_pausedomain, 1, &op), 0);
    CHECK_EQ("domctl-unpause-1", domctl(XEN_DOMCTL_unpausedomain, 1, &op), 0);
    CHECK("domctl-still-paused", !d1->vcpu[0]->runnable);
    CHECK_EQ("domctl-unpause-2", domctl(XEN_DOMCTL_unpausedomain, 1, &op), 0);
    CHECK("domctl-unpaused-on-runq", d1->vcpu[0]->runnable);
    while ( sched_pick_next() )
        continue;
    d1->vcpu[0]->runnable = false;
}

static void test_unprivileged(struct domain *d1, struct domain *d0)
{
    struct xen_domctl op = good_create();
    struct xen_sysctl sop;

    fake_set_current(d1);
    CHECK_EQ("domctl-plain-create", domctl(XEN_DOMCTL_createdomain, 0, &op),
             -EPERM);
    CHECK_EQ("domctl-plain-info-self",
             domctl(XEN_DOMCTL_getdomaininfo, 1, &op), -EPERM);
    CHECK_EQ("domctl-plain-destroy",
             domctl(XEN_DOMCTL_destroydomain, 2, &op), -EPERM);
    CHECK_EQ("domctl-plain-max-mem", domctl(XEN_DOMCTL_max_mem, 2, &op),
             -EPERM);
    CHECK_EQ("domctl-plain-missing", domctl(XEN_DOMCTL_max_mem, 77, &op),
             -ESRCH);
    memset(&sop, 0, sizeof(sop));
    CHECK_EQ("sysctl-plain-physinfo", sysctl(&sop, XEN_SYSCTL_physinfo),
             -EPERM);
    fake_set_current(d0);
}

static void test_sysctl(void)
{
    struct xen_sysctl op;
    struct xen_domctl_getdomaininfo *list;

    memset(&op, 0, sizeof(op));
    CHECK_EQ("sysctl-physinfo", sysctl(&op, XEN_SYSCTL_physinfo), 0);
    CHECK("sysctl-physinfo-values", op.u.physinfo.nr_cpus == 1 &&
          op.u.physinfo.threads_per_core == 1 &&
          op.u.physinfo.cpu_khz == 1000000 &&
          op.u.physinfo.free_pages == total_free_pages() &&
          op.u.physinfo.total_pages >= op.u.physinfo.free_pages &&
          (op.u.physinfo.capabilities & XEN_SYSCTL_PHYSCAP_hvm) &&
          (op.u.physinfo.capabilities & XEN_SYSCTL_PHYSCAP_hap) &&
          !(op.u.physinfo.capabilities & XEN_SYSCTL_PHYSCAP_pv));
    CHECK_EQ("sysctl-sched-id", sysctl(&op, XEN_SYSCTL_sched_id), 0);
    CHECK_EQ("sysctl-sched-id-null", op.u.sched_id.sched_id,
             XEN_SCHEDULER_NULL);

    memset(&op, 0, sizeof(op));
    op.u.getdomaininfolist.first_domain = 1;
    op.u.getdomaininfolist.max_domains = 2;
    op.u.getdomaininfolist.buffer.p = (void *)MH_LIST_VA;
    CHECK_EQ("sysctl-list", sysctl(&op, XEN_SYSCTL_getdomaininfolist), 0);
    list = fake_gmem(current->domain, MH_LIST_VA, 2 * sizeof(*list));
    CHECK("sysctl-list-entries", op.u.getdomaininfolist.num_domains == 2 &&
          list[0].domain == 1 && list[1].domain == 2 &&
          (list[1].flags & XEN_DOMINF_hap));
    op.u.getdomaininfolist.first_domain = 0;
    op.u.getdomaininfolist.max_domains = 100;
    CHECK_EQ("sysctl-list-all", sysctl(&op, XEN_SYSCTL_getdomaininfolist), 0);
    CHECK_EQ("sysctl-list-all-count", op.u.getdomaininfolist.num_domains,
             domain_count());
    op.u.getdomaininfolist.max_domains = 0;
    CHECK_EQ("sysctl-list-none", sysctl(&op, XEN_SYSCTL_getdomaininfolist), 0);
    CHECK_EQ("sysctl-list-none-count", op.u.getdomaininfolist.num_domains, 0);
    op.u.getdomaininfolist.max_domains = 1;
    op.u.getdomaininfolist.buffer.p = (void *)FAKE_GMEM_HOLE;
    CHECK_EQ("sysctl-list-efault",
             sysctl(&op, XEN_SYSCTL_getdomaininfolist), -EFAULT);
}

/*
 * The control domain maps frame 0 of d's grant table and writes an entry
 * through it; d is destroyed meanwhile: it leaves the list at once, the
 * frame stays until the unmap, which frees d.
 */
static void test_destroy_while_mapped(struct domain *d0, struct domain *d)
{
    struct mh_acq a = { .domid = 2, .type = XENMEM_resource_grant_table,
                        .nr_frames = 1, .list = MH_LIST_VA };
    struct xen_domctl op;
    unsigned long mfn;
    uint8_t *gt;
    p2m_type_t t;

    CHECK_EQ("domctl-populate", domain_populate_ram(d, 16), 0);
    mh_list_seq(false, MH_LIST_VA, 1, GFN_MAP);
    CHECK_EQ("domctl-map-frame0", mh_acquire(false, &a, NULL), 0);
    mfn = mh_gnttab_mfn(d, 0, 0);
    CHECK_EQ("domctl-mapped-there", mh_p2m(d0, GFN_MAP, &t), mfn);
    gt = mfn_to_virt(_mfn(mfn));
    mh_grant(d, 3, GTF_permit_access, 0, 0x1234);
    CHECK("domctl-entry-seen", gt[3 * 8] == GTF_permit_access &&
          gt[3 * 8 + 4] == 0x34);

    memset(&op, 0, sizeof(op));
    CHECK_EQ("domctl-destroy-self", domctl(XEN_DOMCTL_destroydomain, 0, &op),
             -EINVAL);
    CHECK_EQ("domctl-destroy-missing",
             domctl(XEN_DOMCTL_destroydomain, 77, &op), -ESRCH);
    CHECK_EQ("domctl-destroy", domctl(XEN_DOMCTL_destroydomain, 2, &op), 0);
    CHECK("domctl-destroy-unlisted", !domain_lookup(2));
    CHECK_EQ("domctl-destroy-again",
             domctl(XEN_DOMCTL_destroydomain, 2, &op), -ESRCH);
    CHECK_EQ("domctl-info-after-destroy",
             domctl(XEN_DOMCTL_getdomaininfo, 2, &op), 0);
    CHECK_EQ("domctl-info-after-destroy-next", op.domain, 3);
    CHECK("domctl-destroyed-frame-kept", d->tot_pages == 1 &&
          mh_count(mfn) == 1 && gt[3 * 8] == GTF_permit_access);
    CHECK_EQ("domctl-destroy-counts", mh_check_counts(), 0);
    CHECK_EQ("domctl-unmap", mh_remove(false, DOMID_SELF, GFN_MAP), 0);
}

/* A domain with much RAM is destroyed over several continuations. */
static void test_destroy_continues(void)
{
    struct xen_domctl op;
    struct domain *d;

    d = domain_lookup(100);
    d->max_pages = 4000;
    CHECK_EQ("domctl-big-populate", domain_populate_ram(d, 3000), 0);
    memset(&op, 0, sizeof(op));
    fake_set_preempt_every(1);
    CHECK_EQ("domctl-destroy-big", domctl(XEN_DOMCTL_destroydomain, 100, &op),
             0);
    fake_set_preempt_every(0);
    CHECK("domctl-destroy-big-continued", conts >= 2);
    CHECK("domctl-destroy-big-no-ref-held", !current->destroying);
    /* The main loop finishing it between two continuations. */
    d = domain_lookup(3);
    d->max_pages = 4000;
    CHECK_EQ("domctl-mid-populate", domain_populate_ram(d, 3000), 0);
    op.cmd = XEN_DOMCTL_destroydomain;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op.domain = 3;
    memcpy(fake_gmem(current->domain, MH_ARG_VA, sizeof(op)), &op,
           sizeof(op));
    fake_set_preempt_every(1);
    current->cont.active = false;
    CHECK_EQ("domctl-destroy-first-step",
             do_domctl(guest_ptr(MH_ARG_VA)), __HYPERVISOR_domctl);
    fake_set_preempt_every(0);
    CHECK("domctl-destroy-ref-held", current->destroying == d);
    while ( domain_destroy_continue() )
        continue;
    current->cont.active = false;
    CHECK_EQ("domctl-destroy-finished-meanwhile",
             do_domctl(guest_ptr(MH_ARG_VA)), 0);
    CHECK("domctl-destroy-ref-dropped", !current->destroying);
}

/* 32-bit callers use the same handler (hypercall-defs.txt): one layout. */
static void test_layout(void)
{
    CHECK("domctl-one-layout", sizeof(struct xen_domctl) == 144 &&
          sizeof(struct xen_sysctl) == 136 &&
          offsetof(struct xen_domctl_getdomaininfo, tot_pages) == 8 &&
          offsetof(struct xen_sysctl_getdomaininfolist, buffer) == 8);
}

/*
 * FLASK with the real policy: dom0_t creates domU_t (ssidref 0) and
 * isolated_t guests and destroys them; dom0_t cannot be made again; a
 * control domain labelled isolated_t is denied (-EACCES) creation and
 * physinfo and sees no domain in the list.
 */
static void test_flask(struct domain *prev)
{
    struct domain *c, *iso, *d;
    struct xen_domctl op = good_create();
    struct xen_sysctl sop;
    domid_t id = 0;

    bool loaded = fh_load(FLASK_POLICY, true);

    CHECK("domctl-flask-load", loaded);
    if ( !loaded )
        return;
    c = fh_domain(50, true, -1, "");
    iso = fh_domain(51, true, -1, "system_u:system_r:isolated_t");
    CHECK("domctl-flask-domains", c && iso);
    if ( !c || !iso )
        goto out;
    fake_set_current(c);
    CHECK_EQ("domctl-flask-create-default", create(60, &id), 0);
    d = domain_lookup(60);
    CHECK("domctl-flask-default-label",
          d && d->flask_type == fh_type("domU_t"));
    memset(&op, 0, sizeof(op));
    CHECK_EQ("domctl-flask-info", domctl(XEN_DOMCTL_getdomaininfo, 60, &op),
             0);
    CHECK_EQ("domctl-flask-info-ssidref", op.u.getdomaininfo.ssidref,
             fh_type("domU_t"));
    op = good_create();
    op.u.createdomain.ssidref = fh_type("isolated_t");
    CHECK_EQ("domctl-flask-create-isolated",
             domctl(XEN_DOMCTL_createdomain, 61, &op), 0);
    CHECK("domctl-flask-isolated-label", domain_lookup(61) &&
          domain_lookup(61)->flask_type == fh_type("isolated_t"));
    op = good_create();
    op.u.createdomain.ssidref = fh_type("dom0_t");
    CHECK_EQ("domctl-flask-create-dom0", domctl(XEN_DOMCTL_createdomain, 62,
             &op), -EACCES);
    op.u.createdomain.ssidref = 0xffff;
    CHECK_EQ("domctl-flask-create-bad-type",
             domctl(XEN_DOMCTL_createdomain, 62, &op), -EINVAL);
    CHECK_EQ("domctl-flask-destroy", domctl(XEN_DOMCTL_destroydomain, 61, &op),
             0);

    fake_set_current(iso);
    op = good_create();
    CHECK_EQ("domctl-flask-isolated-create",
             domctl(XEN_DOMCTL_createdomain, 0, &op), -EACCES);
    CHECK_EQ("domctl-flask-isolated-destroy",
             domctl(XEN_DOMCTL_destroydomain, 60, &op), -EACCES);
    CHECK_EQ("domctl-flask-isolated-info",
             domctl(XEN_DOMCTL_getdomaininfo, 60, &op), -EACCES);
    memset(&sop, 0, sizeof(sop));
    CHECK_EQ("domctl-flask-isolated-physinfo",
             sysctl(&sop, XEN_SYSCTL_physinfo), -EACCES);
    sop.u.getdomaininfolist.max_domains = 10;
    sop.u.getdomaininfolist.buffer.p = (void *)MH_LIST_VA;
    CHECK_EQ("domctl-flask-isolated-list",
             sysctl(&sop, XEN_SYSCTL_getdomaininfolist), 0);
    CHECK_EQ("domctl-flask-isolated-list-empty",
             sop.u.getdomaininfolist.num_domains, 0);
 out:
    fake_set_current(prev);
    fh_unload();
}

int main(void)
{
    struct domain *d0, *d1, *d;
    unsigned long baseline;
    domid_t id = 0;

    fake_machine_init(NR_FRAMES, 0);
    baseline = total_free_pages();
    d0 = mh_domain(0, true, -1, 0, 8);
    d1 = mh_domain(1, false, -1, 0, 8);
    CHECK("domctl-setup", d0 && d1);
    if ( !d0 || !d1 )
        return unit_done();
    fake_set_current(d0);

    test_version_and_unknown();
    test_ids(&id);
    test_bad_configs();     /* Xen's rover moves on even for these */
    d = domain_lookup(2);
    if ( d )
    {
        test_new_domain(d);
        test_getdomaininfo_walk();
        test_pause(d1, d);
        test_unprivileged(d1, d0);
        test_sysctl();
        test_layout();
        test_destroy_while_mapped(d0, d);
        test_destroy_continues();
        test_flask(d0);
    }
    mh_destroy_all();
    CHECK_EQ("domctl-pages-back", total_free_pages(), baseline);
    fake_machine_fini();
    return unit_done();
}
