/*
 * Hosted tests of common/page_alloc.c and common/xmalloc.c over a fake
 * machine: NR_FRAMES frames of malloc'd arena, frame 0 kept back (so the
 * heap does not start on a large alignment).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/lib.h>
#include <xen/mm.h>

#include "unit.h"

#define NR_FRAMES 8192u            /* 32 MiB */

static struct page_info table[NR_FRAMES];
static unsigned long initial;

static unsigned int rnd(void)
{
    static uint32_t s = 12345;

    s = s * 1103515245u + 12345u;
    return s >> 8;
}

static void setup(void)
{
    fake_arena = aligned_alloc(PAGE_SIZE, (size_t)NR_FRAMES * PAGE_SIZE);
    memset(fake_arena, 0xaa, (size_t)NR_FRAMES * PAGE_SIZE);
    init_frame_table(table, NR_FRAMES);
    init_heap_pages(_mfn(1), NR_FRAMES - 1);
    initial = total_free_pages();
}

static void test_orders(void)
{
    unsigned int order;
    bool ok = true;

    CHECK_EQ("page-alloc-initial", initial, NR_FRAMES - 1);
    for ( order = 0; order <= 12; order++ )
    {
        struct page_info *pg = alloc_heap_pages(order);
        unsigned long m = pg ? mfn_x(page_to_mfn(pg)) : 1;

        ok &= pg && !(m & ((1UL << order) - 1)) && pg->type == PGT_xen &&
              total_free_pages() == initial - (1UL << order);
        if ( pg )
            free_heap_pages(pg, order);
        ok &= total_free_pages() == initial;
    }
    CHECK("page-alloc-each-order", ok);
    CHECK("page-alloc-too-big", alloc_heap_pages(13) == NULL);
    CHECK("page-alloc-over-max-order", alloc_heap_pages(19) == NULL &&
          alloc_heap_pages(~0u) == NULL);
}

/* Allocate random orders until full, check disjointness, free randomly. */
static void test_random(void)
{
    static struct { struct page_info *pg; unsigned int order; } a[NR_FRAMES];
    static unsigned char owner[NR_FRAMES];
    unsigned int n = 0, i, fails = 0;
    bool disjoint = true;
    struct page_info *big;

    memset(owner, 0, sizeof(owner));
    while ( fails < 40 && n < NR_FRAMES )
    {
        unsigned int order = rnd() % 8;
        struct page_info *pg = alloc_heap_pages(order);
        unsigned long m, j;

        if ( !pg )
        {
            fails++;
            continue;
        }
        m = mfn_x(page_to_mfn(pg));
        for ( j = 0; j < (1UL << order); j++ )
            disjoint &= !owner[m + j]++;
        a[n].pg = pg;
        a[n++].order = order;
    }
    CHECK("page-alloc-random-disjoint", disjoint && n > 10);

    for ( i = n; i > 1; i-- )           /* shuffle, then free all */
    {
        unsigned int j = rnd() % i;
        typeof(a[0]) t = a[i - 1];

        a[i - 1] = a[j];
        a[j] = t;
    }
    for ( i = 0; i < n; i++ )
        free_heap_pages(a[i].pg, a[i].order);
    CHECK_EQ("page-alloc-random-merged-count", total_free_pages(), initial);

    big = alloc_heap_pages(12);
    CHECK("page-alloc-random-merged-blocks", big &&
          mfn_x(page_to_mfn(big)) == 4096 && alloc_heap_pages(12) == NULL);
    if ( big )
        free_heap_pages(big, 12);
}

static void test_exhaustion(void)
{
    static struct page_info *pgs[NR_FRAMES];
    unsigned int n = 0, i;

    while ( n < NR_FRAMES && (pgs[n] = alloc_heap_pages(0)) )
        n++;
    CHECK_EQ("page-alloc-exhaust-count", n, initial);
    CHECK("page-alloc-exhaust-null", total_free_pages() == 0 &&
          alloc_heap_pages(0) == NULL);
    for ( i = 0; i < n; i++ )
        free_heap_pages(pgs[i], 0);
    CHECK_EQ("page-alloc-exhaust-restored", total_free_pages(), initial);
}

static void test_bugs(void)
{
    struct page_info *pg = alloc_heap_pages(2);

    free_heap_pages(pg, 2);
    EXPECT_PANIC("page-alloc-double-free", free_heap_pages(pg, 2));
    EXPECT_PANIC("page-alloc-free-in-free-block", free_heap_pages(pg + 1, 0));
    pg = alloc_heap_pages(1);
    pg[1].count = 1;
    EXPECT_PANIC("page-alloc-free-referenced", free_heap_pages(pg, 1));
    pg[1].count = 0;
    EXPECT_PANIC("page-alloc-free-misaligned", free_heap_pages(pg + 1, 1));
    EXPECT_PANIC("page-alloc-free-beyond", free_heap_pages(&table[NR_FRAMES - 1],
                                                           1));
    free_heap_pages(pg, 1);
    CHECK_EQ("page-alloc-after-bugs", total_free_pages(), initial);
    EXPECT_PANIC("page-alloc-init-twice", init_heap_pages(_mfn(100), 1));
}

static void test_xenheap(void)
{
    uint8_t *va = alloc_xenheap_pages(1);
    unsigned int i;
    bool zero = va != NULL;

    for ( i = 0; zero && i < 2 * PAGE_SIZE; i++ )
        zero = va[i] == 0;
    CHECK("xenheap-zeroed", zero);
    CHECK("xenheap-type", va && mfn_to_page(virt_to_mfn(va))->type == PGT_xen);
    free_xenheap_pages(va, 1);
    free_xenheap_pages(NULL, 3);
    CHECK_EQ("xenheap-freed", total_free_pages(), initial);
    va = alloc_xenheap_page();
    mfn_to_page(virt_to_mfn(va))->type = PGT_domain;
    EXPECT_PANIC("xenheap-free-wrong-type", free_xenheap_page(va));
    mfn_to_page(virt_to_mfn(va))->type = PGT_xen;
    EXPECT_PANIC("xenheap-free-unaligned", free_xenheap_page(va + 8));
    free_xenheap_page(va);
}

static void test_xmalloc(void)
{
    static struct { uint8_t *p; size_t size; } a[3000];
    unsigned int i, j;
    bool aligned = true, intact = true;
    uint8_t *z;

    for ( i = 0; i < ARRAY_SIZE(a); i++ )
    {
        a[i].size = i % 10 == 9 ? 2049 + rnd() % 9000 : 1 + rnd() % 2048;
        a[i].p = xmalloc_bytes(a[i].size);
        aligned &= a[i].p && !((uintptr_t)a[i].p & 15);
        if ( a[i].p )
            memset(a[i].p, i & 0xff, a[i].size);
    }
    CHECK("xmalloc-many-aligned", aligned);
    for ( i = 0; i < ARRAY_SIZE(a); i++ )
        for ( j = 0; a[i].p && j < a[i].size; j++ )
            intact &= a[i].p[j] == (i & 0xff);
    CHECK("xmalloc-no-overlap", intact);

    for ( i = 0; i < ARRAY_SIZE(a); i += 2 )   /* free half, then the rest */
        xfree(a[i].p);
    for ( i = 1; i < ARRAY_SIZE(a); i += 2 )
        xfree(a[i].p);
    CHECK_EQ("xmalloc-all-returned", total_free_pages(), initial);

    z = xzalloc_bytes(300);
    for ( i = 0, intact = z != NULL; intact && i < 300; i++ )
        intact = z[i] == 0;
    CHECK("xzalloc-zeroed", intact);
    xfree(z);
    EXPECT_PANIC("xmalloc-double-free", xfree(z));
    z = xmalloc_bytes(64);
    EXPECT_PANIC("xmalloc-free-interior", xfree(z + 16 + 8));
    xfree(z);
    xfree(NULL);
    CHECK("xmalloc-huge-null", xmalloc_bytes((size_t)-1) == NULL &&
          xmalloc_bytes(64u << 20) == NULL);
    CHECK("xmalloc-zero-size", (z = xmalloc_bytes(0)) != NULL);
    xfree(z);
    CHECK_EQ("xmalloc-end-count", total_free_pages(), initial);
}

int main(void)
{
    setup();
    test_orders();
    test_random();
    test_exhaustion();
    test_bugs();
    test_xenheap();
    test_xmalloc();
    free(fake_arena);
    return unit_done();
}
