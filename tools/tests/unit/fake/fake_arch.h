/*
 * The fake arch behind fake/include/asm/{p2m,domain}.h, as the hosted
 * tests of the memory, grant-table and acquire_resource code drive it:
 * the machine (frame table and arena, optionally at high MFNs), guest
 * memory, continuations, preemption and a malloc-backed xmalloc whose
 * leaks ASan reports.
 */
#ifndef UNIT_FAKE_ARCH_H
#define UNIT_FAKE_ARCH_H

#include <xen/types.h>
#include <xen/mm.h>

struct domain;

/*
 * A machine of nr frames whose first MFN is mfn_base (frame mfn_base is
 * kept back, the rest go to the heap).  A base of 1UL << 32 makes every
 * MFN too wide for a 32-bit caller.  May be called again once every
 * domain is gone.
 */
void fake_machine_init(unsigned long nr, unsigned long mfn_base);
void fake_machine_fini(void);
unsigned long fake_mfn_base(void);

/*
 * Guest memory of each domain: guest pointer va is an offset into a
 * FAKE_GMEM_SIZE buffer.  The first page (NULL) and [FAKE_GMEM_HOLE,
 * FAKE_GMEM_HOLE + FAKE_GMEM_HOLE_LEN) are unmapped: -EFAULT.
 */
#define FAKE_GMEM_SIZE     0x100000UL
#define FAKE_GMEM_HOLE     0x80000UL
#define FAKE_GMEM_HOLE_LEN 0x1000UL
/* The bytes behind [va, va + len) of d, ignoring holes; NULL if outside. */
void *fake_gmem(struct domain *d, uint64_t va, size_t len);

/* Make d (un)translated: untranslated callers get MFNs copied out. */
void fake_set_translated(struct domain *d, bool translated);

/*
 * d's P2M holds at most limit entries (0: no limit), as a P2M pool that
 * runs out: a new entry beyond it is -ENOMEM.
 */
void fake_set_p2m_limit(struct domain *d, unsigned long limit);

/* If set, called after each successful copy_to_guest (the order of
 * a hypervisor's writes to guest memory, as another vCPU sees them). */
extern void (*fake_copy_to_guest_hook)(uint64_t va, size_t len);

/* Run as d's vCPU 0 from now on. */
void fake_set_current(struct domain *d);

/* hypercall_preempt_check() answers true every n-th call (0: never). */
void fake_set_preempt_every(unsigned int n);

/* Live xmalloc allocations (fake heap). */
long fake_xmalloc_live(void);

#endif /* UNIT_FAKE_ARCH_H */
