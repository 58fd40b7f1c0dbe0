/*
 * FLASK hook of platform_op (xsm/xsm.h): the permission Xen 4.17's
 * flask_platform_op checks for each command, always of the caller on
 * the hypervisor (xen_t), in class xen or xen2.  The CPU and memory
 * hot-plug commands have hooks of their own in Xen, so 0 here (they are
 * -ENOSYS in this hypervisor anyway); an unknown command is the policy's
 * handle_unknown.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <public/platform.h>
#include <flask/flask.h>
#include <flask/av_permissions.h>
#include "private.h"

static int caller_has_perm_on_xen(uint16_t tclass, uint32_t perm)
{
    const struct domain *cur = current_domain();
    struct policydb_context ctx;
    uint32_t xen_type = policydb_isid(&flask_policy, SECINITSID_XEN, &ctx)
                        ? 0 : ctx.type;

    return flask_allowed(cur->flask_type, xen_type, tclass, perm, cur, NULL);
}

/* The class xen permission of cmd, or 0 if it has none there. */
static uint32_t xen_class_perm(uint32_t cmd)
{
    switch ( cmd )
    {
    case XENPF_settime32:
    case XENPF_settime64:           return XEN__SETTIME;
    case XENPF_add_memtype:         return XEN__MTRR_ADD;
    case XENPF_del_memtype:         return XEN__MTRR_DEL;
    case XENPF_read_memtype:        return XEN__MTRR_READ;
    case XENPF_microcode_update:    return XEN__MICROCODE;
    case XENPF_platform_quirk:      return XEN__QUIRK;
    case XENPF_firmware_info:
    case XENPF_efi_runtime_call:    return XEN__FIRMWARE;
    case XENPF_enter_acpi_sleep:    return XEN__SLEEP;
    case XENPF_change_freq:         return XEN__FREQUENCY;
    case XENPF_getidletime:         return XEN__GETIDLE;
    case XENPF_set_processor_pminfo:
    case XENPF_core_parking:        return XEN__PM_OP;
    case XENPF_get_cpu_version:
    case XENPF_get_cpuinfo:         return XEN__GETCPUINFO;
    default:                        return 0;
    }
}

int flask_platform_op(uint32_t cmd)
{
    uint32_t perm = xen_class_perm(cmd);

    if ( perm )
        return caller_has_perm_on_xen(SECCLASS_XEN, perm);
    switch ( cmd )
    {
    case XENPF_cpu_online:
    case XENPF_cpu_offline:
    case XENPF_cpu_hotadd:
    case XENPF_mem_hotadd:
        return 0;
    case XENPF_resource_op:
        return caller_has_perm_on_xen(SECCLASS_XEN2, XEN2__RESOURCE_OP);
    case XENPF_get_symbol:
        return caller_has_perm_on_xen(SECCLASS_XEN2, XEN2__GET_SYMBOL);
    default:
        return flask_unknown("platform_op", cmd);
    }
}
