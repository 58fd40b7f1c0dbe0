/*
 * x86 hypervisor address space: all of machine memory is identity-mapped
 * (virtual == physical) by the boot page tables, so conversions are casts.
 */
#ifndef ASM_X86_PAGE_H
#define ASM_X86_PAGE_H

#include <xen/types.h>

static inline void *maddr_to_virt(paddr_t ma) { return (void *)(uintptr_t)ma; }
static inline paddr_t virt_to_maddr(const void *va) { return (paddr_t)(uintptr_t)va; }

#endif /* ASM_X86_PAGE_H */
