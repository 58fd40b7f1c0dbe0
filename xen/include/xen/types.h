/*
 * Basic types for hypervisor code.  Only the compiler's freestanding
 * headers are used, so the same common code builds for the hypervisor
 * and for the hosted unit tests.
 */
#ifndef XEN_TYPES_H
#define XEN_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

/* Not <limits.h>: under -nostdinc it pulls in the C library's. */
#ifndef UINT_MAX
#define UINT_MAX  (~0U)
#endif
#ifndef ULONG_MAX
#define ULONG_MAX (~0UL)
#endif
#ifndef INT_MAX
#define INT_MAX   __INT_MAX__
#endif
#ifndef LONG_MAX
#define LONG_MAX  __LONG_MAX__
#endif

typedef uint64_t paddr_t;
typedef int64_t s64;

#endif /* XEN_TYPES_H */
