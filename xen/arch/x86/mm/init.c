/*
 * Boot-time memory setup.  The boot page tables map the low 4 GiB, so the
 * allocator manages RAM below 4 GiB only (more is logged and left unused).
 * The frame table sits after the hypervisor image and the boot modules.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/bootinfo.h>
#include <asm/mm.h>

#define MAPPED_LIMIT (4ULL << 30)
#define LOW_RESERVED (1ULL << 20)     /* firmware, loader data */
#define E820_RAM 1

extern char __image_start[], __image_end[];

struct range { uint64_t s, e; };

static unsigned long boot_free_pages;

/* Give [s, e) minus the excluded ranges to the allocator. */
static void free_range(uint64_t s, uint64_t e, const struct range *ex,
                       unsigned int nr_ex)
{
    unsigned int i;

    s = ROUNDUP(s, (uint64_t)PAGE_SIZE);
    e &= PAGE_MASK;
    if ( s >= e )
        return;
    for ( i = 0; i < nr_ex; i++ )
        if ( ex[i].s < e && ex[i].e > s )
        {
            free_range(s, ex[i].s, ex + i + 1, nr_ex - i - 1);
            free_range(ex[i].e, e, ex + i + 1, nr_ex - i - 1);
            return;
        }
    init_heap_pages(_mfn(s >> PAGE_SHIFT), (e - s) >> PAGE_SHIFT);
    boot_free_pages += (e - s) >> PAGE_SHIFT;
}

static uint64_t ram_end(const struct boot_info *bi)
{
    uint64_t end = 0;
    unsigned int i;

    for ( i = 0; i < bi->nr_mem; i++ )
    {
        uint64_t e = bi->mem[i].base + bi->mem[i].len;

        if ( bi->mem[i].type != E820_RAM )
            continue;
        if ( e > MAPPED_LIMIT )
        {
            printk("RAM above 4 GiB is not used\n");
            e = MAPPED_LIMIT;
        }
        end = max(end, e);
    }
    return end;
}

void memory_init(const struct boot_info *bi)
{
    struct range ex[BOOT_MAX_MODULES + 3];
    unsigned int i, nr_ex = 0;
    uint64_t top = (uint64_t)(uintptr_t)__image_end, ft_size;
    unsigned long nr_frames = ram_end(bi) >> PAGE_SHIFT;

    for ( i = 0; i < bi->nr_modules; i++ )
    {
        ex[nr_ex++] = (struct range){ bi->modules[i].start,
                                      ROUNDUP(bi->modules[i].end,
                                              (uint64_t)PAGE_SIZE) };
        top = max(top, (uint64_t)bi->modules[i].end);
    }
    top = ROUNDUP(top, (uint64_t)PAGE_SIZE);
    ft_size = ROUNDUP(nr_frames * sizeof(struct page_info),
                      (uint64_t)PAGE_SIZE);
    if ( top + ft_size > MAPPED_LIMIT || top + ft_size > ram_end(bi) )
        panic("no room for the frame table");
    memset(maddr_to_virt(top), 0, ft_size);
    init_frame_table(maddr_to_virt(top), nr_frames);

    ex[nr_ex++] = (struct range){ 0, LOW_RESERVED };
    ex[nr_ex++] = (struct range){ (uintptr_t)__image_start,
                                  (uintptr_t)__image_end };
    ex[nr_ex++] = (struct range){ top, top + ft_size };
    for ( i = 0; i < bi->nr_mem; i++ )
        if ( bi->mem[i].type == E820_RAM )
            free_range(bi->mem[i].base,
                       min(bi->mem[i].base + bi->mem[i].len, MAPPED_LIMIT),
                       ex, nr_ex);
    printk("Memory: %lu MiB RAM mapped, %lu MiB free, frame table %lu KiB\n",
           nr_frames >> (20 - PAGE_SHIFT), boot_free_pages >> (20 - PAGE_SHIFT),
           (unsigned long)(ft_size >> 10));
}
