/*
 * Linux kernels as packaged: a bzImage (x86 boot protocol 2.08 or later)
 * whose payload is the kernel's ELF image, compressed or not.  The
 * domain builder unpacks the ELF and loads it as any PVH ELF image.
 *
 * What is read of the setup header (offsets in the image):
 *   0x1f1 setup_sects   sectors of real-mode setup after the boot sector
 *                       (0 means 4); the protected-mode part starts at
 *                       (setup_sects + 1) * 512
 *   0x1fe boot_flag     0xaa55
 *   0x202 header        "HdrS": this is a bzImage
 *   0x206 version       protocol version, at least 0x0208
 *   0x248 payload_offset, 0x24c payload_length: the payload, from the
 *                       start of the protected-mode part
 *
 * Payloads: xz (the last filter LZMA2, optionally after x86 BCJ: what
 * Linux's CONFIG_KERNEL_XZ makes), gzip (CONFIG_KERNEL_GZIP) and
 * uncompressed ELF.  The uncompressed size of an xz payload is taken
 * from the stream's index, and must agree with the 4 little-endian bytes
 * Linux appends after the stream when they are there; that of a gzip
 * payload is its last 4 bytes (ISIZE), and the gzip member must end the
 * payload.  bzip2, LZMA, LZO, LZ4 and zstd payloads are recognised and
 * refused by name.
 *
 * The image is untrusted: nothing is read outside [img, img + size).
 */
#ifndef XEN_BZIMAGE_H
#define XEN_BZIMAGE_H

#include <xen/types.h>

/* The largest uncompressed kernel we unpack. */
#define BZIMAGE_ELF_MAX (256u << 20)

struct bzimage_info {
    unsigned int version;           /* boot protocol, e.g. 0x020f */
    size_t payload_off;             /* in the image */
    size_t payload_len;
    const char *format;             /* "xz", "gzip", "ELF" (uncompressed) */
    bool compressed;
    const void *elf;                /* the ELF itself if not compressed */
    size_t elf_size;                /* size of the (uncompressed) ELF */
};

/* Does img carry a bzImage header ("HdrS"), well formed or not? */
bool bzimage_is_bzimage(const void *img, size_t size);

/*
 * Parse the header and find the payload.  Returns 0; -ENOEXEC if img is
 * not a bzImage (no "HdrS"); -EINVAL if it is malformed or its payload
 * cannot be unpacked (sizes that disagree, too large, not xz, gzip or
 * ELF),
 * -EOPNOTSUPP for a compression we do not decode.  On error other than
 * -ENOEXEC, why[why_len] says what is wrong.
 */
int bzimage_parse(const void *img, size_t size, struct bzimage_info *bi,
                  char *why, size_t why_len);

/*
 * Decompress the payload of a parsed, compressed image (bi->compressed)
 * into out, which has room for out_size >= bi->elf_size bytes, using a
 * work area of XZ_WORK_SIZE bytes (xen/xz.h).  Returns 0 with exactly
 * bi->elf_size bytes written, or -EINVAL with the reason in why.
 */
int bzimage_unpack(const struct bzimage_info *bi, const void *img,
                   void *out, size_t out_size, void *work, char *why,
                   size_t why_len);

#endif /* XEN_BZIMAGE_H */
