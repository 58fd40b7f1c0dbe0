/* SPDX-License-Identifier: MIT */
/*
 * grant_table_op(cmd, arg, count): grant tables let a domain give
 * another domain access to some of its pages.  The granting domain writes
 * entries in its table (shared with the hypervisor); the grantee refers to
 * them by (domid, grant_ref_t).  'arg' points to 'count' structs of the
 * kind named for each cmd.
 */
#ifndef __XEN_PUBLIC_GRANT_TABLE_H__
#define __XEN_PUBLIC_GRANT_TABLE_H__

#include "xen.h"

#ifndef __ASSEMBLY__
/* Index of an entry in a grant table. */
typedef uint32_t grant_ref_t;

/*
 * Version 1 entry, 8 bytes.  The granter fills domid and frame, then
 * sets flags last; the hypervisor sets GTF_reading/GTF_writing while the
 * page is mapped.
 */
struct grant_entry_v1 {
    uint16_t flags;             /* GTF_* */
    domid_t  domid;             /* grantee */
    uint32_t frame;             /* granted gfn; for transfers, OUT the new mfn */
};
typedef struct grant_entry_v1 grant_entry_v1_t;
#endif

/* Entries kept for the toolstack's use. */
#define GNTTAB_NR_RESERVED_ENTRIES  8
#define GNTTAB_RESERVED_CONSOLE     0
#define GNTTAB_RESERVED_XENSTORE    1

/* Low two bits of flags: the kind of grant. */
#define GTF_invalid          (0U << 0)
#define GTF_permit_access    (1U << 0)  /* grantee may map/copy the frame */
#define GTF_accept_transfer  (2U << 0)  /* grantee may hand us a frame */
#define GTF_transitive       (3U << 0)  /* v2: re-grant of another grant */
#define GTF_type_mask        (3U << 0)

/* Other flag bits of a permit_access entry. */
#define _GTF_readonly        (2)
#define GTF_readonly         (1U << _GTF_readonly)  /* granter: no writes */
#define _GTF_reading         (3)
#define GTF_reading          (1U << _GTF_reading)   /* hv: in use for reading */
#define _GTF_writing         (4)
#define GTF_writing          (1U << _GTF_writing)   /* hv: in use for writing */
#define _GTF_PWT             (5)
#define GTF_PWT              (1U << _GTF_PWT)       /* cache attributes */
#define _GTF_PCD             (6)
#define GTF_PCD              (1U << _GTF_PCD)
#define _GTF_PAT             (7)
#define GTF_PAT              (1U << _GTF_PAT)
#define _GTF_sub_page        (8)
#define GTF_sub_page         (1U << _GTF_sub_page)  /* v2: part of a page */

/* Flag bits of an accept_transfer entry. */
#define _GTF_transfer_committed (2)
#define GTF_transfer_committed  (1U << _GTF_transfer_committed)
#define _GTF_transfer_completed (3)
#define GTF_transfer_completed  (1U << _GTF_transfer_completed)

#ifndef __ASSEMBLY__
/* Common first half of every v2 entry. */
struct grant_entry_header {
    uint16_t flags;             /* GTF_* */
    domid_t  domid;             /* grantee */
};
typedef struct grant_entry_header grant_entry_header_t;

/*
 * Version 2 entry, 16 bytes.  In v2 the GTF_reading/GTF_writing bits
 * live in a separate status array (grant_status_t per entry), so the
 * granter's entries are never written by the hypervisor.
 */
union grant_entry_v2 {
    grant_entry_header_t hdr;

    struct {                    /* permit_access / accept_transfer */
        grant_entry_header_t hdr;
        uint32_t pad0;
        uint64_t frame;
    } full_page;

    struct {                    /* permit_access with GTF_sub_page */
        grant_entry_header_t hdr;
        uint16_t page_off;      /* bytes */
        uint16_t length;        /* bytes */
        uint64_t frame;
    } sub_page;

    struct {                    /* GTF_transitive */
        grant_entry_header_t hdr;
        domid_t  trans_domid;   /* domain that granted us gref */
        uint16_t pad0;
        grant_ref_t gref;
    } transitive;

    uint32_t __spacer[4];       /* keep the size a power of two */
};
typedef union grant_entry_v2 grant_entry_v2_t;

/* v2 status entry: GTF_reading / GTF_writing. */
typedef uint16_t grant_status_t;
#endif

#define GNTTABOP_map_grant_ref        0
#define GNTTABOP_unmap_grant_ref      1
#define GNTTABOP_setup_table          2
#define GNTTABOP_dump_table           3
#define GNTTABOP_transfer             4
#define GNTTABOP_copy                 5
#define GNTTABOP_query_size           6
#define GNTTABOP_unmap_and_replace    7
#define GNTTABOP_set_version          8
#define GNTTABOP_get_status_frames    9
#define GNTTABOP_get_version         10
#define GNTTABOP_swap_grant_ref      11
#define GNTTABOP_cache_flush         12

#ifndef __ASSEMBLY__
/* Names one mapping made by map_grant_ref. */
typedef uint32_t grant_handle_t;

/* Map (dom, ref) at host_addr (a gpa for HVM callers with host_map). */
struct gnttab_map_grant_ref {
    uint64_t host_addr;         /* IN */
    uint32_t flags;             /* IN: GNTMAP_* */
    grant_ref_t ref;            /* IN */
    domid_t  dom;               /* IN: granting domain */
    int16_t  status;            /* OUT: GNTST_* */
    grant_handle_t handle;      /* OUT: for unmap */
    uint64_t dev_bus_addr;      /* OUT: with GNTMAP_device_map */
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_map_grant_ref_t);

/* Undo a map_grant_ref. */
struct gnttab_unmap_grant_ref {
    uint64_t host_addr;         /* IN: 0 if not mapped for the CPU */
    uint64_t dev_bus_addr;      /* IN: 0 if not mapped for devices */
    grant_handle_t handle;      /* IN */
    int16_t  status;            /* OUT: GNTST_* */
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_grant_ref_t);

/*
 * Grow dom's table to nr_frames and, for untranslated callers, return
 * the frames (translated callers use XENMAPSPACE_grant_table instead).
 */
struct gnttab_setup_table {
    domid_t  dom;               /* IN */
    uint32_t nr_frames;         /* IN */
    int16_t  status;            /* OUT: GNTST_* */
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list;  /* OUT */
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_setup_table_t);

/* Print dom's table on the hypervisor console (debugging). */
struct gnttab_dump_table {
    domid_t dom;                /* IN */
    int16_t status;             /* OUT: GNTST_* */
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_dump_table_t);

/* Give page mfn to domid, which offered ref with GTF_accept_transfer. */
struct gnttab_transfer {
    xen_pfn_t   mfn;            /* IN */
    domid_t     domid;          /* IN */
    grant_ref_t ref;            /* IN */
    int16_t     status;         /* OUT: GNTST_* */
};
typedef struct gnttab_transfer gnttab_transfer_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_transfer_t);

/* Copy between granted and/or own frames without mapping them. */
#define _GNTCOPY_source_gref  (0)
#define GNTCOPY_source_gref   (1 << _GNTCOPY_source_gref)
#define _GNTCOPY_dest_gref    (1)
#define GNTCOPY_dest_gref     (1 << _GNTCOPY_dest_gref)

struct gnttab_copy {
    struct gnttab_copy_ptr {    /* IN */
        union {
            grant_ref_t ref;    /* with GNTCOPY_*_gref */
            xen_pfn_t   gmfn;   /* otherwise: caller's own frame */
        } u;
        domid_t  domid;
        uint16_t offset;        /* bytes into the page */
    } source, dest;
    uint16_t len;               /* IN: bytes, within one page */
    uint16_t flags;             /* IN: GNTCOPY_* */
    int16_t  status;            /* OUT: GNTST_* */
};
typedef struct gnttab_copy gnttab_copy_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_copy_t);

/* Current and maximum size of dom's table, in frames. */
struct gnttab_query_size {
    domid_t  dom;               /* IN */
    uint32_t nr_frames;         /* OUT */
    uint32_t max_nr_frames;     /* OUT */
    int16_t  status;            /* OUT: GNTST_* */
};
typedef struct gnttab_query_size gnttab_query_size_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_query_size_t);

/* PV only: unmap and move another mapping into its place. */
struct gnttab_unmap_and_replace {
    uint64_t host_addr;         /* IN */
    uint64_t new_addr;          /* IN */
    grant_handle_t handle;      /* IN */
    int16_t  status;            /* OUT: GNTST_* */
};
typedef struct gnttab_unmap_and_replace gnttab_unmap_and_replace_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_and_replace_t);

/* Switch the caller's table to version 1 or 2; OUT the version in use. */
struct gnttab_set_version {
    uint32_t version;           /* IN/OUT */
};
typedef struct gnttab_set_version gnttab_set_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_set_version_t);

/* v2: the gfns (translated) or mfns of dom's status frames. */
struct gnttab_get_status_frames {
    uint32_t nr_frames;         /* IN: room in frame_list */
    domid_t  dom;               /* IN */
    int16_t  status;            /* OUT: GNTST_* */
    XEN_GUEST_HANDLE(uint64_t) frame_list;  /* OUT */
};
typedef struct gnttab_get_status_frames gnttab_get_status_frames_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_status_frames_t);

/* Which table version dom uses. */
struct gnttab_get_version {
    domid_t  dom;               /* IN */
    uint16_t pad;
    uint32_t version;           /* OUT */
};
typedef struct gnttab_get_version gnttab_get_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_version_t);

/* Swap two of the caller's own entries. */
struct gnttab_swap_grant_ref {
    grant_ref_t ref_a;          /* IN */
    grant_ref_t ref_b;          /* IN */
    int16_t status;             /* OUT: GNTST_* */
};
typedef struct gnttab_swap_grant_ref gnttab_swap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_swap_grant_ref_t);

/* ARM: clean/invalidate caches for part of a granted page. */
struct gnttab_cache_flush {
    union {
        uint64_t dev_bus_addr;
        grant_ref_t ref;        /* with GNTTAB_CACHE_SOURCE_GREF */
    } a;
    uint16_t offset;            /* bytes into the page */
    uint16_t length;            /* bytes */
#define GNTTAB_CACHE_CLEAN        (1u << 0)
#define GNTTAB_CACHE_INVAL        (1u << 1)
#define GNTTAB_CACHE_SOURCE_GREF  (1u << 31)
    uint32_t op;
};
typedef struct gnttab_cache_flush gnttab_cache_flush_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_cache_flush_t);
#endif /* !__ASSEMBLY__ */

/* Flags of gnttab_map_grant_ref. */
#define _GNTMAP_device_map       (0)
#define GNTMAP_device_map        (1 << _GNTMAP_device_map)   /* for DMA */
#define _GNTMAP_host_map         (1)
#define GNTMAP_host_map          (1 << _GNTMAP_host_map)     /* for the CPU */
#define _GNTMAP_readonly         (2)
#define GNTMAP_readonly          (1 << _GNTMAP_readonly)
#define _GNTMAP_application_map  (3)
#define GNTMAP_application_map   (1 << _GNTMAP_application_map) /* PV user */
#define _GNTMAP_contains_pte     (4)
#define GNTMAP_contains_pte      (1 << _GNTMAP_contains_pte) /* PV: addr of PTE */
/* Bits 16 and up are copied into the PV PTE's available bits. */
#define _GNTMAP_guest_avail0     (16)
#define GNTMAP_guest_avail_mask  ((uint32_t)~0 << _GNTMAP_guest_avail0)

/* Per-entry status codes (not errno values). */
#define GNTST_okay               (0)
#define GNTST_general_error      (-1)
#define GNTST_bad_domain         (-2)   /* no such domain */
#define GNTST_bad_gntref         (-3)   /* ref out of range or unusable */
#define GNTST_bad_handle         (-4)
#define GNTST_bad_virt_addr      (-5)
#define GNTST_bad_dev_addr       (-6)
#define GNTST_no_device_space    (-7)   /* IOMMU full */
#define GNTST_permission_denied  (-8)
#define GNTST_bad_page           (-9)
#define GNTST_bad_copy_arg       (-10)  /* copy would cross a page */
#define GNTST_address_too_big    (-11)
#define GNTST_eagain             (-12)  /* try again later */
#define GNTST_no_space           (-13)  /* out of handles etc. */

#endif /* __XEN_PUBLIC_GRANT_TABLE_H__ */
