/*
 * Walk a guest's page tables (see asm-x86/guest_walk.h).
 *
 * Everything read here is guest-controlled: each entry is read through
 * the caller's read_gpa callback (which refuses non-RAM), every reserved
 * bit is checked, and a fault is reported rather than guessed around.
 * Entries are little-endian, like the hypervisor (x86) and test hosts.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm-x86/guest_walk.h>

#define CR0_WP    (1ULL << 16)
#define CR0_PG    (1ULL << 31)
#define CR4_PSE   (1ULL << 4)
#define CR4_PAE   (1ULL << 5)
#define CR4_LA57  (1ULL << 12)
#define EFER_LMA  (1ULL << 10)
#define EFER_NXE  (1ULL << 11)

#define PTE_P     (1ULL << 0)
#define PTE_RW    (1ULL << 1)
#define PTE_US    (1ULL << 2)
#define PTE_PS    (1ULL << 7)
#define PTE_NX    (1ULL << 63)

/* Bits lo..hi set. */
#define BITS(hi, lo) ((~0ULL >> (63 - (hi))) & ~((1ULL << (lo)) - 1))

struct walk {
    const struct guest_paging *pg;
    guest_read_fn read;
    void *ctx;
    unsigned int phys_bits; /* guest MAXPHYADDR */
    uint64_t addr_mask;     /* frame address bits of an entry */
    uint64_t rsvd;          /* reserved in every 64-bit entry */
    bool rw, us, nx;        /* accumulated over the levels */
};

static int read_entry(struct walk *w, uint64_t gpa, size_t len, uint64_t *e)
{
    *e = 0;
    return w->read(w->ctx, gpa, e, len) ? -EFAULT : 0;
}

/* Fold one level's permission bits into the walk. */
static void accumulate(struct walk *w, uint64_t e)
{
    w->rw &= !!(e & PTE_RW);
    w->us &= !!(e & PTE_US);
    w->nx |= (w->pg->efer & EFER_NXE) && (e & PTE_NX);
}

static int check_access(const struct walk *w, unsigned int access)
{
    bool user = access & GW_USER;

    if ( user && !w->us )
        return -EFAULT;
    if ( (access & GW_WRITE) && !w->rw && (user || (w->pg->cr0 & CR0_WP)) )
        return -EFAULT;
    if ( (access & GW_FETCH) && w->nx )
        return -EFAULT;
    return 0;
}

/*
 * Walk 64-bit entries from the table at base, top level first: levels
 * translate the bits at shifts 39, 30, 21, 12 (from first_shift down).
 * Large pages are allowed at shifts 30 and 21.
 */
static int walk64(struct walk *w, uint64_t base, unsigned int first_shift,
                  uint64_t gva, uint64_t *gpa)
{
    unsigned int shift;
    uint64_t e, rsvd, size;

    for ( shift = first_shift; ; shift -= 9 )
    {
        if ( read_entry(w, base + ((gva >> shift) & 511) * 8, 8, &e) )
            return -EFAULT;
        if ( !(e & PTE_P) )
            return -EFAULT;

        rsvd = w->rsvd;
        if ( shift == 39 )
            rsvd |= PTE_PS;                 /* no 512 GiB pages */
        else if ( shift > 12 && (e & PTE_PS) )
            rsvd |= BITS(shift - 1, 13);    /* bit 12 is PAT */
        if ( e & rsvd )
            return -EFAULT;
        accumulate(w, e);

        if ( shift == 12 || (e & PTE_PS) )
            break;
        base = e & w->addr_mask;
    }

    size = 1ULL << shift;
    *gpa = (e & w->addr_mask & ~(size - 1)) | (gva & (size - 1));
    return 0;
}

static int walk_long(struct walk *w, uint64_t gva, uint64_t *gpa)
{
    uint64_t top = gva >> 47;

    if ( w->pg->cr4 & CR4_LA57 )
        return -EOPNOTSUPP;
    if ( top != 0 && top != 0x1ffff )       /* non-canonical */
        return -EFAULT;
    w->rsvd |= BITS(51, 0) & ~w->addr_mask & ~BITS(11, 0);
    return walk64(w, w->pg->cr3 & w->addr_mask, 39, gva, gpa);
}

/*
 * PAE: one of four PDPTEs (CR3 bits 31:5 locate them), then a 64-bit
 * page directory and table.  The PDPTE is read at each walk, as an AMD
 * CPU with nested paging does (no PDPTE registers are loaded at MOV CR3).
 * It has no permission bits.  Bits 1, 2 and 5-8, which Intel reserves
 * (a #GP at the MOV to CR), are ignored as the CPU the guest runs on
 * ignores them: QEMU's even sets the accessed bit (5) in it.  What the
 * CPU does reject is rejected here: bits 63:MAXPHYADDR, NX included.
 */
static int walk_pae(struct walk *w, uint32_t gva, uint64_t *gpa)
{
    uint64_t pdpte, pdpt = w->pg->cr3 & BITS(31, 5);

    /* In PAE mode bits 62:MAXPHYADDR of every entry are reserved. */
    w->rsvd |= BITS(62, 0) & ~w->addr_mask & ~BITS(11, 0);
    if ( read_entry(w, pdpt + (gva >> 30) * 8, 8, &pdpte) ||
         !(pdpte & PTE_P) )
        return -EFAULT;
    if ( pdpte & (w->rsvd | PTE_NX) )
        return -EFAULT;
    return walk64(w, pdpte & w->addr_mask, 21, gva, gpa);
}

/* A 4 MiB page: PDE bits 20:13 give address bits 39:32 (PSE-36). */
static int pse_page(struct walk *w, uint32_t pde, uint32_t gva, uint64_t *gpa)
{
    unsigned int hi_bits = min(w->phys_bits, 40u) - 32;
    /* Bit 21, and high-address bits beyond MAXPHYADDR, are reserved. */
    uint64_t rsvd = BITS(21, 13) & ~BITS(12 + hi_bits, 13);

    if ( pde & rsvd )
        return -EFAULT;
    *gpa = (pde & BITS(31, 22)) | ((uint64_t)((pde >> 13) & 0xff) << 32) |
           (gva & BITS(21, 0));
    return 0;
}

static int walk_2level(struct walk *w, uint32_t gva, uint64_t *gpa)
{
    uint64_t pde, pte;

    if ( read_entry(w, (w->pg->cr3 & BITS(31, 12)) + (gva >> 22) * 4, 4,
                    &pde) || !(pde & PTE_P) )
        return -EFAULT;
    accumulate(w, pde & ~PTE_NX);
    if ( (pde & PTE_PS) && (w->pg->cr4 & CR4_PSE) )
        return pse_page(w, pde, gva, gpa);

    if ( read_entry(w, (pde & BITS(31, 12)) + ((gva >> 12) & 1023) * 4, 4,
                    &pte) || !(pte & PTE_P) )
        return -EFAULT;
    accumulate(w, pte & ~PTE_NX);
    *gpa = (pte & BITS(31, 12)) | (gva & BITS(11, 0));
    return 0;
}

int guest_walk(const struct guest_paging *pg, uint64_t gva,
               unsigned int access, guest_read_fn read_gpa, void *ctx,
               uint64_t *gpa)
{
    struct walk w = { .pg = pg, .read = read_gpa, .ctx = ctx,
                      .rw = true, .us = true };
    unsigned int phys = pg->phys_bits ? pg->phys_bits : 52;
    uint64_t out;
    int rc;

    if ( phys < 32 || phys > 52 )
        return -EINVAL;
    w.phys_bits = phys;
    w.addr_mask = BITS(phys - 1, 12);
    if ( !(pg->efer & EFER_NXE) )
        w.rsvd = PTE_NX;

    if ( !(pg->cr0 & CR0_PG) )
    {
        *gpa = (pg->efer & EFER_LMA) ? gva : (uint32_t)gva;
        return 0;
    }

    /* Outside long mode linear addresses are 32 bits wide. */
    if ( pg->efer & EFER_LMA )
        rc = walk_long(&w, gva, &out);
    else if ( pg->cr4 & CR4_PAE )
        rc = walk_pae(&w, gva, &out);
    else
        rc = walk_2level(&w, gva, &out);

    if ( !rc )
        rc = check_access(&w, access);
    if ( !rc )
        *gpa = out;
    return rc;
}
