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

/*
 * Continuations: a long operation stops part way and arranges for the
 * guest to re-issue the same hypercall with updated arguments (nargs of
 * them), so that no single call holds the CPU for long.  The handler
 * returns what this returns.
 */
long hypercall_create_continuation(unsigned int nr, unsigned int nargs,
                                   const unsigned long args[]);
/* Should a long operation stop here (a time slice ended)? */
bool hypercall_preempt_check(void);

/* memory_op: the sub-op is in the low bits, progress in the rest. */
#define MEMOP_EXTENT_SHIFT 6
#define MEMOP_CMD_MASK     ((1u << MEMOP_EXTENT_SHIFT) - 1)

#endif /* XEN_HYPERCALL_H */
