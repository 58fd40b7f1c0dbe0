/*
 * Hosted tests of arch/x86/mm/guest_walk.c: page tables for each paging
 * mode are built in a fake guest RAM, then translations and faults are
 * checked.
 */
#include <string.h>

#include <xen/errno.h>
#include <xen/lib.h>
#include <asm-x86/guest_walk.h>

#include "unit.h"

#define MEM_SIZE  (4u << 20)
#define P   0x1ULL
#define RW  0x2ULL
#define US  0x4ULL
#define PS  0x80ULL
#define NX  (1ULL << 63)
#define CR0_PG  (1ULL << 31)
#define CR0_WP  (1ULL << 16)
#define CR4_PSE (1ULL << 4)
#define CR4_PAE (1ULL << 5)
#define CR4_LA57 (1ULL << 12)
#define EFER_LMA (1ULL << 10)
#define EFER_NXE (1ULL << 11)

static uint8_t mem[MEM_SIZE];
static uint64_t next_table;

static int read_gpa(void *ctx, uint64_t gpa, void *buf, size_t len)
{
    (void)ctx;
    if ( gpa > MEM_SIZE || len > MEM_SIZE - gpa )
        return 1;
    memcpy(buf, mem + gpa, len);
    return 0;
}

static uint64_t rd(uint64_t gpa, unsigned int n)
{
    uint64_t v = 0;

    memcpy(&v, mem + gpa, n);
    return v;
}

static void wr(uint64_t gpa, uint64_t v, unsigned int n)
{
    memcpy(mem + gpa, &v, n);
}

static uint64_t new_table(void)
{
    uint64_t t = next_table;

    next_table += 4096;
    memset(mem + t, 0, 4096);
    return t;
}

/* The table that entry idx of table points to, created if absent. */
static uint64_t down(uint64_t table, unsigned int idx, unsigned int esz,
                     uint64_t flags)
{
    uint64_t a = table + idx * esz, e = rd(a, esz);

    if ( !(e & P) )
    {
        e = new_table() | flags;
        wr(a, e, esz);
    }
    return e & 0x000ffffffffff000ULL;
}

/* Map gva -> gpa with a leaf at leaf_shift (12, 21, 30); returns the
 * leaf entry's address so tests can alter it. */
static uint64_t map_long(uint64_t cr3, uint64_t gva, uint64_t gpa,
                         unsigned int leaf_shift, uint64_t flags)
{
    uint64_t t = cr3, a;
    unsigned int shift;

    for ( shift = 39; shift > leaf_shift; shift -= 9 )
        t = down(t, (gva >> shift) & 511, 8, P | RW | US);
    a = t + ((gva >> leaf_shift) & 511) * 8;
    wr(a, gpa | flags | (leaf_shift > 12 ? PS : 0), 8);
    return a;
}

static uint64_t map_pae(uint64_t cr3, uint32_t gva, uint64_t gpa,
                        unsigned int leaf_shift, uint64_t flags)
{
    uint64_t pd = down(cr3, gva >> 30, 8, P), a;

    if ( leaf_shift == 21 )
        a = pd + ((gva >> 21) & 511) * 8;
    else
        a = down(pd, (gva >> 21) & 511, 8, P | RW | US) +
            ((gva >> 12) & 511) * 8;
    wr(a, gpa | flags | (leaf_shift == 21 ? PS : 0), 8);
    return a;
}

static uint64_t map_2level(uint64_t cr3, uint32_t gva, uint64_t pte_val,
                           bool big)
{
    uint64_t a;

    if ( big )
        a = cr3 + (gva >> 22) * 4;
    else
        a = down(cr3, gva >> 22, 4, P | RW | US) + ((gva >> 12) & 1023) * 4;
    wr(a, pte_val, 4);
    return a;
}

static int walk(const struct guest_paging *pg, uint64_t gva,
                unsigned int acc, uint64_t *gpa)
{
    *gpa = 0xdead;
    return guest_walk(pg, gva, acc, read_gpa, NULL, gpa);
}

#define CHECK_WALK(name, pg, gva, acc, want_rc, want_gpa) do {            \
    uint64_t g_;                                                          \
    int r_ = walk(pg, gva, acc, &g_);                                     \
    unit_result(r_ == (want_rc) && (r_ || g_ == (want_gpa)), name,        \
                "rc %d gpa %#llx, want rc %d gpa %#llx", r_,              \
                (unsigned long long)g_, (int)(want_rc),                   \
                (unsigned long long)(want_gpa));                          \
} while ( 0 )

static void test_no_paging(void)
{
    struct guest_paging pg = { 0 };

    CHECK_WALK("walk-nopaging", &pg, 0x12345678, GW_WRITE, 0, 0x12345678);
    CHECK_WALK("walk-nopaging-trunc", &pg, 0x112345678ULL, 0, 0, 0x12345678);
    pg.phys_bits = 20;
    CHECK_WALK("walk-bad-physbits", &pg, 0, 0, -EINVAL, 0);
}

static void test_long(void)
{
    struct guest_paging pg = { .cr0 = CR0_PG | CR0_WP, .cr4 = CR4_PAE,
                               .efer = EFER_LMA | EFER_NXE };
    uint64_t e4k, e2m, e1g, hi;

    next_table = 0x10000;
    pg.cr3 = new_table();
    e4k = map_long(pg.cr3, 0x4000001000ULL, 0xabc000, 12, P | RW | US);
    e2m = map_long(pg.cr3, 0x4000200000ULL, 0x40000000, 21, P | US);
    e1g = map_long(pg.cr3, 0x8040000000ULL, 0x1c0000000ULL, 30, P | RW | NX);
    hi = map_long(pg.cr3, 0xffff800000003000ULL, 0x7000, 12, P | RW);

    CHECK_WALK("walk-long-4k", &pg, 0x4000001234ULL, GW_WRITE | GW_USER, 0,
               0xabc234);
    CHECK_WALK("walk-long-2m", &pg, 0x40002abcdeULL, GW_USER, 0, 0x400abcde);
    CHECK_WALK("walk-long-1g", &pg, 0x8047654321ULL, GW_WRITE, 0,
               0x1c7654321ULL);
    CHECK_WALK("walk-long-high-half", &pg, 0xffff800000003008ULL, 0, 0,
               0x7008);
    CHECK_WALK("walk-long-noncanonical", &pg, 0x0000800000003008ULL, 0,
               -EFAULT, 0);
    CHECK_WALK("walk-long-not-present", &pg, 0x4000002000ULL, 0, -EFAULT, 0);

    /* Permissions. */
    CHECK_WALK("walk-long-ro-wp", &pg, 0x4000200000ULL, GW_WRITE, -EFAULT, 0);
    CHECK_WALK("walk-long-ro-user", &pg, 0x4000200000ULL, GW_WRITE | GW_USER,
               -EFAULT, 0);
    CHECK_WALK("walk-long-supervisor-page", &pg, 0x8040000000ULL, GW_USER,
               -EFAULT, 0);
    CHECK_WALK("walk-long-nx-fetch", &pg, 0x8040000000ULL, GW_FETCH, -EFAULT,
               0);
    CHECK_WALK("walk-long-nx-read", &pg, 0x8040000000ULL, 0, 0, 0x1c0000000ULL);
    pg.cr0 &= ~CR0_WP;
    CHECK_WALK("walk-long-ro-no-wp", &pg, 0x4000200000ULL, GW_WRITE, 0,
               0x40000000);
    CHECK_WALK("walk-long-ro-no-wp-user", &pg, 0x4000200000ULL,
               GW_WRITE | GW_USER, -EFAULT, 0);
    pg.cr0 |= CR0_WP;
    wr(pg.cr3, rd(pg.cr3, 8) & ~US, 8);         /* PML4E 0: supervisor */
    CHECK_WALK("walk-long-upper-level-us", &pg, 0x4000001000ULL, GW_USER,
               -EFAULT, 0);
    wr(pg.cr3, rd(pg.cr3, 8) | US, 8);

    /* Reserved bits. */
    pg.efer &= ~EFER_NXE;
    CHECK_WALK("walk-long-nx-without-nxe", &pg, 0x8040000000ULL, 0, -EFAULT,
               0);
    pg.efer |= EFER_NXE;
    wr(e2m, rd(e2m, 8) | (1ULL << 13), 8);
    CHECK_WALK("walk-long-2m-rsvd", &pg, 0x4000200000ULL, 0, -EFAULT, 0);
    wr(e2m, rd(e2m, 8) & ~(1ULL << 13), 8);
    wr(e1g, rd(e1g, 8) | (1ULL << 29), 8);
    CHECK_WALK("walk-long-1g-rsvd", &pg, 0x8040000000ULL, 0, -EFAULT, 0);
    wr(e1g, rd(e1g, 8) & ~(1ULL << 29), 8);
    wr(e4k, rd(e4k, 8) | (1ULL << 45), 8);
    pg.phys_bits = 40;
    CHECK_WALK("walk-long-above-maxphys", &pg, 0x4000001000ULL, 0, -EFAULT, 0);
    pg.phys_bits = 0;
    CHECK_WALK("walk-long-maxphys-52", &pg, 0x4000001000ULL, 0, 0,
               0xabc000 | (1ULL << 45));
    wr(e4k, rd(e4k, 8) & ~(1ULL << 45), 8);
    wr(pg.cr3, rd(pg.cr3, 8) | PS, 8);
    CHECK_WALK("walk-long-pml4-ps", &pg, 0x4000001000ULL, 0, -EFAULT, 0);
    wr(pg.cr3, rd(pg.cr3, 8) & ~PS, 8);
    (void)hi;

    pg.cr4 |= CR4_LA57;
    CHECK_WALK("walk-long-la57", &pg, 0x4000001000ULL, 0, -EOPNOTSUPP, 0);
    pg.cr4 &= ~CR4_LA57;
    pg.cr3 = MEM_SIZE + 0x1000;
    CHECK_WALK("walk-long-cr3-not-ram", &pg, 0x4000001000ULL, 0, -EFAULT, 0);
}

static void test_pae(void)
{
    struct guest_paging pg = { .cr0 = CR0_PG | CR0_WP, .cr4 = CR4_PAE,
                               .efer = EFER_NXE };
    uint64_t e, e4k, pdpte3;

    next_table = 0x10000;
    pg.cr3 = new_table() + 0x20;          /* PDPT: 32-byte aligned */
    e4k = map_pae(pg.cr3, 0xc0001000, 0x3456000, 12, P | RW | US);
    e = map_pae(pg.cr3, 0x40200000, 0xfe00000, 21, P | NX);
    map_pae(pg.cr3, 0x40400000, 0x1200000, 21, P | RW | NX);
    pdpte3 = pg.cr3 + 3 * 8;

    CHECK_WALK("walk-pae-4k", &pg, 0xc0001abc, GW_USER | GW_WRITE, 0,
               0x3456abc);
    CHECK_WALK("walk-pae-2m", &pg, 0x40312345, 0, 0, 0xff12345);
    CHECK_WALK("walk-pae-gva-trunc", &pg, 0x1c0001abcULL, 0, 0, 0x3456abc);
    CHECK_WALK("walk-pae-nx-fetch", &pg, 0x40200000, GW_FETCH, -EFAULT, 0);
    CHECK_WALK("walk-pae-nx-read", &pg, 0x40200010, 0, 0, 0xfe00010);
    CHECK_WALK("walk-pae-nx-write", &pg, 0x40400010, GW_WRITE, 0, 0x1200010);
    CHECK_WALK("walk-pae-ro", &pg, 0x40200000, GW_WRITE, -EFAULT, 0);
    CHECK_WALK("walk-pae-supervisor-2m", &pg, 0x40200000, GW_USER, -EFAULT,
               0);
    CHECK_WALK("walk-pae-not-present", &pg, 0x80000000, 0, -EFAULT, 0);
    CHECK_WALK("walk-pae-pde-not-present", &pg, 0x40000000, 0, -EFAULT, 0);
    wr(e4k, rd(e4k, 8) & ~P, 8);
    CHECK_WALK("walk-pae-pte-not-present", &pg, 0xc0001000, 0, -EFAULT, 0);
    wr(e4k, rd(e4k, 8) | P, 8);

    /* Large pages: bit 12 is PAT, bits 20:13 are reserved. */
    wr(e, rd(e, 8) | (1ULL << 12), 8);
    CHECK_WALK("walk-pae-2m-pat", &pg, 0x40312345, 0, 0, 0xff12345);
    wr(e, (rd(e, 8) & ~(1ULL << 12)) | (1ULL << 13), 8);
    CHECK_WALK("walk-pae-2m-rsvd", &pg, 0x40312345, 0, -EFAULT, 0);
    wr(e, rd(e, 8) & ~(1ULL << 13), 8);

    /* Bits 62:52 are reserved in PAE entries (ignored in long mode). */
    wr(e, rd(e, 8) | (1ULL << 55), 8);
    CHECK_WALK("walk-pae-rsvd-high", &pg, 0x40200000, 0, -EFAULT, 0);
    wr(e, rd(e, 8) & ~(1ULL << 55), 8);
    pg.efer &= ~EFER_NXE;
    CHECK_WALK("walk-pae-nx-without-nxe", &pg, 0x40200000, 0, -EFAULT, 0);
    CHECK_WALK("walk-pae-no-nxe-4k", &pg, 0xc0001abc, 0, 0, 0x3456abc);
    pg.efer |= EFER_NXE;

    /*
     * PDPTEs: no permissions; bits 1, 2 and 5-8 ignored (the CPU sets
     * the accessed bit itself); NX and bits above MAXPHYADDR reserved.
     */
    wr(pdpte3, rd(pdpte3, 8) | RW | US | 0x1e0, 8);
    CHECK_WALK("walk-pae-pdpte-ignored-bits", &pg, 0xc0001abc,
               GW_USER | GW_WRITE, 0, 0x3456abc);
    wr(pdpte3, rd(pdpte3, 8) & ~(RW | US | 0x1e0), 8);
    CHECK_WALK("walk-pae-pdpte-no-permissions", &pg, 0xc0001abc,
               GW_USER | GW_WRITE, 0, 0x3456abc);
    wr(pdpte3, rd(pdpte3, 8) | NX, 8);
    CHECK_WALK("walk-pae-pdpte-nx", &pg, 0xc0001abc, 0, -EFAULT, 0);
    wr(pdpte3, rd(pdpte3, 8) & ~NX, 8);
    wr(pdpte3, rd(pdpte3, 8) | (1ULL << 45), 8);
    pg.phys_bits = 40;
    CHECK_WALK("walk-pae-pdpte-above-maxphys", &pg, 0xc0001abc, 0, -EFAULT,
               0);
    pg.phys_bits = 0;
    wr(pdpte3, rd(pdpte3, 8) & ~(1ULL << 45), 8);
    wr(pdpte3, rd(pdpte3, 8) & ~P, 8);
    CHECK_WALK("walk-pae-pdpte-not-present", &pg, 0xc0001abc, 0, -EFAULT, 0);
    wr(pdpte3, rd(pdpte3, 8) | P, 8);

    /* A non-leaf PDE may carry accessed and dirty (XTF's do); CR3's PWT
     * and PCD are not address bits. */
    e = rd(pdpte3, 8) & 0xffffffffff000ULL;     /* the PD; PDE 0 */
    wr(e, rd(e, 8) | 0x60, 8);
    pg.cr3 |= 0x18;
    CHECK_WALK("walk-pae-nonleaf-ad-cr3-pcd", &pg, 0xc0001abc, GW_WRITE, 0,
               0x3456abc);
}

static void test_2level(void)
{
    struct guest_paging pg = { .cr0 = CR0_PG | CR0_WP, .cr4 = CR4_PSE,
                               .phys_bits = 40 };
    uint64_t e;

    next_table = 0x10000;
    pg.cr3 = new_table();
    map_2level(pg.cr3, 0x00401000, 0x00777000 | P | RW | US, false);
    /* 4 MiB page at 0x5_0080_0000 via PSE-36 (bits 13.. hold 39:32). */
    e = map_2level(pg.cr3, 0x80000000,
                   0x00800000 | (5u << 13) | P | RW | PS, true);

    CHECK_WALK("walk-2l-4k", &pg, 0x00401fff, GW_USER | GW_WRITE, 0,
               0x00777fff);
    CHECK_WALK("walk-2l-4m-pse36", &pg, 0x80123456, GW_WRITE, 0,
               0x500923456ULL);
    CHECK_WALK("walk-2l-4m-user", &pg, 0x80123456, GW_USER, -EFAULT, 0);
    CHECK_WALK("walk-2l-gva-trunc", &pg, 0x100401004ULL, 0, 0, 0x00777004);
    wr(pg.cr3 + 1 * 4, rd(pg.cr3 + 4, 4) | 0x60, 4);  /* A, D: non-leaf */
    CHECK_WALK("walk-2l-nonleaf-ad", &pg, 0x00401fff, GW_WRITE, 0,
               0x00777fff);
    e = map_2level(pg.cr3, 0xc0000000, 0x01000000 | P | US | PS, true);
    CHECK_WALK("walk-2l-4m-ro-wp", &pg, 0xc0000000, GW_WRITE, -EFAULT, 0);
    CHECK_WALK("walk-2l-4m-ro-read", &pg, 0xc03ffffc, GW_USER, 0,
               0x013ffffc);
    e = map_2level(pg.cr3, 0x80000000,
                   0x00800000 | (5u << 13) | P | RW | PS, true);
    wr(e, rd(e, 4) | (1u << 21), 4);
    CHECK_WALK("walk-2l-4m-rsvd", &pg, 0x80000000, 0, -EFAULT, 0);
    wr(e, rd(e, 4) & ~(1u << 21), 4);
    pg.phys_bits = 36;                    /* only bits 16:13 are address */
    wr(e, rd(e, 4) | (1u << 18), 4);
    CHECK_WALK("walk-2l-4m-above-maxphys", &pg, 0x80000000, 0, -EFAULT, 0);
    CHECK_WALK("walk-2l-not-present", &pg, 0x00000000, 0, -EFAULT, 0);

    /* Without CR4.PSE the PS bit is ignored: the PDE points to a table. */
    pg.cr4 = 0;
    wr(e, 0x00001000 | P | RW | PS, 4);   /* "table" at 0x1000: zeroes */
    CHECK_WALK("walk-2l-ps-ignored", &pg, 0x80000000, 0, -EFAULT, 0);
    wr(0x1000, 0x00999000 | P, 4);
    CHECK_WALK("walk-2l-ps-ignored-pte", &pg, 0x80000123, 0, 0, 0x00999123);
}

int main(void)
{
    test_no_paging();
    test_long();
    test_pae();
    test_2level();
    return unit_done();
}
