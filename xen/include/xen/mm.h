/*
 * Machine memory: frame numbers, the frame table and the page allocators.
 *
 * Every machine frame has a struct page_info in the frame table.  It says
 * who owns the frame and how many references are held on it.  A page owned
 * by a domain stays allocated while its count is non-zero: the owner's own
 * allocation reference plus one per foreign or grant mapping.
 */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <xen/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

/*
 * Distinct wrapped types for machine and guest frame numbers, so one
 * cannot be passed where the other is meant.
 */
typedef struct { unsigned long m; } mfn_t;
typedef struct { unsigned long g; } gfn_t;

static inline mfn_t _mfn(unsigned long m) { return (mfn_t){ m }; }
static inline unsigned long mfn_x(mfn_t m) { return m.m; }
static inline gfn_t _gfn(unsigned long g) { return (gfn_t){ g }; }
static inline unsigned long gfn_x(gfn_t g) { return g.g; }
#define INVALID_MFN _mfn(~0UL)
#define INVALID_GFN _gfn(~0UL)
static inline bool mfn_eq(mfn_t a, mfn_t b) { return a.m == b.m; }
static inline bool gfn_eq(gfn_t a, gfn_t b) { return a.g == b.g; }

struct domain;

/* What a frame is currently used for. */
enum page_type {
    PGT_free = 0,     /* in the allocator */
    PGT_xen,          /* hypervisor data (xenheap) */
    PGT_domain,       /* guest RAM or a guest-owned resource frame */
};

struct page_info {
    struct page_info *next;   /* free-list or owner's page-list link */
    struct page_info *prev;
    struct domain *owner;     /* NULL for free and xenheap frames */
    uint32_t count;           /* references held (owner's counts as one) */
    uint8_t type;             /* enum page_type */
    uint8_t order;            /* buddy order while free */
    uint16_t flags;
};

#define PGF_head      (1u << 0)   /* first frame of a free buddy block */
#define PGF_resource  (1u << 1)   /* domain frame not in its P2M (gnttab...) */
#define PGF_allocated (1u << 2)   /* the owner's allocation ref is held */

extern struct page_info *frame_table;
extern unsigned long max_page;        /* frames covered by frame_table */

static inline struct page_info *mfn_to_page(mfn_t mfn)
{
    return frame_table + mfn_x(mfn);
}
static inline mfn_t page_to_mfn(const struct page_info *pg)
{
    return _mfn((unsigned long)(pg - frame_table));
}
static inline bool mfn_valid(mfn_t mfn)
{
    return mfn_x(mfn) < max_page;
}

/*
 * Page allocator (common/page_alloc.c): a binary buddy allocator over the
 * free frames handed to it by init_heap_pages().
 */
void init_frame_table(struct page_info *table, unsigned long nr_frames);
void init_heap_pages(mfn_t start, unsigned long nr);
/* Returns NULL when no block of 2^order frames is free. */
struct page_info *alloc_heap_pages(unsigned int order);
void free_heap_pages(struct page_info *pg, unsigned int order);
unsigned long total_free_pages(void);

/* Hypervisor-private pages, returned mapped and zeroed. */
void *alloc_xenheap_pages(unsigned int order);
void free_xenheap_pages(void *va, unsigned int order);
static inline void *alloc_xenheap_page(void) { return alloc_xenheap_pages(0); }
static inline void free_xenheap_page(void *va) { free_xenheap_pages(va, 0); }

/* Small hypervisor allocations (common/xmalloc.c). */
void *xmalloc_bytes(size_t size);
void *xzalloc_bytes(size_t size);
void xfree(void *p);
#define xmalloc(type)  ((type *)xmalloc_bytes(sizeof(type)))
#define xzalloc(type)  ((type *)xzalloc_bytes(sizeof(type)))
#define xzalloc_array(type, n) ((type *)xzalloc_bytes(sizeof(type) * (n)))
#define xmalloc_array(type, n) ((type *)xmalloc_bytes(sizeof(type) * (n)))

#include <asm/page.h>   /* maddr_to_virt(), virt_to_maddr() */

static inline void *mfn_to_virt(mfn_t mfn)
{
    return maddr_to_virt((paddr_t)mfn_x(mfn) << PAGE_SHIFT);
}
static inline mfn_t virt_to_mfn(const void *va)
{
    return _mfn(virt_to_maddr(va) >> PAGE_SHIFT);
}
static inline void *page_to_virt(const struct page_info *pg)
{
    return mfn_to_virt(page_to_mfn(pg));
}

#endif /* XEN_MM_H */
