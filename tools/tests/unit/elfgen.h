/*
 * Build small PVH ELF images in memory for the pvh_elf tests and the fuzz
 * driver: an ELF header, program headers, an optional Xen PHYS32_ENTRY
 * note (in a PT_NOTE segment, or only in an SHT_NOTE section; a
 * GUEST_OS note may follow it), and the
 * bytes of each PT_LOAD segment (segment i is filled with byte i + 1).
 */
#ifndef UNIT_ELFGEN_H
#define UNIT_ELFGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELFGEN_MAX_SEGS 4

struct elfgen {
    bool is64;
    uint16_t machine;               /* 3 or 62 */
    unsigned int nsegs;
    struct { uint64_t paddr, filesz, memsz; } segs[ELFGEN_MAX_SEGS];
    enum { NOTE_NONE, NOTE_PHDR, NOTE_SECTION } note;
    uint32_t note_type;             /* 18 = PHYS32_ENTRY */
    unsigned int desc_size;         /* 4 or 8 */
    uint64_t entry;
    const char *guest_os;           /* a GUEST_OS note after it, or NULL */
};

/* Where things went, for tests that then corrupt them. */
struct elfgen_layout {
    size_t size;
    size_t phoff, phentsize;
    size_t note_off, note_size;
    size_t shoff, shentsize;
    size_t seg_off[ELFGEN_MAX_SEGS];
};

/* Write the image into buf (cap bytes); returns its size, 0 if too big. */
size_t elfgen_build(const struct elfgen *g, uint8_t *buf, size_t cap,
                    struct elfgen_layout *lay);

/* A 64-bit (or 32-bit) image with one segment at 1 MiB and entry in it. */
void elfgen_default(struct elfgen *g, bool is64);

void elfgen_wr(uint8_t *p, uint64_t v, unsigned int n);

#endif /* UNIT_ELFGEN_H */
