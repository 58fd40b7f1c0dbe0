/*
 * Where the hosted fuzzers' random choices come from: libFuzzer's input
 * (data != NULL; zeros once it is used up, so every input ends), or a
 * fixed xorshift PRNG for the bounded runs in make test.
 */
#ifndef UNIT_FUZZ_SRC_H
#define UNIT_FUZZ_SRC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct src {
    const uint8_t *data;         /* libFuzzer input, or NULL: PRNG */
    size_t len, pos;
    uint64_t s;
};

static inline uint32_t r32(struct src *r)
{
    uint32_t v = 0;
    unsigned int i;

    if ( r->data )
    {
        for ( i = 0; i < 4 && r->pos < r->len; i++ )
            v |= (uint32_t)r->data[r->pos++] << (8 * i);
        return v;
    }
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s >> 16;
}

static inline uint64_t r64(struct src *r)
{
    return ((uint64_t)r32(r) << 32) | r32(r);
}

static inline bool chance(struct src *r, unsigned int pct)
{
    return r32(r) % 100 < pct;
}

#endif /* UNIT_FUZZ_SRC_H */
