/*
 * Access to guest memory from hypercalls.
 *
 * A guest pointer is an address in the calling vCPU's virtual address
 * space: it is translated through the guest's own page tables and then its
 * P2M on every access, and never dereferenced directly.  Any address that
 * does not lead to the caller's RAM gives -EFAULT.
 */
#ifndef XEN_GUEST_ACCESS_H
#define XEN_GUEST_ACCESS_H

#include <xen/types.h>

typedef struct { uint64_t va; } guest_ptr_t;

static inline guest_ptr_t guest_ptr(uint64_t va) { return (guest_ptr_t){ va }; }
static inline bool guest_ptr_is_null(guest_ptr_t p) { return p.va == 0; }
static inline guest_ptr_t guest_ptr_add(guest_ptr_t p, uint64_t bytes)
{
    return (guest_ptr_t){ p.va + bytes };
}

/* A public structure's XEN_GUEST_HANDLE field as a guest pointer. */
#define guest_handle_ptr(h) guest_ptr((uint64_t)(uintptr_t)(h).p)

/* Copy len bytes; 0 on success, -EFAULT if any byte is unreachable. */
int copy_from_guest(void *dst, guest_ptr_t src, size_t len);
int copy_to_guest(guest_ptr_t dst, const void *src, size_t len);

/* Typed helpers: copy element idx of an array of type at p. */
#define copy_from_guest_offset(dst, p, idx, n) \
    copy_from_guest(dst, guest_ptr_add(p, (uint64_t)(idx) * sizeof(*(dst))), \
                    (n) * sizeof(*(dst)))
#define copy_to_guest_offset(p, idx, src, n) \
    copy_to_guest(guest_ptr_add(p, (uint64_t)(idx) * sizeof(*(src))), src, \
                  (n) * sizeof(*(src)))

#endif /* XEN_GUEST_ACCESS_H */
