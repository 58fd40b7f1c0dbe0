/* SPDX-License-Identifier: MIT */
/*
 * sysctl(arg): system control for the toolstack (hypercall 35), the
 * subset Xen 4.17's libxenctrl uses: the list of domains, what the
 * machine is, which scheduler runs.  Same layout for 32- and 64-bit
 * callers.  A call whose interface_version is not
 * XEN_SYSCTL_INTERFACE_VERSION is refused with -EACCES.
 */
#ifndef __XEN_PUBLIC_SYSCTL_H__
#define __XEN_PUBLIC_SYSCTL_H__

#include "xen.h"
#include "domctl.h"

#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015    /* Xen 4.17 */

/* Tools-only: a guest build sees nothing here. */
#if (defined(__XEN__) || defined(__XEN_TOOLS__)) && !defined(__ASSEMBLY__)

/* XEN_SYSCTL_physinfo: all OUT. */
struct xen_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t nr_cpus;               /* online */
    uint32_t max_cpu_id;
    uint32_t nr_nodes;              /* online NUMA nodes */
    uint32_t max_node_id;
    uint32_t cpu_khz;
#define XEN_SYSCTL_PHYSCAP_hvm          (1u << 0)
#define XEN_SYSCTL_PHYSCAP_pv           (1u << 1)
#define XEN_SYSCTL_PHYSCAP_directio     (1u << 2)
#define XEN_SYSCTL_PHYSCAP_hap          (1u << 3)
#define XEN_SYSCTL_PHYSCAP_shadow       (1u << 4)
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share (1u << 5)
#define XEN_SYSCTL_PHYSCAP_vmtrace      (1u << 6)
#define XEN_SYSCTL_PHYSCAP_vpmu         (1u << 7)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1    (1u << 8)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2    (1u << 9)
    uint32_t capabilities;
    uint32_t arch_capabilities;
    uint32_t pad;
    uint64_aligned_t total_pages;
    uint64_aligned_t free_pages;
    uint64_aligned_t scrub_pages;
    uint64_aligned_t outstanding_pages;
    uint64_aligned_t max_mfn;
    uint32_t hw_cap[8];
};

/* XEN_SYSCTL_sched_id: OUT. */
struct xen_sysctl_sched_id {
    uint32_t sched_id;              /* XEN_SCHEDULER_* */
};
#define XEN_SCHEDULER_CREDIT   5
#define XEN_SCHEDULER_CREDIT2  6
#define XEN_SCHEDULER_ARINC653 7
#define XEN_SCHEDULER_RTDS     8
#define XEN_SCHEDULER_NULL     9

/* XEN_SYSCTL_getdomaininfolist: up to max_domains entries, from the
 * first domain whose id is at least first_domain, in id order. */
struct xen_sysctl_getdomaininfolist {
    domid_t first_domain;                                   /* IN */
    uint32_t max_domains;                                   /* IN */
    XEN_GUEST_HANDLE_64(xen_domctl_getdomaininfo_t) buffer; /* IN */
    uint32_t num_domains;                                   /* OUT */
};

struct xen_sysctl {
    uint32_t cmd;
#define XEN_SYSCTL_physinfo             3
#define XEN_SYSCTL_sched_id             4
#define XEN_SYSCTL_getdomaininfolist    6
    uint32_t interface_version;     /* XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct xen_sysctl_physinfo physinfo;
        struct xen_sysctl_sched_id sched_id;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        uint8_t pad[128];
    } u;
};
typedef struct xen_sysctl xen_sysctl_t;

#endif /* tools */
#endif /* __XEN_PUBLIC_SYSCTL_H__ */
