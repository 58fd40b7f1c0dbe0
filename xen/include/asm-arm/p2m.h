/*
 * ARM (stub): the P2M interface that common code uses, for an ARM port
 * that does not exist yet.  Nothing in the tree implements these for
 * ARM; the header exists so that common code keeps building against a
 * second architecture (tools/tests/unit builds it hosted: test_arm_stub).
 *
 * On ARM every guest's memory is translated (stage-2 tables), so there
 * are no PV callers and no MFNs are ever copied out to a guest.
 */
#ifndef ASM_ARM_P2M_H
#define ASM_ARM_P2M_H

#include <xen/types.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/p2m-common.h>

struct domain;

struct p2m_domain {
    void *root;                   /* stage-2 root table */
    unsigned long nr_foreign;     /* entries holding a page reference */
};

/* A 40-bit intermediate physical address space. */
#define P2M_MAX_GFN ((1UL << (40 - PAGE_SHIFT)) - 1)

static inline bool paging_mode_translate(const struct domain *d)
{
    (void)d;
    return true;
}

/*
 * XENMEM_acquire_resource is not supported on ARM: the first frame fails
 * with -EOPNOTSUPP, so the caller sees that answer (never -EIO).
 *
 * Implementing it needs reference counting of foreign entries: the entry
 * must take a reference on the page (and so on its owner) when it is
 * installed and drop it when it is replaced, removed or torn down, as
 * x86 does; otherwise the page could be freed, and reused, while the
 * caller still maps it.
 */
static inline int set_foreign_p2m_entry(struct domain *d, unsigned long gfn,
                                        mfn_t mfn)
{
    (void)d;
    (void)gfn;
    (void)mfn;
    return -EOPNOTSUPP;
}

#endif /* ASM_ARM_P2M_H */
