/*
 * The .xz container: streams of blocks (see xen/xz.h).
 *
 *   stream   header (12 bytes), blocks, index, footer (12 bytes)
 *   header   fd 37 7a 58 5a 00, stream flags (00, check type), CRC32
 *   footer   CRC32, backward size (index size / 4 - 1), flags, "YZ"
 *   block    header, compressed data, null padding to a multiple of four,
 *            check of the uncompressed data (0, 4, 8 ... 64 bytes)
 *   block header  size ((byte + 1) * 4), flags (filters - 1, compressed
 *            and uncompressed size present), the sizes, the filters (id,
 *            size of properties, properties), null padding, CRC32
 *
 * Between and after streams, null stream padding in groups of four.
 */
#include "xz_private.h"

#define CHECK_NONE   0
#define CHECK_CRC32  1
#define CHECK_CRC64  4
#define CHECK_MAX    15

#define FILTER_X86   0x04
#define FILTER_LZMA2 0x21
#define MAX_FILTERS  4
#define DICT_BYTE_MAX 40

#define BF_FILTERS   0x03
#define BF_RESERVED  0x3c
#define BF_CSIZE     0x40
#define BF_USIZE     0x80

static const uint8_t header_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const uint8_t footer_magic[2] = { 'Y', 'Z' };

struct block_hdr {
    unsigned int size;              /* of the header, in bytes */
    bool has_csize, has_usize;
    uint64_t csize, usize;
    unsigned int nr_bcj;            /* x86 filters before LZMA2 */
    uint32_t bcj_start[MAX_FILTERS - 1];
};

/* The size of a check field, for every check type. */
static unsigned int check_size(unsigned int check)
{
    return check ? 4u << ((check - 1) / 3) : 0;
}

/* The stream flags: a null byte, then the check type (0-15). */
static int stream_flags(struct xz_dec *x, const uint8_t *f,
                        unsigned int *check)
{
    if ( f[0] || (f[1] & 0xf0) )
        return xz_fail(x, XZ_E_UNSUPPORTED_FILTER, "reserved stream flags");
    *check = f[1];
    return XZ_OK;
}

int xz_stream_header(struct xz_dec *x, const uint8_t *p, unsigned int *check)
{
    if ( memcmp(p, header_magic, sizeof(header_magic)) )
        return xz_fail(x, XZ_E_FORMAT, "no stream header magic");
    if ( xz_crc32(x, p + 6, 2, 0) != xz_le32(p + 8) )
        return xz_fail(x, XZ_E_CORRUPT, "stream header CRC32");
    return stream_flags(x, p + 6, check);
}

int xz_stream_footer(struct xz_dec *x, const uint8_t *p, unsigned int *check,
                     uint64_t *index_size)
{
    if ( memcmp(p + 10, footer_magic, sizeof(footer_magic)) )
        return xz_fail(x, XZ_E_FORMAT, "no stream footer magic");
    if ( xz_crc32(x, p + 4, 6, 0) != xz_le32(p) )
        return xz_fail(x, XZ_E_CORRUPT, "stream footer CRC32");
    *index_size = ((uint64_t)xz_le32(p + 4) + 1) * 4;
    return stream_flags(x, p + 8, check);
}

/* One filter's flags; the last must be LZMA2, the others x86 BCJ. */
static int filter(struct xz_dec *x, struct xz_in *h, bool last,
                  struct block_hdr *b)
{
    uint64_t id, psize;
    const uint8_t *props;
    int err;

    if ( (err = xz_vli(x, h, &id)) || (err = xz_vli(x, h, &psize)) )
        return err;
    if ( psize > h->size - h->pos )
        return xz_fail(x, XZ_E_CORRUPT, "filter properties overrun header");
    props = h->p + h->pos;
    h->pos += psize;
    if ( last )
    {
        if ( id != FILTER_LZMA2 )
            return xz_fail(x, XZ_E_UNSUPPORTED_FILTER,
                           "last filter is not LZMA2");
        if ( psize != 1 || (props[0] & 0xc0) || props[0] > DICT_BYTE_MAX )
            return xz_fail(x, XZ_E_UNSUPPORTED_FILTER, "LZMA2 properties");
        return XZ_OK;
    }
    if ( id != FILTER_X86 )
        return xz_fail(x, XZ_E_UNSUPPORTED_FILTER, id == FILTER_LZMA2 ?
                       "LZMA2 is not the last filter" :
                       "filter other than x86 BCJ and LZMA2");
    if ( psize != 0 && psize != 4 )
        return xz_fail(x, XZ_E_UNSUPPORTED_FILTER, "x86 BCJ properties");
    b->bcj_start[b->nr_bcj++] = psize ? xz_le32(props) : 0;
    return XZ_OK;
}

static int block_header(struct xz_dec *x, struct xz_in *in,
                        struct block_hdr *b)
{
    const uint8_t *p = in->p + in->pos;
    struct xz_in h = { .p = p, .pos = 2 };
    unsigned int i, nr, flags;
    int err = XZ_OK;

    b->size = (p[0] + 1) * 4;
    if ( b->size > in->size - in->pos )
        return xz_fail(x, XZ_E_TRUNCATED, "block header");
    h.size = b->size - 4;
    if ( xz_crc32(x, p, h.size, 0) != xz_le32(p + h.size) )
        return xz_fail(x, XZ_E_CORRUPT, "block header CRC32");
    flags = p[1];
    if ( flags & BF_RESERVED )
        return xz_fail(x, XZ_E_UNSUPPORTED_FILTER, "reserved block flags");
    b->has_csize = flags & BF_CSIZE;
    b->has_usize = flags & BF_USIZE;
    b->nr_bcj = 0;
    nr = (flags & BF_FILTERS) + 1;
    if ( b->has_csize )
        err = xz_vli(x, &h, &b->csize);
    if ( !err && b->has_usize )
        err = xz_vli(x, &h, &b->usize);
    for ( i = 0; !err && i < nr; i++ )
        err = filter(x, &h, i == nr - 1, b);
    if ( err == XZ_E_TRUNCATED )
        return xz_fail(x, XZ_E_CORRUPT, "block header fields overrun it");
    if ( err )
        return err;
    if ( b->has_csize && !b->csize )
        return xz_fail(x, XZ_E_CORRUPT, "block compressed size 0");
    for ( ; h.pos < h.size; h.pos++ )
        if ( p[h.pos] )
            return xz_fail(x, XZ_E_UNSUPPORTED_FILTER,
                           "block header padding not null");
    in->pos += b->size;
    return XZ_OK;
}

/* The check field of a block of data: CRC32, CRC64 or nothing. */
static int block_check(struct xz_dec *x, struct xz_in *in, unsigned int check,
                       const uint8_t *data, size_t n)
{
    const uint8_t *c = in->p + in->pos;
    uint64_t crc64;

    if ( check_size(check) > in->size - in->pos )
        return xz_fail(x, XZ_E_TRUNCATED, "block check");
    in->pos += check_size(check);
    if ( check == CHECK_CRC32 && xz_crc32(x, data, n, 0) != xz_le32(c) )
        return xz_fail(x, XZ_E_CHECK, "CRC32 of a block's data");
    crc64 = check == CHECK_CRC64 ? xz_crc64(x, data, n, 0) : 0;
    if ( check == CHECK_CRC64 &&
         (crc64 != ((uint64_t)xz_le32(c + 4) << 32 | xz_le32(c))) )
        return xz_fail(x, XZ_E_CHECK, "CRC64 of a block's data");
    return XZ_OK;
}

static int block(struct xz_dec *x, struct xz_in *in, struct xz_out *out,
                 unsigned int check, struct xz_sums *sums)
{
    struct block_hdr b;
    size_t data, start = out->pos, csize, usize;
    unsigned int i;
    int err;

    if ( (err = block_header(x, in, &b)) )
        return err;
    data = in->pos;
    if ( (err = xz_lzma2_decode(x, in, out)) )
        return err;
    csize = in->pos - data;
    usize = out->pos - start;
    if ( (b.has_csize && b.csize != csize) ||
         (b.has_usize && b.usize != usize) )
        return xz_fail(x, XZ_E_CORRUPT, "block sizes differ from header");
    for ( ; (in->pos - data) % 4; in->pos++ )
    {
        if ( in->pos >= in->size )
            return xz_fail(x, XZ_E_TRUNCATED, "block padding");
        if ( in->p[in->pos] )
            return xz_fail(x, XZ_E_CORRUPT, "block padding not null");
    }
    for ( i = b.nr_bcj; i--; )
        bcj_x86_decode(out->buf + start, usize, b.bcj_start[i]);
    if ( (err = block_check(x, in, check, out->buf + start, usize)) )
        return err;
    xz_sums_add(x, sums, b.size + csize + check_size(check), usize);
    return XZ_OK;
}

static int stream(struct xz_dec *x, struct xz_in *in, struct xz_out *out,
                  struct xz_result *r)
{
    struct xz_sums blocks = { 0 }, index = { 0 };
    unsigned int check, check_f;
    uint64_t index_size;
    size_t index_start;
    int err;

    if ( in->size - in->pos < XZ_HEADER_SIZE )
        return memcmp(in->p + in->pos, header_magic,
                      min(in->size - in->pos, sizeof(header_magic))) ?
               xz_fail(x, XZ_E_FORMAT, "no stream header magic") :
               xz_fail(x, XZ_E_TRUNCATED, "stream header");
    if ( (err = xz_stream_header(x, in->p + in->pos, &check)) )
        return err;
    if ( check != CHECK_NONE && check != CHECK_CRC32 && check != CHECK_CRC64 )
        return xz_fail(x, XZ_E_UNSUPPORTED_CHECK, check == 10 ?
                       "SHA-256 check" : "reserved check type");
    in->pos += XZ_HEADER_SIZE;
    r->check = check;

    for ( ;; )
    {
        if ( in->pos >= in->size )
            return xz_fail(x, XZ_E_TRUNCATED, "block or index");
        if ( !in->p[in->pos] )
            break;                          /* the index indicator */
        if ( (err = block(x, in, out, check, &blocks)) )
            return err;
        r->blocks++;
    }
    index_start = in->pos;
    if ( (err = xz_index_parse(x, in, &index)) )
        return err;
    if ( memcmp(&blocks, &index, sizeof(index)) )
        return xz_fail(x, XZ_E_CORRUPT, "index does not match the blocks");
    if ( in->size - in->pos < XZ_HEADER_SIZE )
        return xz_fail(x, XZ_E_TRUNCATED, "stream footer");
    err = xz_stream_footer(x, in->p + in->pos, &check_f, &index_size);
    if ( err == XZ_E_FORMAT )
        return xz_fail(x, XZ_E_CORRUPT, "no stream footer magic");
    if ( err )
        return err;
    if ( check_f != check || index_size != in->pos - index_start )
        return xz_fail(x, XZ_E_CORRUPT, "stream footer differs");
    in->pos += XZ_HEADER_SIZE;
    r->streams++;
    return XZ_OK;
}

int xz_decode(const void *in, size_t in_size, void *out, size_t out_size,
              unsigned int flags, void *work, struct xz_result *r)
{
    struct xz_dec dec = { .w = work }, *x = &dec;
    struct xz_in i = { .p = in, .size = in_size };
    struct xz_out o = { .buf = out, .size = out_size };
    size_t zeros;
    int err;

    BUILD_BUG_ON(sizeof(struct xz_work) > XZ_WORK_SIZE);
    memset(r, 0, sizeof(*r));
    if ( !in || (!out && out_size) || !work || ((uintptr_t)work & 7) )
        return XZ_E_ARG;
    xz_crc_init(dec.w);

    err = stream(x, &i, &o, r);
    while ( !err && !(flags & XZ_SINGLE_STREAM) && i.pos < i.size )
    {
        for ( zeros = 0; i.pos < i.size && !i.p[i.pos]; i.pos++ )
            zeros++;
        if ( zeros % 4 )
            err = xz_fail(x, XZ_E_CORRUPT, "stream padding");
        else if ( i.pos < i.size )
            err = stream(x, &i, &o, r);
    }
    r->in_used = i.pos;
    r->out_used = o.pos;
    r->detail = x->detail;
    return err;
}

const char *xz_strerror(int err)
{
    switch ( err )
    {
    case XZ_OK:                   return "success";
    case XZ_E_FORMAT:             return "not xz data";
    case XZ_E_TRUNCATED:          return "truncated input";
    case XZ_E_CORRUPT:            return "corrupt data";
    case XZ_E_CHECK:              return "integrity check failed";
    case XZ_E_UNSUPPORTED_FILTER: return "unsupported filter or option";
    case XZ_E_UNSUPPORTED_CHECK:  return "unsupported check type";
    case XZ_E_OUTPUT_SIZE:        return "output buffer too small";
    case XZ_E_ARG:                return "bad arguments";
    }
    return "unknown error";
}
