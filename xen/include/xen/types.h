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
#include <limits.h>

typedef uint64_t paddr_t;
typedef int64_t s64;

#endif /* XEN_TYPES_H */
