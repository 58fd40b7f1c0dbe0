/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Paging for the 32-bit images, chosen on the command line: paging=pae
 * (3-level PAE, 2 MiB large pages, NX where the CPU has it) or
 * paging=2level (4 MiB PSE large pages).  Without the key the 32-bit
 * image runs with paging off and the 64-bit one with head.S's tables.
 *
 * Both modes identity-map the low 4 GiB, so everything the framework
 * knows by physical address stays where it was: the low 4 MiB (image,
 * stack, start info) with 4 KiB pages, the rest with large pages.  On
 * top, the low 4 MiB is aliased read-write at ALIAS_RW and read-only at
 * ALIAS_RO through large pages (NX where available), so that a test can
 * hand the hypervisor pointers that only a complete walk resolves, and
 * one large page at PAGING_HOLE is left unmapped.  Non-leaf entries
 * carry the user, accessed and dirty bits, as XTF's tables do.
 */
#include "guest.h"

#define LOW_SIZE    (4u << 20)
#define ALIAS_RW    0x80000000u
#define ALIAS_RO    (ALIAS_RW + LOW_SIZE)

#define PTE_P       0x001u
#define PTE_RW      0x002u
#define PTE_US      0x004u
#define PTE_A       0x020u
#define PTE_D       0x040u
#define PTE_PS      0x080u
#define PTE_NX      (1ULL << 63)
#define NONLEAF     (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)
#define CR4_PAE_BIT 0x20u
#define CPUID_NX    (1u << 20)      /* 0x80000001 EDX */

const char *paging_mode = BITS_PER_LONG == 64 ? "long" : "none";

void *paging_alias(const void *p, bool writable)
{
    uintptr_t a = (uintptr_t)p;

    if ( strcmp(paging_mode, "pae") && strcmp(paging_mode, "2level") )
        return NULL;
    if ( a >= LOW_SIZE )
        return NULL;
    return (void *)((writable ? ALIAS_RW : ALIAS_RO) + a);
}

#ifndef __x86_64__

static uint64_t pae_pdpt[4] __attribute__((aligned(32)));
static uint64_t pae_pd[4][512] __attribute__((aligned(PAGE_SIZE)));
static uint64_t pae_pt[2][512] __attribute__((aligned(PAGE_SIZE)));
static uint32_t pse_pd[1024] __attribute__((aligned(PAGE_SIZE)));
static uint32_t pse_pt[1024] __attribute__((aligned(PAGE_SIZE)));

static bool cpu_has_nx(void)
{
    uint32_t max, b, c, d;

    cpuid(0x80000000, &max, &b, &c, &d);
    if ( max < 0x80000001 )
        return false;
    cpuid(0x80000001, &max, &b, &c, &d);
    return d & CPUID_NX;
}

/* The large-page entry for va (a multiple of size), low 4 MiB excluded. */
static uint64_t large_entry(uint32_t va, uint32_t size, uint64_t nx)
{
    if ( va >= ALIAS_RW && va < ALIAS_RW + LOW_SIZE )
        return (va - ALIAS_RW) | PTE_P | PTE_RW | PTE_PS | nx;
    if ( va >= ALIAS_RO && va < ALIAS_RO + LOW_SIZE )
        return (va - ALIAS_RO) | PTE_P | PTE_PS | nx;
    if ( va >= PAGING_HOLE && va < PAGING_HOLE + size )
        return 0;
    return va | PTE_P | PTE_RW | PTE_PS;
}

static void enable(unsigned long cr4_bit, unsigned long cr3)
{
    write_cr4(read_cr4() | cr4_bit);
    write_cr3(cr3);
    write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

static void pae_init(void)
{
    uint64_t nx = cpu_has_nx() ? PTE_NX : 0;

    for ( unsigned int i = 0; i < 4; i++ )
        pae_pdpt[i] = (uintptr_t)pae_pd[i] | PTE_P;
    for ( unsigned int s = 0; s < 2048; s++ )
    {
        uint32_t va = s << 21;
        uint64_t *pde = &pae_pd[s / 512][s % 512];

        if ( va >= LOW_SIZE )
        {
            *pde = large_entry(va, 2u << 20, nx);
            continue;
        }
        *pde = (uintptr_t)pae_pt[s] | NONLEAF;
        for ( unsigned int j = 0; j < 512; j++ )
            pae_pt[s][j] = (va + j * PAGE_SIZE) | PTE_P | PTE_RW;
    }
    if ( nx )
        wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
    enable(CR4_PAE_BIT, (uintptr_t)pae_pdpt);
}

static void pse_init(void)
{
    for ( unsigned int s = 0; s < 1024; s++ )
        pse_pd[s] = s ? large_entry(s << 22, 4u << 20, 0)
                      : (uintptr_t)pse_pt | NONLEAF;
    for ( unsigned int j = 0; j < 1024; j++ )
        pse_pt[j] = (j * PAGE_SIZE) | PTE_P | PTE_RW;
    enable(CR4_PSE, (uintptr_t)pse_pd);
}

#endif /* !__x86_64__ */

void paging_init(void)
{
    char mode[16];

    if ( !cmdline_get("paging", mode, sizeof(mode)) )
        return;
#ifdef __x86_64__
    test_error("paging=%s: only the 32-bit images take paging=", mode);
#else
    if ( !strcmp(mode, "pae") )
    {
        pae_init();
        paging_mode = "pae";
    }
    else if ( !strcmp(mode, "2level") )
    {
        pse_init();
        paging_mode = "2level";
    }
    else
        test_error("paging=%s: want pae or 2level", mode);
#endif
}
