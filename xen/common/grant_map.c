/*
 * Mapping other domains' grants: GNTTABOP_map_grant_ref and
 * unmap_grant_ref for translated callers, and the maptrack table that
 * remembers each mapping so that unmap, and the caller's destruction,
 * undo exactly what map did.
 *
 * A translated caller passes a guest-physical address in host_addr; the
 * granted page appears there through a grant-typed P2M entry that holds a
 * reference on the page (and so on its owner).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xsm/xsm.h>
#include "grant_table_private.h"

static bool gfn_is_grant_mapped(struct domain *d, uint64_t gfn)
{
    p2m_type_t t;

    p2m_get_entry(d, _gfn(gfn), &t);
    return p2m_is_grant(t);
}

static int find_free_handle(struct grant_table *gt, grant_handle_t *handle)
{
    unsigned int i;

    for ( i = 0; i < GNTTAB_MAX_MAPTRACK; i++ )
        if ( !gt->maptrack[i].in_use )
        {
            *handle = i;
            return 0;
        }
    return -ENOSPC;
}


/* Count a mapping of ref; its GTF bits were set by the claim. */
static void pin(struct grant_table *rgt, grant_ref_t ref, bool readonly)
{
    struct active_grant *act = gnttab_active(rgt, ref);

    act->pin++;
    act->writable += !readonly;
}

static void unpin(struct grant_table *rgt, grant_ref_t ref, bool readonly)
{
    struct active_grant *act = gnttab_active(rgt, ref);

    ASSERT(act->pin > 0);
    act->pin--;
    act->writable -= !readonly;
    gnttab_entry_release(rgt, ref);
}

int16_t gnttab_map_one(struct domain *ld, struct gnttab_map_grant_ref *op)
{
    struct grant_table *lgt = ld->grant_table, *rgt;
    bool readonly = op->flags & GNTMAP_readonly;
    struct domain *rd;
    struct page_info *pg;
    grant_handle_t handle;
    int16_t st;

    if ( !(op->flags & GNTMAP_host_map) ||
         (op->flags & (GNTMAP_device_map | GNTMAP_contains_pte |
                       GNTMAP_application_map)) )
        return GNTST_general_error;      /* only host maps for HVM callers */
    if ( op->host_addr & (PAGE_SIZE - 1) ||
         (op->host_addr >> PAGE_SHIFT) > P2M_MAX_GFN )
        return GNTST_bad_virt_addr;
    if ( gfn_is_grant_mapped(ld, op->host_addr >> PAGE_SHIFT) )
        return GNTST_bad_virt_addr;     /* unmap what is there first */
    rd = domain_lookup(op->dom == DOMID_SELF ? ld->domain_id : op->dom);
    if ( !rd || rd == ld || !rd->grant_table || rd->state != DOMSTATE_running )
        return GNTST_bad_domain;
    if ( xsm_grant_mapref(XSM_HOOK, ld, rd, op->flags) )
        return GNTST_permission_denied;
    rgt = rd->grant_table;
    /* Xen's order: a maptrack handle, then the ref. */
    if ( find_free_handle(lgt, &handle) )
        return GNTST_no_space;
    if ( op->ref >= gnttab_nr_entries(rgt) )
        return GNTST_bad_gntref;
    st = gnttab_entry_claim(rgt, op->ref, ld->domain_id, readonly);
    if ( st != GNTST_okay )
        return st;
    pg = get_ram_page_ref(rd, gnttab_entry_frame(rgt, op->ref));
    if ( !pg )
    {
        gnttab_entry_release(rgt, op->ref);
        return GNTST_bad_page;
    }
    if ( p2m_set_entry(ld, _gfn(op->host_addr >> PAGE_SHIFT), page_to_mfn(pg),
                       readonly ? p2m_grant_map_ro : p2m_grant_map_rw) )
    {
        put_page(pg);
        gnttab_entry_release(rgt, op->ref);
        return GNTST_general_error;
    }
    /* The P2M entry now owns the page reference taken above. */
    pin(rgt, op->ref, readonly);
    lgt->maptrack[handle] = (struct maptrack_entry){
        .in_use = true, .readonly = readonly, .rdomid = rd->domain_id,
        .rd = rd, .ref = op->ref, .gfn = _gfn(op->host_addr >> PAGE_SHIFT),
    };
    lgt->nr_maptrack_used++;
    op->handle = handle;
    op->dev_bus_addr = 0;
    return GNTST_okay;
}

/* Remove one mapping: P2M entry (dropping the page ref), then the pin. */
static void undo_mapping(struct domain *ld, struct maptrack_entry *m)
{
    struct domain *rd = m->rd;

    /* rd stays allocated while the entry's page ref is held. */
    get_domain(rd);
    p2m_remove_entry(ld, m->gfn);
    if ( rd->grant_table )
        unpin(rd->grant_table, m->ref, m->readonly);
    put_domain(rd);
    m->in_use = false;
    ld->grant_table->nr_maptrack_used--;
}

int16_t gnttab_unmap_one(struct domain *ld, struct gnttab_unmap_grant_ref *op)
{
    struct grant_table *lgt = ld->grant_table;
    struct maptrack_entry *m;

    if ( op->handle >= GNTTAB_MAX_MAPTRACK ||
         !lgt->maptrack[op->handle].in_use )
        return GNTST_bad_handle;
    m = &lgt->maptrack[op->handle];
    /* As Xen: the hook sees a valid handle's granter, before the rest. */
    if ( xsm_grant_unmapref(XSM_HOOK, ld, m->rd) )
        return GNTST_permission_denied;
    if ( op->host_addr != ((uint64_t)gfn_x(m->gfn) << PAGE_SHIFT) )
        return GNTST_bad_virt_addr;
    if ( op->dev_bus_addr )
        return GNTST_bad_dev_addr;
    undo_mapping(ld, m);
    return GNTST_okay;
}

void gnttab_release_mappings(struct domain *ld)
{
    struct grant_table *lgt = ld->grant_table;
    unsigned int i;

    for ( i = 0; i < GNTTAB_MAX_MAPTRACK && lgt->nr_maptrack_used; i++ )
        if ( lgt->maptrack[i].in_use )
            undo_mapping(ld, &lgt->maptrack[i]);
}
