/*
 * dm_op for 32-bit callers: their buffer descriptors are 8 bytes (32-bit
 * pointer, 32-bit size) instead of 16; everything else is the native
 * op's (common/dm.c).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/ioreq.h>
#include <compat/dm_op.h>

long compat_dm_op(unsigned int domid, unsigned int nr_bufs, guest_ptr_t bufs)
{
    struct compat_dm_op_buf b[DM_OP_MAX_BUFS];
    struct dm_op_args args = { .domid = (domid_t)domid, .nr_bufs = nr_bufs };
    unsigned int i;

    if ( nr_bufs > DM_OP_MAX_BUFS )
        return -E2BIG;
    if ( copy_from_guest(b, bufs, nr_bufs * sizeof(b[0])) )
        return -EFAULT;
    for ( i = 0; i < nr_bufs; i++ )
        args.buf[i] = (struct dm_op_buf){ guest_ptr(b[i].h), b[i].size };
    return dm_op(&args);
}
