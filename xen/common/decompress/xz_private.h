/*
 * Internals of the xz decoder (see xen/xz.h): the work area, the input
 * cursor, the output window and the pieces the files share.
 *
 *   xz_crc.c     CRC32 and CRC64 (tables built in the work area)
 *   inflate.c    deflate, and gunzip.c its gzip wrapper (xen/gunzip.h)
 *   xz_stream.c  stream header and footer, block headers, checks
 *   xz_index.c   the index, and the size walk of xz_uncompressed_size()
 *   lzma2.c      LZMA2 chunks
 *   lzma.c       the range decoder and LZMA symbols
 *   bcj_x86.c    the x86 BCJ filter
 */
#ifndef XZ_PRIVATE_H
#define XZ_PRIVATE_H

#include <xen/lib.h>
#include <xen/xz.h>

/* --- LZMA ----------------------------------------------------------------- */
#define LZMA_STATES      12
#define LZMA_POS_MAX     16     /* 1 << pb, pb <= 4 */
#define LZMA_LIT_CTX_MAX 16     /* 1 << (lc + lp), lc + lp <= 4 in LZMA2 */
#define LZMA_LIT_PROBS   0x300  /* per literal context */
#define LZMA_DIST_STATES 4      /* distance slot trees, by match length */
#define LZMA_DIST_MODEL_END 14  /* slots below this use dist_special */
#define LZMA_FULL_DISTANCES 128
#define LZMA_ALIGN_BITS  4

struct lzma_len_probs {
    uint16_t choice, choice2;
    uint16_t low[LZMA_POS_MAX][8];
    uint16_t mid[LZMA_POS_MAX][8];
    uint16_t high[256];
};

/* Every adaptive probability (all uint16_t, reset together). */
struct lzma_probs {
    uint16_t is_match[LZMA_STATES][LZMA_POS_MAX];
    uint16_t is_rep[LZMA_STATES];
    uint16_t is_rep0[LZMA_STATES];
    uint16_t is_rep1[LZMA_STATES];
    uint16_t is_rep2[LZMA_STATES];
    uint16_t is_rep0_long[LZMA_STATES][LZMA_POS_MAX];
    uint16_t dist_slot[LZMA_DIST_STATES][64];
    uint16_t dist_special[LZMA_FULL_DISTANCES - LZMA_DIST_MODEL_END + 1];
    uint16_t dist_align[1u << LZMA_ALIGN_BITS];
    struct lzma_len_probs match_len, rep_len;
    uint16_t literal[LZMA_LIT_CTX_MAX][LZMA_LIT_PROBS];
};

struct lzma_dec {
    unsigned int lc, lp, pb;        /* literal context/position bits */
    unsigned int state;             /* 0..11 */
    uint32_t rep[4];                /* last four distances, minus one */
    struct lzma_probs p;
};

/* The range decoder, over one LZMA2 chunk's compressed bytes. */
struct rc_dec {
    const uint8_t *in;
    size_t pos, end;
    uint32_t range, code;
    bool overrun;                   /* wanted a byte past end */
};

/* --- the decoder as a whole ----------------------------------------------- */
/* The caller's work area (XZ_WORK_SIZE bytes). */
struct xz_work {
    uint32_t crc32_table[256];
    uint64_t crc64_table[256];
    struct lzma_dec lzma;
};

struct xz_dec {
    struct xz_work *w;              /* NULL: bitwise CRCs and no LZMA */
    const char *detail;             /* the error's explanation */
};

/* The input, with the position of the next byte. */
struct xz_in {
    const uint8_t *p;
    size_t pos, size;
};

/* The output; [dict_start, pos) is the LZMA2 dictionary. */
struct xz_out {
    uint8_t *buf;
    size_t pos, size, dict_start;
};

/* Record the reason and return err (for "return fail(x, E, "...")"). */
static inline int xz_fail(struct xz_dec *x, int err, const char *detail)
{
    x->detail = detail;
    return err;
}

static inline uint32_t xz_le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* xz_crc.c: with a table (x->w), else bit by bit; crc is the value so
 * far, 0 to start. */
void crc32_init(uint32_t table[256]);
uint32_t crc32_update(const uint32_t *table, const uint8_t *p, size_t n,
                      uint32_t crc);
void xz_crc_init(struct xz_work *w);
uint32_t xz_crc32(const struct xz_dec *x, const uint8_t *p, size_t n,
                  uint32_t crc);
uint64_t xz_crc64(const struct xz_dec *x, const uint8_t *p, size_t n,
                  uint64_t crc);

/*
 * xz_index.c.  A multi-byte integer (1 to 9 bytes, 7 bits each, at most
 * 63 bits, no redundant trailing zero byte): XZ_OK, XZ_E_TRUNCATED or
 * XZ_E_CORRUPT.
 */
int xz_vli(struct xz_dec *x, struct xz_in *in, uint64_t *v);

/* What the blocks of a stream add up to, to compare with its index. */
struct xz_sums {
    uint64_t count;                 /* blocks */
    uint64_t unpadded, uncompressed;/* sums (unpadded sizes rounded up) */
    uint64_t hash;                  /* CRC64 over every record */
};
void xz_sums_add(const struct xz_dec *x, struct xz_sums *s, uint64_t unpadded,
                 uint64_t uncompressed);
/*
 * Parse the index at in->pos (its 0x00 indicator included) and add its
 * records to *s.  Returns XZ_OK with in->pos after its CRC32.
 */
int xz_index_parse(struct xz_dec *x, struct xz_in *in, struct xz_sums *s);

/* xz_stream.c: the stream header and footer (12 bytes each). */
#define XZ_HEADER_SIZE 12
int xz_stream_header(struct xz_dec *x, const uint8_t *p, unsigned int *check);
/* The footer's flags and backward size (the index's size in bytes). */
int xz_stream_footer(struct xz_dec *x, const uint8_t *p, unsigned int *check,
                     uint64_t *index_size);

/*
 * lzma2.c: decode LZMA2 data from in->pos up to its end marker, into
 * out->buf from out->pos.  Returns XZ_OK with both positions advanced.
 */
int xz_lzma2_decode(struct xz_dec *x, struct xz_in *in, struct xz_out *out);

/* lzma.c */
void lzma_reset(struct lzma_dec *s);
/*
 * Decode LZMA symbols until out->pos reaches end (the chunk's size).
 * XZ_OK, or XZ_E_CORRUPT (a distance beyond the dictionary, a match past
 * the end of the chunk, input beyond the chunk).
 */
int lzma_decode(struct xz_dec *x, struct rc_dec *rc, struct xz_out *out,
                size_t end);

/* bcj_x86.c: undo the x86 BCJ filter on buf[0, size) that begins at
 * stream position start (the filter's start offset, usually 0). */
void bcj_x86_decode(uint8_t *buf, size_t size, uint32_t start);

#endif /* XZ_PRIVATE_H */
