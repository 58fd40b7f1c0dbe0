/*
 * Grant tables: the table itself (frames, versions, growth) and the ways
 * its frames are reached: by the owner through its P2M, and by a
 * privileged domain through XENMEM_acquire_resource.
 *
 * A table starts with one frame and grows on demand up to its maximum
 * (module key gnttab-frames=, boot option gnttab_max_frames=, default
 * 64 as in Xen 4.17).  Version 1 entries are 8 bytes; version 2 entries
 * are 16 bytes and their GTF_reading/GTF_writing bits live in separate
 * status frames (one per eight shared frames).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <public/memory.h>
#include "grant_table_private.h"

static unsigned int opt_max_frames = GNTTAB_DEFAULT_MAX_FRAMES;
integer_param("gnttab_max_frames", opt_max_frames);

unsigned int gnttab_max_frames_limit(void)
{
    return opt_max_frames;
}

int grant_table_init(struct domain *d, unsigned int max_frames)
{
    struct grant_table *gt;
    unsigned int nr_status;

    if ( !max_frames )
        max_frames = opt_max_frames;
    if ( !max_frames || max_frames > GNTTAB_MAX_FRAMES_LIMIT )
        return -EINVAL;
    nr_status = gnttab_status_frames(max_frames);

    gt = xzalloc(struct grant_table);
    if ( !gt )
        return -ENOMEM;
    d->grant_table = gt;
    gt->version = 1;
    gt->max_frames = max_frames;
    gt->shared = xzalloc_array(struct page_info *, max_frames);
    gt->shared_gfn = xzalloc_array(gfn_t, max_frames);
    gt->status = xzalloc_array(struct page_info *, nr_status);
    gt->status_gfn = xzalloc_array(gfn_t, nr_status);
    gt->active = xzalloc_array(struct active_grant *, max_frames);
    gt->maptrack = xzalloc_array(struct maptrack_entry, GNTTAB_MAX_MAPTRACK);
    if ( !gt->shared || !gt->shared_gfn || !gt->status || !gt->status_gfn ||
         !gt->active || !gt->maptrack )
        return -ENOMEM;          /* the caller destroys the domain */
    return gnttab_grow(d, 1);
}

/*
 * Unmap a frame from the owner's P2M where we last put it, if it is still
 * there (the owner may have removed or replaced it since).
 */
static void unmap_own_frame(struct domain *d, struct page_info *pg, gfn_t gfn)
{
    p2m_type_t t;

    if ( !gfn_eq(gfn, INVALID_GFN) &&
         mfn_eq(p2m_get_entry(d, gfn, &t), page_to_mfn(pg)) &&
         t == p2m_ram_rw )
        p2m_remove_entry(d, gfn);
}

/* Drop the owner's reference on a frame it no longer uses; a page that
 * another domain still maps stays alive until that mapping goes. */
static void release_frame(struct domain *d, struct page_info *pg, gfn_t gfn)
{
    unmap_own_frame(d, pg, gfn);
    put_page_alloc_ref(pg);
}

/* One more frame (shared or status), owned by d, not in its P2M. */
static struct page_info *new_frame(struct domain *d, gfn_t *gfn)
{
    *gfn = INVALID_GFN;
    return alloc_domain_resource_page(d);
}

/*
 * Give back status frames from the last down to index keep.  Released
 * slots are cleared, so no stale pointer to a page that may now belong to
 * someone else survives (XSA-379's family).
 */
static void shrink_status(struct domain *d, unsigned int keep)
{
    struct grant_table *gt = d->grant_table;

    while ( gt->nr_status > keep )
    {
        unsigned int i = --gt->nr_status;

        release_frame(d, gt->status[i], gt->status_gfn[i]);
        gt->status[i] = NULL;
        gt->status_gfn[i] = INVALID_GFN;
    }
}

/* At least nr status frames, or none added (-ENOMEM). */
static int grow_status(struct domain *d, unsigned int nr)
{
    struct grant_table *gt = d->grant_table;
    unsigned int old = gt->nr_status;

    for ( ; gt->nr_status < nr; gt->nr_status++ )
    {
        unsigned int i = gt->nr_status;

        gt->status[i] = new_frame(d, &gt->status_gfn[i]);
        if ( !gt->status[i] )
        {
            shrink_status(d, old);
            return -ENOMEM;
        }
    }
    return 0;
}

/* Give back shared frames (and their active entries) down to keep. */
static void shrink_shared(struct domain *d, unsigned int keep)
{
    struct grant_table *gt = d->grant_table;

    while ( gt->nr_frames > keep )
    {
        unsigned int i = --gt->nr_frames;

        release_frame(d, gt->shared[i], gt->shared_gfn[i]);
        gt->shared[i] = NULL;
        gt->shared_gfn[i] = INVALID_GFN;
        xfree(gt->active[i]);
        gt->active[i] = NULL;
    }
}

/* One more shared frame with its active entries, or nothing (-ENOMEM). */
static int add_shared_frame(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    unsigned int i = gt->nr_frames;
    struct active_grant *act = xzalloc_array(struct active_grant,
                                             GNTTAB_V1_PER_FRAME);
    struct page_info *pg = act ? new_frame(d, &gt->shared_gfn[i]) : NULL;

    if ( !pg )
    {
        xfree(act);
        return -ENOMEM;
    }
    gt->active[i] = act;
    gt->shared[i] = pg;
    gt->nr_frames++;
    return 0;
}

/*
 * Grow to nr_frames shared frames, with the status frames a v2 table
 * needs for them.  All or nothing: on failure the table is as it was.
 * Invariant kept: a v2 table always has the status frames for all its
 * shared frames, so every valid ref has a status word.
 */
int gnttab_grow(struct domain *d, unsigned int nr_frames)
{
    struct grant_table *gt = d->grant_table;
    unsigned int old_frames = gt->nr_frames, old_status = gt->nr_status;

    if ( nr_frames > gt->max_frames )
        return -EINVAL;
    if ( nr_frames <= old_frames )
        return 0;
    if ( gt->version == 2 &&
         grow_status(d, gnttab_status_frames(nr_frames)) )
        return -ENOMEM;
    while ( gt->nr_frames < nr_frames )
        if ( add_shared_frame(d) )
        {
            shrink_shared(d, old_frames);
            shrink_status(d, old_status);
            return -ENOMEM;
        }
    return 0;
}

void grant_table_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    unsigned int i;

    if ( !gt )
        return;
    if ( gt->maptrack )
        gnttab_release_mappings(d);
    /* The frames themselves are on d's page list: freed with its RAM. */
    for ( i = 0; gt->active && i < gt->max_frames; i++ )
        xfree(gt->active[i]);
    xfree(gt->active);
    xfree(gt->maptrack);
    xfree(gt->status_gfn);
    xfree(gt->status);
    xfree(gt->shared_gfn);
    xfree(gt->shared);
    xfree(gt);
    d->grant_table = NULL;
}

struct active_grant *gnttab_active(struct grant_table *gt, grant_ref_t ref)
{
    /* Active entries are kept per v1 slot, enough for either version. */
    return &gt->active[ref / GNTTAB_V1_PER_FRAME][ref % GNTTAB_V1_PER_FRAME];
}

static void *entry_ptr(struct grant_table *gt, grant_ref_t ref)
{
    unsigned int per = gnttab_per_frame(gt);
    uint8_t *frame = page_to_virt(gt->shared[ref / per]);

    return frame + (ref % per) * (PAGE_SIZE / per);
}

uint16_t *gnttab_flags(struct grant_table *gt, grant_ref_t ref)
{
    return entry_ptr(gt, ref);          /* flags lead both formats */
}

domid_t gnttab_entry_domid(struct grant_table *gt, grant_ref_t ref)
{
    return ((grant_entry_header_t *)entry_ptr(gt, ref))->domid;
}

uint64_t gnttab_entry_frame(struct grant_table *gt, grant_ref_t ref)
{
    if ( gt->version == 2 )
        return ((grant_entry_v2_t *)entry_ptr(gt, ref))->full_page.frame;
    return ((grant_entry_v1_t *)entry_ptr(gt, ref))->frame;
}

uint16_t *gnttab_status_word(struct grant_table *gt, grant_ref_t ref)
{
    grant_status_t *st;

    if ( gt->version == 1 )
        return gnttab_flags(gt, ref);
    /* gnttab_grow() and gnttab_set_version() keep this true. */
    BUG_ON(ref / GNTTAB_STATUS_PER_FRAME >= gt->nr_status);
    st = page_to_virt(gt->status[ref / GNTTAB_STATUS_PER_FRAME]);
    return &st[ref % GNTTAB_STATUS_PER_FRAME];
}

bool gnttab_in_use(const struct grant_table *gt)
{
    unsigned int f, i;

    for ( f = 0; f < gt->nr_frames; f++ )
        for ( i = 0; i < GNTTAB_V1_PER_FRAME; i++ )
            if ( gt->active[f][i].pin )
                return true;
    return false;
}

unsigned int gnttab_resource_max_frames(struct domain *d, unsigned int id)
{
    struct grant_table *gt = d->grant_table;

    if ( !gt )
        return 0;
    switch ( id )
    {
    case XENMEM_resource_grant_table_id_shared:
        return gt->max_frames;
    case XENMEM_resource_grant_table_id_status:
        /* Sized as for v2 whatever the version (Xen 4.17 answers so);
         * only a v2 table lets them be mapped. */
        return gnttab_status_frames(gt->max_frames);
    default:
        return 0;
    }
}

int gnttab_acquire_resource(struct domain *d, unsigned int id, uint64_t frame,
                            unsigned int nr, xen_pfn_t mfn_list[])
{
    struct grant_table *gt = d->grant_table;
    uint64_t end = frame + nr;
    struct page_info **frames;
    unsigned int i;
    int rc;

    if ( !nr || end < frame || end > gnttab_resource_max_frames(d, id) ||
         (id == XENMEM_resource_grant_table_id_status && gt->version != 2) )
        return -EINVAL;
    if ( id == XENMEM_resource_grant_table_id_shared )
    {
        rc = gnttab_grow(d, end);
        frames = gt->shared;
    }
    else
    {
        rc = grow_status(d, end);
        frames = gt->status;
    }
    if ( rc )
        return rc;
    for ( i = 0; i < nr; i++ )
        mfn_list[i] = mfn_x(page_to_mfn(frames[frame + i]));
    return 0;
}

int gnttab_map_frame(struct domain *d, unsigned long idx, gfn_t gfn)
{
    struct grant_table *gt = d->grant_table;
    bool status = idx & XENMAPIDX_grant_table_status;
    struct page_info *pg;
    gfn_t *where;
    int rc;

    idx &= ~(unsigned long)XENMAPIDX_grant_table_status;
    if ( !gt )
        return -EINVAL;
    if ( status )
    {
        if ( gt->version != 2 || idx >= gnttab_status_frames(gt->max_frames) )
            return -EINVAL;
        rc = grow_status(d, idx + 1);
        pg = gt->status[idx];
        where = &gt->status_gfn[idx];
    }
    else
    {
        if ( idx >= gt->max_frames )
            return -EINVAL;
        rc = gnttab_grow(d, idx + 1);
        pg = idx < gt->nr_frames ? gt->shared[idx] : NULL;
        where = idx < gt->max_frames ? &gt->shared_gfn[idx] : NULL;
    }
    if ( rc )
        return rc;
    /* A frame appears at one gfn at a time: move it. */
    unmap_own_frame(d, pg, *where);
    rc = guest_physmap_add_own(d, gfn, page_to_mfn(pg));
    *where = rc ? INVALID_GFN : gfn;
    return rc;
}

/* Version switches keep the toolstack's reserved entries (0-7). */
struct saved_entry { uint16_t flags; domid_t domid; uint64_t frame; };

int gnttab_set_version(struct domain *d, unsigned int version)
{
    struct grant_table *gt = d->grant_table;
    struct saved_entry saved[GNTTAB_NR_RESERVED_ENTRIES];
    unsigned int i, f;

    if ( version != 1 && version != 2 )
        return -EINVAL;
    if ( version == gt->version )
        return 0;
    if ( gnttab_in_use(gt) )
        return -EBUSY;
    /* Everything v2 needs is allocated before anything changes. */
    if ( version == 2 &&
         grow_status(d, gnttab_status_frames(gt->nr_frames)) )
        return -ENOMEM;

    for ( i = 0; i < GNTTAB_NR_RESERVED_ENTRIES; i++ )
        saved[i] = (struct saved_entry){ *gnttab_flags(gt, i) & GTF_type_mask,
                                         gnttab_entry_domid(gt, i),
                                         gnttab_entry_frame(gt, i) };
    for ( f = 0; f < gt->nr_frames; f++ )
        memset(page_to_virt(gt->shared[f]), 0, PAGE_SIZE);
    gt->version = version;
    if ( version == 1 )
        shrink_status(d, 0);
    for ( i = 0; i < GNTTAB_NR_RESERVED_ENTRIES; i++ )
    {
        if ( version == 1 )
        {
            grant_entry_v1_t *e = entry_ptr(gt, i);

            e->domid = saved[i].domid;
            e->frame = saved[i].frame;
        }
        else
        {
            grant_entry_v2_t *e = entry_ptr(gt, i);

            e->hdr.domid = saved[i].domid;
            e->full_page.frame = saved[i].frame;
        }
        *gnttab_flags(gt, i) = saved[i].flags;
    }
    return 0;
}
