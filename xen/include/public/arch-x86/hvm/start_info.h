/* SPDX-License-Identifier: MIT */
/*
 * The PVH boot protocol.  A PVH kernel is entered at the address in its
 * XEN_ELFNOTE_PHYS32_ENTRY note, in 32-bit flat protected mode with
 * paging off, and %ebx holding the guest-physical address of a
 * struct hvm_start_info.  All addresses below are guest-physical; all
 * strings are NUL-terminated ASCII.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_HVM_START_INFO_H__
#define __XEN_PUBLIC_ARCH_X86_HVM_START_INFO_H__

/* "xEn3" with the top bit of the 'E' set, read as a little-endian u32. */
#define XEN_HVM_START_MAGIC_VALUE 0x336ec578

/* Region types of hvm_memmap_table_entry (the E820 numbering). */
#define XEN_HVM_MEMMAP_TYPE_RAM       1
#define XEN_HVM_MEMMAP_TYPE_RESERVED  2
#define XEN_HVM_MEMMAP_TYPE_ACPI      3
#define XEN_HVM_MEMMAP_TYPE_NVS       4
#define XEN_HVM_MEMMAP_TYPE_UNUSABLE  5
#define XEN_HVM_MEMMAP_TYPE_DISABLED  6
#define XEN_HVM_MEMMAP_TYPE_PMEM      7

#ifndef __ASSEMBLY__
#include <stdint.h>     /* standalone: no other ABI header needed */

/*
 * 56 bytes in version 1 (40 in version 0, which stops after rsdp_paddr).
 * Newer versions only append fields.
 */
struct hvm_start_info {
    uint32_t magic;             /* XEN_HVM_START_MAGIC_VALUE */
    uint32_t version;           /* layout version, 0 or 1 */
    uint32_t flags;             /* SIF_* */
    uint32_t nr_modules;        /* entries at modlist_paddr */
    uint64_t modlist_paddr;     /* array of struct hvm_modlist_entry */
    uint64_t cmdline_paddr;     /* kernel command line, or 0 */
    uint64_t rsdp_paddr;        /* ACPI RSDP, or 0 */
    /* version 1 and later: */
    uint64_t memmap_paddr;      /* array of struct hvm_memmap_table_entry */
    uint32_t memmap_entries;    /* 0 when no map is given */
    uint32_t reserved;          /* zero */
};

/* One boot module, 32 bytes. */
struct hvm_modlist_entry {
    uint64_t paddr;             /* start of the module */
    uint64_t size;              /* bytes */
    uint64_t cmdline_paddr;     /* its command line, or 0 */
    uint64_t reserved;
};

/* One memory map region, 24 bytes. */
struct hvm_memmap_table_entry {
    uint64_t addr;              /* first byte */
    uint64_t size;              /* bytes */
    uint32_t type;              /* XEN_HVM_MEMMAP_TYPE_* */
    uint32_t reserved;          /* zero */
};
#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_ARCH_X86_HVM_START_INFO_H__ */
