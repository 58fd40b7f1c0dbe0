/*
 * bzImage kernels (see xen/bzimage.h): the setup header, the payload and
 * its decompression.
 */
#include <xen/bzimage.h>
#include <xen/errno.h>
#include <xen/gunzip.h>
#include <xen/lib.h>
#include <xen/xz.h>

#define SETUP_SECTS      0x1f1
#define BOOT_FLAG        0x1fe
#define HEADER_MAGIC     0x202
#define VERSION          0x206
#define PAYLOAD_OFFSET   0x248
#define PAYLOAD_LENGTH   0x24c
#define HEADER_END       0x250
#define SECTOR           512
#define DEFAULT_SECTS    4
#define MIN_VERSION      0x0208
#define SIZE_TRAILER     4             /* Linux's appended size */

static const uint8_t xz_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const uint8_t xz_footer_magic[2] = { 'Y', 'Z' };
static const uint8_t gz_magic[3] = { 0x1f, 0x8b, 0x08 };
#define GZ_MIN 18                      /* header 10, empty data, trailer 8 */

/* Compressed formats Linux can build, recognised so as to name them. */
static const struct {
    const char *name;
    uint8_t len, magic[4];
} others[] = {
    { "bzip2", 3, { 'B', 'Z', 'h' } },
    { "LZMA", 3, { 0x5d, 0x00, 0x00 } },
    { "LZO", 4, { 0x89, 'L', 'Z', 'O' } },
    { "LZ4", 4, { 0x02, 0x21, 0x4c, 0x18 } },
    { "zstd", 4, { 0x28, 0xb5, 0x2f, 0xfd } },
};

static uint32_t rd(const uint8_t *p, unsigned int n)
{
    uint32_t v = 0;

    while ( n-- )
        v = (v << 8) | p[n];
    return v;
}

static int fail(int rc, char *why, size_t len, const char *fmt, ...)
    __printf(4, 5);
static int fail(int rc, char *why, size_t len, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, len, fmt, ap);
    va_end(ap);
    return rc;
}

/* The xz payload's uncompressed size, from its index (and trailer). */
static int xz_size(const uint8_t *p, size_t len, struct bzimage_info *bi,
                   char *why, size_t why_len)
{
    struct xz_result r;
    uint64_t size;
    uint32_t appended = 0;
    bool trailer = false;
    int rc;

    /* The stream ends with "YZ": at the very end, or before the size. */
    if ( len >= 2 + SIZE_TRAILER &&
         !memcmp(p + len - 2 - SIZE_TRAILER, xz_footer_magic, 2) &&
         memcmp(p + len - 2, xz_footer_magic, 2) )
    {
        trailer = true;
        appended = rd(p + len - SIZE_TRAILER, SIZE_TRAILER);
        len -= SIZE_TRAILER;
    }
    rc = xz_uncompressed_size(p, len, &size, &r);
    if ( rc )
        return fail(-EINVAL, why, why_len, "xz payload: %s (%s)",
                    xz_strerror(rc), r.detail ? r.detail : "");
    if ( trailer && size != appended )
        return fail(-EINVAL, why, why_len, "xz payload: the size after it "
                    "(%u) differs from its index (%llu)", appended,
                    (unsigned long long)size);
    if ( size > BZIMAGE_ELF_MAX )
        return fail(-EINVAL, why, why_len, "kernel of %llu MiB is larger "
                    "than %u MiB", (unsigned long long)(size >> 20),
                    BZIMAGE_ELF_MAX >> 20);
    bi->elf_size = size;
    bi->payload_len = len;                 /* the stream alone */
    return 0;
}

bool bzimage_is_bzimage(const void *img, size_t size)
{
    return img && size >= HEADER_MAGIC + 4 &&
           !memcmp((const uint8_t *)img + HEADER_MAGIC, "HdrS", 4);
}

int bzimage_parse(const void *img, size_t size, struct bzimage_info *bi,
                  char *why, size_t why_len)
{
    const uint8_t *p = img;
    size_t pm, off, len;
    unsigned int sects, i;

    memset(bi, 0, sizeof(*bi));
    if ( !bzimage_is_bzimage(img, size) )
        return -ENOEXEC;
    if ( size < HEADER_END )
        return fail(-EINVAL, why, why_len, "truncated setup header");
    if ( rd(p + BOOT_FLAG, 2) != 0xaa55 )
        return fail(-EINVAL, why, why_len, "no boot flag 0xaa55");
    bi->version = rd(p + VERSION, 2);
    if ( bi->version < MIN_VERSION )
        return fail(-EINVAL, why, why_len, "boot protocol %u.%02u is older "
                    "than 2.08 (no payload)", bi->version >> 8,
                    bi->version & 0xff);
    sects = p[SETUP_SECTS] ? p[SETUP_SECTS] : DEFAULT_SECTS;
    pm = (size_t)(sects + 1) * SECTOR;
    off = rd(p + PAYLOAD_OFFSET, 4);
    len = rd(p + PAYLOAD_LENGTH, 4);
    if ( pm > size || off > size - pm || len > size - pm - off )
        return fail(-EINVAL, why, why_len, "payload (offset %#zx, %zu "
                    "bytes) outside the image (%zu bytes)", pm + off, len,
                    size);
    bi->payload_off = pm + off;
    bi->payload_len = len;
    p += bi->payload_off;

    if ( len >= 4 && !memcmp(p, "\177ELF", 4) )
    {
        bi->format = "ELF";
        bi->elf = p;
        bi->elf_size = len;
        return 0;
    }
    if ( len >= sizeof(xz_magic) && !memcmp(p, xz_magic, sizeof(xz_magic)) )
    {
        bi->format = "xz";
        bi->compressed = true;
        return xz_size(p, len, bi, why, why_len);
    }
    if ( len >= sizeof(gz_magic) && !memcmp(p, gz_magic, sizeof(gz_magic)) )
    {
        /* gzip's trailer ends with the size (mod 2^32): the last 4 bytes. */
        bi->format = "gzip";
        bi->compressed = true;
        if ( len < GZ_MIN )
            return fail(-EINVAL, why, why_len, "gzip payload of %zu bytes",
                        len);
        bi->elf_size = rd(p + len - 4, 4);
        if ( bi->elf_size > BZIMAGE_ELF_MAX )
            return fail(-EINVAL, why, why_len, "kernel of %zu MiB is larger "
                        "than %u MiB", bi->elf_size >> 20,
                        BZIMAGE_ELF_MAX >> 20);
        return 0;
    }
    for ( i = 0; i < ARRAY_SIZE(others); i++ )
        if ( len >= others[i].len && !memcmp(p, others[i].magic,
                                             others[i].len) )
        {
            bi->format = others[i].name;
            return fail(-EOPNOTSUPP, why, why_len, "%s-compressed payload: "
                        "only xz and gzip are supported", others[i].name);
        }
    return fail(-EINVAL, why, why_len, "payload is not xz, gzip or ELF "
                "(starts %02x %02x %02x %02x)", len > 0 ? p[0] : 0,
                len > 1 ? p[1] : 0, len > 2 ? p[2] : 0, len > 3 ? p[3] : 0);
}

int bzimage_unpack(const struct bzimage_info *bi, const void *img,
                   void *out, size_t out_size, void *work, char *why,
                   size_t why_len)
{
    const uint8_t *p = (const uint8_t *)img + bi->payload_off;
    bool gz = bi->format && !strcmp(bi->format, "gzip");
    struct xz_result r;
    int rc;

    BUILD_BUG_ON(GUNZIP_WORK_SIZE > XZ_WORK_SIZE);
    if ( !bi->compressed || out_size < bi->elf_size )
        return fail(-EINVAL, why, why_len, "nothing to decompress, or no "
                    "room");
    if ( gz )
        rc = gunzip(p, bi->payload_len, out, bi->elf_size, work, &r);
    else
        rc = xz_decode(p, bi->payload_len, out, bi->elf_size, 0, work, &r);
    if ( rc )
        return fail(-EINVAL, why, why_len, "%s: %s (%s) at payload byte "
                    "%zu", bi->format, xz_strerror(rc),
                    r.detail ? r.detail : "", r.in_used);
    if ( r.out_used != bi->elf_size || r.in_used != bi->payload_len )
        return fail(-EINVAL, why, why_len, "%s: %zu of %zu bytes decoded "
                    "from %zu of the payload's %zu", bi->format, r.out_used,
                    bi->elf_size, r.in_used, bi->payload_len);
    return 0;
}
