/*
 * LZMA2: a sequence of chunks, each introduced by a control byte.
 *
 *   0x00          end of the LZMA2 data
 *   0x01          uncompressed chunk, dictionary reset
 *   0x02          uncompressed chunk, no reset
 *   0x03-0x7f     invalid
 *   0x80-0xff     LZMA chunk; bits 5-6 say what is reset first:
 *                 0 nothing, 1 the state, 2 the state and new properties,
 *                 3 all that and the dictionary.  Bits 0-4 are bits 16-20
 *                 of the uncompressed size minus one.
 *
 * An uncompressed chunk has a 2-byte big-endian size minus one; an LZMA
 * chunk has the low 16 bits of its uncompressed size minus one, its
 * compressed size minus one (2 bytes), and with new properties one byte
 * (pb * 5 + lp) * 9 + lc, lc + lp <= 4.  The first chunk must reset the
 * dictionary; after a dictionary reset the next LZMA chunk must bring
 * properties.  Every LZMA chunk starts a new range decoder (its first
 * byte 0, then four bytes of code), which must end exactly at the end of
 * the chunk with a code of 0.
 *
 * The dictionary is the output itself: a reset moves out->dict_start to
 * out->pos.
 */
#include "xz_private.h"

#define CTRL_END        0x00
#define CTRL_COPY_RESET 0x01
#define CTRL_COPY       0x02
#define CTRL_LZMA       0x80
#define RESET_STATE     1
#define RESET_PROPS     2
#define RESET_DICT      3
#define RC_INIT_BYTES   5

struct lzma2_state {
    bool need_dict_reset, need_props;
};

static int set_props(struct xz_dec *x, unsigned int b)
{
    struct lzma_dec *s = &x->w->lzma;

    if ( b >= 9 * 5 * 5 )
        return xz_fail(x, XZ_E_CORRUPT, "LZMA2: bad properties byte");
    s->lc = b % 9;
    b /= 9;
    s->lp = b % 5;
    s->pb = b / 5;
    if ( s->lc + s->lp > 4 )
        return xz_fail(x, XZ_E_CORRUPT, "LZMA2: lc + lp > 4");
    return XZ_OK;
}

static int copy_chunk(struct xz_dec *x, struct xz_in *in, struct xz_out *o,
                      size_t n)
{
    if ( n > in->size - in->pos )
        return xz_fail(x, XZ_E_TRUNCATED, "LZMA2: uncompressed chunk");
    if ( n > o->size - o->pos )
        return xz_fail(x, XZ_E_OUTPUT_SIZE, "LZMA2: uncompressed chunk");
    memcpy(o->buf + o->pos, in->p + in->pos, n);
    in->pos += n;
    o->pos += n;
    return XZ_OK;
}

static int lzma_chunk(struct xz_dec *x, struct xz_in *in, struct xz_out *o,
                      size_t usize, size_t csize)
{
    struct rc_dec rc;
    int rc_err;

    if ( csize > in->size - in->pos )
        return xz_fail(x, XZ_E_TRUNCATED, "LZMA2: compressed chunk");
    if ( usize > o->size - o->pos )
        return xz_fail(x, XZ_E_OUTPUT_SIZE, "LZMA2: compressed chunk");
    if ( csize < RC_INIT_BYTES || in->p[in->pos] != 0 )
        return xz_fail(x, XZ_E_CORRUPT, "LZMA2: bad range coder start");

    /* The code is big-endian. */
    rc = (struct rc_dec){
        .in = in->p, .pos = in->pos + RC_INIT_BYTES, .end = in->pos + csize,
        .range = ~0u,
        .code = (uint32_t)in->p[in->pos + 1] << 24 |
                (uint32_t)in->p[in->pos + 2] << 16 |
                (uint32_t)in->p[in->pos + 3] << 8 | in->p[in->pos + 4],
    };
    rc_err = lzma_decode(x, &rc, o, o->pos + usize);
    if ( rc_err )
        return rc_err;
    if ( rc.pos != rc.end || rc.code != 0 )
        return xz_fail(x, XZ_E_CORRUPT, "LZMA2: chunk size mismatch");
    in->pos = rc.end;
    return XZ_OK;
}

/* One chunk after its control byte c. */
static int chunk(struct xz_dec *x, struct lzma2_state *st, struct xz_in *in,
                 struct xz_out *o, unsigned int c)
{
    unsigned int reset = (c >> 5) & 3, hdr = c >= CTRL_LZMA ? 4 : 2;
    const uint8_t *h = in->p + in->pos;
    size_t usize, csize;
    int err;

    if ( c > CTRL_COPY && c < CTRL_LZMA )
        return xz_fail(x, XZ_E_CORRUPT, "LZMA2: bad control byte");
    if ( c == CTRL_COPY_RESET || (c >= CTRL_LZMA && reset == RESET_DICT) )
    {
        o->dict_start = o->pos;
        st->need_dict_reset = false;
        st->need_props = true;
    }
    else if ( st->need_dict_reset )
        return xz_fail(x, XZ_E_CORRUPT, "LZMA2: no dictionary reset");
    if ( c >= CTRL_LZMA && reset < RESET_PROPS && st->need_props )
        return xz_fail(x, XZ_E_CORRUPT, "LZMA2: no properties");

    hdr += c >= CTRL_LZMA && reset >= RESET_PROPS;
    if ( hdr > in->size - in->pos )
        return xz_fail(x, XZ_E_TRUNCATED, "LZMA2: chunk header");
    in->pos += hdr;
    if ( c < CTRL_LZMA )
        return copy_chunk(x, in, o, ((size_t)h[0] << 8 | h[1]) + 1);

    usize = ((size_t)(c & 0x1f) << 16 | (size_t)h[0] << 8 | h[1]) + 1;
    csize = ((size_t)h[2] << 8 | h[3]) + 1;
    if ( reset >= RESET_PROPS )
    {
        if ( (err = set_props(x, h[4])) )
            return err;
        st->need_props = false;
    }
    if ( reset >= RESET_STATE )
        lzma_reset(&x->w->lzma);
    return lzma_chunk(x, in, o, usize, csize);
}

int xz_lzma2_decode(struct xz_dec *x, struct xz_in *in, struct xz_out *o)
{
    struct lzma2_state st = { .need_dict_reset = true, .need_props = true };
    unsigned int c;
    int err;

    for ( ;; )
    {
        if ( in->pos >= in->size )
            return xz_fail(x, XZ_E_TRUNCATED, "LZMA2: control byte");
        c = in->p[in->pos++];
        if ( c == CTRL_END )
            return XZ_OK;
        if ( (err = chunk(x, &st, in, o, c)) )
            return err;
    }
}
