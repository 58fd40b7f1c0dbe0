/*
 * Atomic bit operations on memory a guest may write at the same time
 * (shared_info, vcpu_info, FIFO event words).  Bits are numbered in
 * 32-bit little-endian words, so a bitmap means the same whether the
 * guest declared it with 32- or 64-bit words.
 */
#ifndef XEN_BITOPS_H
#define XEN_BITOPS_H

#include <xen/types.h>

static inline volatile uint32_t *bit_word(unsigned int nr, volatile void *addr)
{
    return (volatile uint32_t *)addr + nr / 32;
}

static inline uint32_t bit_mask(unsigned int nr)
{
    return 1u << (nr % 32);
}

static inline bool test_bit(unsigned int nr, const volatile void *addr)
{
    return *bit_word(nr, (volatile void *)addr) & bit_mask(nr);
}

static inline bool test_and_set_bit(unsigned int nr, volatile void *addr)
{
    return __atomic_fetch_or(bit_word(nr, addr), bit_mask(nr),
                             __ATOMIC_SEQ_CST) & bit_mask(nr);
}

static inline bool test_and_clear_bit(unsigned int nr, volatile void *addr)
{
    return __atomic_fetch_and(bit_word(nr, addr), ~bit_mask(nr),
                              __ATOMIC_SEQ_CST) & bit_mask(nr);
}

static inline void set_bit(unsigned int nr, volatile void *addr)
{
    __atomic_fetch_or(bit_word(nr, addr), bit_mask(nr), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(unsigned int nr, volatile void *addr)
{
    __atomic_fetch_and(bit_word(nr, addr), ~bit_mask(nr), __ATOMIC_SEQ_CST);
}

/* Compare-and-exchange of a 32-bit word: true if *p was old (now new). */
static inline bool cmpxchg32(volatile uint32_t *p, uint32_t *old, uint32_t new)
{
    return __atomic_compare_exchange_n(p, old, new, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}

#endif /* XEN_BITOPS_H */
