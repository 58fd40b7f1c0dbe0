/*
 * How a P2M entry is written for the CPU: AMD's nested page tables use
 * the x86 page-table bits, Intel's EPT its own read/write/execute bits
 * and a memory type.  Everything else about the P2M (4 levels of 512
 * entries, the address in bits 51:12, our type in bits 55:52, which
 * both formats leave to software; references, pools, foreign entries)
 * is shared (mm/p2m.c).  Pure functions: the hosted unit tests check
 * the encodings (test_p2m_format).
 */
#ifndef ASM_X86_P2M_FORMAT_H
#define ASM_X86_P2M_FORMAT_H

#include <xen/types.h>
#include <xen/mm.h>
#include <xen/p2m-common.h>

#define P2M_ADDR_MASK   0x000FFFFFFFFFF000ULL
#define P2M_TYPE_SHIFT  52
#define P2M_TYPE_MASK   (0xFULL << P2M_TYPE_SHIFT)

struct p2m_format {
    const char *name;
    /* A leaf mapping mfn with type t (t != p2m_invalid). */
    uint64_t (*leaf)(mfn_t mfn, p2m_type_t t);
    /* An entry pointing at the next level's table at maddr. */
    uint64_t (*table)(paddr_t maddr);
    /* Bits of which any one makes an entry present (else all zero). */
    uint64_t present;
};

extern const struct p2m_format p2m_format_npt, p2m_format_ept;

static inline bool p2m_entry_present(const struct p2m_format *f, uint64_t e)
{
    return e & f->present;
}

static inline p2m_type_t p2m_entry_type(uint64_t e)
{
    return (p2m_type_t)((e & P2M_TYPE_MASK) >> P2M_TYPE_SHIFT);
}

static inline mfn_t p2m_entry_mfn(uint64_t e)
{
    return _mfn((e & P2M_ADDR_MASK) >> PAGE_SHIFT);
}

/* EPT pointer bits (Intel SDM vol. 3, 25.6.11): write-back paging
 * structures, a 4-level walk (length - 1 in bits 5:3). */
#define EPTP_WB         6ULL
#define EPTP_WALK_4     (3ULL << 3)

/*
 * The format the vendor's hardware walks, and how to make it forget
 * translations of d after an entry that was present changed (NULL:
 * nothing to do, as under SVM where every VMRUN flushes).  Set once at
 * boot by the vendor layer, before any domain exists; NPT by default.
 */
void p2m_use_format(const struct p2m_format *f,
                    void (*flush)(struct domain *d));

#endif /* ASM_X86_P2M_FORMAT_H */
