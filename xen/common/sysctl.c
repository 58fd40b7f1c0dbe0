/*
 * sysctl (hypercall 35): the system control libxenctrl uses to list
 * domains and learn what the machine is (docs/domctl.md).  One layout
 * and one handler for 32- and 64-bit callers.  Version mismatch:
 * -EACCES; XSM asked for every command (dummy: the control domain
 * only); commands not implemented here: -ENOSYS, logged.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/mm.h>
#include <xen/time.h>
#include <xen/hypercall.h>
#include <xen/domain_info.h>
#include <public/sysctl.h>
#include <xsm/xsm.h>

/*
 * Up to max_domains records, from the first domain whose id is at least
 * first_domain, skipping those XSM hides (as Xen 4.17).
 */
static long getdomaininfolist(struct xen_sysctl_getdomaininfolist *l)
{
    struct xen_domctl_getdomaininfo info;
    guest_ptr_t buf = guest_handle_ptr(l->buffer);
    uint32_t n = 0;
    struct domain *d;

    for ( d = domain_first(); d; d = d->next_in_list )
    {
        if ( d->domain_id < l->first_domain )
            continue;
        if ( n == l->max_domains )
            break;
        if ( xsm_getdomaininfo(XSM_HOOK, d) )
            continue;
        domain_get_info(d, &info);
        if ( copy_to_guest_offset(buf, n, &info, 1) )
            return -EFAULT;
        n++;
    }
    l->num_domains = n;
    return 0;
}

/* One physical CPU runs everything (one thread, one core, one node). */
static void physinfo(struct xen_sysctl_physinfo *pi)
{
    memset(pi, 0, sizeof(*pi));
    pi->threads_per_core = 1;
    pi->cores_per_socket = 1;
    pi->nr_cpus = 1;
    pi->nr_nodes = 1;
    pi->cpu_khz = cpu_khz;
    pi->capabilities = XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_hap |
                       XEN_SYSCTL_PHYSCAP_gnttab_v1 |
                       XEN_SYSCTL_PHYSCAP_gnttab_v2;
    pi->total_pages = max_page;
    pi->free_pages = total_free_pages();
    pi->max_mfn = max_page ? max_page - 1 : 0;
}

long do_sysctl(guest_ptr_t arg)
{
    struct xen_sysctl op;
    long rc;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        return -EACCES;
    rc = xsm_sysctl(XSM_PRIV, op.cmd);
    if ( rc )
        return rc;

    switch ( op.cmd )
    {
    case XEN_SYSCTL_getdomaininfolist:
        rc = getdomaininfolist(&op.u.getdomaininfolist);
        break;
    case XEN_SYSCTL_physinfo:
        physinfo(&op.u.physinfo);
        break;
    case XEN_SYSCTL_sched_id:
        /* Ours has no per-domain parameters to set: Xen's null
         * scheduler is the one of which that is true too. */
        op.u.sched_id.sched_id = XEN_SCHEDULER_NULL;
        break;
    default:
        printk_ratelimited("d%u: sysctl %u not implemented\n",
                           current_domain()->domain_id, op.cmd);
        return -ENOSYS;
    }
    if ( !rc && copy_to_guest(arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}
