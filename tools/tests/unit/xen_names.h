/*
 * For tests of the string and formatting routines: declare the xen_
 * versions with exactly the prototypes of xen/lib.h, then drop the
 * renaming again so the C library stays reachable for comparison.
 * Include this before anything else that includes xen/lib.h.
 */
#ifndef UNIT_XEN_NAMES_H
#define UNIT_XEN_NAMES_H

#include "fake/hosted_names.h"
#include <xen/lib.h>

#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strlcpy
#undef simple_strtoul
#undef vsnprintf
#undef snprintf

#endif /* UNIT_XEN_NAMES_H */
