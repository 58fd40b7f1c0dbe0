/*
 * The index of an xz stream, and walking streams back from the end of
 * the input to add up their uncompressed sizes.
 *
 * Index: a 0x00 indicator, the number of records, per block its
 * unpadded size (block header + compressed data + check, without the
 * block padding) and its uncompressed size, all multi-byte integers;
 * null padding to a multiple of four bytes; the CRC32 of all that.
 *
 * The decoder cannot keep one record per block (their number is not
 * bounded), so it adds up what the blocks were and what the index says,
 * and compares counts, sums and a CRC64 over the records in order.
 */
#include "xz_private.h"

#define VLI_MAX_BYTES 9
#define INDEX_INDICATOR 0x00
#define UNPADDED_MIN 5               /* header 4 + one byte of data */
#define VLI_LIMIT (~0ull >> 1)       /* integers are below 2^63 */

int xz_vli(struct xz_dec *x, struct xz_in *in, uint64_t *v)
{
    unsigned int i;
    uint8_t b;

    *v = 0;
    for ( i = 0; i < VLI_MAX_BYTES; i++ )
    {
        if ( in->pos >= in->size )
            return xz_fail(x, XZ_E_TRUNCATED, "integer");
        b = in->p[in->pos++];
        *v |= (uint64_t)(b & 0x7f) << (7 * i);
        if ( !(b & 0x80) )
        {
            if ( i && !b )
                return xz_fail(x, XZ_E_CORRUPT, "integer not minimal");
            return XZ_OK;
        }
    }
    return xz_fail(x, XZ_E_CORRUPT, "integer too long");
}

void xz_sums_add(const struct xz_dec *x, struct xz_sums *s, uint64_t unpadded,
                 uint64_t uncompressed)
{
    uint8_t rec[16];
    unsigned int i;

    for ( i = 0; i < 8; i++ )
    {
        rec[i] = unpadded >> (8 * i);
        rec[8 + i] = uncompressed >> (8 * i);
    }
    s->count++;
    /* Both are below 2^63 (checked), so rounding up cannot wrap. */
    s->unpadded += ROUNDUP(unpadded, 4u);
    s->uncompressed += uncompressed;
    s->hash = xz_crc64(x, rec, sizeof(rec), s->hash);
}

/* The sums are only compared, and keeping them below 2^63 keeps them
 * exact (a stream cannot be larger than 2^63 either). */
static bool sums_ok(const struct xz_sums *s)
{
    return s->unpadded <= VLI_LIMIT && s->uncompressed <= VLI_LIMIT;
}

int xz_index_parse(struct xz_dec *x, struct xz_in *in, struct xz_sums *s)
{
    size_t start = in->pos;
    uint64_t n, unpadded, uncompressed;
    int err;

    if ( in->pos >= in->size )
        return xz_fail(x, XZ_E_TRUNCATED, "index");
    if ( in->p[in->pos++] != INDEX_INDICATOR )
        return xz_fail(x, XZ_E_CORRUPT, "index indicator");
    if ( (err = xz_vli(x, in, &n)) )
        return err;
    /* Each record takes at least two bytes: n is bounded by the input. */
    if ( n > (in->size - in->pos) / 2 )
        return xz_fail(x, XZ_E_TRUNCATED, "index records");
    while ( n-- )
    {
        if ( (err = xz_vli(x, in, &unpadded)) ||
             (err = xz_vli(x, in, &uncompressed)) )
            return err;
        if ( unpadded < UNPADDED_MIN || unpadded > VLI_LIMIT - 3 )
            return xz_fail(x, XZ_E_CORRUPT, "index: bad unpadded size");
        xz_sums_add(x, s, unpadded, uncompressed);
        if ( !sums_ok(s) )
            return xz_fail(x, XZ_E_CORRUPT, "index: sizes too large");
    }
    while ( (in->pos - start) % 4 )
    {
        if ( in->pos >= in->size )
            return xz_fail(x, XZ_E_TRUNCATED, "index padding");
        if ( in->p[in->pos++] )
            return xz_fail(x, XZ_E_CORRUPT, "index padding not null");
    }
    if ( in->size - in->pos < 4 )
        return xz_fail(x, XZ_E_TRUNCATED, "index CRC32");
    if ( xz_crc32(x, in->p + start, in->pos - start, 0) !=
         xz_le32(in->p + in->pos) )
        return xz_fail(x, XZ_E_CORRUPT, "index CRC32");
    in->pos += 4;
    return XZ_OK;
}

/*
 * One stream ending at *end: check its footer, index and header, add its
 * uncompressed size to *total and move *end to where it starts.
 */
static int stream_back(struct xz_dec *x, const uint8_t *p, size_t *end,
                       uint64_t *total)
{
    unsigned int check_f, check_h;
    struct xz_sums s = { 0 };
    uint64_t index_size;
    struct xz_in in = { .p = p };
    size_t index_start;
    int err;

    if ( *end < 2 * XZ_HEADER_SIZE )
        return xz_fail(x, XZ_E_TRUNCATED, "stream shorter than its header "
                       "and footer");
    if ( (err = xz_stream_footer(x, p + *end - XZ_HEADER_SIZE, &check_f,
                                 &index_size)) )
        return err;
    if ( index_size > *end - 2 * XZ_HEADER_SIZE )
        return xz_fail(x, XZ_E_CORRUPT, "footer: index larger than stream");
    index_start = *end - XZ_HEADER_SIZE - index_size;
    in.pos = index_start;
    in.size = *end - XZ_HEADER_SIZE;
    if ( (err = xz_index_parse(x, &in, &s)) )
        return err;
    if ( in.pos != in.size )
        return xz_fail(x, XZ_E_CORRUPT, "index size differs from footer");
    if ( s.unpadded > index_start - XZ_HEADER_SIZE )
        return xz_fail(x, XZ_E_CORRUPT, "index: blocks larger than stream");
    *end = index_start - s.unpadded - XZ_HEADER_SIZE;
    if ( (err = xz_stream_header(x, p + *end, &check_h)) )
        return err;
    if ( check_h != check_f )
        return xz_fail(x, XZ_E_CORRUPT, "header and footer flags differ");
    if ( s.uncompressed > ~0ull - *total )
        return xz_fail(x, XZ_E_CORRUPT, "uncompressed size too large");
    *total += s.uncompressed;
    return XZ_OK;
}

int xz_uncompressed_size(const void *in, size_t in_size, uint64_t *size,
                         struct xz_result *r)
{
    struct xz_dec x = { .w = NULL };
    const uint8_t *p = in;
    size_t end = in_size;
    int err = XZ_OK;

    memset(r, 0, sizeof(*r));
    *size = 0;
    if ( !in )
        return XZ_E_ARG;
    do {
        /* Stream padding: null bytes in groups of four. */
        while ( end >= 4 && !xz_le32(p + end - 4) )
            end -= 4;
        if ( !end )
            err = xz_fail(&x, XZ_E_FORMAT, r->streams ? "padding before the "
                          "first stream" : "no stream");
        else if ( !(err = stream_back(&x, p, &end, size)) )
            r->streams++;
    } while ( end && !err );
    r->in_used = end;
    r->detail = x.detail;
    return err;
}
