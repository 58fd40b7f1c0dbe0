/* SPDX-License-Identifier: MIT */
/*
 * xen_version(cmd, arg): what the hypervisor is.  Sub-ops with no
 * argument ignore 'arg'; the others write a fixed-size buffer to it.
 */
#ifndef __XEN_PUBLIC_VERSION_H__
#define __XEN_PUBLIC_VERSION_H__

#include "xen.h"

/* arg unused.  Returns (major << 16) | minor. */
#define XENVER_version      0

/* OUT: NUL-terminated suffix of the version, e.g. ".0" or "-rc". */
#define XENVER_extraversion 1
#ifndef __ASSEMBLY__
typedef char xen_extraversion_t[16];
#define XEN_EXTRAVERSION_LEN (sizeof(xen_extraversion_t))
#endif

/* OUT: struct xen_compile_info, strings NUL-terminated. */
#define XENVER_compile_info 2
#ifndef __ASSEMBLY__
struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;
#endif

/* OUT: space-separated guest kinds, e.g. "xen-3.0-x86_64 hvm-3.0-x86_32". */
#define XENVER_capabilities 3
#ifndef __ASSEMBLY__
typedef char xen_capabilities_info_t[1024];
#define XEN_CAPABILITIES_INFO_LEN (sizeof(xen_capabilities_info_t))
#endif

/* OUT: source revision the hypervisor was built from. */
#define XENVER_changeset 4
#ifndef __ASSEMBLY__
typedef char xen_changeset_info_t[64];
#define XEN_CHANGESET_INFO_LEN (sizeof(xen_changeset_info_t))
#endif

/* OUT: lowest virtual address the hypervisor reserves (PV guests). */
#define XENVER_platform_parameters 5
#ifndef __ASSEMBLY__
struct xen_platform_parameters {
    xen_ulong_t virt_start;
};
typedef struct xen_platform_parameters xen_platform_parameters_t;
#endif

/* IN/OUT: one 32-bit submap of the XENFEAT_* bits (see features.h). */
#define XENVER_get_features 6
#ifndef __ASSEMBLY__
struct xen_feature_info {
    unsigned int submap_idx;    /* IN: which submap */
    uint32_t     submap;        /* OUT: its bits */
};
typedef struct xen_feature_info xen_feature_info_t;
#endif

#include "features.h"

/* arg unused.  Returns the page size in bytes. */
#define XENVER_pagesize 7

/* OUT: the domain's 16-byte handle (a xen_domain_handle_t, UUID). */
#define XENVER_guest_handle 8

/* OUT: the hypervisor's command line (privileged callers only). */
#define XENVER_commandline 9
#ifndef __ASSEMBLY__
typedef char xen_commandline_t[1024];
#endif

/*
 * IN/OUT: len is the buffer size in; the result is the build id's length
 * in bytes, copied into buf (privileged callers only).
 */
#define XENVER_build_id 10
#ifndef __ASSEMBLY__
struct xen_build_id {
    uint32_t      len;                     /* IN: bytes available in buf */
    unsigned char buf[XEN_FLEX_ARRAY_DIM]; /* OUT */
};
typedef struct xen_build_id xen_build_id_t;
#endif

#endif /* __XEN_PUBLIC_VERSION_H__ */
