/*
 * The two P2M entry encodings (asm/p2m_format.h).
 *
 * NPT: x86 long-mode page-table entries.  Nested walks count as user
 * accesses, so every entry sets U/S; a read-only grant clears R/W.
 * Nothing is marked no-execute (as before EPT came).
 *
 * EPT (Intel SDM vol. 3, 29.3.2): bit 0 read, 1 write, 2 execute; a
 * leaf's bits 5:3 are its memory type (write-back: guest RAM and the
 * pages mapped into it are all ordinary memory), bit 6 "ignore PAT"
 * stays clear so the guest's PAT applies as on bare metal.  A table
 * entry allows everything and has bits 7:3 clear.  Per type, as Xen's
 * EPT code: the domain's RAM is read/write/execute, foreign and
 * writable grant mappings read/write, a read-only grant read only.
 * "Write without read" would be an EPT misconfiguration: no type has it.
 */
#include <xen/lib.h>
#include <asm-x86/p2m_format.h>

#define NPT_P        (1ULL << 0)
#define NPT_RW       (1ULL << 1)
#define NPT_US       (1ULL << 2)

#define EPT_R        (1ULL << 0)
#define EPT_W        (1ULL << 1)
#define EPT_X        (1ULL << 2)
#define EPT_MT_SHIFT 3
#define EPT_MT_WB    6ULL

static uint64_t addr_and_type(mfn_t mfn, p2m_type_t t)
{
    return (((uint64_t)mfn_x(mfn) << PAGE_SHIFT) & P2M_ADDR_MASK) |
           ((uint64_t)t << P2M_TYPE_SHIFT);
}

static uint64_t npt_leaf(mfn_t mfn, p2m_type_t t)
{
    uint64_t e = addr_and_type(mfn, t) | NPT_P | NPT_US;

    if ( t != p2m_grant_map_ro )
        e |= NPT_RW;
    return e;
}

static uint64_t npt_table(paddr_t maddr)
{
    return (maddr & P2M_ADDR_MASK) | NPT_P | NPT_RW | NPT_US;
}

static uint64_t ept_access(p2m_type_t t)
{
    switch ( t )
    {
    case p2m_ram_rw:
        return EPT_R | EPT_W | EPT_X;
    case p2m_map_foreign:
    case p2m_grant_map_rw:
        return EPT_R | EPT_W;
    case p2m_grant_map_ro:
        return EPT_R;
    default:
        return 0;
    }
}

static uint64_t ept_leaf(mfn_t mfn, p2m_type_t t)
{
    return addr_and_type(mfn, t) | ept_access(t) |
           (EPT_MT_WB << EPT_MT_SHIFT);
}

static uint64_t ept_table(paddr_t maddr)
{
    return (maddr & P2M_ADDR_MASK) | EPT_R | EPT_W | EPT_X;
}

const struct p2m_format p2m_format_npt = {
    .name = "NPT", .leaf = npt_leaf, .table = npt_table, .present = NPT_P,
};

const struct p2m_format p2m_format_ept = {
    .name = "EPT", .leaf = ept_leaf, .table = ept_table,
    .present = EPT_R | EPT_W | EPT_X,
};
