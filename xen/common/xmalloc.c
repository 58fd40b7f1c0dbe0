/*
 * Small hypervisor allocations, carved out of xenheap pages.
 *
 * Every pointer handed out lies in a page (or the first page of a block)
 * that starts with a struct xpage header, so xfree() finds the size from
 * the pointer alone.  Sizes up to 2 KiB come from per-class pages of
 * equal slots (16, 32, ... 2048 bytes), tracked by a bitmap in the
 * header; a page goes back to the heap when its last slot is freed.
 * Larger sizes get a whole power-of-two block of pages.  Every pointer is
 * 16-byte aligned.
 *
 * Locking: none yet (one CPU).  A lock around the class lists and page
 * headers goes in xmalloc_bytes() and xfree() once more CPUs run.
 */
#include <xen/lib.h>
#include <xen/mm.h>

#define XPAGE_MAGIC   0x584d454du          /* "XMEM" */
#define MIN_SHIFT     4                    /* 16-byte slots */
#define MAX_SHIFT     11                   /* 2 KiB slots */
#define NR_CLASSES    (MAX_SHIFT - MIN_SHIFT + 1)
#define LARGE         0xffff               /* xpage.cls of a large block */
#define HDR_SIZE      64
#define MAX_SLOTS     ((PAGE_SIZE - HDR_SIZE) >> MIN_SHIFT)

struct xpage {
    uint32_t magic;
    uint16_t cls;                  /* size class, or LARGE */
    uint16_t used;                 /* slots in use; order for LARGE */
    struct xpage *next, *prev;     /* class list of pages with free slots */
    uint64_t bitmap[4];            /* slot i in use */
};

/* Pages that have at least one free slot, per class. */
static struct xpage *partial[NR_CLASSES];

static unsigned int slot_size(unsigned int cls)
{
    return 1u << (cls + MIN_SHIFT);
}

static unsigned int nr_slots(unsigned int cls)
{
    return (PAGE_SIZE - HDR_SIZE) / slot_size(cls);
}

static void *slot_addr(struct xpage *xp, unsigned int i)
{
    return (uint8_t *)xp + HDR_SIZE + (size_t)i * slot_size(xp->cls);
}

static void partial_add(struct xpage *xp)
{
    xp->prev = NULL;
    xp->next = partial[xp->cls];
    if ( xp->next )
        xp->next->prev = xp;
    partial[xp->cls] = xp;
}

static void partial_del(struct xpage *xp)
{
    if ( xp->prev )
        xp->prev->next = xp->next;
    else
        partial[xp->cls] = xp->next;
    if ( xp->next )
        xp->next->prev = xp->prev;
    xp->next = xp->prev = NULL;
}

static bool slot_used(const struct xpage *xp, unsigned int i)
{
    return xp->bitmap[i / 64] & (1ULL << (i % 64));
}

static void *alloc_small(unsigned int cls)
{
    struct xpage *xp = partial[cls];
    unsigned int i;

    if ( !xp )
    {
        xp = alloc_xenheap_page();
        if ( !xp )
            return NULL;
        *xp = (struct xpage){ .magic = XPAGE_MAGIC, .cls = cls };
        partial_add(xp);
    }

    for ( i = 0; slot_used(xp, i); i++ )
        ;                            /* a partial page has a free slot */
    xp->bitmap[i / 64] |= 1ULL << (i % 64);
    if ( ++xp->used == nr_slots(cls) )
        partial_del(xp);
    return slot_addr(xp, i);
}

static void *alloc_large(size_t size)
{
    unsigned int order = 0;
    struct xpage *xp;

    while ( (PAGE_SIZE << order) - HDR_SIZE < size )
        if ( ++order > 18 )
            return NULL;
    xp = alloc_xenheap_pages(order);
    if ( !xp )
        return NULL;
    xp->magic = XPAGE_MAGIC;
    xp->cls = LARGE;
    xp->used = order;
    return (uint8_t *)xp + HDR_SIZE;
}

void *xmalloc_bytes(size_t size)
{
    unsigned int cls = 0;

    BUILD_BUG_ON(sizeof(struct xpage) > HDR_SIZE);
    BUILD_BUG_ON(MAX_SLOTS > 256);

    if ( size > slot_size(NR_CLASSES - 1) )
        return alloc_large(size);
    while ( slot_size(cls) < size )
        cls++;
    return alloc_small(cls);
}

void *xzalloc_bytes(size_t size)
{
    void *p = xmalloc_bytes(size);

    if ( p )
        memset(p, 0, size);
    return p;
}

static void free_small(struct xpage *xp, void *p)
{
    size_t off = (uint8_t *)p - (uint8_t *)xp - HDR_SIZE;
    unsigned int i = off / slot_size(xp->cls);

    BUG_ON(off % slot_size(xp->cls) || i >= nr_slots(xp->cls));
    BUG_ON(!slot_used(xp, i));                   /* double free */
    xp->bitmap[i / 64] &= ~(1ULL << (i % 64));
    if ( xp->used-- == nr_slots(xp->cls) )
        partial_add(xp);
    if ( xp->used == 0 )
    {
        partial_del(xp);
        xp->magic = 0;
        free_xenheap_page(xp);
    }
}

void xfree(void *p)
{
    struct xpage *xp;

    if ( !p )
        return;
    /* The header is at the start of the page p lies in. */
    xp = maddr_to_virt(virt_to_maddr(p) & PAGE_MASK);
    BUG_ON(xp->magic != XPAGE_MAGIC);
    BUG_ON((uint8_t *)p < (uint8_t *)xp + HDR_SIZE);
    if ( xp->cls == LARGE )
    {
        BUG_ON((uint8_t *)p != (uint8_t *)xp + HDR_SIZE);
        xp->magic = 0;
        free_xenheap_pages(xp, xp->used);
        return;
    }
    BUG_ON(xp->cls >= NR_CLASSES);
    free_small(xp, p);
}
