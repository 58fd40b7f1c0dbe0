/*
 * The grant table's internals, shared by the files that implement it.
 */
#ifndef COMMON_GRANT_TABLE_PRIVATE_H
#define COMMON_GRANT_TABLE_PRIVATE_H

#include <xen/grant_table.h>
#include <public/grant_table.h>

#define GNTTAB_V1_PER_FRAME (PAGE_SIZE / sizeof(grant_entry_v1_t))
#define GNTTAB_V2_PER_FRAME (PAGE_SIZE / sizeof(grant_entry_v2_t))
#define GNTTAB_STATUS_PER_FRAME (PAGE_SIZE / sizeof(grant_status_t))

/* Per own grant: how many mappings others hold of it. */
struct active_grant {
    uint32_t pin;                /* mappings of this grant */
    uint32_t writable;           /* of which writable */
};

/* One mapping this domain holds of another domain's grant. */
struct maptrack_entry {
    bool in_use;
    bool readonly;
    domid_t rdomid;
    struct domain *rd;           /* kept alive by the mapped page's ref */
    grant_ref_t ref;
    gfn_t gfn;                   /* where it is mapped in our P2M */
};

struct grant_table {
    unsigned int version;        /* 1 or 2 */
    unsigned int nr_frames;      /* shared frames in use */
    unsigned int max_frames;
    struct page_info **shared;   /* [max_frames] */
    gfn_t *shared_gfn;           /* where the owner mapped each frame */
    unsigned int nr_status;      /* v2 status frames in use */
    struct page_info **status;   /* [status_frames(max_frames)] */
    gfn_t *status_gfn;
    struct active_grant **active;  /* [max_frames], one array per frame */
    struct maptrack_entry *maptrack;  /* [GNTTAB_MAX_MAPTRACK] */
    unsigned int nr_maptrack_used;
};

static inline unsigned int gnttab_status_frames(unsigned int grant_frames)
{
    return (grant_frames + 7) / 8;   /* 256 v2 entries/frame, 2048 status */
}

static inline unsigned int gnttab_per_frame(const struct grant_table *gt)
{
    return gt->version == 2 ? GNTTAB_V2_PER_FRAME : GNTTAB_V1_PER_FRAME;
}

static inline unsigned int gnttab_nr_entries(const struct grant_table *gt)
{
    return gt->nr_frames * gnttab_per_frame(gt);
}

int gnttab_grow(struct domain *d, unsigned int nr_frames);
struct active_grant *gnttab_active(struct grant_table *gt, grant_ref_t ref);
uint16_t *gnttab_flags(struct grant_table *gt, grant_ref_t ref);
domid_t gnttab_entry_domid(struct grant_table *gt, grant_ref_t ref);
uint64_t gnttab_entry_frame(struct grant_table *gt, grant_ref_t ref);
/* v1: the flags word itself; v2: the status word. */
uint16_t *gnttab_status_word(struct grant_table *gt, grant_ref_t ref);
bool gnttab_in_use(const struct grant_table *gt);
int gnttab_set_version(struct domain *d, unsigned int version);

/*
 * Claim entry ref for a mapping by ldomid (grant_entry.c): check that it
 * grants that access and set GTF_reading (and GTF_writing) atomically
 * against the guest; GNTST_*.  Release clears whichever bits no
 * remaining pin (active_grant) needs.
 */
int16_t gnttab_entry_claim(struct grant_table *gt, grant_ref_t ref,
                           domid_t ldomid, bool readonly);
void gnttab_entry_release(struct grant_table *gt, grant_ref_t ref);

/* The per-op handlers (grant_table_op.c). */
int16_t gnttab_map_one(struct domain *ld, struct gnttab_map_grant_ref *op);
int16_t gnttab_unmap_one(struct domain *ld, struct gnttab_unmap_grant_ref *op);
void gnttab_release_mappings(struct domain *ld);

#endif /* COMMON_GRANT_TABLE_PRIVATE_H */
