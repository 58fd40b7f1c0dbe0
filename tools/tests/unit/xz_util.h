/*
 * Helpers of the xz decoder tests (test_xz.c, test_bzimage.c,
 * fuzz_bounded.c): test data, the system's `xz` run on it, and streams
 * assembled by hand.
 */
#ifndef XZ_UTIL_H
#define XZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Is `xz` there?  Makes a scratch directory and the decoder's work area
 * (XZ_WORK_SIZE bytes, enough for gunzip too). */
bool xzu_setup(void);
void xzu_teardown(void);
void *xzu_work(void);                 /* XZ_WORK_SIZE bytes */
uint32_t xzu_rnd(void);               /* fixed-seed xorshift */

enum xzu_kind {
    XZU_TEXT,       /* words and lines */
    XZU_NOISE,      /* random bytes: LZMA2 stores them uncompressed */
    XZU_CALLS,      /* dense in e8, e9, 00 and ff: the BCJ filter's cases */
    XZU_ZEROS,      /* long runs of zeros, now and then a few bytes */
    XZU_CODE,       /* this program's own file: real x86-64 code */
    XZU_MIXED,      /* all of the above, about 650 KB (n ignored) */
};
/* n bytes (fewer for XZU_CODE if the file is smaller), malloc'd. */
uint8_t *xzu_data(enum xzu_kind kind, size_t n, size_t *n_out);

/* `xz -c OPTS` of data; malloc'd, NULL if xz failed. */
uint8_t *xzu_compress(const uint8_t *data, size_t n, const char *opts,
                      size_t *zn);

/* `CMD FILE > OUT` of data in a file (gzip -c, say); malloc'd, or NULL. */
uint8_t *xzu_filter(const char *cmd, const uint8_t *data, size_t n,
                    size_t *zn);

/* Read a whole file (at most max bytes); malloc'd, NULL on failure. */
uint8_t *xzu_read_file(const char *path, size_t max, size_t *n);

/* CRC32 as xz uses it (bitwise, independent of the decoder's). */
uint32_t xzu_crc32(const uint8_t *p, size_t n);

/*
 * A stream of one block with check type None: the block header's bytes
 * after its size byte (bh: flags, filters; padded and sealed here), data
 * as the block's compressed data, and an index record of usize
 * uncompressed bytes.  Returns its size (at most cap).
 */
size_t xzu_craft(uint8_t *buf, size_t cap, const uint8_t *bh, size_t bh_n,
                 const uint8_t *data, size_t data_n, uint64_t usize);

#endif /* XZ_UTIL_H */
