/*
 * The gzip container (RFC 1952) around deflate (see xen/gunzip.h).
 *
 *   1f 8b, method (8: deflate), flags, mtime (4), extra flags, OS;
 *   with FEXTRA a 2-byte length and that many bytes, with FNAME and
 *   FCOMMENT zero-terminated strings, with FHCRC the low 16 bits of the
 *   CRC32 of the header so far; the deflate data; the CRC32 and the
 *   size mod 2^32 (ISIZE) of the uncompressed data, little-endian.
 */
#include "inflate.h"

#define GZ_METHOD_DEFLATE 8
#define FHCRC     0x02
#define FEXTRA    0x04
#define FNAME     0x08
#define FCOMMENT  0x10
#define FRESERVED 0xe0
#define GZ_HEADER 10

static const uint8_t gz_magic[2] = { 0x1f, 0x8b };

static int gz_fail(struct inflate *s, int err, const char *detail)
{
    s->err = err;
    s->detail = detail;
    return err;
}

/* Skip a zero-terminated string. */
static int skip_string(struct inflate *s, const char *what)
{
    while ( s->in_pos < s->in_size && s->in[s->in_pos] )
        s->in_pos++;
    if ( s->in_pos >= s->in_size )
        return gz_fail(s, XZ_E_TRUNCATED, what);
    s->in_pos++;
    return 0;
}

static int header(struct inflate *s)
{
    const uint8_t *p = s->in;
    unsigned int flags;
    size_t xlen;

    if ( s->in_size < GZ_HEADER )
        return gz_fail(s, memcmp(p, gz_magic, min(s->in_size, (size_t)2)) ?
                       XZ_E_FORMAT : XZ_E_TRUNCATED, "gzip header");
    if ( memcmp(p, gz_magic, 2) )
        return gz_fail(s, XZ_E_FORMAT, "no gzip magic");
    flags = p[3];
    if ( p[2] != GZ_METHOD_DEFLATE )
        return gz_fail(s, XZ_E_UNSUPPORTED_FILTER, "gzip method not deflate");
    if ( flags & FRESERVED )
        return gz_fail(s, XZ_E_UNSUPPORTED_FILTER, "reserved gzip flags");
    s->in_pos = GZ_HEADER;
    if ( flags & FEXTRA )
    {
        if ( s->in_size - s->in_pos < 2 )
            return gz_fail(s, XZ_E_TRUNCATED, "gzip extra field");
        xlen = p[s->in_pos] | p[s->in_pos + 1] << 8;
        s->in_pos += 2;
        if ( xlen > s->in_size - s->in_pos )
            return gz_fail(s, XZ_E_TRUNCATED, "gzip extra field");
        s->in_pos += xlen;
    }
    if ( (flags & FNAME) && skip_string(s, "gzip file name") )
        return s->err;
    if ( (flags & FCOMMENT) && skip_string(s, "gzip comment") )
        return s->err;
    if ( flags & FHCRC )
    {
        if ( s->in_size - s->in_pos < 2 )
            return gz_fail(s, XZ_E_TRUNCATED, "gzip header CRC16");
        if ( (crc32_update(s->w->crc32_table, p, s->in_pos, 0) & 0xffff) !=
             (unsigned int)(p[s->in_pos] | p[s->in_pos + 1] << 8) )
            return gz_fail(s, XZ_E_CORRUPT, "gzip header CRC16");
        s->in_pos += 2;
    }
    return 0;
}

int gunzip(const void *in, size_t in_size, void *out, size_t out_size,
           void *work, struct xz_result *r)
{
    struct inflate s = {
        .w = work, .in = in, .in_size = in_size, .out = out,
        .out_size = out_size,
    };
    const uint8_t *t;

    BUILD_BUG_ON(sizeof(struct inflate_work) > GUNZIP_WORK_SIZE);
    memset(r, 0, sizeof(*r));
    if ( !in || (!out && out_size) || !work || ((uintptr_t)work & 3) )
        return XZ_E_ARG;
    crc32_init(s.w->crc32_table);
    if ( !header(&s) && !inflate_run(&s) )
    {
        t = s.in + s.in_pos;
        if ( s.in_size - s.in_pos < 8 )
            gz_fail(&s, XZ_E_TRUNCATED, "gzip trailer");
        else if ( crc32_update(s.w->crc32_table, s.out, s.out_pos, 0) !=
                  xz_le32(t) )
            gz_fail(&s, XZ_E_CHECK, "gzip CRC32");
        else if ( xz_le32(t + 4) != (uint32_t)s.out_pos )
            gz_fail(&s, XZ_E_CHECK, "gzip ISIZE");
        else
            s.in_pos += 8;
    }
    r->in_used = s.in_pos;
    r->out_used = s.out_pos;
    r->detail = s.detail;
    r->streams = !s.err;
    return s.err;
}
