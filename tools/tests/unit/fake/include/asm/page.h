/*
 * Fake arch for hosted tests: "machine memory" is an arena allocated by
 * the test (fake_arena), and machine address ma lives at fake_arena + ma.
 * Tests that use the frame table set fake_arena before init_frame_table().
 */
#ifndef ASM_FAKE_PAGE_H
#define ASM_FAKE_PAGE_H

#include <xen/types.h>

extern uint8_t *fake_arena;

static inline void *maddr_to_virt(paddr_t ma)
{
    return (void *)((uintptr_t)fake_arena + (uintptr_t)ma);
}

static inline paddr_t virt_to_maddr(const void *va)
{
    return (paddr_t)((uintptr_t)va - (uintptr_t)fake_arena);
}

#endif /* ASM_FAKE_PAGE_H */
