/*
 * Where a guest's instruction bytes are: the translation of a linear
 * code address through the guest's page tables, cached per vCPU.
 *
 * Without NRIP-save every intercepted instruction is fetched to learn its
 * length (svm/insn.c), and the MMIO emulator fetches what it emulates
 * (hvm/emulate.c); a full walk of the guest's page tables each time cost
 * more than the rest of a hypercall.  The cache keeps the last few code
 * pages' translations, each with the page-table entries its walk read
 * (where they are in memory, and their values), and answers again only
 * while the guest's paging registers, those entries and the domain's
 * P2M are all unchanged: exactly what a new walk would answer, without
 * walking.
 */
#ifndef ASM_X86_HVM_INSN_FETCH_H
#define ASM_X86_HVM_INSN_FETCH_H

#include <xen/types.h>
#include <asm/guest_walk.h>

#define FETCH_CACHE_READS   5         /* the most a walk reads (PAE: 4) */
#define FETCH_CACHE_ENTRIES 4         /* code pages: a guest's loop, its
                                       * hypercall page, its handlers */

/* One code page's translation, and what it depended on. */
struct hvm_fetch_entry {
    bool valid;
    uint64_t p2m_gen;                 /* the P2M's change count then */
    struct guest_paging pg;
    unsigned int access;              /* GW_* the walk checked */
    uint64_t lin_page, gpa_page;
    const uint8_t *page;              /* the code page's map, if RAM */
    unsigned int nr;                  /* entries the walk read */
    struct {
        const void *at;               /* where, in the hypervisor's map */
        uint64_t gpa;                 /* where, in the guest's */
        uint64_t val;
        unsigned int len;
    } read[FETCH_CACHE_READS];
};

struct hvm_fetch_cache {
    struct hvm_fetch_entry ent[FETCH_CACHE_ENTRIES];
    unsigned int next;                /* the one to replace (round robin) */
};

struct vcpu;

/*
 * The guest-physical address of lin for access (GW_FETCH, with GW_USER
 * at CPL 3): 0, or -EFAULT where the guest's walk faults.
 */
int hvm_translate_fetch(struct vcpu *v, uint64_t lin, unsigned int access,
                        uint64_t *gpa);

/*
 * Copy len bytes of code at lin (not crossing its page) for access:
 * 0, -EFAULT where the walk faults, -ENXIO where the page is not RAM.
 */
int hvm_fetch_code(struct vcpu *v, uint64_t lin, unsigned int access,
                   void *buf, unsigned int len);

/*
 * Where the code bytes at lin are in the hypervisor's map, and how many
 * of them there are up to the page's end: NULL where hvm_fetch_code()
 * would fail (or the page is not RAM).  Read them at once: the pointer
 * holds only until the P2M or the guest's page tables change.
 */
const uint8_t *hvm_code_ptr(struct vcpu *v, uint64_t lin,
                            unsigned int access, unsigned int *avail);

#endif /* ASM_X86_HVM_INSN_FETCH_H */
