/*
 * What XEN_DOMCTL_getdomaininfo and XEN_SYSCTL_getdomaininfolist say
 * about a domain, field by field as Xen 4.17 fills them.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/domain_info.h>
#include <public/vcpu.h>

/*
 * A vCPU with a context is online (Xen: not VPF_down); the domain is
 * blocked only if all online ones are, running if one of them is on the
 * CPU now.  A domain with no online vCPU is neither.
 */
static uint32_t vcpu_flags(const struct domain *d,
                           struct xen_domctl_getdomaininfo *info)
{
    uint32_t flags = XEN_DOMINF_blocked;
    struct vcpu_runstate_info rs;
    unsigned int i;

    info->max_vcpu_id = XEN_INVALID_MAX_VCPU_ID;
    for ( i = 0; i < d->max_vcpus; i++ )
    {
        const struct vcpu *v = d->vcpu[i];

        if ( !v )
            continue;
        vcpu_runstate_get(v, &rs);
        info->cpu_time += rs.time[RUNSTATE_running];
        info->max_vcpu_id = i;
        if ( !v->is_initialised )
            continue;
        if ( !v->blocked )
            flags &= ~XEN_DOMINF_blocked;
        if ( v == current )
            flags |= XEN_DOMINF_running;
        info->nr_online_vcpus++;
    }
    return info->nr_online_vcpus ? flags : 0;
}

void domain_get_info(const struct domain *d,
                     struct xen_domctl_getdomaininfo *info)
{
    memset(info, 0, sizeof(*info));
    info->domain = d->domain_id;
    info->flags = vcpu_flags(d, info) | XEN_DOMINF_hvm_guest |
                  XEN_DOMINF_hap;
    if ( d->state == DOMSTATE_dying )
        info->flags |= XEN_DOMINF_dying;
    if ( d->state != DOMSTATE_running )
        info->flags |= XEN_DOMINF_shutdown;
    if ( d->controller_pause_count )
        info->flags |= XEN_DOMINF_paused;
    if ( d->shutdown_code_set )
        info->flags |= (d->shutdown_code & XEN_DOMINF_shutdownmask)
                       << XEN_DOMINF_shutdownshift;
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    /* Where the guest put its shared_info is not recorded. */
    info->shared_info_frame = ~0ULL;
    info->ssidref = d->flask_type;          /* 0 under the dummy module */
    memcpy(info->handle, d->handle, sizeof(info->handle));
    info->cpupool = 0;                      /* the one pool */
    info->gpaddr_bits = 48;                 /* what a 4-level NPT maps */
    info->arch_config.emulation_flags = XEN_X86_EMU_LAPIC;
}
