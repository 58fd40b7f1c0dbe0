/*
 * 32-bit (compat) layouts of the grant_table_op structures whose layout
 * differs from the native one (they carry a guest pointer).  The others
 * (map, unmap, query_size, set/get_version) are the same in both.
 */
#ifndef COMPAT_GRANT_TABLE_H
#define COMPAT_GRANT_TABLE_H

#include <compat/memory.h>

struct compat_gnttab_setup_table {
    uint16_t dom;
    uint32_t nr_frames;
    int16_t status;
    compat_handle_t frame_list;         /* compat_pfn_t[] */
};

struct compat_gnttab_get_status_frames {
    uint32_t nr_frames;
    uint16_t dom;
    int16_t status;
    compat_handle_t frame_list;         /* uint64_t[] */
};

_Static_assert(sizeof(struct compat_gnttab_setup_table) == 16, "layout");
_Static_assert(sizeof(struct compat_gnttab_get_status_frames) == 12, "layout");

#endif /* COMPAT_GRANT_TABLE_H */
