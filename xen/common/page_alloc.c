/*
 * The page allocator: a binary buddy allocator over machine frames.
 *
 * A free block of 2^order frames starts at a frame number that is a
 * multiple of 2^order.  Its first frame carries PGF_head and the order and
 * sits on free_list[order]; every frame of a free block has type
 * PGT_free.  Frames outside the allocator never have type PGT_free, which
 * is how a double free is caught.  Freeing merges a block with its buddy
 * (the block whose frame number differs only in bit `order`) for as long
 * as the buddy is a whole free block of the same order.
 *
 * Locking: none yet (one CPU).  A heap lock must be taken around every
 * free-list and counter access once more CPUs run.
 */
#include <xen/lib.h>
#include <xen/mm.h>

#define MAX_ORDER 18

struct page_info *frame_table;
unsigned long max_page;

static struct page_info *free_list[MAX_ORDER + 1];
static unsigned long free_pages;

static void list_add(struct page_info *pg, unsigned int order)
{
    pg->prev = NULL;
    pg->next = free_list[order];
    if ( pg->next )
        pg->next->prev = pg;
    free_list[order] = pg;
    pg->flags = PGF_head;
    pg->order = order;
}

static void list_del(struct page_info *pg)
{
    if ( pg->prev )
        pg->prev->next = pg->next;
    else
        free_list[pg->order] = pg->next;
    if ( pg->next )
        pg->next->prev = pg->prev;
    pg->next = pg->prev = NULL;
    pg->flags = 0;
}

/*
 * Take over the frame table.  No frame is free until init_heap_pages()
 * hands it over; until then each is a hypervisor frame (PGT_xen).
 */
void init_frame_table(struct page_info *table, unsigned long nr_frames)
{
    unsigned long i;

    frame_table = table;
    max_page = nr_frames;
    for ( i = 0; i < nr_frames; i++ )
        table[i] = (struct page_info){ .type = PGT_xen };
    for ( i = 0; i <= MAX_ORDER; i++ )
        free_list[i] = NULL;
    free_pages = 0;
}

/* Give [start, start + nr) to the allocator in the largest aligned blocks. */
void init_heap_pages(mfn_t start, unsigned long nr)
{
    unsigned long m = mfn_x(start), end = m + nr;
    unsigned int order;

    BUG_ON(end < m || end > max_page);
    while ( m < end )
    {
        for ( order = MAX_ORDER; order; order-- )
            if ( !(m & ((1UL << order) - 1)) && (1UL << order) <= end - m )
                break;
        free_heap_pages(mfn_to_page(_mfn(m)), order);
        m += 1UL << order;
    }
}

/* Split the free block pg of order `have` down to `want`. */
static void split_block(struct page_info *pg, unsigned int have,
                        unsigned int want)
{
    while ( have > want )
    {
        have--;
        list_add(pg + (1UL << have), have);
    }
}

struct page_info *alloc_heap_pages(unsigned int order)
{
    struct page_info *pg;
    unsigned int o;
    unsigned long i;

    if ( order > MAX_ORDER )
        return NULL;
    for ( o = order; o <= MAX_ORDER && !free_list[o]; o++ )
        ;
    if ( o > MAX_ORDER )
        return NULL;

    pg = free_list[o];
    list_del(pg);
    split_block(pg, o, order);

    /* Allocated frames are the caller's; it retypes them for a domain. */
    for ( i = 0; i < (1UL << order); i++ )
        pg[i] = (struct page_info){ .type = PGT_xen };
    pg->order = order;
    free_pages -= 1UL << order;
    return pg;
}

/* Each frame being freed must be in use and unreferenced. */
static void check_freeable(struct page_info *pg, unsigned int order)
{
    unsigned long i, m = mfn_x(page_to_mfn(pg));

    BUG_ON(order > MAX_ORDER);
    BUG_ON(m & ((1UL << order) - 1));
    BUG_ON(m >= max_page || (1UL << order) > max_page - m);
    for ( i = 0; i < (1UL << order); i++ )
    {
        BUG_ON(pg[i].type == PGT_free);      /* double free */
        BUG_ON(pg[i].count != 0);            /* still referenced */
    }
}

static bool is_free_buddy(unsigned long m, unsigned int order)
{
    struct page_info *b;

    if ( m >= max_page )
        return false;
    b = mfn_to_page(_mfn(m));
    return b->type == PGT_free && (b->flags & PGF_head) && b->order == order;
}

void free_heap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long i, m = mfn_x(page_to_mfn(pg));

    check_freeable(pg, order);
    for ( i = 0; i < (1UL << order); i++ )
        pg[i] = (struct page_info){ .type = PGT_free };
    free_pages += 1UL << order;

    for ( ; order < MAX_ORDER; order++ )
    {
        unsigned long buddy = m ^ (1UL << order);

        if ( !is_free_buddy(buddy, order) )
            break;
        list_del(mfn_to_page(_mfn(buddy)));
        m &= buddy;                         /* the lower of the two */
    }
    list_add(mfn_to_page(_mfn(m)), order);
}

unsigned long total_free_pages(void)
{
    return free_pages;
}

void *alloc_xenheap_pages(unsigned int order)
{
    struct page_info *pg = alloc_heap_pages(order);
    void *va;

    if ( !pg )
        return NULL;
    va = page_to_virt(pg);
    memset(va, 0, PAGE_SIZE << order);
    return va;
}

void free_xenheap_pages(void *va, unsigned int order)
{
    struct page_info *pg;

    if ( !va )
        return;
    BUG_ON(virt_to_maddr(va) & (PAGE_SIZE - 1));
    BUG_ON(!mfn_valid(virt_to_mfn(va)));
    pg = mfn_to_page(virt_to_mfn(va));
    BUG_ON(pg->type != PGT_xen);
    free_heap_pages(pg, order);
}
