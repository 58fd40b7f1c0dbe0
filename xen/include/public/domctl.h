/* SPDX-License-Identifier: MIT */
/*
 * domctl(arg): domain control for the toolstack (hypercall 36), the
 * subset Xen 4.17's libxenctrl uses to create, size, inspect and destroy
 * domains.  Tools-only: every structure has the same layout for 32- and
 * 64-bit callers (64-bit fields are 8-aligned, handles 64 bits wide).
 * A call whose interface_version is not XEN_DOMCTL_INTERFACE_VERSION is
 * refused with -EACCES.  docs/domctl.md lists what is implemented.
 */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#include "xen.h"

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015    /* Xen 4.17 */

/* Tools-only: a guest build sees nothing here. */
#if (defined(__XEN__) || defined(__XEN_TOOLS__)) && !defined(__ASSEMBLY__)

/* A domain's 16-byte handle (the toolstack's UUID for it). */
typedef uint8_t xen_domain_handle_t[16];

/* x86 domain configuration at creation. */
struct xen_arch_domainconfig {
#define XEN_X86_EMU_LAPIC     (1u << 0)
#define XEN_X86_EMU_HPET      (1u << 1)
#define XEN_X86_EMU_PM        (1u << 2)
#define XEN_X86_EMU_RTC       (1u << 3)
#define XEN_X86_EMU_IOAPIC    (1u << 4)
#define XEN_X86_EMU_PIC       (1u << 5)
#define XEN_X86_EMU_VGA       (1u << 6)
#define XEN_X86_EMU_IOMMU     (1u << 7)
#define XEN_X86_EMU_PIT       (1u << 8)
#define XEN_X86_EMU_USE_PIRQ  (1u << 9)
#define XEN_X86_EMU_VPCI      (1u << 10)
#define XEN_X86_EMU_ALL       0x7ffu
    uint32_t emulation_flags;       /* devices the hypervisor emulates */
#define XEN_X86_MSR_RELAXED   (1u << 0)
    uint32_t misc_flags;
};

/* XEN_DOMCTL_createdomain: IN the configuration; the new id goes back in
 * xen_domctl.domain (IN: 0 = let the hypervisor choose). */
struct xen_domctl_createdomain {
    uint32_t ssidref;               /* FLASK label of the new domain */
    xen_domain_handle_t handle;
#define XEN_DOMCTL_CDF_hvm            (1u << 0)
#define XEN_DOMCTL_CDF_hap            (1u << 1)
#define XEN_DOMCTL_CDF_s3_integrity   (1u << 2)
#define XEN_DOMCTL_CDF_oos_off        (1u << 3)
#define XEN_DOMCTL_CDF_xs_domain      (1u << 4)
#define XEN_DOMCTL_CDF_iommu          (1u << 5)
#define XEN_DOMCTL_CDF_nested_virt    (1u << 6)
#define XEN_DOMCTL_CDF_vpmu           (1u << 7)
    uint32_t flags;
#define XEN_DOMCTL_IOMMU_no_sharept   (1u << 0)
    uint32_t iommu_opts;
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;       /* highest event channel port */
    int32_t max_grant_frames;       /* < 0: the hypervisor's default */
    int32_t max_maptrack_frames;    /* < 0: the hypervisor's default */
#define XEN_DOMCTL_GRANT_version_mask 0xfu  /* highest grant version */
    uint32_t grant_opts;
    uint32_t vmtrace_size;          /* bytes per vCPU; 0: none */
    uint32_t cpupool_id;
    struct xen_arch_domainconfig arch;
};

/* XEN_DOMCTL_getdomaininfo: all OUT. */
struct xen_domctl_getdomaininfo {
    domid_t domain;                 /* the domain described */
    uint16_t pad1;
#define XEN_DOMINF_dying      (1u << 0)
#define XEN_DOMINF_hvm_guest  (1u << 1)
#define XEN_DOMINF_shutdown   (1u << 2)
#define XEN_DOMINF_paused     (1u << 3)
#define XEN_DOMINF_blocked    (1u << 4)
#define XEN_DOMINF_running    (1u << 5)
#define XEN_DOMINF_debugged   (1u << 6)
#define XEN_DOMINF_xs_domain  (1u << 7)
#define XEN_DOMINF_hap        (1u << 8)
#define XEN_DOMINF_shutdownmask  255        /* the SHUTDOWN_* code ... */
#define XEN_DOMINF_shutdownshift 16         /* ... at this bit */
    uint32_t flags;
    uint64_aligned_t tot_pages;
    uint64_aligned_t max_pages;
    uint64_aligned_t outstanding_pages;
    uint64_aligned_t shr_pages;
    uint64_aligned_t paged_pages;
    uint64_aligned_t shared_info_frame;     /* gfn of its shared_info */
    uint64_aligned_t cpu_time;              /* ns its vCPUs have run */
    uint32_t nr_online_vcpus;
#define XEN_INVALID_MAX_VCPU_ID (~0u)       /* no vCPU yet */
    uint32_t max_vcpu_id;
    uint32_t ssidref;
    xen_domain_handle_t handle;
    uint32_t cpupool;
    uint8_t gpaddr_bits;
    uint8_t pad2[7];
    struct xen_arch_domainconfig arch_config;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t);

/* XEN_DOMCTL_max_mem: IN. */
struct xen_domctl_max_mem {
    uint64_aligned_t max_memkb;
};

/* XEN_DOMCTL_max_vcpus: IN, must equal createdomain's max_vcpus. */
struct xen_domctl_max_vcpus {
    uint32_t max;
};

struct xen_domctl {
    uint32_t cmd;
#define XEN_DOMCTL_createdomain     1
#define XEN_DOMCTL_destroydomain    2
#define XEN_DOMCTL_pausedomain      3
#define XEN_DOMCTL_unpausedomain    4
#define XEN_DOMCTL_getdomaininfo    5
#define XEN_DOMCTL_max_mem         11
#define XEN_DOMCTL_max_vcpus       15
    uint32_t interface_version;     /* XEN_DOMCTL_INTERFACE_VERSION */
    domid_t domain;
    uint16_t _pad[3];
    union {
        struct xen_domctl_createdomain createdomain;
        struct xen_domctl_getdomaininfo getdomaininfo;
        struct xen_domctl_max_mem max_mem;
        struct xen_domctl_max_vcpus max_vcpus;
        uint8_t pad[128];
    } u;
};
typedef struct xen_domctl xen_domctl_t;

#endif /* tools */
#endif /* __XEN_PUBLIC_DOMCTL_H__ */
