/*
 * Hypercall dispatch.  The tables and the handlers' prototypes are
 * generated from xen/include/hypercall-defs.txt.
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/types.h>
#include <xen/guest_access.h>
#include <generated/hypercall-prototypes.h>

#define NR_HYPERCALLS 64

/* Arguments as the guest passed them, zero-extended to 64 bits. */
typedef long (*hypercall_fn_t)(const unsigned long *args);

extern const hypercall_fn_t native_hypercall_table[NR_HYPERCALLS];
extern const hypercall_fn_t compat_hypercall_table[NR_HYPERCALLS];
extern const char *const hypercall_names[NR_HYPERCALLS];

/* Run hypercall nr for the current vCPU; -ENOSYS when there is none. */
long hypercall_dispatch(unsigned long nr, const unsigned long args[5],
                        bool compat);

#endif /* XEN_HYPERCALL_H */
