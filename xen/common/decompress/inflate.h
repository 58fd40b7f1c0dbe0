/*
 * Internals of the gzip decoder (see xen/gunzip.h): the deflate decoder's
 * state, shared by inflate.c and gunzip.c.
 */
#ifndef INFLATE_H
#define INFLATE_H

#include "xz_private.h"
#include <xen/gunzip.h>

/* A canonical Huffman code: codes per length, symbols in code order. */
struct huffman {
    uint16_t count[16];
    uint16_t sym[288];
};

/* The caller's work area (GUNZIP_WORK_SIZE bytes). */
struct inflate_work {
    uint32_t crc32_table[256];
    struct huffman lit, dist;
};

struct inflate {
    struct inflate_work *w;
    const uint8_t *in;
    size_t in_pos, in_size;
    uint8_t *out;
    size_t out_pos, out_size;
    uint32_t bitbuf;                /* bits read but not used, low first */
    unsigned int nbits;
    int err;                        /* the first error, XZ_E_* */
    const char *detail;
};

/*
 * Decode deflate blocks from s->in_pos up to the last block, appending
 * to s->out from s->out_pos.  Returns XZ_OK with in_pos just after the
 * last block's final byte, or s->err.
 */
int inflate_run(struct inflate *s);

#endif /* INFLATE_H */
