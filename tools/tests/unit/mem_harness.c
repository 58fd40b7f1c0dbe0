/*
 * Helpers of the hosted memory tests: see mem_harness.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem_harness.h"
#include "grant_table_private.h"

bool mh_cont_bad;
char mh_cont_why[128];
unsigned long mh_progress[MH_MAX_PROGRESS];

struct domain *mh_domain(domid_t id, bool control, int target,
                         unsigned int gnttab_frames, unsigned long ram_pages)
{
    struct domain_config cfg;
    struct domain *d;

    memset(&cfg, 0, sizeof(cfg));
    snprintf(cfg.name, sizeof(cfg.name), "d%u", id);
    cfg.mem_mb = 4;
    cfg.vcpus = 1;
    cfg.role = control ? DOMROLE_CONTROL : DOMROLE_PLAIN;
    cfg.target = target;
    cfg.gnttab_frames = gnttab_frames;
    d = domain_create(id, &cfg);
    if ( !d )
        return NULL;
    if ( ram_pages && domain_populate_ram(d, ram_pages) )
    {
        mh_destroy(d);
        return NULL;
    }
    /* As setup.c's resolve_targets() does at the end of boot. */
    if ( d->has_target )
        domain_set_target(d, domain_lookup(d->target_id));
    return d;
}

void mh_destroy(struct domain *d)
{
    if ( current && current->domain == d )
        current = NULL;
    domain_shutdown(d, SHUTDOWN_poweroff);
    domain_destroy(d);
    while ( domain_destroy_continue() )
        continue;
}

void mh_destroy_all(void)
{
    struct domain *d;
    int pass;

    /* Callers first: domains that map others' frames let go of them. */
    for ( pass = 0; pass < 2; pass++ )
    {
        struct domain *next;

        for ( d = domain_first(); d; d = next )
        {
            next = d->next_in_list;
            if ( pass || d->arch.p2m.nr_foreign )
                mh_destroy(d);
        }
    }
}

static void cont_bad(const char *fmt, unsigned long a, unsigned long b)
{
    if ( mh_cont_bad )
        return;
    mh_cont_bad = true;
    snprintf(mh_cont_why, sizeof(mh_cont_why), fmt, a, b);
}

long mh_memory_op_once(bool compat, unsigned int op, unsigned long progress,
                       uint64_t arg_va)
{
    unsigned long cmd = op | (progress << MEMOP_EXTENT_SHIFT);
    long rc = compat ? compat_memory_op((uint32_t)cmd, guest_ptr(arg_va))
                     : do_memory_op(cmd, guest_ptr(arg_va));

    current->cont.active = false;
    return rc;
}

void mh_reservation_put(bool compat, domid_t dom, uint64_t nr,
                        unsigned int order, unsigned int flags, uint64_t list)
{
    struct domain *cd = current->domain;

    if ( compat )
    {
        struct compat_memory_reservation x = {
            .extent_start = list, .nr_extents = nr, .extent_order = order,
            .mem_flags = flags, .domid = dom,
        };

        memcpy(fake_gmem(cd, MH_ARG_VA, sizeof(x)), &x, sizeof(x));
    }
    else
    {
        struct xen_memory_reservation x = {
            .nr_extents = nr, .extent_order = order, .mem_flags = flags,
            .domid = dom,
        };

        x.extent_start.p = (xen_pfn_t *)(uintptr_t)list;
        memcpy(fake_gmem(cd, MH_ARG_VA, sizeof(x)), &x, sizeof(x));
    }
}

long mh_memory_op(bool compat, unsigned int cmd, uint64_t arg_va,
                  unsigned int *conts)
{
    unsigned long c = cmd, a = arg_va, last = cmd >> MEMOP_EXTENT_SHIFT;
    unsigned int n = 0;
    long rc;

    for ( ;; )
    {
        struct hypercall_continuation *av = &current->cont;

        av->active = false;
        rc = compat ? compat_memory_op((uint32_t)c, guest_ptr((uint32_t)a))
                    : do_memory_op(c, guest_ptr(a));
        if ( !current || !current->cont.active )
            break;
        if ( rc != __HYPERVISOR_memory_op )
            cont_bad("continuation returned %lu (cmd %lu)", rc, c);
        if ( av->nargs != 2 || av->args[1] != arg_va )
            cont_bad("continuation args: nargs %lu arg %#lx", av->nargs,
                     av->args[1]);
        c = av->args[0];
        a = av->args[1];
        if ( (c & MEMOP_CMD_MASK) != (cmd & MEMOP_CMD_MASK) )
            cont_bad("continuation changed the sub-op: %#lx from %#x", c, cmd);
        if ( (c >> MEMOP_EXTENT_SHIFT) <= last )
            cont_bad("progress did not advance: %lu after %lu",
                     c >> MEMOP_EXTENT_SHIFT, last);
        if ( compat && (c >> 32) )
            cont_bad("compat continuation cmd %#lx does not fit 32 bits%lu",
                     c, 0);
        last = c >> MEMOP_EXTENT_SHIFT;
        if ( n < MH_MAX_PROGRESS )
            mh_progress[n] = last;
        if ( ++n > 100000 )
        {
            cont_bad("more than %lu continuations%lu", 100000, 0);
            rc = -EDEADLK;
            break;
        }
    }
    if ( conts )
        *conts = n;
    return rc;
}

void mh_acq_write(bool compat, const struct mh_acq *a)
{
    struct domain *cd = current->domain;

    if ( compat )
    {
        struct compat_mem_acquire_resource x = {
            .domid = a->domid, .type = a->type, .id = a->id,
            .nr_frames = a->nr_frames, .pad = a->pad, .frame = a->frame,
            .frame_list = (compat_handle_t)a->list,
        };

        memcpy(fake_gmem(cd, MH_ARG_VA, sizeof(x)), &x, sizeof(x));
    }
    else
    {
        struct xen_mem_acquire_resource x = {
            .domid = a->domid, .type = a->type, .id = a->id,
            .nr_frames = a->nr_frames, .pad = a->pad, .frame = a->frame,
        };

        x.frame_list.p = (xen_pfn_t *)(uintptr_t)a->list;
        memcpy(fake_gmem(cd, MH_ARG_VA, sizeof(x)), &x, sizeof(x));
    }
}

long mh_acquire(bool compat, const struct mh_acq *a, unsigned int *conts)
{
    mh_acq_write(compat, a);
    return mh_memory_op(compat, XENMEM_acquire_resource, MH_ARG_VA, conts);
}

uint32_t mh_acq_nr_frames(bool compat)
{
    uint32_t nr;

    (void)compat;   /* the same offset in both layouts */
    memcpy(&nr, fake_gmem(current->domain, MH_ARG_VA +
                          offsetof(struct xen_mem_acquire_resource, nr_frames),
                          4), 4);
    return nr;
}

void mh_list_put(bool compat, uint64_t va, unsigned int i, uint64_t val)
{
    struct domain *cd = current->domain;

    if ( compat )
    {
        uint32_t v = val;

        memcpy(fake_gmem(cd, va + 4ULL * i, 4), &v, 4);
    }
    else
        memcpy(fake_gmem(cd, va + 8ULL * i, 8), &val, 8);
}

uint64_t mh_list_get(bool compat, uint64_t va, unsigned int i)
{
    struct domain *cd = current->domain;
    uint64_t v = 0;

    memcpy(&v, fake_gmem(cd, va + (compat ? 4ULL : 8ULL) * i, compat ? 4 : 8),
           compat ? 4 : 8);
    return v;
}

void mh_list_seq(bool compat, uint64_t va, unsigned int n, uint64_t gfn0)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
        mh_list_put(compat, va, i, gfn0 + i);
}

long mh_remove(bool compat, domid_t domid, uint64_t gfn)
{
    struct domain *cd = current->domain;

    if ( compat )
    {
        struct compat_remove_from_physmap x = { .domid = domid, .gpfn = gfn };

        memcpy(fake_gmem(cd, MH_ARG2_VA, sizeof(x)), &x, sizeof(x));
    }
    else
    {
        struct xen_remove_from_physmap x = { .domid = domid, .gpfn = gfn };

        memcpy(fake_gmem(cd, MH_ARG2_VA, sizeof(x)), &x, sizeof(x));
    }
    return mh_memory_op(compat, XENMEM_remove_from_physmap, MH_ARG2_VA, NULL);
}

long mh_add(bool compat, domid_t domid, unsigned int space, uint64_t idx,
            uint64_t gfn)
{
    struct domain *cd = current->domain;

    if ( compat )
    {
        struct compat_add_to_physmap x = {
            .domid = domid, .space = space, .idx = idx, .gpfn = gfn,
        };

        memcpy(fake_gmem(cd, MH_ARG2_VA, sizeof(x)), &x, sizeof(x));
    }
    else
    {
        struct xen_add_to_physmap x = {
            .domid = domid, .space = space, .idx = idx, .gpfn = gfn,
        };

        memcpy(fake_gmem(cd, MH_ARG2_VA, sizeof(x)), &x, sizeof(x));
    }
    return mh_memory_op(compat, XENMEM_add_to_physmap, MH_ARG2_VA, NULL);
}

unsigned long mh_gnttab_mfn(struct domain *d, unsigned int id, unsigned int i)
{
    struct grant_table *gt = d->grant_table;
    struct page_info *pg;

    if ( id == 0 )
        pg = i < gt->nr_frames ? gt->shared[i] : NULL;
    else
        pg = i < gt->nr_status ? gt->status[i] : NULL;
    return pg ? mfn_x(page_to_mfn(pg)) : ~0UL;
}

unsigned int mh_gnttab_version(struct domain *d)
{
    return d->grant_table->version;
}

unsigned int mh_count(unsigned long mfn)
{
    return mfn_to_page(_mfn(mfn))->count;
}

unsigned long mh_p2m(struct domain *d, unsigned long gfn, p2m_type_t *t)
{
    return mfn_x(p2m_get_entry(d, _gfn(gfn), t));
}

unsigned long mh_check_counts(void)
{
    unsigned long nr = max_page - fake_mfn_base(), i, bad = 0;
    uint32_t *refs = calloc(nr, sizeof(*refs));
    struct domain *d;

    for ( d = domain_first(); d; d = d->next_in_list )
        for ( i = 0; i < d->arch.p2m.nr; i++ )
            if ( p2m_is_foreign_ref(d->arch.p2m.e[i].type) )
                refs[d->arch.p2m.e[i].mfn - fake_mfn_base()]++;
    for ( i = 0; i < nr; i++ )
    {
        struct page_info *pg = mfn_to_page(_mfn(fake_mfn_base() + i));
        bool ok;

        if ( pg->type != PGT_domain )
            ok = refs[i] == 0;
        else if ( pg->owner->state == DOMSTATE_dying )
            ok = pg->count == refs[i];
        else
            ok = pg->count == refs[i] || pg->count == refs[i] + 1;
        if ( !ok && bad++ < 4 )
            fprintf(stderr, "mh_check_counts: mfn %#lx type %u count %u, "
                    "%u P2M refs\n", fake_mfn_base() + i, pg->type,
                    pg->count, refs[i]);
    }
    free(refs);
    return bad;
}

long mh_grant_op(bool compat, unsigned int cmd, uint64_t uop_va,
                 unsigned int count, unsigned int *conts)
{
    unsigned long c = cmd, a = uop_va, n = count;
    unsigned int k = 0;
    long rc;

    for ( ;; )
    {
        struct hypercall_continuation *av = &current->cont;

        av->active = false;
        rc = compat ? compat_grant_table_op(c, guest_ptr(a), n)
                    : do_grant_table_op(c, guest_ptr(a), n);
        if ( !av->active )
            break;
        if ( rc != __HYPERVISOR_grant_table_op || av->nargs != 3 ||
             av->args[0] != cmd || av->args[2] >= n ||
             av->args[1] <= a )
            cont_bad("bad grant_table_op continuation (rc %lu, left %lu)",
                     rc, av->args[2]);
        a = av->args[1];
        n = av->args[2];
        if ( ++k > 100000 )
        {
            rc = -EDEADLK;
            break;
        }
    }
    if ( conts )
        *conts = k;
    return rc;
}

static void *grant_entry(struct domain *d, grant_ref_t ref)
{
    struct grant_table *gt = d->grant_table;
    unsigned int per = gnttab_per_frame(gt);

    return (uint8_t *)page_to_virt(gt->shared[ref / per]) +
           (ref % per) * (PAGE_SIZE / per);
}

void mh_grant(struct domain *granter, grant_ref_t ref, uint16_t flags,
              domid_t grantee, uint64_t frame)
{
    if ( granter->grant_table->version == 2 )
    {
        grant_entry_v2_t *e = grant_entry(granter, ref);

        e->hdr.domid = grantee;
        e->full_page.frame = frame;
        e->hdr.flags = flags;
    }
    else
    {
        grant_entry_v1_t *e = grant_entry(granter, ref);

        e->domid = grantee;
        e->frame = frame;
        e->flags = flags;
    }
}

uint16_t mh_grant_flags(struct domain *granter, grant_ref_t ref)
{
    return *(uint16_t *)grant_entry(granter, ref);
}

uint16_t mh_grant_status(struct domain *granter, grant_ref_t ref)
{
    struct grant_table *gt = granter->grant_table;
    grant_status_t *st;

    if ( gt->version == 1 )
        return mh_grant_flags(granter, ref) & (GTF_reading | GTF_writing);
    st = page_to_virt(gt->status[ref / GNTTAB_STATUS_PER_FRAME]);
    return st[ref % GNTTAB_STATUS_PER_FRAME];
}

#define MH_GNT_VA 0x1c00UL

int16_t mh_map_grant(domid_t dom, grant_ref_t ref, uint32_t flags,
                     uint64_t host_gfn, grant_handle_t *handle)
{
    struct gnttab_map_grant_ref op = {
        .host_addr = host_gfn << PAGE_SHIFT, .flags = flags, .ref = ref,
        .dom = dom, .status = 99,
    };
    long rc;

    memcpy(fake_gmem(current->domain, MH_GNT_VA, sizeof(op)), &op, sizeof(op));
    rc = mh_grant_op(false, GNTTABOP_map_grant_ref, MH_GNT_VA, 1, NULL);
    memcpy(&op, fake_gmem(current->domain, MH_GNT_VA, sizeof(op)), sizeof(op));
    if ( handle )
        *handle = op.handle;
    return rc ? 100 + rc : op.status;
}

int16_t mh_unmap_grant(grant_handle_t handle, uint64_t host_gfn)
{
    struct gnttab_unmap_grant_ref op = {
        .host_addr = host_gfn << PAGE_SHIFT, .handle = handle, .status = 99,
    };
    long rc;

    memcpy(fake_gmem(current->domain, MH_GNT_VA, sizeof(op)), &op, sizeof(op));
    rc = mh_grant_op(false, GNTTABOP_unmap_grant_ref, MH_GNT_VA, 1, NULL);
    memcpy(&op, fake_gmem(current->domain, MH_GNT_VA, sizeof(op)), sizeof(op));
    return rc ? 100 + rc : op.status;
}
