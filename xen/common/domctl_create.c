/*
 * XEN_DOMCTL_createdomain: a domain made at run time by the toolstack,
 * through the same domain_create() as boot domains.  It has no image: no
 * vCPU until XEN_DOMCTL_max_vcpus, none ever started, no memory until it
 * is populated, a grant table of max_grant_frames, and it starts paused
 * by the controller.
 *
 * The configuration is checked as Xen 4.17 checks it on x86 (common
 * sanitise_domain_config, arch_sanitise_domain_config, the emulation
 * flags, grant_table_init, the cpupool) for a hypervisor built without
 * PV, shadow paging, IOMMU, vmtrace, vPMU and nested virtualisation:
 * what this one cannot do is refused with the error Xen gives for a
 * feature it lacks.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/grant_table.h>
#include <xen/domain_config.h>
#include <xen/domctl.h>
#include <xsm/xsm.h>

#define CDF_KNOWN (XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap | \
                   XEN_DOMCTL_CDF_s3_integrity | XEN_DOMCTL_CDF_oos_off | \
                   XEN_DOMCTL_CDF_xs_domain | XEN_DOMCTL_CDF_iommu | \
                   XEN_DOMCTL_CDF_nested_virt | XEN_DOMCTL_CDF_vpmu)
#define GNTTAB_MAX_VERSION        2
#define MAPTRACK_MAX_FRAMES       1024    /* Xen's gnttab_max_maptrack_frames */

/* Xen's sanitise_domain_config() and the x86 half, in Xen's order. */
static int check_flags(const struct xen_domctl_createdomain *c)
{
    bool hvm = c->flags & XEN_DOMCTL_CDF_hvm;
    bool hap = c->flags & XEN_DOMCTL_CDF_hap;

    if ( (c->flags & ~CDF_KNOWN) ||
         (c->grant_opts & ~XEN_DOMCTL_GRANT_version_mask) ||
         c->max_vcpus < 1 || (hap && !hvm) )
        return -EINVAL;
    /* No IOMMU, vmtrace or vPMU: asking for one is -EINVAL in Xen. */
    if ( (c->flags & (XEN_DOMCTL_CDF_iommu | XEN_DOMCTL_CDF_vpmu)) ||
         c->iommu_opts || c->vmtrace_size )
        return -EINVAL;
    /* PV is not built in; HVM without HAP would need shadow paging. */
    if ( !hvm || !hap )
        return -EINVAL;
    if ( c->max_vcpus > MAX_VCPUS )
        return -EINVAL;
    /* s3_integrity needs tboot; nested virtualisation is not offered. */
    if ( c->flags & (XEN_DOMCTL_CDF_s3_integrity |
                     XEN_DOMCTL_CDF_nested_virt) )
        return -EINVAL;
    if ( c->arch.misc_flags & ~XEN_X86_MSR_RELAXED )
        return -EINVAL;
    return 0;
}

/* Xen's arch_domain_create(): only a PVH-style domain (a local APIC). */
static int check_emulation(const struct xen_domctl_createdomain *c)
{
    if ( c->arch.emulation_flags & ~XEN_X86_EMU_ALL )
        return -EINVAL;
    return c->arch.emulation_flags == XEN_X86_EMU_LAPIC ? 0 : -EOPNOTSUPP;
}

/* Xen's grant_table_init() limits; *frames gets the table's size. */
static int check_grants(const struct xen_domctl_createdomain *c,
                        unsigned int *frames)
{
    unsigned int version = c->grant_opts & XEN_DOMCTL_GRANT_version_mask;
    int gframes = c->max_grant_frames, mframes = c->max_maptrack_frames;

    if ( !version || version > GNTTAB_MAX_VERSION )
        return -EINVAL;
    if ( gframes < 0 )
        gframes = gnttab_max_frames_limit();
    if ( mframes < 0 )
        mframes = MAPTRACK_MAX_FRAMES;
    if ( gframes < 1 || (unsigned int)gframes > gnttab_max_frames_limit() ||
         mframes > MAPTRACK_MAX_FRAMES )
        return -EINVAL;
    *frames = gframes;
    return 0;
}

static int check_config(const struct xen_domctl_createdomain *c,
                        unsigned int *frames)
{
    int rc = check_flags(c);

    if ( !rc )
        rc = check_emulation(c);
    if ( !rc )
        rc = check_grants(c, frames);
    if ( !rc && c->cpupool_id )
        rc = -ESRCH;                    /* only pool 0 exists */
    return rc;
}

static bool domid_free(domid_t id)
{
    return id < DOMID_FIRST_RESERVED && !domain_lookup(id);
}

/*
 * Xen's rover: the next free id after the last one given, wrapping
 * from DOMID_FIRST_RESERVED to 1.  0 (-ENOMEM) when every id is taken.
 */
static domid_t domid_next_free(void)
{
    static domid_t rover;
    domid_t id;

    for ( id = rover + 1; id != rover; id++ )
    {
        if ( id == DOMID_FIRST_RESERVED )
            id = 1;
        if ( domid_free(id) )
        {
            rover = id;
            return id;
        }
    }
    return 0;
}

static void runtime_config(struct domain_config *cfg, domid_t id,
                           const struct xen_domctl_createdomain *c,
                           unsigned int frames)
{
    memset(cfg, 0, sizeof(*cfg));
    snprintf(cfg->name, sizeof(cfg->name), "d%u", id);
    cfg->vcpus = c->max_vcpus;
    cfg->role = DOMROLE_PLAIN;
    cfg->target = -1;
    cfg->gnttab_frames = frames;
    cfg->gnttab_version_max = c->grant_opts & XEN_DOMCTL_GRANT_version_mask;
    cfg->image = cfg->cmdline = "";
    cfg->runtime = true;
    cfg->max_evtchn_port = c->max_evtchn_port;
}

long domctl_createdomain(struct xen_domctl *op)
{
    const struct xen_domctl_createdomain *c = &op->u.createdomain;
    struct domain_config cfg;
    struct domain *d;
    unsigned int frames = 0;
    uint32_t type;
    domid_t id = op->domain;
    int rc = xsm_domain_create(XSM_PRIV, c->ssidref, &type);

    if ( rc )
        return rc;
    if ( id > 0 && id < DOMID_FIRST_RESERVED )
    {
        if ( !domid_free(id) )
            return -EEXIST;
    }
    else if ( !(id = domid_next_free()) )
        return -ENOMEM;
    rc = check_config(c, &frames);
    if ( rc )
    {
        printk_ratelimited("d%u: createdomain refused (%d): flags %#x, "
                           "emulation %#x, %u vCPUs, %d grant frames\n",
                           current_domain()->domain_id, rc, c->flags,
                           c->arch.emulation_flags, c->max_vcpus,
                           c->max_grant_frames);
        return rc;
    }
    runtime_config(&cfg, id, c, frames);
    d = domain_create(id, &cfg);
    if ( !d )
        return -ENOMEM;
    xsm_domain_labelled(d, type);
    memcpy(d->handle, c->handle, sizeof(d->handle));
    printk("d%u: created by d%u (%u grant frames, paused)\n", id,
           current_domain()->domain_id, frames);
    op->domain = id;
    return 0;
}
