/* In-memory ELF image builder for tests (see elfgen.h). */
#include <string.h>

#include "elfgen.h"

void elfgen_wr(uint8_t *p, uint64_t v, unsigned int n)
{
    unsigned int i;

    for ( i = 0; i < n; i++, v >>= 8 )
        p[i] = (uint8_t)v;
}

void elfgen_default(struct elfgen *g, bool is64)
{
    memset(g, 0, sizeof(*g));
    g->is64 = is64;
    g->machine = is64 ? 62 : 3;
    g->nsegs = 1;
    g->segs[0].paddr = 0x100000;
    g->segs[0].filesz = 0x300;
    g->segs[0].memsz = 0x1000;
    g->note = NOTE_PHDR;
    g->note_type = 18;
    g->desc_size = is64 ? 8 : 4;
    g->entry = 0x100010;
}

static size_t put_note(const struct elfgen *g, uint8_t *p)
{
    size_t n, len = 16 + ((g->desc_size + 3) & ~3u);

    elfgen_wr(p, 4, 4);                       /* namesz */
    elfgen_wr(p + 4, g->desc_size, 4);
    elfgen_wr(p + 8, g->note_type, 4);
    memcpy(p + 12, "Xen", 4);
    elfgen_wr(p + 16, g->entry, g->desc_size > 8 ? 8 : g->desc_size);
    if ( !g->guest_os )
        return len;
    n = strlen(g->guest_os) + 1;              /* at most 16 */
    p += len;
    elfgen_wr(p, 4, 4);
    elfgen_wr(p + 4, n, 4);
    elfgen_wr(p + 8, 6, 4);                   /* XEN_ELFNOTE_GUEST_OS */
    memcpy(p + 12, "Xen", 4);
    memset(p + 16, 0, (n + 3) & ~3u);
    memcpy(p + 16, g->guest_os, n);
    return len + 16 + ((n + 3) & ~3u);
}

static void put_phdr(const struct elfgen *g, uint8_t *h, uint32_t type,
                     uint64_t off, uint64_t paddr, uint64_t filesz,
                     uint64_t memsz)
{
    elfgen_wr(h, type, 4);
    if ( g->is64 )
    {
        elfgen_wr(h + 8, off, 8);
        elfgen_wr(h + 16, paddr, 8);          /* vaddr = paddr */
        elfgen_wr(h + 24, paddr, 8);
        elfgen_wr(h + 32, filesz, 8);
        elfgen_wr(h + 40, memsz, 8);
        elfgen_wr(h + 48, 4, 8);
    }
    else
    {
        elfgen_wr(h + 4, off, 4);
        elfgen_wr(h + 8, paddr, 4);
        elfgen_wr(h + 12, paddr, 4);
        elfgen_wr(h + 16, filesz, 4);
        elfgen_wr(h + 20, memsz, 4);
        elfgen_wr(h + 28, 4, 4);
    }
}

static void put_shdr(const struct elfgen *g, uint8_t *h, uint32_t type,
                     uint64_t off, uint64_t size)
{
    elfgen_wr(h + 4, type, 4);
    elfgen_wr(h + (g->is64 ? 24 : 16), off, g->is64 ? 8 : 4);
    elfgen_wr(h + (g->is64 ? 32 : 20), size, g->is64 ? 8 : 4);
    elfgen_wr(h + (g->is64 ? 48 : 32), 4, g->is64 ? 8 : 4);
}

static void put_ehdr(const struct elfgen *g, uint8_t *p,
                     const struct elfgen_layout *l, unsigned int phnum,
                     unsigned int shnum)
{
    unsigned int a = g->is64 ? 8 : 4;          /* address size */
    unsigned int b = g->is64 ? 52 : 40;        /* e_ehsize and after */

    memcpy(p, "\x7f" "ELF", 4);
    p[4] = g->is64 ? 2 : 1;
    p[5] = 1;                                  /* little-endian */
    p[6] = 1;
    elfgen_wr(p + 16, 2, 2);                   /* ET_EXEC */
    elfgen_wr(p + 18, g->machine, 2);
    elfgen_wr(p + 20, 1, 4);
    elfgen_wr(p + 24, g->entry, a);            /* e_entry: unused */
    elfgen_wr(p + 24 + a, l->phoff, a);
    elfgen_wr(p + 24 + 2 * a, l->shoff, a);
    elfgen_wr(p + b, g->is64 ? 64 : 52, 2);   /* e_ehsize */
    elfgen_wr(p + b + 2, l->phentsize, 2);
    elfgen_wr(p + b + 4, phnum, 2);
    elfgen_wr(p + b + 6, l->shentsize, 2);
    elfgen_wr(p + b + 8, shnum, 2);
}

size_t elfgen_build(const struct elfgen *g, uint8_t *buf, size_t cap,
                    struct elfgen_layout *l)
{
    unsigned int i, phnum = g->nsegs + (g->note == NOTE_PHDR);
    unsigned int shnum = g->note == NOTE_SECTION ? 2 : 0;
    uint8_t note[64];
    size_t off, note_size = g->note != NOTE_NONE ? put_note(g, note) : 0;

    memset(l, 0, sizeof(*l));
    l->phentsize = g->is64 ? 56 : 32;
    l->shentsize = g->is64 ? 64 : 40;
    l->phoff = g->is64 ? 64 : 52;
    l->note_off = l->phoff + phnum * l->phentsize;
    l->note_size = note_size;
    l->shoff = shnum ? l->note_off + note_size : 0;
    off = l->note_off + note_size + shnum * l->shentsize;
    for ( i = 0; i < g->nsegs; i++ )
    {
        l->seg_off[i] = off;
        off += g->segs[i].filesz;
    }
    l->size = off;
    if ( off > cap )
        return 0;

    memset(buf, 0, off);
    put_ehdr(g, buf, l, phnum, shnum);
    for ( i = 0; i < g->nsegs; i++ )
    {
        put_phdr(g, buf + l->phoff + i * l->phentsize, 1, l->seg_off[i],
                 g->segs[i].paddr, g->segs[i].filesz, g->segs[i].memsz);
        memset(buf + l->seg_off[i], i + 1, g->segs[i].filesz);
    }
    if ( g->note == NOTE_PHDR )
        put_phdr(g, buf + l->phoff + g->nsegs * l->phentsize, 4, l->note_off,
                 0, note_size, 0);
    memcpy(buf + l->note_off, note, note_size);
    if ( shnum )       /* section 0 is the null section */
        put_shdr(g, buf + l->shoff + l->shentsize, 7, l->note_off, note_size);
    return off;
}
