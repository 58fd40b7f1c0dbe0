/*
 * The checks the decoders verify: CRC32 (the IEEE 802.3 polynomial,
 * bit-reflected: 0xedb88320; xz and gzip) and CRC64 (ECMA-182,
 * bit-reflected: 0xc96c5795d7870f42; xz), both with all-ones initial
 * value and final xor.  One 256-entry table each, built in the caller's
 * work area, so there is no static state; without a work area (the xz
 * size walk, over a few dozen bytes) bit by bit.
 */
#include "xz_private.h"

#define CRC32_POLY 0xedb88320u
#define CRC64_POLY 0xc96c5795d7870f42ull

void crc32_init(uint32_t table[256])
{
    unsigned int i, b;
    uint32_t c;

    for ( i = 0; i < 256; i++ )
    {
        for ( c = i, b = 0; b < 8; b++ )
            c = (c >> 1) ^ (c & 1 ? CRC32_POLY : 0);
        table[i] = c;
    }
}

uint32_t crc32_update(const uint32_t *table, const uint8_t *p, size_t n,
                      uint32_t crc)
{
    unsigned int b;

    crc = ~crc;
    if ( table )
        while ( n-- )
            crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    else
        while ( n-- )
            for ( crc ^= *p++, b = 0; b < 8; b++ )
                crc = (crc >> 1) ^ (crc & 1 ? CRC32_POLY : 0);
    return ~crc;
}

void xz_crc_init(struct xz_work *w)
{
    unsigned int i, b;
    uint64_t c;

    crc32_init(w->crc32_table);
    for ( i = 0; i < 256; i++ )
    {
        for ( c = i, b = 0; b < 8; b++ )
            c = (c >> 1) ^ (c & 1 ? CRC64_POLY : 0);
        w->crc64_table[i] = c;
    }
}

/* crc is the value so far (0 to start); returns the value after p[0, n). */
uint32_t xz_crc32(const struct xz_dec *x, const uint8_t *p, size_t n,
                  uint32_t crc)
{
    return crc32_update(x->w ? x->w->crc32_table : NULL, p, n, crc);
}

uint64_t xz_crc64(const struct xz_dec *x, const uint8_t *p, size_t n,
                  uint64_t crc)
{
    unsigned int b;

    crc = ~crc;
    if ( x->w )
        while ( n-- )
            crc = x->w->crc64_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    else
        while ( n-- )
            for ( crc ^= *p++, b = 0; b < 8; b++ )
                crc = (crc >> 1) ^ (crc & 1 ? CRC64_POLY : 0);
    return ~crc;
}
