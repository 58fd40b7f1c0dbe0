/* SPDX-License-Identifier: MIT */
/* Parts of the guest ABI specific to 32-bit x86 callers. */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_X86_32_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_X86_32_H__

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/*
 * Tools-only interfaces (domctl, sysctl, dm_op) keep one layout for
 * 32-bit and 64-bit callers: their 64-bit fields are 8-byte aligned and
 * their handles always occupy 8 bytes.
 */
#undef ___DEFINE_XEN_GUEST_HANDLE
#define ___DEFINE_XEN_GUEST_HANDLE(name, type)                      \
    typedef struct { type *p; } __guest_handle_ ## name;           \
    typedef struct { union { type *p; uint64_aligned_t q; }; }      \
        __guest_handle_64_ ## name
/* Clear the upper half before storing a 32-bit pointer in an 8-byte one. */
#undef set_xen_guest_handle_raw
#define set_xen_guest_handle_raw(hnd, val)                          \
    do {                                                            \
        if ( sizeof(hnd) == 8 )                                     \
            *(uint64_t *)&(hnd) = 0;                                \
        (hnd).p = (val);                                            \
    } while ( 0 )
#define int64_aligned_t  int64_t __attribute__((aligned(8)))
#define uint64_aligned_t uint64_t __attribute__((aligned(8)))
#define __XEN_GUEST_HANDLE_64(name) __guest_handle_64_ ## name
#define XEN_GUEST_HANDLE_64(name) __XEN_GUEST_HANDLE_64(name)
#endif

#ifndef __ASSEMBLY__
/* Per-vcpu arch state in vcpu_info; padded so vcpu_info is 64 bytes. */
struct arch_vcpu_info {
    unsigned long cr2;
    unsigned long pad[5];
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

/* A 32-bit callback names its code segment as well as its address. */
struct xen_callback {
    unsigned long cs;
    unsigned long eip;
};
typedef struct xen_callback xen_callback_t;

/* 32-bit PAE cr3 folds the top pfn bits into the low bits. */
#define xen_pfn_to_cr3(pfn) (((unsigned)(pfn) << 12) | ((unsigned)(pfn) >> 20))
#define xen_cr3_to_pfn(cr3) (((unsigned)(cr3) >> 12) | ((unsigned)(cr3) << 20))
#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_X86_32_H__ */
