/*
 * domctl (hypercall 36): the domain control libxenctrl uses to create,
 * size, inspect, pause and destroy domains (docs/domctl.md).  The same
 * handler serves 32- and 64-bit callers: every domctl structure has one
 * layout for both.
 *
 * Order, as Xen 4.17: copy in, check the interface version (-EACCES),
 * look the domain up (-ESRCH; none for createdomain, and getdomaininfo
 * takes the next one up), ask XSM, then do the operation.  Commands not
 * implemented here answer -ENOSYS, logged once each.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/domain_info.h>
#include <xen/domctl.h>
#include <public/domctl.h>
#include <xsm/xsm.h>

static bool implemented(uint32_t cmd)
{
    switch ( cmd )
    {
    case XEN_DOMCTL_createdomain:
    case XEN_DOMCTL_destroydomain:
    case XEN_DOMCTL_pausedomain:
    case XEN_DOMCTL_unpausedomain:
    case XEN_DOMCTL_getdomaininfo:
    case XEN_DOMCTL_max_mem:
    case XEN_DOMCTL_max_vcpus:
        return true;
    }
    return false;
}

/* Each unimplemented command is logged the first time only. */
static void log_unimplemented(uint32_t cmd)
{
    static uint8_t seen[128 / 8];

    if ( cmd < 128 && (seen[cmd / 8] & (1u << (cmd % 8))) )
        return;
    if ( cmd < 128 )
        seen[cmd / 8] |= 1u << (cmd % 8);
    printk_ratelimited("d%u: domctl %u not implemented\n",
                       current_domain()->domain_id, cmd);
}

/*
 * The first domain whose id is at least op->domain (Xen's getdomaininfo
 * answers about the next domain up), checked with XSM.
 */
static long getdomaininfo(struct xen_domctl *op)
{
    struct domain *d;
    int rc;

    if ( op->domain >= DOMID_FIRST_RESERVED )
        return -EINVAL;
    for ( d = domain_first(); d && d->domain_id < op->domain;
          d = d->next_in_list )
        ;
    if ( !d )
        return -ESRCH;
    rc = xsm_getdomaininfo(XSM_HOOK, d);
    if ( rc )
        return rc;
    domain_get_info(d, &op->u.getdomaininfo);
    op->domain = d->domain_id;
    return 0;
}

/* XEN_DOMCTL_max_vcpus: only the number given at creation (Xen 4.17). */
static long max_vcpus(struct domain *d, const struct xen_domctl *op)
{
    if ( d == current_domain() || op->u.max_vcpus.max != d->max_vcpus )
        return -EINVAL;
    return domain_create_vcpus(d);
}

/* XEN_DOMCTL_max_mem: the allotment, rounded down to pages.  Lowering
 * it below what the domain has only stops it growing (as Xen). */
static long max_mem(struct domain *d, const struct xen_domctl *op)
{
    uint64_t pages = op->u.max_mem.max_memkb >> (PAGE_SHIFT - 10);

    d->max_pages = pages > ~0UL ? ~0UL : (unsigned long)pages;
    return 0;
}

/* The guest re-issues the same domctl (same argument) to go on. */
static long domctl_continue(guest_ptr_t arg)
{
    unsigned long args[1] = { arg.va };

    return hypercall_create_continuation(__HYPERVISOR_domctl, 1, args);
}

static long do_op(struct domain *d, const struct xen_domctl *op,
                  guest_ptr_t arg)
{
    long rc;

    switch ( op->cmd )
    {
    case XEN_DOMCTL_destroydomain:
        rc = domain_kill(d);
        return rc == -ERESTART ? domctl_continue(arg) : rc;
    case XEN_DOMCTL_pausedomain:
        return d == current_domain() ? -EINVAL
                                     : domain_pause_by_controller(d);
    case XEN_DOMCTL_unpausedomain:
        return domain_unpause_by_controller(d);
    case XEN_DOMCTL_max_vcpus:
        return max_vcpus(d, op);
    case XEN_DOMCTL_max_mem:
        return max_mem(d, op);
    }
    return -ENOSYS;
}

/*
 * The domain op->domain names: a live one, or for a destroydomain being
 * continued the dying one this vCPU holds.
 */
static struct domain *target_domain(const struct xen_domctl *op)
{
    struct vcpu *v = current;
    struct domain *d = domain_lookup(op->domain);

    if ( !d && op->cmd == XEN_DOMCTL_destroydomain && v->destroying &&
         v->destroying->domain_id == op->domain )
        d = v->destroying;
    return d;
}

long do_domctl(guest_ptr_t arg)
{
    struct xen_domctl op;
    struct domain *d = NULL;
    bool copyback = false;
    long rc;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_DOMCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( !implemented(op.cmd) )
    {
        log_unimplemented(op.cmd);
        return -ENOSYS;
    }
    if ( op.cmd != XEN_DOMCTL_createdomain &&
         op.cmd != XEN_DOMCTL_getdomaininfo &&
         !(d = target_domain(&op)) )
        return -ESRCH;
    rc = xsm_domctl(XSM_PRIV, d, op.cmd);
    if ( rc )
        return rc;

    switch ( op.cmd )
    {
    case XEN_DOMCTL_createdomain:
        rc = domctl_createdomain(&op);
        copyback = !rc;
        break;
    case XEN_DOMCTL_getdomaininfo:
        rc = getdomaininfo(&op);
        copyback = !rc;
        break;
    default:
        rc = do_op(d, &op, arg);
    }
    if ( copyback && copy_to_guest(arg, &op, sizeof(op)) )
        rc = -EFAULT;
    return rc;
}
