/*
 * A single-call decoder for the .xz container format (xz-file-format
 * 1.1.0) with the LZMA2 filter and the x86 BCJ filter, for unpacking a
 * compressed kernel into one buffer (common/decompress/).
 *
 * The whole output is decoded into the caller's buffer, which also
 * serves as the LZMA2 dictionary: a match may reach back to anything the
 * current block has decoded, so no separate dictionary is needed.  The
 * only other memory is a fixed work area of XZ_WORK_SIZE bytes (the LZMA
 * probability tables and the CRC tables), supplied by the caller.
 *
 * Input is untrusted: the decoder reads only inside [in, in + in_size),
 * writes only inside [out, out + out_size), and takes time linear in
 * in_size + out_size whatever the input.
 *
 * Supported: check types None, CRC32 and CRC64 (SHA-256 and the reserved
 * ones are refused, XZ_E_UNSUPPORTED_CHECK); filter chains of LZMA2
 * alone or preceded by up to three x86 BCJ filters (any start offset);
 * any number of blocks and of concatenated streams, with stream padding.
 * Refused (XZ_E_UNSUPPORTED_FILTER): the other BCJ filters, Delta.
 */
#ifndef XEN_XZ_H
#define XEN_XZ_H

#include <xen/types.h>

/* Results: 0 or one of these (distinct, negative). */
#define XZ_OK                     0
#define XZ_E_FORMAT             (-1)  /* no xz stream header magic */
#define XZ_E_TRUNCATED          (-2)  /* the input ends inside a stream */
#define XZ_E_CORRUPT            (-3)  /* headers or compressed data invalid */
#define XZ_E_CHECK              (-4)  /* CRC32/CRC64 of the data differs */
#define XZ_E_UNSUPPORTED_FILTER (-5)  /* filter, its options, reserved bits */
#define XZ_E_UNSUPPORTED_CHECK  (-6)  /* SHA-256 or a reserved check type */
#define XZ_E_OUTPUT_SIZE        (-7)  /* the data does not fit in out */
#define XZ_E_ARG                (-8)  /* bad arguments (NULL, alignment) */

/* Bytes of the work area; it must be 8-byte aligned (xmalloc is). */
#define XZ_WORK_SIZE (32u * 1024 - 64)

/* Flags of xz_decode(). */
/*
 * Decode one stream and stop after its footer; whatever follows is the
 * caller's (r->in_used says where it begins).  Without this flag the
 * input must be streams and stream padding up to its very end.
 */
#define XZ_SINGLE_STREAM 1u

struct xz_result {
    size_t in_used;         /* input bytes consumed; on error, where */
    size_t out_used;        /* output bytes written */
    const char *detail;     /* on error, what was wrong (static string) */
    unsigned int streams, blocks;
    unsigned int check;     /* check type of the last stream */
};

/*
 * Decode in into out.  Returns XZ_OK with r->out_used bytes written, or
 * a negative XZ_E_* with r->detail saying more.  out may hold anything
 * on error, within [out, out + out_size).
 */
int xz_decode(const void *in, size_t in_size, void *out, size_t out_size,
              unsigned int flags, void *work, struct xz_result *r);

/*
 * The uncompressed size that the index(es) of in record, walking the
 * streams back from its end (the input must end with a stream or stream
 * padding).  Only the footers, indexes and stream headers are checked,
 * not the blocks: xz_decode() still validates everything.  Returns
 * XZ_OK, XZ_E_FORMAT, XZ_E_TRUNCATED, XZ_E_CORRUPT or
 * XZ_E_UNSUPPORTED_FILTER (reserved flags), with r->detail on error.
 */
int xz_uncompressed_size(const void *in, size_t in_size, uint64_t *size,
                         struct xz_result *r);

/* One line for an XZ_* result ("truncated input", ...). */
const char *xz_strerror(int err);

#endif /* XEN_XZ_H */
