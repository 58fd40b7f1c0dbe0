/* SPDX-License-Identifier: MIT */
/*
 * x86 part of the guest ABI, shared by 32-bit and 64-bit callers:
 * guest handles, the width of pfns and "unsigned long" words, and the
 * arch part of shared_info.
 */
#include "../xen.h"

#ifndef __XEN_PUBLIC_ARCH_X86_XEN_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_H__

/*
 * A guest handle is a guest virtual address wrapped in a one-member
 * struct, so that hypervisor code cannot dereference it by accident and
 * handles of different pointee types do not mix.  The handle is as wide
 * as the caller's pointer (4 bytes for a 32-bit guest, 8 for 64-bit).
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \
    typedef struct { type *p; } __guest_handle_ ## name

/* Every handle type comes with a read-only twin named const_<name>. */
#define __DEFINE_XEN_GUEST_HANDLE(name, type)               \
    ___DEFINE_XEN_GUEST_HANDLE(name, type);                 \
    ___DEFINE_XEN_GUEST_HANDLE(const_##name, const type)
#define DEFINE_XEN_GUEST_HANDLE(name)   __DEFINE_XEN_GUEST_HANDLE(name, name)
#define __XEN_GUEST_HANDLE(name)        __guest_handle_ ## name
#define XEN_GUEST_HANDLE(name)          __XEN_GUEST_HANDLE(name)
/* Hypercall parameters use the same representation on x86. */
#define XEN_GUEST_HANDLE_PARAM(name)    XEN_GUEST_HANDLE(name)
#define set_xen_guest_handle_raw(hnd, val)  do { (hnd).p = (val); } while (0)
#define set_xen_guest_handle(hnd, val)      set_xen_guest_handle_raw(hnd, val)

#if defined(__i386__)
#include "xen-x86_32.h"
#elif defined(__x86_64__)
#include "xen-x86_64.h"
#endif

#ifndef __ASSEMBLY__
/* A guest frame number (or machine frame for untranslated callers). */
typedef unsigned long xen_pfn_t;
#define PRI_xen_pfn  "lx"
#define PRIu_xen_pfn "lu"

/* The natural word of the caller: 4 bytes for 32-bit, 8 for 64-bit. */
typedef unsigned long xen_ulong_t;
#define PRI_xen_ulong "lx"
#endif

/* vcpu_info carries an upcall mask byte on x86 (see xen.h). */
#define XEN_HAVE_PV_UPCALL_MASK 1
/* The legacy PV start_info page exists on x86 (we do not define it). */
#define XEN_HAVE_PV_GUEST_ENTRY 1

/* How many vcpu_info slots the shared_info page holds. */
#define XEN_LEGACY_MAX_VCPUS 32

#ifndef __ASSEMBLY__
struct arch_shared_info {
    unsigned long max_pfn;              /* PV only: p2m size */
    xen_pfn_t     pfn_to_mfn_frame_list_list; /* PV only: 3-level p2m root */
    unsigned long nmi_reason;
    unsigned long p2m_cr3;              /* PV only: linear p2m list */
    unsigned long p2m_vaddr;
    unsigned long p2m_generation;
#ifdef __i386__
    uint32_t wc_sec_hi;                 /* upper 32 bits of wc_sec */
#endif
};
typedef struct arch_shared_info arch_shared_info_t;
#endif /* !__ASSEMBLY__ */

/* I/O port an HVM guest may write characters to for debug output. */
#define XEN_HVM_DEBUGCONS_IOPORT 0xe9

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_H__ */
