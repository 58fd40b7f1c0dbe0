/*
 * PVH guest images: ELF files entered at their XEN_ELFNOTE_PHYS32_ENTRY
 * address in 32-bit protected mode with paging off.
 *
 * Accepted: little-endian ET_EXEC images that are ELF64/EM_X86_64,
 * ELF32/EM_386, or ELF32/EM_X86_64 (as some PVH kernels ship).  Segments
 * are loaded at their physical address (p_paddr).  The image comes from a
 * boot module and is untrusted: parsing reads only inside [img, img+size)
 * and rejects any header, table or segment that does not fit.
 */
#ifndef XEN_PVH_ELF_H
#define XEN_PVH_ELF_H

#include <xen/types.h>

#define PVH_ELF_MAX_SEGS 16
#define XEN_ELFNOTE_GUEST_OS     6
#define XEN_ELFNOTE_PHYS32_ENTRY 18

struct pvh_elf_seg {
    uint64_t offset;        /* in the image */
    uint64_t filesz;        /* bytes copied from the image */
    uint64_t paddr;         /* guest-physical load address */
    uint64_t memsz;         /* filesz bytes, then zeroes up to memsz */
};

struct pvh_elf_info {
    unsigned int elf_class;         /* 32 or 64 */
    unsigned int machine;           /* EM_386 (3) or EM_X86_64 (62) */
    uint32_t entry;                 /* guest-physical, from the note */
    bool is_linux;                  /* a GUEST_OS note says "linux" */
    unsigned int nr_segs;           /* PT_LOADs with memsz > 0 */
    struct pvh_elf_seg segs[PVH_ELF_MAX_SEGS];
    uint64_t load_start;            /* lowest segment address */
    uint64_t load_end;              /* first byte after the highest one */
    size_t image_size;              /* size the image was parsed with */
};

/*
 * Check the image and fill *info.  Returns 0; -ENOEXEC if it is not an
 * ELF image we run (magic, class, byte order, version, type, machine);
 * -EINVAL if it is malformed (truncated headers, tables or notes outside
 * the image, filesz > memsz, address wrap, overlapping or too many
 * segments, no loadable segment); -ENOENT if it has no PHYS32_ENTRY note
 * (searched in PT_NOTE segments, then SHT_NOTE sections).
 */
int pvh_elf_parse(const void *img, size_t size, struct pvh_elf_info *info);

/*
 * Callbacks of pvh_elf_load(): write len bytes at guest-physical gpa.
 * Return 0 or a negative errno, which pvh_elf_load() passes on (a
 * positive value is turned into -EIO).
 */
typedef int (*pvh_elf_copy_fn)(void *ctx, uint64_t gpa, const void *src,
                               size_t len);
typedef int (*pvh_elf_zero_fn)(void *ctx, uint64_t gpa, size_t len);

/*
 * Load a parsed image (img must be the buffer given to pvh_elf_parse())
 * into a guest with guest_mem_bytes of RAM from address 0.  Checks first,
 * then writes: -ENOMEM if a segment does not fit in [0, guest_mem_bytes),
 * -EINVAL if the entry is not inside the file-backed part of a segment
 * or info is inconsistent.  The caller may place data (start_info) from
 * info->load_end upwards.
 */
int pvh_elf_load(const struct pvh_elf_info *info, const void *img,
                 uint64_t guest_mem_bytes, pvh_elf_copy_fn copy,
                 pvh_elf_zero_fn zero, void *ctx);

#endif /* XEN_PVH_ELF_H */
