/*
 * grant_table_op for 32-bit callers: setup_table and get_status_frames
 * carry a 32-bit guest pointer and are converted here; every other op has
 * the same layout for both and goes to the shared handlers.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <compat/grant_table.h>
#include "../grant_table_private.h"
#include "../grant_table_op.h"

static long compat_setup_table(guest_ptr_t uop, unsigned int count)
{
    struct compat_gnttab_setup_table op;
    uint64_t gfns[GNTTAB_OP_MAX_FRAMES];
    unsigned int i;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, uop, sizeof(op)) )
        return -EFAULT;
    op.status = gnttab_setup(op.dom, op.nr_frames, gfns, ARRAY_SIZE(gfns));
    for ( i = 0; op.status == GNTST_okay && i < op.nr_frames; i++ )
    {
        /* A frame not mapped anywhere reads as the 32-bit invalid gfn. */
        compat_pfn_t f = gfns[i] == gfn_x(INVALID_GFN) ? ~0u : gfns[i];

        if ( f != gfns[i] && gfns[i] != gfn_x(INVALID_GFN) )
            op.status = GNTST_general_error;
        else if ( copy_to_guest_offset(guest_ptr(op.frame_list), i, &f, 1) )
            return -EFAULT;
    }
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

static long compat_get_status_frames(guest_ptr_t uop, unsigned int count)
{
    struct compat_gnttab_get_status_frames op;
    uint64_t gfns[GNTTAB_OP_MAX_FRAMES];
    unsigned int n = 0;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, uop, sizeof(op)) )
        return -EFAULT;
    op.status = gnttab_status_gfns(op.dom, op.nr_frames, gfns,
                                   ARRAY_SIZE(gfns), &n);
    if ( op.status == GNTST_okay &&
         copy_to_guest(guest_ptr(op.frame_list), gfns, n * sizeof(gfns[0])) )
        return -EFAULT;
    return copy_to_guest(uop, &op, sizeof(op)) ? -EFAULT : 0;
}

long compat_grant_table_op(unsigned int cmd, guest_ptr_t uop,
                           unsigned int count)
{
    switch ( cmd )
    {
    case GNTTABOP_setup_table:
        return compat_setup_table(uop, count);
    case GNTTABOP_get_status_frames:
        return compat_get_status_frames(uop, count);
    default:
        return gnttab_op_common(cmd, uop, count);
    }
}
