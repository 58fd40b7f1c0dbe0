/* SPDX-License-Identifier: MIT */
/*
 * ELF note types a kernel image may carry for the hypervisor's loader.
 * Each note has name "Xen" (with NUL, so namesz is 4).  "Numeric" notes
 * hold a 4- or 8-byte little-endian value; "string" notes hold
 * NUL-terminated ASCII.  Only PHYS32_ENTRY matters for PVH guests.
 */
#ifndef __XEN_PUBLIC_ELFNOTE_H__
#define __XEN_PUBLIC_ELFNOTE_H__

#define XEN_ELFNOTE_INFO                 0  /* string: NAME=VALUE */
#define XEN_ELFNOTE_ENTRY                1  /* numeric: PV virtual entry */
#define XEN_ELFNOTE_HYPERCALL_PAGE       2  /* numeric: PV virtual address */
#define XEN_ELFNOTE_VIRT_BASE            3  /* numeric: PV mapping base */
#define XEN_ELFNOTE_PADDR_OFFSET         4  /* numeric */
#define XEN_ELFNOTE_XEN_VERSION          5  /* string: e.g. "xen-3.0" */
#define XEN_ELFNOTE_GUEST_OS             6  /* string */
#define XEN_ELFNOTE_GUEST_VERSION        7  /* string */
#define XEN_ELFNOTE_LOADER               8  /* string: e.g. "generic" */
#define XEN_ELFNOTE_PAE_MODE             9  /* string: "yes", "no", "bimodal" */
#define XEN_ELFNOTE_FEATURES            10  /* string: '|'-separated names */
#define XEN_ELFNOTE_BSD_SYMTAB          11  /* string: "yes" or "no" */
#define XEN_ELFNOTE_HV_START_LOW        12  /* numeric */
#define XEN_ELFNOTE_L1_MFN_VALID        13  /* numeric mask/value pairs */
#define XEN_ELFNOTE_SUSPEND_CANCEL      14  /* numeric */
#define XEN_ELFNOTE_INIT_P2M            15  /* numeric */
#define XEN_ELFNOTE_MOD_START_PFN       16  /* numeric */
#define XEN_ELFNOTE_SUPPORTED_FEATURES  17  /* numeric: XENFEAT_ bitmap */
/*
 * numeric: guest-physical entry point, entered in 32-bit protected mode
 * with paging off (see arch-x86/hvm/start_info.h).  The value is 4 bytes.
 */
#define XEN_ELFNOTE_PHYS32_ENTRY        18

#define XEN_ELFNOTE_MAX XEN_ELFNOTE_PHYS32_ENTRY

/* Notes written by the hypervisor itself into crash dumps. */
#define XEN_ELFNOTE_CRASH_INFO               0x1000001
#define XEN_ELFNOTE_CRASH_REGS               0x1000002

/* Notes in dump-core files written by the tools. */
#define XEN_ELFNOTE_DUMPCORE_NONE            0x2000000
#define XEN_ELFNOTE_DUMPCORE_HEADER          0x2000001
#define XEN_ELFNOTE_DUMPCORE_XEN_VERSION     0x2000002
#define XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION  0x2000003

#endif /* __XEN_PUBLIC_ELFNOTE_H__ */
