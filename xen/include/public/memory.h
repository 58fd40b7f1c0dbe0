/* SPDX-License-Identifier: MIT */
/*
 * memory_op(cmd, arg): a domain's memory reservation and physical map.
 * 'arg' points to the struct named for each sub-op.  "gpfn"/"gfn" is a
 * guest frame number as the domain sees it; "mfn" a machine frame.
 */
#ifndef __XEN_PUBLIC_MEMORY_H__
#define __XEN_PUBLIC_MEMORY_H__

#include "xen.h"

/* Sub-op numbers.  8 is retired. */
#define XENMEM_increase_reservation          0
#define XENMEM_decrease_reservation          1
#define XENMEM_maximum_ram_page              2
#define XENMEM_current_reservation           3
#define XENMEM_maximum_reservation           4
#define XENMEM_machphys_mfn_list             5
#define XENMEM_populate_physmap              6
#define XENMEM_add_to_physmap                7
#define XENMEM_memory_map                    9
#define XENMEM_machine_memory_map           10
#define XENMEM_exchange                     11
#define XENMEM_machphys_mapping             12
#define XENMEM_set_memory_map               13
#define XENMEM_maximum_gpfn                 14
#define XENMEM_remove_from_physmap          15
#define XENMEM_set_pod_target               16
#define XENMEM_get_pod_target               17
#define XENMEM_add_to_physmap_batch         23
#define XENMEM_machphys_compat_mfn_list     25
#define XENMEM_get_vnumainfo                26
#define XENMEM_acquire_resource             28
#if defined(__XEN__) || defined(__XEN_TOOLS__)
/* Sub-ops only the toolstack uses. */
#define XENMEM_get_sharing_freed_pages      18
#define XENMEM_get_sharing_shared_pages     19
#define XENMEM_paging_op                    20
#define XENMEM_access_op                    21
#define XENMEM_sharing_op                   22
#define XENMEM_claim_pages                  24
#define XENMEM_reserved_device_memory_map   27
#endif

/*
 * mem_flags of xen_memory_reservation: bits 0-7 the maximum address
 * width of the frames (0 = any), bits 8-15 NUMA node + 1 (0 = any).
 */
#define XENMEMF_address_bits(x)      (x)
#define XENMEMF_get_address_bits(x)  ((x) & 0xffu)
#define XENMEMF_node(x)              (((x) + 1) << 8)
#define XENMEMF_get_node(x)          ((((x) >> 8) - 1) & 0xffu)
#define XENMEMF_populate_on_demand   (1 << 16)
#define XENMEMF_exact_node_request   (1 << 17)
#define XENMEMF_exact_node(n)        (XENMEMF_node(n) | XENMEMF_exact_node_request)
#define XENMEMF_vnode                (1 << 18)

/* Spaces that XENMEM_add_to_physmap{,_batch} take frames from. */
#define XENMAPSPACE_shared_info   0  /* idx 0: the shared_info page */
#define XENMAPSPACE_grant_table   1  /* idx: grant-table frame (see below) */
#define XENMAPSPACE_gmfn          2  /* idx: a gfn of the domain to move */
#define XENMAPSPACE_gmfn_range    3  /* 'size' gfns from idx (not batch) */
#define XENMAPSPACE_gmfn_foreign  4  /* idx: a gfn of foreign_domid */
#define XENMAPSPACE_dev_mmio      5  /* ARM only */

/* In idx with XENMAPSPACE_grant_table: ask for a v2 status frame. */
#define XENMAPIDX_grant_table_status 0x80000000

#ifndef __ASSEMBLY__

/*
 * increase_reservation, decrease_reservation, populate_physmap.
 * Returns the number of extents processed (which may be fewer than asked).
 */
struct xen_memory_reservation {
    /*
     * IN/OUT: for increase, OUT mfns of the new extents (may be null);
     * for decrease, IN gfns to release; for populate, IN gfns to fill.
     */
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
    xen_ulong_t  nr_extents;    /* IN */
    unsigned int extent_order;  /* IN: each extent is 2^order pages */
    unsigned int mem_flags;     /* IN: XENMEMF_* */
    domid_t      domid;         /* IN: DOMID_SELF or a controlled domain */
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_reservation_t);

/* Trade 'in' extents for fresh 'out' extents of another size/placement. */
struct xen_memory_exchange {
    struct xen_memory_reservation in;   /* IN */
    struct xen_memory_reservation out;  /* IN/OUT */
    xen_ulong_t nr_exchanged;           /* OUT: input extents consumed */
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_exchange_t);

/* current/maximum_reservation, maximum_gpfn: result is the count. */
struct xen_memory_domain {
    domid_t domid;              /* IN */
};

/* PV only: frames of the machine-to-phys table. */
struct xen_machphys_mfn_list {
    unsigned int max_extents;                   /* IN: room in extent_start */
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;   /* OUT */
    unsigned int nr_extents;                    /* OUT */
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mfn_list_t);

/* PV only: where the machine-to-phys table is mapped. */
struct xen_machphys_mapping {
    xen_ulong_t v_start, v_end; /* OUT: virtual range */
    xen_ulong_t max_mfn;        /* OUT */
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mapping_t);

/* Put the frame (space, idx) at gpfn in domid's physical map. */
struct xen_add_to_physmap {
    domid_t      domid;         /* IN */
    uint16_t     size;          /* IN: page count for XENMAPSPACE_gmfn_range */
    unsigned int space;         /* IN: XENMAPSPACE_* */
    xen_ulong_t  idx;           /* IN: frame within the space */
    xen_pfn_t    gpfn;          /* IN: where it appears */
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_t);

/* Many add_to_physmap at once; per-entry results in errs. */
struct xen_add_to_physmap_batch {
    domid_t  domid;             /* IN */
    uint16_t space;             /* IN: XENMAPSPACE_* */
    uint16_t size;              /* IN: number of entries */
    union xen_add_to_physmap_batch_extra {
        domid_t  foreign_domid; /* IN: XENMAPSPACE_gmfn_foreign */
        uint16_t res0;          /* IN: other spaces, zero */
    } u;
    XEN_GUEST_HANDLE(xen_ulong_t) idxs; /* IN */
    XEN_GUEST_HANDLE(xen_pfn_t) gpfns;  /* IN */
    XEN_GUEST_HANDLE(int) errs;         /* OUT: 0 or -errno each */
};
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_batch_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_batch_t);

/* Drop whatever is mapped at gpfn in domid's physical map. */
struct xen_remove_from_physmap {
    domid_t   domid;            /* IN */
    xen_pfn_t gpfn;             /* IN */
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_remove_from_physmap_t);

/* memory_map / machine_memory_map: an E820-style table. */
struct xen_memory_map {
    unsigned int nr_entries;        /* IN: room in buffer; OUT: entries */
    XEN_GUEST_HANDLE(void) buffer;  /* OUT: array of 20-byte E820 entries */
};
typedef struct xen_memory_map xen_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_map_t);

/* set_memory_map: the table another domain will see. */
struct xen_foreign_memory_map {
    domid_t domid;              /* IN */
    struct xen_memory_map map;  /* IN */
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_foreign_memory_map_t);

/* set/get_pod_target (populate-on-demand). */
struct xen_pod_target {
    uint64_t target_pages;      /* IN */
    uint64_t tot_pages;         /* OUT */
    uint64_t pod_cache_pages;   /* OUT */
    uint64_t pod_entries;       /* OUT */
    domid_t  domid;             /* IN */
};
typedef struct xen_pod_target xen_pod_target_t;

/*
 * XENMEM_acquire_resource: map frames that belong to another domain's
 * resource (grant table, ioreq server pages, vmtrace buffer) but are not
 * in its physical map.
 *  - frame_list null and nr_frames 0: OUT nr_frames = the resource's size.
 *  - caller without translation (PV): OUT frame_list gets the mfns.
 *  - translated caller (HVM/PVH): IN frame_list holds the caller's gfns,
 *    each is mapped to the matching resource frame.
 * If mapping fails after some frames, the result is -EIO and the earlier
 * frames stay mapped: the caller must remove them.
 */
struct xen_mem_acquire_resource {
    domid_t  domid;             /* IN: owner of the resource */
    uint16_t type;              /* IN: XENMEM_resource_* */
#define XENMEM_resource_ioreq_server  0
#define XENMEM_resource_grant_table   1
#define XENMEM_resource_vmtrace_buf   2
    /*
     * IN: which resource of that type: the ioreq server id, a
     * XENMEM_resource_grant_table_id_*, or the vcpu of a vmtrace buffer.
     */
    uint32_t id;
#define XENMEM_resource_grant_table_id_shared  0
#define XENMEM_resource_grant_table_id_status  1  /* v2 tables only */
    uint32_t nr_frames;         /* IN: frames wanted; OUT: see above */
    uint32_t pad;               /* IN: must be zero */
    /* IN: index of the first resource frame. */
    uint64_t frame;
#define XENMEM_resource_ioreq_server_frame_bufioreq  0
#define XENMEM_resource_ioreq_server_frame_ioreq(n)  (1 + (n))
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list;  /* IN or OUT, see above */
};
typedef struct xen_mem_acquire_resource xen_mem_acquire_resource_t;
DEFINE_XEN_GUEST_HANDLE(xen_mem_acquire_resource_t);

/* XENMEM_get_vnumainfo: the domain's virtual NUMA layout. */
struct xen_vmemrange {
    uint64_t start, end;        /* bytes, end exclusive */
    unsigned int flags;
    unsigned int nid;           /* virtual node */
};
typedef struct xen_vmemrange xen_vmemrange_t;
DEFINE_XEN_GUEST_HANDLE(xen_vmemrange_t);

struct xen_vnuma_topology_info {
    domid_t  domid;             /* IN */
    uint16_t pad;
    unsigned int nr_vnodes;     /* IN: room; OUT: count */
    unsigned int nr_vcpus;      /* IN: room; OUT: count */
    unsigned int nr_vmemranges; /* IN: room; OUT: count */
    /* OUT arrays; each handle is padded to 8 bytes for 32-bit callers. */
    union {
        XEN_GUEST_HANDLE(uint) h;
        uint64_t pad;
    } vdistance;
    union {
        XEN_GUEST_HANDLE(uint) h;
        uint64_t pad;
    } vcpu_to_vnode;
    union {
        XEN_GUEST_HANDLE(xen_vmemrange_t) h;
        uint64_t pad;
    } vmemrange;
};
typedef struct xen_vnuma_topology_info xen_vnuma_topology_info_t;
DEFINE_XEN_GUEST_HANDLE(xen_vnuma_topology_info_t);

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/* XENMEM_reserved_device_memory_map: regions reserved for devices. */
struct xen_reserved_device_memory {
    xen_pfn_t   start_pfn;
    xen_ulong_t nr_pages;
};
typedef struct xen_reserved_device_memory xen_reserved_device_memory_t;
DEFINE_XEN_GUEST_HANDLE(xen_reserved_device_memory_t);
#endif

#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_MEMORY_H__ */
