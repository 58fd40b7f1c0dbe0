/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * domctl and sysctl from the control domain (role=control), native and
 * compat: a domain made at run time (never started) is sized, described,
 * paused and unpaused; its grant-table frame 0 is mapped with
 * XENMEM_acquire_resource and an entry written and read back through
 * the mapping; it is destroyed while still mapped (the frame stays
 * readable), then unmapped, and the run must end with every page back.
 * Bad inputs get Xen 4.17's answers.
 */
#include "resmap.h"
#include "domctl.h"

const char test_title[] = "domctl";

#define SYSCTL_INTERFACE_VERSION 0x15
#define SYSCTL_physinfo          3
#define SYSCTL_getdomaininfolist 6

struct sysctl {
    uint32_t cmd;
    uint32_t interface_version;
    union {
        struct {
            uint32_t threads_per_core, cores_per_socket, nr_cpus;
            uint32_t max_cpu_id, nr_nodes, max_node_id, cpu_khz;
            uint32_t capabilities, arch_capabilities, pad;
            domctl_u64 total_pages, free_pages;
        } physinfo;
        struct {
            domid_t first_domain;
            uint32_t max_domains;
            domctl_u64 buffer;
            uint32_t num_domains;
        } list;
        uint8_t raw[128];
    } __attribute__((aligned(8))) u;
};
_Static_assert(sizeof(struct sysctl) == 136, "xen_sysctl size");

static long sysctl(struct sysctl *s, uint32_t cmd)
{
    s->cmd = cmd;
    s->interface_version = SYSCTL_INTERFACE_VERSION;
    return HC(__HYPERVISOR_sysctl, s, 0, 0);
}

static long op(uint32_t cmd, domid_t dom, struct domctl *d)
{
    d->cmd = cmd;
    d->domain = dom;
    return domctl(d);
}

static void test_bad(void)
{
    struct domctl d = { .cmd = DOMCTL_getdomaininfo };
    domid_t id;

    d.interface_version = 0x14;
    check_eq("old interface version is -EACCES",
             HC(__HYPERVISOR_domctl, &d, 0, 0), -EACCES);
    memset(&d, 0, sizeof(d));
    check_eq("unimplemented domctl is -ENOSYS", op(9, 0, &d), -ENOSYS);
    memset(&d, 0, sizeof(d));
    d.u.createdomain.max_vcpus = 1;
    d.u.createdomain.grant_opts = 1;
    check_eq("PV domain is -EINVAL", op(DOMCTL_createdomain, 0, &d), -EINVAL);
    if ( check_eq("a first domain", domctl_create_hvm(&id, 4, 1024), 0) )
    {
        d.u.createdomain.flags = DOMCTL_CDF_hvm | DOMCTL_CDF_hap;
        d.u.createdomain.arch.emulation_flags = DOMCTL_X86_EMU_LAPIC;
        d.u.createdomain.max_grant_frames = 4;
        check_eq("its domid again is -EEXIST",
                 op(DOMCTL_createdomain, id, &d), -EEXIST);
        check_eq("destroy it", domctl_destroydomain(id), 0);
    }
    memset(&d, 0, sizeof(d));
    check_eq("getdomaininfo past the last domain is -ESRCH",
             op(DOMCTL_getdomaininfo, 0x7000, &d), -ESRCH);
}

void test_main(void)
{
    struct domctl d;
    struct sysctl s;
    static uint8_t list[2][112];       /* xen_domctl_getdomaininfo */
    void *gt = gfn_ptr(GFN_FOREIGN);
    xen_pfn_t gfn = GFN_FOREIGN;
    uint32_t flags = 0;
    domid_t id;

    memset(&s, 0, sizeof(s));
    check_eq("physinfo", sysctl(&s, SYSCTL_physinfo), 0);
    check(s.u.physinfo.nr_cpus >= 1 && s.u.physinfo.cpu_khz > 0 &&
          (s.u.physinfo.capabilities & 9) == 9 &&
          s.u.physinfo.free_pages > 0, "physinfo: HVM, HAP, CPUs, memory",
          "cpus %u khz %u caps %#x", s.u.physinfo.nr_cpus,
          s.u.physinfo.cpu_khz, s.u.physinfo.capabilities);
    test_bad();

    if ( !check_eq("createdomain", domctl_create_hvm(&id, 4, 1024), 0) )
        return;
    printk("info: created d%u\n", id);
    memset(&d, 0, sizeof(d));
    d.u.raw[0] = 1;                         /* max_vcpus.max */
    check_eq("max_vcpus", op(DOMCTL_max_vcpus, id, &d), 0);
    memset(&d, 0, sizeof(d));
    check_eq("getdomaininfo", op(DOMCTL_getdomaininfo, id, &d), 0);
    check(d.u.getdomaininfo.domain == id &&
          d.u.getdomaininfo.max_pages == 256 &&
          d.u.getdomaininfo.flags == (DOMCTL_DOMINF_paused |
                                      DOMCTL_DOMINF_hvm_guest |
                                      DOMCTL_DOMINF_hap),
          "getdomaininfo: paused HVM/HAP domain of 256 pages",
          "domain %u flags %#x max_pages %llu", d.u.getdomaininfo.domain,
          d.u.getdomaininfo.flags,
          (unsigned long long)d.u.getdomaininfo.max_pages);
    check_eq("unpausedomain (no context: nothing runs)",
             op(DOMCTL_unpausedomain, id, &d), 0);
    check_eq("unpausedomain again is -EINVAL",
             op(DOMCTL_unpausedomain, id, &d), -EINVAL);
    check_eq("pausedomain", op(DOMCTL_pausedomain, id, &d), 0);
    check_eq("pausedomain of self is -EINVAL",
             op(DOMCTL_pausedomain, 0, &d), -EINVAL);

    memset(&s, 0, sizeof(s));
    s.u.list.max_domains = 2;
    s.u.list.buffer = (uintptr_t)list;
    check_eq("getdomaininfolist", sysctl(&s, SYSCTL_getdomaininfolist), 0);
    check(s.u.list.num_domains == 2 && *(domid_t *)list[1] == id,
          "getdomaininfolist lists d0 and the new domain", "%u entries",
          s.u.list.num_domains);

    if ( !check_eq("map its grant frame 0",
                   map_gnttab_frames(id, 0, 0, 1, &gfn), 0) )
        goto out;
    gte_set_frame(gt, 1, 5, 0x1234);
    *gte_domid(gt, 1, 5) = 0;
    *gte_flags(gt, 1, 5) = GTF_permit_access;
    check(gte_frame(gt, 1, 5) == 0x1234 &&
          *gte_flags(gt, 1, 5) == GTF_permit_access,
          "an entry written through the mapping reads back", " ");
    check_eq("destroydomain while mapped", domctl_destroydomain(id), 0);
    check_eq("the destroyed domain is gone",
             domctl_getdomaininfo(id, &flags), -ESRCH);
    check_eq("destroydomain again is -ESRCH", domctl_destroydomain(id),
             -ESRCH);
    check(gte_frame(gt, 1, 5) == 0x1234,
          "its frame is still readable through the mapping", " ");
    check_eq("unmap it", remove_from_physmap(GFN_FOREIGN), 0);
    return;
 out:
    domctl_destroydomain(id);
}
