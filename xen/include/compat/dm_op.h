/*
 * 32-bit (compat) layout of the dm_op buffer array.  struct xen_dm_op
 * and its members have one layout for both widths (their 64-bit fields
 * are 8-byte aligned); only the buffer descriptors differ: a 32-bit
 * pointer and a 32-bit size.
 */
#ifndef COMPAT_DM_OP_H
#define COMPAT_DM_OP_H

#include <compat/memory.h>

struct compat_dm_op_buf {
    compat_handle_t h;
    compat_ulong_t size;
};

_Static_assert(sizeof(struct compat_dm_op_buf) == 8, "layout");

#endif /* COMPAT_DM_OP_H */
