/* SPDX-License-Identifier: MIT */
/*
 * dm_op(domid, nr_bufs, bufs): operations a device model performs on the
 * domain it serves.  bufs[0] holds a struct xen_dm_op; further buffers
 * carry variable-length data of some ops.  The caller must be allowed to
 * act as domid's device model (XSM).
 *
 * Ioreq servers: a device model registers a server, claims I/O ranges
 * for it, and serves the guest's accesses to them through the ioreq
 * pages (see ioreq.h), which it maps with XENMEM_acquire_resource.
 */
#ifndef __XEN_PUBLIC_HVM_DM_OP_H__
#define __XEN_PUBLIC_HVM_DM_OP_H__

#include "../xen.h"
#include "../event_channel.h"

#ifndef uint64_aligned_t
#define uint64_aligned_t uint64_t
#endif

#ifndef __ASSEMBLY__

typedef uint16_t ioservid_t;

/* Register a new ioreq server for the domain; it starts disabled. */
#define XEN_DMOP_create_ioreq_server 1
struct xen_dm_op_create_ioreq_server {
    uint8_t handle_bufioreq;    /* IN: HVM_IOREQSRV_BUFIOREQ_* */
    uint8_t pad[3];
    ioservid_t id;              /* OUT */
};
typedef struct xen_dm_op_create_ioreq_server xen_dm_op_create_ioreq_server_t;

/*
 * Where the server's pages are.  Without XEN_DMOP_no_gfns the pages are
 * also put in the guest's physical map and their gfns returned (legacy);
 * with it, only the event channel is returned and the caller maps the
 * pages with XENMEM_acquire_resource.
 */
#define XEN_DMOP_get_ioreq_server_info 2
struct xen_dm_op_get_ioreq_server_info {
    ioservid_t id;              /* IN */
    uint16_t flags;             /* IN: XEN_DMOP_no_gfns */
#define _XEN_DMOP_no_gfns 0
#define XEN_DMOP_no_gfns (1u << _XEN_DMOP_no_gfns)
    evtchn_port_t bufioreq_port;    /* OUT: 0 if no buffered page */
    uint64_aligned_t ioreq_gfn;     /* OUT: synchronous page */
    uint64_aligned_t bufioreq_gfn;  /* OUT: buffered page */
};
typedef struct xen_dm_op_get_ioreq_server_info xen_dm_op_get_ioreq_server_info_t;

/* Claim or release an inclusive range of ports, MMIO, or PCI devices. */
#define XEN_DMOP_map_io_range_to_ioreq_server     3
#define XEN_DMOP_unmap_io_range_from_ioreq_server 4
struct xen_dm_op_ioreq_server_range {
    ioservid_t id;              /* IN */
    uint16_t pad;
    uint32_t type;              /* IN: XEN_DMOP_IO_RANGE_* */
#define XEN_DMOP_IO_RANGE_PORT    0
#define XEN_DMOP_IO_RANGE_MEMORY  1
#define XEN_DMOP_IO_RANGE_PCI     2  /* start/end made by XEN_DMOP_PCI_SBDF */
    uint64_aligned_t start, end;    /* IN: inclusive */
};
typedef struct xen_dm_op_ioreq_server_range xen_dm_op_ioreq_server_range_t;

#define XEN_DMOP_PCI_SBDF(s, b, d, f)   \
    ((((s) & 0xffff) << 16) |           \
     (((b) & 0xff) << 8) |              \
     (((d) & 0x1f) << 3) |              \
     ((f) & 0x07))

/* A disabled server receives no requests. */
#define XEN_DMOP_set_ioreq_server_state 5
struct xen_dm_op_set_ioreq_server_state {
    ioservid_t id;              /* IN */
    uint8_t enabled;            /* IN: 0 or 1 */
    uint8_t pad;
};
typedef struct xen_dm_op_set_ioreq_server_state xen_dm_op_set_ioreq_server_state_t;

#define XEN_DMOP_destroy_ioreq_server 6
struct xen_dm_op_destroy_ioreq_server {
    ioservid_t id;              /* IN */
    uint16_t pad;
};
typedef struct xen_dm_op_destroy_ioreq_server xen_dm_op_destroy_ioreq_server_t;

/* bufs[1] OUT: dirty bitmap of nr pages from first_pfn. */
#define XEN_DMOP_track_dirty_vram 7
struct xen_dm_op_track_dirty_vram {
    uint32_t nr;                /* IN: pages */
    uint32_t pad;
    uint64_aligned_t first_pfn; /* IN */
};
typedef struct xen_dm_op_track_dirty_vram xen_dm_op_track_dirty_vram_t;

#define XEN_DMOP_set_pci_intx_level 8
struct xen_dm_op_set_pci_intx_level {
    uint16_t domain;            /* IN: PCI segment */
    uint8_t bus, device, intx;  /* IN */
    uint8_t level;              /* IN: 0 low, 1 high */
};
typedef struct xen_dm_op_set_pci_intx_level xen_dm_op_set_pci_intx_level_t;

#define XEN_DMOP_set_isa_irq_level 9
struct xen_dm_op_set_isa_irq_level {
    uint8_t isa_irq;            /* IN: 0-15 */
    uint8_t level;              /* IN */
};
typedef struct xen_dm_op_set_isa_irq_level xen_dm_op_set_isa_irq_level_t;

#define XEN_DMOP_set_pci_link_route 10
struct xen_dm_op_set_pci_link_route {
    uint8_t link;               /* IN: 0-3 */
    uint8_t isa_irq;            /* IN: 1-15, or 0 to disable */
};
typedef struct xen_dm_op_set_pci_link_route xen_dm_op_set_pci_link_route_t;

/* bufs[1] IN: nr_extents xen_dm_op_modified_memory_extent. */
#define XEN_DMOP_modified_memory 11
struct xen_dm_op_modified_memory {
    uint32_t nr_extents;        /* IN */
    uint32_t opaque;            /* IN/OUT: continuation state, 0 initially */
};
typedef struct xen_dm_op_modified_memory xen_dm_op_modified_memory_t;

struct xen_dm_op_modified_memory_extent {
    uint32_t nr;                /* IN: pages */
    uint32_t pad;
    uint64_aligned_t first_pfn; /* IN */
};

#define XEN_DMOP_set_mem_type 12
struct xen_dm_op_set_mem_type {
    uint32_t nr;                /* IN: pages */
    uint16_t mem_type;          /* IN: hvmmem_type_t */
    uint16_t pad;
    uint64_aligned_t first_pfn; /* IN */
};
typedef struct xen_dm_op_set_mem_type xen_dm_op_set_mem_type_t;

#define XEN_DMOP_inject_event 13
struct xen_dm_op_inject_event {
    uint32_t vcpuid;            /* IN */
    uint8_t vector;             /* IN */
    uint8_t type;               /* IN: XEN_DMOP_EVENT_* */
#define XEN_DMOP_EVENT_ext_int     0
#define XEN_DMOP_EVENT_nmi         2
#define XEN_DMOP_EVENT_hw_exc      3
#define XEN_DMOP_EVENT_sw_int      4
#define XEN_DMOP_EVENT_pri_sw_exc  5
#define XEN_DMOP_EVENT_sw_exc      6
    uint8_t insn_len;           /* IN: for software events */
    uint8_t pad0;
    uint32_t error_code;        /* IN: ~0 for none */
    uint32_t pad1;
    uint64_aligned_t cr2;       /* IN: %cr2 for #PF, pending dr6 for #DB */
};
typedef struct xen_dm_op_inject_event xen_dm_op_inject_event_t;

#define XEN_DMOP_inject_msi 14
struct xen_dm_op_inject_msi {
    uint32_t data;              /* IN */
    uint32_t pad;
    uint64_aligned_t addr;      /* IN */
};
typedef struct xen_dm_op_inject_msi xen_dm_op_inject_msi_t;

/* Send accesses to pages of memory type 'type' to this server. */
#define XEN_DMOP_map_mem_type_to_ioreq_server 15
struct xen_dm_op_map_mem_type_to_ioreq_server {
    ioservid_t id;              /* IN */
    uint16_t type;              /* IN: HVMMEM_ioreq_server */
    uint32_t flags;             /* IN: XEN_DMOP_IOREQ_MEM_ACCESS_*; 0 unmaps */
#define XEN_DMOP_IOREQ_MEM_ACCESS_READ   (1u << 0)
#define XEN_DMOP_IOREQ_MEM_ACCESS_WRITE  (1u << 1)
    uint64_t opaque;            /* IN/OUT: continuation state, 0 initially */
};
typedef struct xen_dm_op_map_mem_type_to_ioreq_server
    xen_dm_op_map_mem_type_to_ioreq_server_t;

#define XEN_DMOP_remote_shutdown 16
struct xen_dm_op_remote_shutdown {
    uint32_t reason;            /* IN: SHUTDOWN_* */
};
typedef struct xen_dm_op_remote_shutdown xen_dm_op_remote_shutdown_t;

/* Move 'size' gfns from src_gfn to dst_gfn (all fields clobbered). */
#define XEN_DMOP_relocate_memory 17
struct xen_dm_op_relocate_memory {
    uint32_t size;
    uint32_t pad;
    uint64_aligned_t src_gfn;
    uint64_aligned_t dst_gfn;
};
typedef struct xen_dm_op_relocate_memory xen_dm_op_relocate_memory_t;

#define XEN_DMOP_pin_memory_cacheattr 18
struct xen_dm_op_pin_memory_cacheattr {
    uint64_aligned_t start;     /* IN: first gfn */
    uint64_aligned_t end;       /* IN: last gfn */
#define XEN_DMOP_MEM_CACHEATTR_UC   0
#define XEN_DMOP_MEM_CACHEATTR_WC   1
#define XEN_DMOP_MEM_CACHEATTR_WT   4
#define XEN_DMOP_MEM_CACHEATTR_WP   5
#define XEN_DMOP_MEM_CACHEATTR_WB   6
#define XEN_DMOP_MEM_CACHEATTR_UCM  7
#define XEN_DMOP_DELETE_MEM_CACHEATTR (~(uint32_t)0)
    uint32_t type;              /* IN: XEN_DMOP_MEM_CACHEATTR_* */
    uint32_t pad;
};
typedef struct xen_dm_op_pin_memory_cacheattr xen_dm_op_pin_memory_cacheattr_t;

#define XEN_DMOP_set_irq_level 19
struct xen_dm_op_set_irq_level {
    uint32_t irq;               /* IN */
    uint8_t level;              /* IN */
    uint8_t pad[3];
};
typedef struct xen_dm_op_set_irq_level xen_dm_op_set_irq_level_t;

#define XEN_DMOP_nr_vcpus 20
struct xen_dm_op_nr_vcpus {
    uint32_t vcpus;             /* OUT */
};
typedef struct xen_dm_op_nr_vcpus xen_dm_op_nr_vcpus_t;

/* The contents of bufs[0]. */
struct xen_dm_op {
    uint32_t op;                /* XEN_DMOP_* */
    uint32_t pad;
    union {
        xen_dm_op_create_ioreq_server_t create_ioreq_server;
        xen_dm_op_get_ioreq_server_info_t get_ioreq_server_info;
        xen_dm_op_ioreq_server_range_t map_io_range_to_ioreq_server;
        xen_dm_op_ioreq_server_range_t unmap_io_range_from_ioreq_server;
        xen_dm_op_set_ioreq_server_state_t set_ioreq_server_state;
        xen_dm_op_destroy_ioreq_server_t destroy_ioreq_server;
        xen_dm_op_track_dirty_vram_t track_dirty_vram;
        xen_dm_op_set_pci_intx_level_t set_pci_intx_level;
        xen_dm_op_set_isa_irq_level_t set_isa_irq_level;
        xen_dm_op_set_irq_level_t set_irq_level;
        xen_dm_op_set_pci_link_route_t set_pci_link_route;
        xen_dm_op_modified_memory_t modified_memory;
        xen_dm_op_set_mem_type_t set_mem_type;
        xen_dm_op_inject_event_t inject_event;
        xen_dm_op_inject_msi_t inject_msi;
        xen_dm_op_map_mem_type_to_ioreq_server_t map_mem_type_to_ioreq_server;
        xen_dm_op_remote_shutdown_t remote_shutdown;
        xen_dm_op_relocate_memory_t relocate_memory;
        xen_dm_op_pin_memory_cacheattr_t pin_memory_cacheattr;
        xen_dm_op_nr_vcpus_t nr_vcpus;
    } u;
};

/* One buffer passed to dm_op. */
struct xen_dm_op_buf {
    XEN_GUEST_HANDLE(void) h;
    xen_ulong_t size;           /* bytes */
};
typedef struct xen_dm_op_buf xen_dm_op_buf_t;
DEFINE_XEN_GUEST_HANDLE(xen_dm_op_buf_t);

#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_HVM_DM_OP_H__ */
