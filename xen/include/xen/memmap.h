/*
 * A domain's memory map (common/memmap.c): the guest-physical regions
 * it was built with and what each is (RAM, ACPI tables, ...), recorded
 * once by the domain builder.  start_info's map and XENMEM_memory_map
 * both come from it, so the two always agree.
 */
#ifndef XEN_MEMMAP_H
#define XEN_MEMMAP_H

#include <xen/types.h>
#include <xen/guest_access.h>

/* Region types: the E820 numbering (XEN_HVM_MEMMAP_TYPE_* too). */
#define MEMMAP_RAM       1
#define MEMMAP_RESERVED  2
#define MEMMAP_ACPI      3

/* Room for RAM, the ACPI tables, RAM above 4 GiB, and a few more. */
#define DOMAIN_MEMMAP_MAX 8

struct memmap_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;                  /* MEMMAP_* */
};

struct domain_memmap {
    unsigned int nr;                /* 0: no map (XENMEM_memory_map -ENOSYS) */
    struct memmap_entry e[DOMAIN_MEMMAP_MAX];
};

/* XENMEM_memory_map's entries: 20 bytes, packed, in both widths. */
struct e820_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} __attribute__((packed));

struct domain;

/*
 * Append [addr, addr + size) of type to d's map.  Regions go in
 * ascending order without overlap: -EINVAL otherwise or for size 0 or
 * a wrapping range, -ENOSPC when the map is full; the map is unchanged
 * then.
 */
int memmap_add(struct domain *d, uint64_t addr, uint64_t size, uint32_t type);

/*
 * XENMEM_memory_map's core for both caller widths: copy the first
 * min(*nr_entries, entries in the map) of the calling domain's map to
 * buffer as struct e820_entry and set *nr_entries to that count, as Xen
 * 4.17.  -ENOSYS if the domain has no map, -EFAULT if buffer is not
 * writable (*nr_entries unchanged then).
 */
long memmap_copy_to_guest(struct domain *d, unsigned int *nr_entries,
                          guest_ptr_t buffer);

#endif /* XEN_MEMMAP_H */
