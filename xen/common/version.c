/*
 * The xen_version hypercall: who we are, as the Xen guest ABI asks it.
 * We report the interface version we implement (4.17), so guests choose
 * the same code paths they would on Xen 4.17.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/version.h>
#include <public/version.h>

static long copy_string_out(guest_ptr_t arg, const char *s, size_t field)
{
    char buf[1024];

    if ( field > sizeof(buf) )
        return -EINVAL;
    memset(buf, 0, field);
    strlcpy(buf, s, field);
    return copy_to_guest(arg, buf, field) ? -EFAULT : 0;
}

static long version_compile_info(guest_ptr_t arg)
{
    xen_compile_info_t info;

    memset(&info, 0, sizeof(info));
    strlcpy(info.compiler, XEN_COMPILER, sizeof(info.compiler));
    strlcpy(info.compile_by, XEN_COMPILE_BY, sizeof(info.compile_by));
    strlcpy(info.compile_domain, XEN_COMPILE_DOMAIN,
            sizeof(info.compile_domain));
    strlcpy(info.compile_date, XEN_COMPILE_DATE, sizeof(info.compile_date));
    return copy_to_guest(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long version_get_features(guest_ptr_t arg)
{
    xen_feature_info_t fi;

    if ( copy_from_guest(&fi, arg, sizeof(fi)) )
        return -EFAULT;
    if ( fi.submap_idx != 0 )
        return -EINVAL;
    /*
     * Xen 4.17's answer to a translated (HVM/PVH) domain without PIRQs;
     * XENFEAT_dom0 for the control domain, Xen's hardware domain.  Linux
     * takes its timer from the pvclock only with hvm_callback_vector and
     * hvm_safe_pvclock.
     */
    fi.submap = (1u << XENFEAT_writable_page_tables) |
                (1u << XENFEAT_auto_translated_physmap) |
                (1u << XENFEAT_hvm_callback_vector) |
                (1u << XENFEAT_hvm_safe_pvclock) |
                (1u << XENFEAT_memory_op_vnode_supported) |
                (1u << XENFEAT_not_direct_mapped);
    if ( current_domain()->is_privileged )
        fi.submap |= 1u << XENFEAT_dom0;
    return copy_to_guest(arg, &fi, sizeof(fi)) ? -EFAULT : 0;
}

static long version_guest_handle(guest_ptr_t arg)
{
    uint8_t h[16];          /* xen_domain_handle_t */

    /* Our domains have no toolstack-given UUID: the handle is zero but
     * for the domain id in its last two bytes, so that it is unique. */
    memset(h, 0, sizeof(h));
    h[14] = current_domain()->domain_id >> 8;
    h[15] = current_domain()->domain_id & 0xff;
    return copy_to_guest(arg, h, sizeof(h)) ? -EFAULT : 0;
}

long do_xen_version(unsigned int cmd, guest_ptr_t arg)
{
    switch ( cmd )
    {
    case XENVER_version:
        return (XEN_VERSION_MAJOR << 16) | XEN_VERSION_MINOR;
    case XENVER_extraversion:
        return copy_string_out(arg, XEN_EXTRAVERSION,
                               sizeof(xen_extraversion_t));
    case XENVER_compile_info:
        return version_compile_info(arg);
    case XENVER_capabilities:
        return copy_string_out(arg, "xen-3.0-x86_64 hvm-3.0-x86_32 "
                               "hvm-3.0-x86_32p hvm-3.0-x86_64",
                               sizeof(xen_capabilities_info_t));
    case XENVER_changeset:
        return copy_string_out(arg, XEN_CHANGESET,
                               sizeof(xen_changeset_info_t));
    case XENVER_platform_parameters:
    {
        xen_platform_parameters_t p = { .virt_start = 0 };

        return copy_to_guest(arg, &p, sizeof(p)) ? -EFAULT : 0;
    }
    case XENVER_get_features:
        return version_get_features(arg);
    case XENVER_pagesize:
        return PAGE_SIZE;
    case XENVER_guest_handle:
        return version_guest_handle(arg);
    case XENVER_commandline:
        if ( !current_domain()->is_privileged )
            return -EPERM;
        return copy_string_out(arg, boot_command_line(),
                               sizeof(xen_commandline_t));
    default:
        return -ENOSYS;
    }
}
