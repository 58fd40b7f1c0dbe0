/*
 * The hvm_op hypercall (34): HVM parameters (set_param / get_param),
 * the per-vCPU event upcall vector and the pagetable_dying hint.  Answers as Xen 4.17's: a guest may
 * set or read only the parameters it owns (others -EPERM), retired
 * numbers are -EINVAL, and the control domain or a device model acts on
 * its target through XSM (hvm:setparam/getparam).  Every hvm_op
 * structure has the same layout for 32-bit callers.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xsm/xsm.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <asm/hvm.h>
#include <asm/hvm/upcall.h>

enum param_use { PARAM_GUEST, PARAM_RETIRED, PARAM_TOOLS };

static enum param_use param_use(uint32_t index, bool set)
{
    switch ( index )
    {
    case HVM_PARAM_CALLBACK_IRQ:
    case HVM_PARAM_VM86_TSS:
    case HVM_PARAM_VM86_TSS_SIZED:
    case HVM_PARAM_ACPI_IOPORTS_LOCATION:
    case HVM_PARAM_VM_GENERATION_ID_ADDR:
    case HVM_PARAM_STORE_EVTCHN:
    case HVM_PARAM_CONSOLE_EVTCHN:
    case HVM_PARAM_X87_FIP_WIDTH:
        return PARAM_GUEST;
    case HVM_PARAM_STORE_PFN:
    case HVM_PARAM_CONSOLE_PFN:
    case HVM_PARAM_ALTP2M:
        return set ? PARAM_TOOLS : PARAM_GUEST;   /* the guest reads them */
    case HVM_PARAM_PAE_ENABLED:
    case HVM_PARAM_DM_DOMAIN:
    case HVM_PARAM_MEMORY_EVENT_CR0:
    case HVM_PARAM_MEMORY_EVENT_CR3:
    case HVM_PARAM_MEMORY_EVENT_CR4:
    case HVM_PARAM_MEMORY_EVENT_INT3:
    case HVM_PARAM_NESTEDHVM:
    case HVM_PARAM_MEMORY_EVENT_SINGLE_STEP:
    case HVM_PARAM_BUFIOREQ_EVTCHN:
    case HVM_PARAM_MEMORY_EVENT_MSR:
        return PARAM_RETIRED;
    default:
        return PARAM_TOOLS;
    }
}

static int param_allowed(struct domain *d, uint32_t index, bool set)
{
    int rc = xsm_hvm_param(XSM_TARGET, d,
                           set ? HVMOP_set_param : HVMOP_get_param);

    if ( rc )
        return rc;
    switch ( param_use(index, set) )
    {
    case PARAM_RETIRED:
        return -EINVAL;
    case PARAM_TOOLS:
        return d == current_domain() ? -EPERM : 0;
    default:
        return 0;
    }
}

static long hvmop_param(guest_ptr_t arg, bool set)
{
    struct xen_hvm_param a;
    struct domain *d;
    int rc;

    if ( copy_from_guest(&a, arg, sizeof(a)) )
        return -EFAULT;
    if ( a.index >= HVM_NR_PARAMS )
        return -EINVAL;
    d = a.domid == DOMID_SELF ? current_domain() : domain_lookup(a.domid);
    if ( !d )
        return -ESRCH;
    rc = param_allowed(d, a.index, set);
    if ( rc )
        return rc;
    if ( !set )
    {
        a.value = d->arch.hvm_params[a.index];
        return copy_to_guest(arg, &a, sizeof(a)) ? -EFAULT : 0;
    }
    if ( a.index == HVM_PARAM_CALLBACK_IRQ )
    {
        hvm_set_callback_via(d, a.value);
        /* As Xen: a guest setting it up reveals its width (shared.h). */
        if ( d == current_domain() )
            shinfo_latch_width(d, hvm_guest_is_64bit(current));
    }
    d->arch.hvm_params[a.index] = a.value;
    return 0;
}

static long hvmop_upcall_vector(guest_ptr_t arg)
{
    struct xen_hvm_evtchn_upcall_vector op;
    struct domain *d = current_domain();

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.vector < 0x10 )
        return -EINVAL;
    if ( op.vcpu >= d->max_vcpus || !d->vcpu[op.vcpu] )
        return -ENOENT;
    return hvm_set_upcall_vector(d->vcpu[op.vcpu], op.vector);
}

/*
 * HVMOP_pagetable_dying, a hint for shadow paging: every domain here runs
 * on nested paging, so the answer is Xen 4.17's to a HAP guest: -EINVAL
 * for the caller itself, -EOPNOTSUPP for another domain (after -EFAULT
 * and -ESRCH).
 */
static long hvmop_pagetable_dying(guest_ptr_t arg)
{
    struct xen_hvm_pagetable_dying a;
    struct domain *d;

    if ( copy_from_guest(&a, arg, sizeof(a)) )
        return -EFAULT;
    d = a.domid == DOMID_SELF ? current_domain() : domain_lookup(a.domid);
    if ( !d )
        return -ESRCH;
    return d == current_domain() ? -EINVAL : -EOPNOTSUPP;
}

long do_hvm_op(unsigned long op, guest_ptr_t arg)
{
    switch ( op )
    {
    case HVMOP_set_param:
        return hvmop_param(arg, true);
    case HVMOP_get_param:
        return hvmop_param(arg, false);
    case HVMOP_set_evtchn_upcall_vector:
        return hvmop_upcall_vector(arg);
    case HVMOP_pagetable_dying:
        return hvmop_pagetable_dying(arg);
    default:
        return -ENOSYS;
    }
}
