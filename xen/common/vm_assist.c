/*
 * The vm_assist hypercall (21): a domain turns on or off an assist of
 * the hypervisor's.  As Xen 4.17 for an HVM (so every) domain, the only
 * one offered is VMASST_TYPE_runstate_update_flag (vcpu_time.c: the
 * runstate copy is flagged while rewritten); other types are -EINVAL,
 * then an unknown command -ENOSYS.  The bits are the domain's, shared by
 * its vCPUs, and take effect at the next runstate update.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <public/xen.h>

#define VM_ASSIST_VALID (1UL << VMASST_TYPE_runstate_update_flag)

long do_vm_assist(unsigned int cmd, unsigned int type)
{
    struct domain *d = current_domain();

    if ( type >= sizeof(unsigned long) * 8 || !(VM_ASSIST_VALID & (1UL << type)) )
        return -EINVAL;
    switch ( cmd )
    {
    case VMASST_CMD_enable:
        d->vm_assist |= 1UL << type;
        return 0;
    case VMASST_CMD_disable:
        d->vm_assist &= ~(1UL << type);
        return 0;
    default:
        return -ENOSYS;
    }
}
