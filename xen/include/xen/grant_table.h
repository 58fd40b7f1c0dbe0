/*
 * Grant tables (common/grant_table*.c): each domain's table of grants it
 * offers others, and the mappings it holds of others' grants.
 *
 * A table's frames are pages owned by its domain but not in its P2M until
 * the domain maps them (XENMEM_add_to_physmap, XENMAPSPACE_grant_table).
 * A privileged domain reaches them with XENMEM_acquire_resource.
 */
#ifndef XEN_GRANT_TABLE_H
#define XEN_GRANT_TABLE_H

#include <xen/types.h>
#include <xen/mm.h>
#include <xen/guest_access.h>
#include <public/xen.h>

struct domain;

/* Xen 4.17's default and ceiling for a domain's table, in frames. */
#define GNTTAB_DEFAULT_MAX_FRAMES 64
#define GNTTAB_MAX_FRAMES_LIMIT   1024
#define GNTTAB_MAX_MAPTRACK       4096     /* mappings one domain may hold */

int grant_table_init(struct domain *d, unsigned int max_frames);
/* The most frames a table may have (gnttab_max_frames=, default 64). */
unsigned int gnttab_max_frames_limit(void);
/* Undo every mapping d holds of others' grants, then free d's table. */
void grant_table_destroy(struct domain *d);

/* XENMEM_resource_grant_table: frames a caller may ask for (0: none). */
unsigned int gnttab_resource_max_frames(struct domain *d, unsigned int id);
/*
 * Machine frames [frame, frame + nr) of table id (shared or status),
 * growing the table as needed.  Returns 0 or -EINVAL.
 */
int gnttab_acquire_resource(struct domain *d, unsigned int id, uint64_t frame,
                            unsigned int nr, xen_pfn_t mfn_list[]);
/* XENMEM_add_to_physmap: put frame idx of d's own table at gfn. */
int gnttab_map_frame(struct domain *d, unsigned long idx, gfn_t gfn);

#endif /* XEN_GRANT_TABLE_H */
