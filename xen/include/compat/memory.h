/*
 * 32-bit (compat) layouts of the memory_op structures we translate.
 * Pointers and xen_pfn_t/xen_ulong_t are 32 bits; 64-bit fields are only
 * 4-byte aligned.  tools/tests/abi checks these against the i386 layout
 * of Debian's Xen headers.
 */
#ifndef COMPAT_MEMORY_H
#define COMPAT_MEMORY_H

#include <xen/types.h>

typedef uint32_t compat_pfn_t;
typedef uint32_t compat_ulong_t;
typedef uint32_t compat_handle_t;      /* a 32-bit guest pointer */
typedef uint64_t compat_uint64_t __attribute__((aligned(4)));

struct compat_add_to_physmap {
    uint16_t domid;
    uint16_t size;
    uint32_t space;
    compat_ulong_t idx;
    compat_pfn_t gpfn;
};

struct compat_add_to_physmap_batch {
    uint16_t domid;
    uint16_t space;
    uint16_t size;
    uint16_t u;                         /* foreign_domid or res0 */
    compat_handle_t idxs;               /* compat_ulong_t[] */
    compat_handle_t gpfns;              /* compat_pfn_t[] */
    compat_handle_t errs;               /* int[] */
};

struct compat_remove_from_physmap {
    uint16_t domid;
    compat_pfn_t gpfn;
};

struct compat_memory_reservation {
    compat_handle_t extent_start;       /* compat_pfn_t[] */
    compat_ulong_t nr_extents;
    uint32_t extent_order;
    uint32_t mem_flags;
    uint16_t domid;
};

struct compat_mem_acquire_resource {
    uint16_t domid;
    uint16_t type;
    uint32_t id;
    uint32_t nr_frames;
    uint32_t pad;
    compat_uint64_t frame;
    compat_handle_t frame_list;         /* compat_pfn_t[] */
};

struct compat_memory_map {
    uint32_t nr_entries;
    compat_handle_t buffer;             /* struct e820_entry[] */
};

_Static_assert(sizeof(struct compat_add_to_physmap) == 16, "layout");
_Static_assert(sizeof(struct compat_add_to_physmap_batch) == 20, "layout");
_Static_assert(sizeof(struct compat_remove_from_physmap) == 8, "layout");
_Static_assert(sizeof(struct compat_memory_reservation) == 20, "layout");
_Static_assert(sizeof(struct compat_memory_map) == 8, "layout");
_Static_assert(sizeof(struct compat_mem_acquire_resource) == 28, "layout");
_Static_assert(__builtin_offsetof(struct compat_mem_acquire_resource, frame)
               == 16, "layout");
_Static_assert(__builtin_offsetof(struct compat_mem_acquire_resource,
                                  frame_list) == 24, "layout");

#endif /* COMPAT_MEMORY_H */
