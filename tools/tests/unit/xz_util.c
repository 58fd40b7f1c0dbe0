/*
 * Helpers of the xz decoder tests (see xz_util.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xen/xz.h>

#include "xz_util.h"

static char dir[] = "/tmp/resmap-xz.XXXXXX";
static bool have_dir;
static void *work;
static uint64_t seed = 0x7a7a2024;

uint32_t xzu_rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)seed;
}

bool xzu_setup(void)
{
    if ( system("xz --version >/dev/null 2>&1") != 0 )
        return false;
    if ( !have_dir && !mkdtemp(dir) )
        return false;
    have_dir = true;
    if ( !work )
        work = malloc(XZ_WORK_SIZE);
    return work != NULL;
}

void xzu_teardown(void)
{
    char path[64];

    if ( have_dir )
    {
        snprintf(path, sizeof(path), "%s/in", dir);
        unlink(path);
        snprintf(path, sizeof(path), "%s/out", dir);
        unlink(path);
        rmdir(dir);
        have_dir = false;
    }
    free(work);
    work = NULL;
}

void *xzu_work(void)
{
    return work;
}

uint8_t *xzu_read_file(const char *path, size_t max, size_t *n)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long len;

    *n = 0;
    if ( !f )
        return NULL;
    if ( fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
         fseek(f, 0, SEEK_SET) || (size_t)len > max ||
         !(buf = malloc(len ? len : 1)) )
    {
        fclose(f);
        return NULL;
    }
    *n = fread(buf, 1, len, f);
    fclose(f);
    if ( *n != (size_t)len )
    {
        free(buf);
        return NULL;
    }
    return buf;
}

static const char *const words[] = {
    "the", "domain", "builder", "loads", "a", "kernel", "from", "its",
    "boot", "module", "page", "table", "grant", "event", "channel", "of",
    "and", "hypervisor", "compressed", "stream", "block", "index", "\n",
};

static void fill(enum xzu_kind kind, uint8_t *p, size_t n)
{
    static const uint8_t special[4] = { 0xe8, 0xe9, 0x00, 0xff };
    size_t i = 0, l;

    while ( i < n )
    {
        switch ( kind )
        {
        case XZU_TEXT:
        {
            const char *w = words[xzu_rnd() % (sizeof(words) / sizeof(*words))];

            l = strlen(w);
            for ( size_t k = 0; k < l && i < n; k++ )
                p[i++] = w[k];
            if ( i < n && w[0] != '\n' )
                p[i++] = ' ';
            break;
        }
        case XZU_CALLS:
            p[i++] = xzu_rnd() % 5 < 3 ? special[xzu_rnd() % 4] : xzu_rnd();
            break;
        case XZU_ZEROS:
            l = xzu_rnd() % 64 ? 0 : 1 + xzu_rnd() % 8;
            p[i++] = l ? xzu_rnd() : 0;
            break;
        default:
            p[i++] = xzu_rnd();
            break;
        }
    }
}

uint8_t *xzu_data(enum xzu_kind kind, size_t n, size_t *n_out)
{
    static const struct { enum xzu_kind kind; size_t n; } parts[] = {
        { XZU_TEXT, 100000 }, { XZU_CODE, 300000 }, { XZU_CALLS, 60000 },
        { XZU_NOISE, 40000 }, { XZU_ZEROS, 100000 }, { XZU_TEXT, 50000 },
    };
    uint8_t *p, *part;
    size_t i, pn, total = 0;

    if ( kind == XZU_MIXED )
    {
        for ( i = 0; i < sizeof(parts) / sizeof(*parts); i++ )
            total += parts[i].n;
        p = malloc(total);
        for ( i = 0, *n_out = 0; i < sizeof(parts) / sizeof(*parts); i++ )
        {
            part = xzu_data(parts[i].kind, parts[i].n, &pn);
            memcpy(p + *n_out, part, pn);
            *n_out += pn;
            free(part);
        }
        return p;
    }
    if ( kind == XZU_CODE )
    {
        uint8_t *self = xzu_read_file("/proc/self/exe", 256u << 20, &pn);

        *n_out = self ? (pn < n ? pn : n) : 0;
        p = malloc(*n_out ? *n_out : 1);
        if ( self )
            memcpy(p, self, *n_out);
        free(self);
        return p;
    }
    p = malloc(n ? n : 1);
    fill(kind, p, n);
    *n_out = n;
    return p;
}

uint8_t *xzu_compress(const uint8_t *data, size_t n, const char *opts,
                      size_t *zn)
{
    char cmd[400];

    snprintf(cmd, sizeof(cmd), "xz -c -q %s", opts);
    return xzu_filter(cmd, data, n, zn);
}

uint8_t *xzu_filter(const char *cmd0, const uint8_t *data, size_t n,
                    size_t *zn)
{
    char in[64], out[64], cmd[512];
    uint8_t *z;
    FILE *f;

    *zn = 0;
    snprintf(in, sizeof(in), "%s/in", dir);
    snprintf(out, sizeof(out), "%s/out", dir);
    if ( !(f = fopen(in, "wb")) )
        return NULL;
    if ( fwrite(data, 1, n, f) != n )
        n = ~(size_t)0;
    if ( fclose(f) || n == ~(size_t)0 )
        return NULL;
    snprintf(cmd, sizeof(cmd), "%s %s > %s", cmd0, in, out);
    if ( system(cmd) != 0 )
        return NULL;
    z = xzu_read_file(out, 1u << 30, zn);
    return z;
}

uint32_t xzu_crc32(const uint8_t *p, size_t n)
{
    uint32_t c = ~0u;
    unsigned int b;

    while ( n-- )
        for ( c ^= *p++, b = 0; b < 8; b++ )
            c = (c >> 1) ^ (c & 1 ? 0xedb88320u : 0);
    return ~c;
}

static void le32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static size_t vli(uint8_t *p, uint64_t v)
{
    size_t n = 0;

    for ( ; v >= 0x80; v >>= 7 )
        p[n++] = 0x80 | (v & 0x7f);
    p[n++] = v;
    return n;
}

size_t xzu_craft(uint8_t *buf, size_t cap, const uint8_t *bh, size_t bh_n,
                 const uint8_t *data, size_t data_n, uint64_t usize)
{
    static const uint8_t magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0 };
    size_t pos, hsize = (1 + bh_n + 3) / 4 * 4 + 4, istart;

    if ( 12 + hsize + data_n + 3 + 64 + 12 > cap || hsize > 1024 )
        return 0;
    memset(buf, 0, cap);
    memcpy(buf, magic, 6);                     /* flags 00 00: no check */
    le32(buf + 8, xzu_crc32(buf + 6, 2));
    pos = 12;
    buf[pos] = hsize / 4 - 1;
    memcpy(buf + pos + 1, bh, bh_n);
    le32(buf + pos + hsize - 4, xzu_crc32(buf + pos, hsize - 4));
    pos += hsize;
    memcpy(buf + pos, data, data_n);
    pos += (data_n + 3) / 4 * 4;
    istart = pos;
    buf[pos++] = 0;                            /* index indicator */
    pos += vli(buf + pos, 1);
    pos += vli(buf + pos, hsize + data_n);
    pos += vli(buf + pos, usize);
    pos = istart + (pos - istart + 3) / 4 * 4;
    le32(buf + pos, xzu_crc32(buf + istart, pos - istart));
    pos += 4;
    le32(buf + pos + 4, (pos - istart) / 4 - 1);
    le32(buf + pos, xzu_crc32(buf + pos + 4, 6));
    buf[pos + 10] = 'Y';
    buf[pos + 11] = 'Z';
    return pos + 12;
}
