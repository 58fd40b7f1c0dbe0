/*
 * ARM (stub): machine memory is reached through a direct map that starts
 * at a virtual address chosen at boot; arm_directmap_offset is that
 * address minus machine address 0.  See asm-arm/p2m.h.
 */
#ifndef ASM_ARM_PAGE_H
#define ASM_ARM_PAGE_H

#include <xen/types.h>

extern uintptr_t arm_directmap_offset;

static inline void *maddr_to_virt(paddr_t ma)
{
    return (void *)(arm_directmap_offset + (uintptr_t)ma);
}

static inline paddr_t virt_to_maddr(const void *va)
{
    return (paddr_t)((uintptr_t)va - arm_directmap_offset);
}

#endif /* ASM_ARM_PAGE_H */
