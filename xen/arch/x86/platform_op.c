/*
 * platform_op (hypercall 7), as Xen 4.17 answers a PVH control domain on
 * a machine of one physical CPU (public/platform.h).  A Linux dom0 asks
 * for the firmware's EFI information early, for each physical CPU
 * (drivers/xen/pcpu.c), and sets the wall clock at every timekeeping
 * update until that succeeds (arch/x86/xen/time.c).
 *
 * Order of checks as Xen: the structure is read (-EFAULT), the
 * interface version checked (-EACCES), XSM asked (dummy: the control
 * domain only, -EPERM), then the command.  Answered here:
 *   settime32/64       the wall clock every domain reads (mbz != 0: -EINVAL)
 *   firmware_info      no EFI boot (EFI_INFO -ENOSYS, as Xen without
 *                      EFI); no disk, MBR or EDID data collected (-ESRCH,
 *                      as Xen with none); the keyboard shift flags 0;
 *                      another type -EINVAL
 *   get_cpuinfo        CPU 0 online, its APIC id, ACPI id 0; any other
 *                      number INVALID; max_present 0
 *   get_cpu_version    CPU 0's vendor/family/model/stepping; any other
 *                      number zeros; max_present 0
 * Every other command is -ENOSYS (Linux carries on without them), logged
 * once per command.  Only the command's part of the structure is written
 * back.  One layout for 32- and 64-bit callers.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xsm/xsm.h>
#include <public/platform.h>
#include <asm-x86/pcpu.h>

#define OP_U offsetof(struct xen_platform_op, u)

/* The answer in op->u, size bytes of it, back to the caller. */
static long copy_back(guest_ptr_t arg, const void *u, size_t size)
{
    return copy_to_guest(guest_ptr_add(arg, OP_U), u, size) ? -EFAULT : 0;
}

static long firmware_info(struct xenpf_firmware_info *fw, guest_ptr_t arg)
{
    switch ( fw->type )
    {
    case XEN_FW_DISK_INFO:
    case XEN_FW_DISK_MBR_SIGNATURE:
    case XEN_FW_VBEDDC_INFO:
        return -ESRCH;              /* nothing collected at boot */
    case XEN_FW_EFI_INFO:
        return -ENOSYS;             /* not booted through EFI */
    case XEN_FW_KBD_SHIFT_FLAGS:
        if ( fw->index != 0 )
            return -ESRCH;
        fw->u.kbd_shift_flags = 0;
        return copy_to_guest(guest_ptr_add(arg, OP_U +
                                 offsetof(struct xenpf_firmware_info, u)),
                             &fw->u.kbd_shift_flags, 1) ? -EFAULT : 0;
    default:
        return -EINVAL;
    }
}

static long pcpu_info(struct xenpf_pcpuinfo *p, guest_ptr_t arg)
{
    struct pcpu_identity id;

    if ( p->xen_cpuid >= PCPU_COUNT )
        p->flags = XEN_PCPU_FLAGS_INVALID;  /* ids left as the caller's */
    else
    {
        pcpu_identify(p->xen_cpuid, &id);
        p->apic_id = id.apic_id;
        p->acpi_id = p->xen_cpuid;  /* no host MADT read: docs/decisions.md */
        p->flags = XEN_PCPU_FLAGS_ONLINE;
    }
    p->max_present = PCPU_COUNT - 1;
    return copy_back(arg, p, sizeof(*p));
}

static long pcpu_version(struct xenpf_pcpu_version *p, guest_ptr_t arg)
{
    struct pcpu_identity id;

    if ( p->xen_cpuid >= PCPU_COUNT )
        memset(&id, 0, sizeof(id));
    else
        pcpu_identify(p->xen_cpuid, &id);
    memcpy(p->vendor_id, id.vendor, sizeof(p->vendor_id));
    p->family = id.family;
    p->model = id.model;
    p->stepping = id.stepping;
    p->max_present = PCPU_COUNT - 1;
    return copy_back(arg, p, sizeof(*p));
}

/* -ENOSYS for cmd, said once per command (Linux may repeat them). */
static long not_implemented(struct domain *d, uint32_t cmd)
{
    static uint64_t said[2];        /* commands 0-126; the rest share 127 */
    unsigned int n = cmd < 127 ? cmd : 127;

    if ( !(said[n / 64] & (1ULL << (n % 64))) )
    {
        said[n / 64] |= 1ULL << (n % 64);
        printk("d%u: platform_op %u not implemented%s\n", d->domain_id, cmd,
               n < 127 ? "" : " (higher ones not logged again)");
    }
    return -ENOSYS;
}

long do_platform_op(guest_ptr_t arg)
{
    struct xen_platform_op op;
    int rc;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XENPF_INTERFACE_VERSION )
        return -EACCES;
    rc = xsm_platform_op(XSM_PRIV, op.cmd);
    if ( rc )
        return rc;

    switch ( op.cmd )
    {
    case XENPF_settime32:
        wallclock_settime(op.u.settime32.secs, op.u.settime32.nsecs,
                          op.u.settime32.system_time);
        return 0;
    case XENPF_settime64:
        if ( op.u.settime64.mbz )
            return -EINVAL;
        wallclock_settime(op.u.settime64.secs, op.u.settime64.nsecs,
                          op.u.settime64.system_time);
        return 0;
    case XENPF_firmware_info:
        return firmware_info(&op.u.firmware_info, arg);
    case XENPF_get_cpuinfo:
        return pcpu_info(&op.u.pcpu_info, arg);
    case XENPF_get_cpu_version:
        return pcpu_version(&op.u.pcpu_version, arg);
    default:
        return not_implemented(current_domain(), op.cmd);
    }
}
