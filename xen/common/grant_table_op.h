/*
 * What the native and compat grant_table_op front ends share.
 */
#ifndef COMMON_GRANT_TABLE_OP_H
#define COMMON_GRANT_TABLE_OP_H

#include <xen/types.h>
#include <xen/guest_access.h>

/* Frames one setup_table / get_status_frames call reports at most. */
#define GNTTAB_OP_MAX_FRAMES GNTTAB_MAX_FRAMES_LIMIT

/* Grow dom's table to nr_frames; gfns[] gets where each frame is mapped. */
int16_t gnttab_setup(domid_t dom, uint32_t nr_frames, uint64_t gfns[],
                     unsigned int room);
int16_t gnttab_status_gfns(domid_t dom, uint32_t nr_frames, uint64_t gfns[],
                           unsigned int room, unsigned int *nr_out);
/* The ops whose structures are the same for 32- and 64-bit callers. */
long gnttab_op_common(unsigned int cmd, guest_ptr_t uop, unsigned int count);

#endif /* COMMON_GRANT_TABLE_OP_H */
