/*
 * A single-call gzip decoder (RFC 1952 around RFC 1951 deflate), for
 * kernels compressed with gzip (common/decompress/inflate.c, gunzip.c).
 *
 * One gzip member is decoded into the caller's buffer, which is also the
 * deflate window; the member's CRC32 and ISIZE are verified.  The only
 * other memory is a work area of GUNZIP_WORK_SIZE bytes (Huffman tables,
 * the CRC table).  The bounds promises of xen/xz.h hold here too, and the
 * results are the same codes: XZ_OK, XZ_E_FORMAT (no gzip magic),
 * XZ_E_TRUNCATED, XZ_E_CORRUPT, XZ_E_CHECK (CRC32 or ISIZE),
 * XZ_E_UNSUPPORTED_FILTER (a method other than deflate, reserved flags),
 * XZ_E_OUTPUT_SIZE, XZ_E_ARG; r->detail says more.
 */
#ifndef XEN_GUNZIP_H
#define XEN_GUNZIP_H

#include <xen/xz.h>

#define GUNZIP_WORK_SIZE 4096u

/*
 * Decode the gzip member at in into out.  Bytes after the member are the
 * caller's: r->in_used says where it ended.
 */
int gunzip(const void *in, size_t in_size, void *out, size_t out_size,
           void *work, struct xz_result *r);

#endif /* XEN_GUNZIP_H */
