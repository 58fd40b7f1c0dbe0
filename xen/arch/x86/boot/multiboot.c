/*
 * Read the multiboot1 or multiboot2 information block into a struct
 * boot_info.  The loader is trusted, but we still bound every walk so a
 * malformed block cannot send us off the end.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <asm/page.h>
#include <asm/boot-defs.h>
#include <asm/bootinfo.h>

/* Multiboot1 information block (the parts we use). */
struct mb1_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
};
#define MB1_INFO_CMDLINE (1u << 2)
#define MB1_INFO_MODS    (1u << 3)
#define MB1_INFO_MMAP    (1u << 6)

struct mb1_module { uint32_t start, end, string, reserved; };
struct mb1_mmap { uint32_t size; uint64_t base, len; uint32_t type; } __packed;

/* Multiboot2 tags. */
struct mb2_tag { uint32_t type, size; };
#define MB2_TAG_END     0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER  2
#define MB2_TAG_MODULE  3
#define MB2_TAG_MMAP    6
struct mb2_module { struct mb2_tag tag; uint32_t start, end; char string[]; };
struct mb2_mmap { struct mb2_tag tag; uint32_t entry_size, entry_version; };
struct mb2_mmap_entry { uint64_t base, len; uint32_t type, reserved; };

static const char *phys_str(uint32_t pa)
{
    return pa ? maddr_to_virt(pa) : "";
}

static void add_module(struct boot_info *bi, paddr_t s, paddr_t e,
                       const char *str)
{
    if ( bi->nr_modules >= BOOT_MAX_MODULES || e < s )
        return;
    bi->modules[bi->nr_modules++] = (struct boot_module){ s, e, str };
}

static void add_mem(struct boot_info *bi, uint64_t base, uint64_t len,
                    uint32_t type)
{
    if ( bi->nr_mem >= BOOT_MAX_MEMMAP )
        return;
    bi->mem[bi->nr_mem++] = (struct boot_mem_range){ base, len, type };
}

static int parse_mb1(const struct mb1_info *mi, struct boot_info *bi)
{
    bi->loader = "multiboot1";
    if ( mi->flags & MB1_INFO_CMDLINE )
        bi->cmdline = phys_str(mi->cmdline);
    if ( mi->flags & MB1_INFO_MODS )
    {
        const struct mb1_module *m = maddr_to_virt(mi->mods_addr);
        unsigned int i;

        for ( i = 0; i < mi->mods_count && i < BOOT_MAX_MODULES; i++ )
            add_module(bi, m[i].start, m[i].end, phys_str(m[i].string));
    }
    if ( mi->flags & MB1_INFO_MMAP )
    {
        uint32_t off = 0;

        while ( off + sizeof(struct mb1_mmap) <= mi->mmap_length )
        {
            const struct mb1_mmap *e = maddr_to_virt(mi->mmap_addr + off);

            add_mem(bi, e->base, e->len, e->type);
            off += e->size + sizeof(e->size);
        }
    }
    else
    {
        add_mem(bi, 0, (uint64_t)mi->mem_lower << 10, 1);
        add_mem(bi, 1 << 20, (uint64_t)mi->mem_upper << 10, 1);
    }
    return 0;
}

static void parse_mb2_mmap(const struct mb2_mmap *mm, struct boot_info *bi)
{
    uint32_t off = sizeof(*mm);

    if ( mm->entry_size < sizeof(struct mb2_mmap_entry) )
        return;
    for ( ; off + mm->entry_size <= mm->tag.size; off += mm->entry_size )
    {
        const struct mb2_mmap_entry *e =
            (const void *)((const char *)mm + off);

        add_mem(bi, e->base, e->len, e->type);
    }
}

static int parse_mb2(const char *info, struct boot_info *bi)
{
    uint32_t total = *(const uint32_t *)info, off = 8;

    bi->loader = "multiboot2";
    while ( off + sizeof(struct mb2_tag) <= total )
    {
        const struct mb2_tag *t = (const void *)(info + off);

        if ( t->type == MB2_TAG_END || t->size < sizeof(*t) )
            break;
        switch ( t->type )
        {
        case MB2_TAG_CMDLINE:
            bi->cmdline = (const char *)(t + 1);
            break;
        case MB2_TAG_MODULE:
        {
            const struct mb2_module *m = (const void *)t;

            add_module(bi, m->start, m->end, m->string);
            break;
        }
        case MB2_TAG_MMAP:
            parse_mb2_mmap((const void *)t, bi);
            break;
        }
        off += ROUNDUP(t->size, 8u);
    }
    return 0;
}

int multiboot_parse(uint32_t magic, paddr_t info, struct boot_info *bi)
{
    memset(bi, 0, sizeof(*bi));
    bi->cmdline = "";
    if ( magic == MB1_BOOT_MAGIC )
        return parse_mb1(maddr_to_virt(info), bi);
    if ( magic == MB2_BOOT_MAGIC )
        return parse_mb2(maddr_to_virt(info), bi);
    return -EINVAL;
}
