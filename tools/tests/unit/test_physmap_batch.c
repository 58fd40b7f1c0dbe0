/*
 * XENMEM_add_to_physmap_batch (common/physmap_batch.c), native and
 * compat, answered as Xen 4.17 answers it: the refusals before any entry
 * (progress, structure, gmfn_range, domain, translation, dev_mmio, XSM),
 * each entry's result in errs[] (the foreign domain and page, what the
 * gpfn held before, XSM between the target and the foreign domain, the
 * other spaces), -EFAULT and -EINVAL that stop the call, continuations.
 * A foreign entry holds a page reference: the page outlives its domain
 * while mapped, remove_from_physmap drops it, and every page comes back.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"

#define NR_FRAMES 8192u
#define RAM       64UL
#define IDX_VA    MH_LIST_VA                /* idxs[] */
#define GPFN_VA   (MH_LIST_VA + 0x4000UL)   /* gpfns[] */
#define ERR_VA    (MH_LIST_VA + 0x8000UL)   /* errs[] */
#define G         0x400UL                   /* free gfns of every domain */

static struct domain *d0, *d1, *d2, *dm;
static bool cpt;                            /* this round's caller width */

static const char *nm(const char *what)
{
    static char buf[96];

    snprintf(buf, sizeof(buf), "batch-%s-%s", cpt ? "compat" : "native",
             what);
    return buf;
}

/* The structure at MH_ARG_VA of the current domain. */
static void put_batch(domid_t dom, unsigned int space, unsigned int size,
                      uint16_t extra, uint64_t idxs, uint64_t gpfns,
                      uint64_t errs)
{
    struct domain *cd = current->domain;

    if ( cpt )
    {
        struct compat_add_to_physmap_batch x = {
            .domid = dom, .space = space, .size = size, .u = extra,
            .idxs = idxs, .gpfns = gpfns, .errs = errs,
        };

        memcpy(fake_gmem(cd, MH_ARG_VA, sizeof(x)), &x, sizeof(x));
    }
    else
    {
        struct xen_add_to_physmap_batch x = {
            .domid = dom, .space = space, .size = size,
            .u.foreign_domid = extra,
        };

        x.idxs.p = (xen_ulong_t *)(uintptr_t)idxs;
        x.gpfns.p = (xen_pfn_t *)(uintptr_t)gpfns;
        x.errs.p = (int *)(uintptr_t)errs;
        memcpy(fake_gmem(cd, MH_ARG_VA, sizeof(x)), &x, sizeof(x));
    }
}

static void entry(unsigned int i, uint64_t idx, uint64_t gpfn)
{
    mh_list_put(cpt, IDX_VA, i, idx);
    mh_list_put(cpt, GPFN_VA, i, gpfn);
    memset(fake_gmem(current->domain, ERR_VA + 4 * i, 4), 0x55, 4);
}

static int err(unsigned int i)
{
    int e;

    memcpy(&e, fake_gmem(current->domain, ERR_VA + 4 * i, 4), 4);
    return e;
}

/* The batch of the entries written, continued to the end. */
static long batch(domid_t dom, unsigned int space, unsigned int size,
                  uint16_t extra)
{
    put_batch(dom, space, size, extra, IDX_VA, GPFN_VA, ERR_VA);
    return mh_memory_op(cpt, XENMEM_add_to_physmap_batch, MH_ARG_VA, NULL);
}

/* One entry; its err, or 1000 + the call's answer when that is not 0. */
static long one(domid_t dom, uint16_t foreign, uint64_t idx, uint64_t gpfn)
{
    long rc;

    entry(0, idx, gpfn);
    rc = batch(dom, XENMAPSPACE_gmfn_foreign, 1, foreign);
    return rc ? 1000 + rc : err(0);
}

/* memory_op(batch | progress << 6) issued once, at full width. */
static long raw(unsigned long progress, uint64_t va)
{
    return mh_memory_op_once(cpt, XENMEM_add_to_physmap_batch, progress, va);
}

static p2m_type_t type_at(struct domain *d, unsigned long gfn)
{
    p2m_type_t t;

    mh_p2m(d, gfn, &t);
    return t;
}

static unsigned long mfn_at(struct domain *d, unsigned long gfn)
{
    p2m_type_t t;

    return mh_p2m(d, gfn, &t);
}

/* d's gfn maps what fd has at fgfn, as a foreign entry. */
static bool maps(struct domain *d, unsigned long gfn, struct domain *fd,
                 unsigned long fgfn)
{
    return type_at(d, gfn) == p2m_map_foreign &&
           mfn_at(d, gfn) == mfn_at(fd, fgfn);
}

static void test_refusals(void)
{
    fake_set_current(d0);
    entry(0, 5, G);
    put_batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 1, 1, IDX_VA, GPFN_VA,
              ERR_VA);
    CHECK_EQ(nm("progress-edom"), raw(0x10000, MH_ARG_VA), -EDOM);
    CHECK_EQ(nm("progress-spent"), raw(1, MH_ARG_VA), -EILSEQ);
    CHECK_EQ(nm("progress-beyond"), raw(2, MH_ARG_VA), -EILSEQ);
    CHECK_EQ(nm("progress-edom-unreadable"), raw(0x10000, FAKE_GMEM_HOLE),
             cpt ? -EFAULT : -EDOM);
    CHECK_EQ(nm("unreadable"), raw(0, FAKE_GMEM_HOLE), -EFAULT);
    CHECK(nm("nothing-mapped"), type_at(d0, G) == p2m_invalid);
    CHECK_EQ(nm("size-0"), batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 0, 1),
             0);
    put_batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 0, 1, 0, 0, 0);
    CHECK_EQ(nm("size-0-null-lists"), raw(0, MH_ARG_VA), 0);
    CHECK_EQ(nm("size-0-progress"), raw(1, MH_ARG_VA), -EILSEQ);
    CHECK_EQ(nm("gmfn-range"), batch(77, XENMAPSPACE_gmfn_range, 1, 1),
             -EOPNOTSUPP);
    CHECK_EQ(nm("no-domain"), batch(77, XENMAPSPACE_gmfn_foreign, 1, 1),
             -ESRCH);
    CHECK_EQ(nm("dev-mmio-other"), batch(1, XENMAPSPACE_dev_mmio, 1, 0),
             -EACCES);
    CHECK_EQ(nm("dev-mmio-res0"),
             batch(DOMID_SELF, XENMAPSPACE_dev_mmio, 1, 1), -EOPNOTSUPP);
    CHECK_EQ(nm("dev-mmio-self"),
             batch(DOMID_SELF, XENMAPSPACE_dev_mmio, 1, 0), 0);
    CHECK_EQ(nm("dev-mmio-self-entry"), err(0), -EINVAL);
    fake_set_translated(d2, false);
    CHECK_EQ(nm("untranslated"), batch(2, XENMAPSPACE_gmfn_foreign, 1, 1),
             -EACCES);
    fake_set_translated(d2, true);
    fake_set_current(d1);
    entry(0, 5, G);
    CHECK_EQ(nm("plain-on-other"), batch(2, XENMAPSPACE_gmfn_foreign, 1, 1),
             -EPERM);
    CHECK_EQ(nm("plain-dev-mmio-self"),
             batch(DOMID_SELF, XENMAPSPACE_dev_mmio, 1, 0), -EACCES);
    CHECK(nm("refusals-map-nothing"), type_at(d2, G) == p2m_invalid &&
          type_at(d1, G) == p2m_invalid && type_at(d0, G) == p2m_invalid);
    /* A single add_to_physmap of a foreign page: only the batch can. */
    CHECK_EQ(nm("single-add-foreign"),
             mh_add(cpt, 77, XENMAPSPACE_gmfn_foreign, 5, G), -ENOSYS);
}

/* Entries of every kind in one call: the call answers 0. */
static void test_entries(void)
{
    unsigned long own = RAM - 1 - cpt, before = d0->tot_pages;
    unsigned long ram_mfn = mfn_at(d0, own), d1_mfn = mfn_at(d1, 5);
    unsigned int c5 = mh_count(d1_mfn);

    fake_set_current(d0);
    entry(0, 5, G);                 /* fine */
    entry(1, 0x5000, G + 1);        /* nothing there in d1 */
    /* Beyond any P2M (a 32-bit caller: an fgfn nothing is at). */
    entry(2, cpt ? 0xffffffffUL : 1UL << 40, G + 2);
    /* A gpfn beyond the P2M (a 32-bit caller cannot name one). */
    entry(3, cpt ? 0x7000 : 6, cpt ? G + 3 : 1UL << 40);
    entry(4, 7, own);               /* over d0's own RAM: freed */
    entry(5, 8, G);                 /* over entry 0's mapping */
    entry(6, 9, G + 6);             /* fine */
    unit_log_clear();
    CHECK_EQ(nm("mixed"), batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 7, 1),
             0);
    CHECK(nm("mixed-refusals-logged"),
          unit_log_count("add_to_physmap_batch into d0") >= 1);
    CHECK(nm("mixed-errs"), err(0) == 0 && err(1) == -EINVAL &&
          err(2) == -EINVAL && err(3) == -EINVAL && err(4) == 0 &&
          err(5) == -ENXIO && err(6) == 0);
    CHECK(nm("mixed-mapped"), maps(d0, G, d1, 5) && maps(d0, own, d1, 7) &&
          maps(d0, G + 6, d1, 9) && type_at(d0, G + 1) == p2m_invalid &&
          type_at(d0, G + 2) == p2m_invalid);
    CHECK_EQ(nm("page-ref"), mh_count(d1_mfn), c5 + 1);
    CHECK_EQ(nm("own-ram-freed"), d0->tot_pages, before - 1);
    CHECK(nm("own-ram-page-gone"), mh_count(ram_mfn) == 0);
    CHECK_EQ(nm("counts-mixed"), mh_check_counts(), 0);
    CHECK(nm("unmap"), !mh_remove(cpt, DOMID_SELF, G) &&
          !mh_remove(cpt, DOMID_SELF, own) &&
          !mh_remove(cpt, DOMID_SELF, G + 6));
    CHECK_EQ(nm("page-ref-dropped"), mh_count(d1_mfn), c5);
}

/* The foreign domain and page, and XSM between target and foreign. */
static void test_foreign_answers(void)
{
    grant_handle_t h;
    unsigned long gnt = G + 0x20;

    fake_set_current(d0);
    CHECK_EQ(nm("foreign-none"), one(DOMID_SELF, 77, 5, G), -ESRCH);
    CHECK_EQ(nm("foreign-domid-self"), one(DOMID_SELF, DOMID_SELF, 5, G),
             -ESRCH);
    CHECK_EQ(nm("foreign-caller"), one(DOMID_SELF, 0, 5, G), -EPERM);
    CHECK_EQ(nm("foreign-is-target"), one(1, 1, 5, G), -EINVAL);
    /* d2's physmap: d2 (not the caller) may not map d1 (XSM). */
    CHECK_EQ(nm("target-not-privileged"), one(2, 1, 5, G), -EPERM);
    /* dm's physmap gets d1's page: dm is d1's device model. */
    CHECK_EQ(nm("into-device-model"), one(3, 1, 5, G), 0);
    CHECK(nm("into-device-model-mapped"), maps(dm, G, d1, 5));
    /* A foreign entry of dm is no RAM of dm's to map. */
    CHECK_EQ(nm("foreign-of-foreign"), one(DOMID_SELF, 3, G, G), -EINVAL);
    /* Nor is a grant mapping (d2 maps d1's grant of its gfn 4). */
    fake_set_current(d2);
    mh_grant(d1, 9, GTF_permit_access, 2, 4);
    CHECK_EQ(nm("grant-setup"), mh_map_grant(1, 9, GNTMAP_host_map, gnt, &h),
             GNTST_okay);
    fake_set_current(d0);
    CHECK_EQ(nm("foreign-grant"), one(DOMID_SELF, 2, gnt, G), -EINVAL);
    fake_set_current(d2);
    CHECK_EQ(nm("grant-unmap"), mh_unmap_grant(h, gnt), GNTST_okay);
    /* Over a grant or foreign mapping of the target: -ENXIO, kept. */
    fake_set_current(d0);
    mh_grant(d1, 10, GTF_permit_access, 0, 4);
    CHECK_EQ(nm("grant-setup-d0"),
             mh_map_grant(1, 10, GNTMAP_host_map, gnt, &h), GNTST_okay);
    CHECK_EQ(nm("over-grant"), one(DOMID_SELF, 1, 5, gnt), -ENXIO);
    CHECK_EQ(nm("over-foreign"), one(3, 1, 6, G), -ENXIO);
    CHECK(nm("over-grant-intact"), type_at(d0, gnt) == p2m_grant_map_rw &&
          mfn_at(d0, gnt) == mfn_at(d1, 4) && maps(dm, G, d1, 5));
    CHECK_EQ(nm("grant-unmap-d0"), mh_unmap_grant(h, gnt), GNTST_okay);
    /* The device model maps its target's RAM into itself, no other. */
    fake_set_current(dm);
    CHECK_EQ(nm("dm-self-target"), one(DOMID_SELF, 1, 6, G + 1), 0);
    CHECK_EQ(nm("dm-self-other"), one(DOMID_SELF, 2, 6, G + 2), -EPERM);
    CHECK(nm("dm-unmap"), !mh_remove(cpt, DOMID_SELF, G) &&
          !mh_remove(cpt, DOMID_SELF, G + 1));
    /* A plain domain may change its own physmap but map nobody. */
    fake_set_current(d1);
    CHECK_EQ(nm("plain-self-other"), one(DOMID_SELF, 2, 6, G), -EPERM);
    CHECK_EQ(nm("counts-foreign"), mh_check_counts(), 0);
}

/* The other spaces x86 takes in a batch, and what it says to the rest. */
static void test_other_spaces(void)
{
    unsigned long rp = d0->resource_pages;

    fake_set_current(d0);
    entry(0, 0, G);
    entry(1, 1, G + 1);
    CHECK_EQ(nm("shared-info"), batch(DOMID_SELF, XENMAPSPACE_shared_info, 2,
                                      0), 0);
    CHECK(nm("shared-info-errs"), err(0) == 0 && err(1) == -EINVAL &&
          mfn_at(d0, G) == mfn_x(page_to_mfn(d0->shared_info)));
    /* A foreign page over the shared_info frame: only unhooked. */
    CHECK_EQ(nm("over-shared-info"), one(DOMID_SELF, 1, 5, G), 0);
    CHECK(nm("over-shared-info-kept"), d0->resource_pages == rp &&
          d0->shared_info->count >= 1 && maps(d0, G, d1, 5));
    CHECK(nm("over-shared-info-unmap"), !mh_remove(cpt, DOMID_SELF, G));
    entry(0, 0, G);
    CHECK_EQ(nm("grant-table"), batch(DOMID_SELF, XENMAPSPACE_grant_table, 1,
                                      0), 0);
    CHECK(nm("grant-table-mapped"),
          err(0) == 0 && mfn_at(d0, G) == mh_gnttab_mfn(d0, 0, 0));
    CHECK_EQ(nm("gmfn"), batch(DOMID_SELF, XENMAPSPACE_gmfn, 1, 0), 0);
    CHECK_EQ(nm("gmfn-entry"), err(0), -EOPNOTSUPP);
    CHECK_EQ(nm("unknown-space"), batch(DOMID_SELF, 9, 1, 0), 0);
    CHECK_EQ(nm("unknown-space-entry"), err(0), -EINVAL);
    CHECK(nm("other-unmap"), !mh_remove(cpt, DOMID_SELF, G));
    CHECK_EQ(nm("counts-spaces"), mh_check_counts(), 0);
}

/* Lists that cannot be read or written; native ~0 gpfn. */
static void test_list_faults(void)
{
    unsigned int w = cpt ? 4 : 8;
    uint64_t bad = FAKE_GMEM_HOLE - w;

    fake_set_current(d0);
    /* Entry 0 readable, entry 1 in the hole. */
    mh_list_put(cpt, bad, 0, 5);
    mh_list_put(cpt, GPFN_VA, 0, G);
    mh_list_put(cpt, GPFN_VA, 1, G + 1);
    put_batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 2, 1, bad, GPFN_VA,
              ERR_VA);
    CHECK_EQ(nm("idxs-fault"),
             mh_memory_op(cpt, XENMEM_add_to_physmap_batch, MH_ARG_VA, NULL),
             -EFAULT);
    /* Xen: native entries before it are done; compat reads them first. */
    CHECK(nm("idxs-fault-entry-0"),
          cpt ? type_at(d0, G) == p2m_invalid : maps(d0, G, d1, 5));
    mh_remove(cpt, DOMID_SELF, G);
    entry(0, 5, G);
    entry(1, 6, G + 1);
    put_batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 2, 1, IDX_VA, GPFN_VA,
              FAKE_GMEM_HOLE - 4);
    CHECK_EQ(nm("errs-fault"),
             mh_memory_op(cpt, XENMEM_add_to_physmap_batch, MH_ARG_VA, NULL),
             -EFAULT);
    /* The result of entry 1 could not be written: it is done anyway. */
    CHECK(nm("errs-fault-done"), maps(d0, G, d1, 5) && maps(d0, G + 1, d1, 6));
    mh_remove(cpt, DOMID_SELF, G);
    mh_remove(cpt, DOMID_SELF, G + 1);
    entry(0, 5, G);
    entry(1, 6, cpt ? 0xffffffffUL : ~0UL);
    entry(2, 7, G + 2);
    CHECK_EQ(nm("gpfn-all-ones"),
             batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 3, 1),
             cpt ? 0 : -EINVAL);
    /* Native: the call stops there; compat's ~0 is just a 32-bit gfn. */
    CHECK(nm("gpfn-all-ones-progress"), maps(d0, G, d1, 5) &&
          (cpt ? maps(d0, 0xffffffffUL, d1, 6) && maps(d0, G + 2, d1, 7)
               : type_at(d0, G + 2) == p2m_invalid));
    mh_remove(cpt, DOMID_SELF, G);
    mh_remove(cpt, DOMID_SELF, G + 2);
    mh_remove(cpt, DOMID_SELF, 0xffffffffUL);
    CHECK_EQ(nm("counts-faults"), mh_check_counts(), 0);
}

static void test_continuations(void)
{
    unsigned int i, n = 40, conts = 0;
    bool ok = true;

    fake_set_current(d0);
    for ( i = 0; i < n; i++ )
        entry(i, i % RAM, G + i);
    fake_set_preempt_every(3);
    put_batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, n, 1, IDX_VA, GPFN_VA,
              ERR_VA);
    mh_cont_bad = false;
    CHECK_EQ(nm("long"), mh_memory_op(cpt, XENMEM_add_to_physmap_batch,
                                      MH_ARG_VA, &conts), 0);
    fake_set_preempt_every(0);
    CHECK(nm("long-continued"), conts >= 10 && !mh_cont_bad);
    if ( mh_cont_bad )
        fprintf(stderr, "%s\n", mh_cont_why);
    for ( i = 0; i < n; i++ )
        ok = ok && err(i) == 0 && maps(d0, G + i, d1, i % RAM);
    CHECK(nm("long-all-mapped"), ok);
    for ( i = 0; i < n; i++ )
        mh_remove(cpt, DOMID_SELF, G + i);
    CHECK_EQ(nm("long-all-unmapped"), d0->arch.p2m.nr_foreign, 0);
}

/* d0 maps d2's page, d2 goes; the page stays until it is unmapped. */
static void test_destroyed_while_mapped(void)
{
    struct domain *d4 = mh_domain(4, false, -1, 1, 8);
    unsigned long mfn, free_before;

    CHECK(nm("peer"), d4 != NULL);
    if ( !d4 )
        return;
    fake_set_current(d0);
    mfn = mfn_at(d4, 3);
    memcpy(page_to_virt(mfn_to_page(_mfn(mfn))), "peer data", 10);
    CHECK_EQ(nm("peer-map"), one(DOMID_SELF, 4, 3, G), 0);
    mh_destroy(d4);
    fake_set_current(d0);
    CHECK(nm("peer-gone"), !domain_lookup(4));
    CHECK(nm("peer-page-kept"), mh_count(mfn) == 1 &&
          type_at(d0, G) == p2m_map_foreign && mfn_at(d0, G) == mfn &&
          !strcmp(page_to_virt(mfn_to_page(_mfn(mfn))), "peer data"));
    CHECK_EQ(nm("peer-after"), one(DOMID_SELF, 4, 3, G + 1), -ESRCH);
    CHECK_EQ(nm("peer-counts"), mh_check_counts(), 0);
    free_before = total_free_pages();
    CHECK_EQ(nm("peer-unmap"), mh_remove(cpt, DOMID_SELF, G), 0);
    CHECK(nm("peer-page-freed"), total_free_pages() > free_before);
}

int main(void)
{
    unsigned long baseline;

    fake_machine_init(NR_FRAMES, 0);
    baseline = total_free_pages();
    d0 = mh_domain(0, true, -1, 4, RAM);
    d1 = mh_domain(1, false, -1, 4, RAM);
    d2 = mh_domain(2, false, -1, 4, RAM);
    dm = mh_domain(3, false, 1, 4, 16);
    CHECK("batch-domains", d0 && d1 && d2 && dm);
    if ( !(d0 && d1 && d2 && dm) )
        return unit_done();

    for ( int c = 0; c < 2; c++ )
    {
        cpt = c;
        test_refusals();
        test_entries();
        test_foreign_answers();
        test_other_spaces();
        test_list_faults();
        test_continuations();
        test_destroyed_while_mapped();
    }
    CHECK_EQ("batch-counts-consistent", mh_check_counts(), 0);
    mh_destroy_all();
    CHECK_EQ("batch-pages-back", total_free_pages(), baseline);
    CHECK_EQ("batch-no-leaks", fake_xmalloc_live(), 0);
    return unit_done();
}
