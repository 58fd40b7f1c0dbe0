/* SPDX-License-Identifier: GPL-2.0-only */
/* Domain control for tests that make their own peer (see include/domctl.h). */
#include "guest.h"
#include "domctl.h"
#include "errno.h"

long domctl(struct domctl *d)
{
    d->interface_version = DOMCTL_INTERFACE_VERSION;
    return HC(__HYPERVISOR_domctl, d, 0, 0);
}

long domctl_destroydomain(domid_t domid)
{
    struct domctl d = { .cmd = DOMCTL_destroydomain, .domain = domid };

    return domctl(&d);
}

long domctl_max_mem(domid_t domid, uint64_t kb)
{
    struct domctl d = { .cmd = DOMCTL_max_mem, .domain = domid };

    d.u.max_mem.max_memkb = kb;
    return domctl(&d);
}

long domctl_getdomaininfo(domid_t domid, uint32_t *flags)
{
    struct domctl d = { .cmd = DOMCTL_getdomaininfo, .domain = domid };
    long rc = domctl(&d);

    if ( rc )
        return rc;
    /* Xen answers about the first domain at or above the id asked for. */
    if ( d.u.getdomaininfo.domain != domid )
        return -ESRCH;
    *flags = d.u.getdomaininfo.flags;
    return 0;
}

long domctl_create_hvm(domid_t *domid, int gnttab_frames, uint64_t mem_kb)
{
    struct domctl d = {
        .cmd = DOMCTL_createdomain,
        .domain = 0,                    /* 0: the hypervisor picks the id */
        .u.createdomain = {
            .flags = DOMCTL_CDF_hvm | DOMCTL_CDF_hap,
            .max_vcpus = 1,
            .max_evtchn_port = 1023,
            .max_grant_frames = gnttab_frames,
            .max_maptrack_frames = 1024,
            .grant_opts = DOMCTL_GRANT_max_version(2),
            .arch.emulation_flags = DOMCTL_X86_EMU_LAPIC,
        },
    };
    long rc = domctl(&d);

    if ( rc )
        return rc;
    *domid = d.domain;
    rc = domctl_max_mem(d.domain, mem_kb);
    if ( rc )
        domctl_destroydomain(d.domain);
    return rc;
}
