/*
 * Translate a guest virtual address by walking the guest's own page
 * tables, as the guest's MMU would: for emulation and for hypercall
 * arguments given as guest virtual addresses.
 *
 * Supported: paging off, 2-level 32-bit (4 MiB pages with CR4.PSE and
 * PSE-36 high bits), 3-level PAE (2 MiB pages; the PDPTE is read at each
 * walk, its bits 1, 2 and 5-8 ignored, as an AMD CPU with nested paging
 * does), 4-level long mode (2 MiB and 1 GiB pages).  Not modelled: 5-level paging (CR4.LA57
 * makes the walk fail with -EOPNOTSUPP), SMEP/SMAP, protection keys.
 *
 * The walk only reads: accessed and dirty bits are NOT set.  A caller
 * that writes guest memory through the result on the guest's behalf, and
 * whose guest depends on the dirty bits, must set them itself.
 */
#ifndef ASM_X86_GUEST_WALK_H
#define ASM_X86_GUEST_WALK_H

#include <xen/types.h>

/* The guest's paging-related control state. */
struct guest_paging {
    uint64_t cr0, cr3, cr4, efer;
    unsigned int phys_bits;        /* guest MAXPHYADDR; 0 = 52 */
};

/* What the access does (combine). */
#define GW_WRITE  (1u << 0)
#define GW_USER   (1u << 1)        /* CPL 3 */
#define GW_FETCH  (1u << 2)        /* instruction fetch: checks NX */

/*
 * Read len bytes of guest-physical memory at gpa into buf.  Return 0, or
 * non-zero if [gpa, gpa + len) is not guest RAM.
 */
typedef int (*guest_read_fn)(void *ctx, uint64_t gpa, void *buf, size_t len);

/*
 * Translate gva for an access of kind `access`.  Returns 0 with *gpa set,
 * or -EFAULT when the guest would take a page fault (not present,
 * reserved bit set, permission, non-canonical address) or a table is not
 * readable guest RAM; -EOPNOTSUPP for an unsupported paging mode;
 * -EINVAL if phys_bits is not 32..52.  *gpa is written only on success.
 */
int guest_walk(const struct guest_paging *pg, uint64_t gva,
               unsigned int access, guest_read_fn read_gpa, void *ctx,
               uint64_t *gpa);

#endif /* ASM_X86_GUEST_WALK_H */
