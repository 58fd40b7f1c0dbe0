/* SPDX-License-Identifier: MIT */
/* Parts of the guest ABI specific to 64-bit x86 callers. */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__

#ifndef __ASSEMBLY__
/* Per-vcpu arch state in vcpu_info; padded so vcpu_info is 64 bytes. */
struct arch_vcpu_info {
    unsigned long cr2;
    unsigned long pad;
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

/* A callback is a plain 64-bit address. */
typedef unsigned long xen_callback_t;

#define xen_pfn_to_cr3(pfn) ((unsigned long)(pfn) << 12)
#define xen_cr3_to_pfn(cr3) ((unsigned long)(cr3) >> 12)
#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__ */
