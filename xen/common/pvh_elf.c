/*
 * Parse and load PVH ELF images (see xen/pvh_elf.h).
 *
 * Every multi-byte field is read byte by byte as little-endian, so the
 * image needs no alignment, and every offset is checked against the image
 * size with arithmetic that cannot wrap (sizes are at most 64 bits and
 * each check subtracts from the size instead of adding to the offset).
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pvh_elf.h>

/* ELF constants (from the ELF and x86-64 psABI specifications). */
#define EI_CLASS     4
#define EI_DATA      5
#define EI_VERSION   6
#define ELFCLASS32   1
#define ELFCLASS64   2
#define ELFDATA2LSB  1
#define EV_CURRENT   1
#define ET_EXEC      2
#define EM_386       3
#define EM_X86_64    62
#define PT_LOAD      1
#define PT_NOTE      4
#define SHT_NOTE     7

/* The image plus the layout its class implies. */
struct elf {
    const uint8_t *p;
    size_t size;
    bool is64;
};

/* A program or section header, class-independent. */
struct region {
    uint32_t type;
    uint64_t offset, filesz, paddr, memsz, align;
};

static uint64_t rd(const uint8_t *p, unsigned int n)
{
    uint64_t v = 0;

    while ( n-- )
        v = (v << 8) | p[n];
    return v;
}

/* Does [off, off + len) lie inside the image? */
static bool in_image(const struct elf *e, uint64_t off, uint64_t len)
{
    return off <= e->size && len <= e->size - off;
}

/* A header field at offset o32 / o64, n32 / n64 bytes wide. */
static uint64_t field(const struct elf *e, const uint8_t *base,
                      unsigned int o32, unsigned int n32,
                      unsigned int o64, unsigned int n64)
{
    return e->is64 ? rd(base + o64, n64) : rd(base + o32, n32);
}

/* Address-sized field: 4 bytes in ELF32, 8 in ELF64. */
#define AFIELD(e, b, o32, o64) field(e, b, o32, 4, o64, 8)

static int check_ident(const struct elf *e)
{
    static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };

    if ( e->size < 16 || memcmp(e->p, magic, 4) )
        return -ENOEXEC;
    if ( e->p[EI_CLASS] != ELFCLASS32 && e->p[EI_CLASS] != ELFCLASS64 )
        return -ENOEXEC;
    if ( e->p[EI_DATA] != ELFDATA2LSB || e->p[EI_VERSION] != EV_CURRENT )
        return -ENOEXEC;
    return 0;
}

static int check_header(const struct elf *e, struct pvh_elf_info *info)
{
    unsigned int machine;

    if ( e->size < (e->is64 ? 64u : 52u) )
        return -EINVAL;                  /* an ELF, but truncated */
    machine = rd(e->p + 18, 2);
    if ( rd(e->p + 16, 2) != ET_EXEC )
        return -ENOEXEC;
    if ( machine != EM_X86_64 && (e->is64 || machine != EM_386) )
        return -ENOEXEC;
    info->elf_class = e->is64 ? 64 : 32;
    info->machine = machine;
    return 0;
}

/* Validate a header table (phdrs or shdrs); returns its entry size. */
static int check_table(const struct elf *e, uint64_t off, unsigned int num,
                       unsigned int entsize, unsigned int minsize)
{
    if ( num && entsize < minsize )
        return -EINVAL;
    /* num and entsize are 16-bit, so the product cannot overflow. */
    return in_image(e, off, (uint64_t)num * entsize) ? 0 : -EINVAL;
}

static void get_phdr(const struct elf *e, const uint8_t *h, struct region *r)
{
    r->type = rd(h, 4);
    r->offset = AFIELD(e, h, 4, 8);
    r->paddr = AFIELD(e, h, 12, 24);
    r->filesz = AFIELD(e, h, 16, 32);
    r->memsz = AFIELD(e, h, 20, 40);
    r->align = AFIELD(e, h, 28, 48);
}

static void get_shdr(const struct elf *e, const uint8_t *h, struct region *r)
{
    r->type = rd(h + 4, 4);
    r->offset = AFIELD(e, h, 16, 24);
    r->filesz = AFIELD(e, h, 20, 32);
    r->align = AFIELD(e, h, 32, 48);
    r->paddr = r->memsz = 0;
}

/* What the Xen notes of one region say. */
struct notes_found {
    bool has_entry;
    uint32_t entry;
    bool is_linux;          /* XEN_ELFNOTE_GUEST_OS "linux" */
};

/* One note named "Xen" of type type, its descriptor desc (desc_len). */
static void take_note(struct notes_found *f, uint32_t type,
                      const uint8_t *desc, uint32_t desc_len)
{
    if ( type == XEN_ELFNOTE_PHYS32_ENTRY && !f->has_entry )
    {
        f->has_entry = true;
        f->entry = rd(desc, 4);                 /* the low 32 bits */
    }
    else if ( type == XEN_ELFNOTE_GUEST_OS && desc_len >= 5 &&
              !memcmp(desc, "linux", 5) && (desc_len == 5 || !desc[5]) )
        f->is_linux = true;
}

/*
 * Look through the notes of one region.  Returns 0 (with what was found
 * in *f), or -EINVAL if a note overruns the region or a PHYS32_ENTRY
 * descriptor is neither 4 nor 8 bytes.
 */
static int scan_notes(const struct elf *e, const struct region *r,
                      struct notes_found *f)
{
    uint64_t pad = r->align == 8 ? 8 : 4, pos = 0, name, desc;
    const uint8_t *n;

    if ( !in_image(e, r->offset, r->filesz) )
        return -EINVAL;

    for ( ; r->filesz - pos >= 12; pos += 12 + name + desc )
    {
        n = e->p + r->offset + pos;
        name = ROUNDUP(rd(n, 4), pad);        /* < 2^33: no overflow */
        desc = ROUNDUP(rd(n + 4, 4), pad);
        if ( name + desc > r->filesz - pos - 12 )
            return -EINVAL;
        if ( rd(n, 4) != 4 || memcmp(n + 12, "Xen", 4) )
            continue;
        if ( rd(n + 8, 4) == XEN_ELFNOTE_PHYS32_ENTRY &&
             rd(n + 4, 4) != 4 && rd(n + 4, 4) != 8 )
            return -EINVAL;
        take_note(f, rd(n + 8, 4), n + 12 + name, rd(n + 4, 4));
    }
    return 0;
}

/*
 * PT_NOTE segments first, then SHT_NOTE sections; the first kind that
 * holds a PHYS32_ENTRY note is the one read.  The program header table
 * was validated by collect_segments(), which runs first.
 */
static int find_entry(const struct elf *e, struct pvh_elf_info *info)
{
    const uint8_t *h = e->p;
    uint64_t shoff = AFIELD(e, h, 32, 40);
    unsigned int shnum = field(e, h, 48, 2, 60, 2);
    unsigned int shentsize = field(e, h, 46, 2, 58, 2);
    unsigned int i, phnum = field(e, h, 44, 2, 56, 2);
    unsigned int phentsize = field(e, h, 42, 2, 54, 2);
    uint64_t phoff = AFIELD(e, h, 28, 32);
    struct notes_found f = { 0 };
    struct region r;
    int rc;

    for ( i = 0; i < phnum; i++ )
    {
        get_phdr(e, e->p + phoff + (uint64_t)i * phentsize, &r);
        if ( r.type == PT_NOTE && (rc = scan_notes(e, &r, &f)) )
            return rc;
    }

    if ( !f.has_entry && shoff && shnum )
    {
        if ( check_table(e, shoff, shnum, shentsize, e->is64 ? 64 : 40) )
            return -EINVAL;
        for ( i = 0; i < shnum; i++ )
        {
            get_shdr(e, e->p + shoff + (uint64_t)i * shentsize, &r);
            if ( r.type == SHT_NOTE && (rc = scan_notes(e, &r, &f)) )
                return rc;
        }
    }
    info->entry = f.entry;
    info->is_linux = f.is_linux;
    return f.has_entry ? 0 : -ENOENT;
}

static bool segs_overlap(const struct pvh_elf_seg *a,
                         const struct pvh_elf_seg *b)
{
    return a->paddr < b->paddr + b->memsz && b->paddr < a->paddr + a->memsz;
}

/* Check one PT_LOAD and add it to info. */
static int add_segment(const struct elf *e, const struct region *r,
                       struct pvh_elf_info *info)
{
    /* The end (paddr + memsz) must be representable: no wrap to 0. */
    uint64_t limit = e->is64 ? ~(uint64_t)0 : 0xffffffffULL;
    struct pvh_elf_seg *s;
    unsigned int i;

    if ( r->filesz > r->memsz || !in_image(e, r->offset, r->filesz) ||
         r->paddr > limit || r->memsz > limit - r->paddr )
        return -EINVAL;
    if ( info->nr_segs == PVH_ELF_MAX_SEGS )
        return -EINVAL;

    s = &info->segs[info->nr_segs];
    *s = (struct pvh_elf_seg){ r->offset, r->filesz, r->paddr, r->memsz };
    for ( i = 0; i < info->nr_segs; i++ )
        if ( segs_overlap(s, &info->segs[i]) )
            return -EINVAL;

    info->nr_segs++;
    info->load_start = min(info->load_start, s->paddr);
    info->load_end = max(info->load_end, s->paddr + s->memsz);
    return 0;
}

static int collect_segments(const struct elf *e, struct pvh_elf_info *info)
{
    const uint8_t *h = e->p;
    unsigned int i, phnum = field(e, h, 44, 2, 56, 2);
    unsigned int phentsize = field(e, h, 42, 2, 54, 2);
    uint64_t phoff = AFIELD(e, h, 28, 32);
    struct region r;
    int rc;

    if ( !phnum || check_table(e, phoff, phnum, phentsize, e->is64 ? 56 : 32) )
        return -EINVAL;

    info->load_start = ~(uint64_t)0;
    for ( i = 0; i < phnum; i++ )
    {
        get_phdr(e, e->p + phoff + (uint64_t)i * phentsize, &r);
        if ( r.type != PT_LOAD || r.memsz == 0 )
            continue;
        if ( (rc = add_segment(e, &r, info)) )
            return rc;
    }
    return info->nr_segs ? 0 : -EINVAL;
}

int pvh_elf_parse(const void *img, size_t size, struct pvh_elf_info *info)
{
    struct elf e = { .p = img, .size = size };
    int rc;

    memset(info, 0, sizeof(*info));
    if ( !img || (rc = check_ident(&e)) )
        return -ENOEXEC;
    e.is64 = e.p[EI_CLASS] == ELFCLASS64;

    if ( (rc = check_header(&e, info)) ||
         (rc = collect_segments(&e, info)) ||
         (rc = find_entry(&e, info)) )
        return rc;
    info->image_size = size;
    return 0;
}

static int cb_result(int rc)
{
    return rc > 0 ? -EIO : rc;
}

/* Is the entry inside the file-backed part of some segment? */
static bool entry_loaded(const struct pvh_elf_info *info)
{
    unsigned int i;

    for ( i = 0; i < info->nr_segs; i++ )
        if ( info->entry >= info->segs[i].paddr &&
             info->entry - info->segs[i].paddr < info->segs[i].filesz )
            return true;
    return false;
}

static int check_load(const struct pvh_elf_info *info, uint64_t mem)
{
    const struct pvh_elf_seg *s;
    unsigned int i;

    if ( info->nr_segs == 0 || info->nr_segs > PVH_ELF_MAX_SEGS )
        return -EINVAL;
    for ( i = 0; i < info->nr_segs; i++ )
    {
        s = &info->segs[i];
        /* Re-check what parse promised, in case info was altered. */
        if ( s->filesz > s->memsz || s->offset > info->image_size ||
             s->filesz > info->image_size - s->offset )
            return -EINVAL;
        if ( s->paddr > mem || s->memsz > mem - s->paddr )
            return -ENOMEM;
    }
    return entry_loaded(info) ? 0 : -EINVAL;
}

int pvh_elf_load(const struct pvh_elf_info *info, const void *img,
                 uint64_t guest_mem_bytes, pvh_elf_copy_fn copy,
                 pvh_elf_zero_fn zero, void *ctx)
{
    const struct pvh_elf_seg *s;
    unsigned int i;
    int rc = check_load(info, guest_mem_bytes);

    for ( i = 0; !rc && i < info->nr_segs; i++ )
    {
        s = &info->segs[i];
        if ( s->filesz )
            rc = cb_result(copy(ctx, s->paddr,
                                (const uint8_t *)img + s->offset, s->filesz));
        if ( !rc && s->memsz > s->filesz )
            rc = cb_result(zero(ctx, s->paddr + s->filesz,
                                s->memsz - s->filesz));
    }
    return rc;
}
