/*
 * Common code built against the ARM stub (xen/include/asm-arm, reached
 * as <asm/...> through a symlink in the build directory): a translated
 * caller's XENMEM_acquire_resource of grant frames fails with
 * -EOPNOTSUPP at the first frame (so never -EIO), through both front
 * ends, takes no page reference and does not continue; the checks before
 * it behave as on x86.  The arch hooks ARM does not have are below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <public/memory.h>
#include <compat/memory.h>
#include "unit.h"
#include "grant_table_private.h"

/* --- What an ARM port would provide ------------------------------------ */
uintptr_t arm_directmap_offset;
extern uint8_t *fake_arena;          /* fake.c: the hosted xmalloc's view */

int arch_domain_create(struct domain *d) { return p2m_init(d); }
int arch_domain_relinquish(struct domain *d, unsigned long *budget)
{
    return p2m_teardown(d, budget);
}
int arch_vcpu_create(struct vcpu *v) { (void)v; return 0; }
void arch_evtchn_upcall(struct vcpu *v) { (void)v; }
void arch_vcpu_destroy(struct vcpu *v) { (void)v; }

/* An empty stage-2: nothing in these tests maps anything. */
int p2m_init(struct domain *d) { d->arch.p2m.root = NULL; return 0; }
int p2m_teardown(struct domain *d, unsigned long *budget)
{
    (void)d; (void)budget;
    return 0;
}
int p2m_set_entry(struct domain *d, gfn_t gfn, mfn_t mfn, p2m_type_t t)
{
    (void)d; (void)gfn; (void)mfn; (void)t;
    return -EOPNOTSUPP;
}
mfn_t p2m_get_entry(struct domain *d, gfn_t gfn, p2m_type_t *t)
{
    (void)d; (void)gfn;
    *t = p2m_invalid;
    return INVALID_MFN;
}
int p2m_remove_entry(struct domain *d, gfn_t gfn)
{
    (void)d; (void)gfn;
    return 0;
}
int p2m_prepare_range(struct domain *d, gfn_t gfn, unsigned long nr)
{
    (void)d; (void)gfn; (void)nr;
    return -EOPNOTSUPP;
}

/* One guest memory for every caller; the first page is unmapped. */
static uint8_t gmem[0x10000];

static uint8_t *grange(uint64_t va, size_t len)
{
    return va >= PAGE_SIZE && va <= sizeof(gmem) && len <= sizeof(gmem) - va
           ? gmem + va : NULL;
}

int copy_from_guest(void *dst, guest_ptr_t src, size_t len)
{
    uint8_t *g = grange(src.va, len);

    if ( len && !g )
        return -EFAULT;
    memcpy(dst, g, len);
    return 0;
}

int copy_to_guest(guest_ptr_t dst, const void *src, size_t len)
{
    uint8_t *g = grange(dst.va, len);

    if ( len && !g )
        return -EFAULT;
    memcpy(g, src, len);
    return 0;
}

static unsigned int continuations;

long hypercall_create_continuation(unsigned int nr, unsigned int nargs,
                                   const unsigned long args[])
{
    (void)nargs; (void)args;
    continuations++;
    return nr;
}

bool hypercall_preempt_check(void) { return false; }

/* --- The tests ---------------------------------------------------------- */
#define ARG 0x1000UL
#define LIST 0x2000UL
#define NR_FRAMES 1024u

static long acquire(bool compat, domid_t domid, uint32_t nr, uint64_t list,
                    uint32_t pad)
{
    unsigned int i;

    for ( i = 0; i < nr && i < 64; i++ )
    {
        uint64_t gfn = 0x100 + i;

        memcpy(gmem + list + i * (compat ? 4 : 8), &gfn, compat ? 4 : 8);
    }
    if ( compat )
    {
        struct compat_mem_acquire_resource x = {
            .domid = domid, .type = XENMEM_resource_grant_table,
            .nr_frames = nr, .pad = pad, .frame_list = list,
        };

        memcpy(gmem + ARG, &x, sizeof(x));
        return compat_memory_op(XENMEM_acquire_resource, guest_ptr(ARG));
    }
    else
    {
        struct xen_mem_acquire_resource x = {
            .domid = domid, .type = XENMEM_resource_grant_table,
            .nr_frames = nr, .pad = pad,
        };

        x.frame_list.p = (xen_pfn_t *)(uintptr_t)list;
        memcpy(gmem + ARG, &x, sizeof(x));
        return do_memory_op(XENMEM_acquire_resource, guest_ptr(ARG));
    }
}

static struct domain *new_domain(domid_t id, bool control)
{
    struct domain_config cfg;

    memset(&cfg, 0, sizeof(cfg));
    snprintf(cfg.name, sizeof(cfg.name), "d%u", id);
    cfg.mem_mb = 1;
    cfg.vcpus = 1;
    cfg.role = control ? DOMROLE_CONTROL : DOMROLE_PLAIN;
    cfg.target = -1;
    cfg.gnttab_frames = 4;
    return domain_create(id, &cfg);
}

int main(void)
{
    static struct page_info table[NR_FRAMES];
    uint8_t *arena = aligned_alloc(PAGE_SIZE, (size_t)NR_FRAMES * PAGE_SIZE);
    struct domain *d0, *d1;
    unsigned long baseline, f0;
    bool compat;

    fake_arena = arena;
    arm_directmap_offset = (uintptr_t)arena;
    init_frame_table(table, NR_FRAMES);
    init_heap_pages(_mfn(1), NR_FRAMES - 1);
    baseline = total_free_pages();
    d0 = new_domain(0, true);
    d1 = new_domain(1, false);
    CHECK("arm-setup", d0 && d1 && paging_mode_translate(d0));
    current = d0->vcpu[0];
    f0 = mfn_x(page_to_mfn(d1->grant_table->shared[0]));

    for ( compat = false; ; compat = true )
    {
        const char *w = compat ? "compat" : "native";
        char n[64];
        uint32_t nr;

        snprintf(n, sizeof(n), "arm-%s-acquire-1", w);
        CHECK_EQ(n, acquire(compat, 1, 1, LIST, 0), -EOPNOTSUPP);
        snprintf(n, sizeof(n), "arm-%s-acquire-2-not-eio", w);
        CHECK_EQ(n, acquire(compat, 1, 2, LIST, 0), -EOPNOTSUPP);
        snprintf(n, sizeof(n), "arm-%s-acquire-whole", w);
        CHECK_EQ(n, acquire(compat, 1, 4, LIST, 0), -EOPNOTSUPP);
        snprintf(n, sizeof(n), "arm-%s-no-reference", w);
        CHECK(n, mfn_to_page(_mfn(f0))->count == 1 && d1->refcnt == 1 &&
              continuations == 0);
        snprintf(n, sizeof(n), "arm-%s-size-query", w);
        CHECK_EQ(n, acquire(compat, 1, 0, 0, 0), 0);
        memcpy(&nr, gmem + ARG + 8, 4);
        snprintf(n, sizeof(n), "arm-%s-size-query-value", w);
        CHECK_EQ(n, nr, 4);
        snprintf(n, sizeof(n), "arm-%s-pad", w);
        CHECK_EQ(n, acquire(compat, 1, 1, LIST, 1), -EINVAL);
        snprintf(n, sizeof(n), "arm-%s-self", w);
        CHECK_EQ(n, acquire(compat, DOMID_SELF, 1, LIST, 0), -ESRCH);
        snprintf(n, sizeof(n), "arm-%s-range", w);
        CHECK_EQ(n, acquire(compat, 1, 5, LIST, 0), -EINVAL);
        if ( compat )
            break;
    }

    current = NULL;
    domain_shutdown(d0, 0);
    domain_destroy(d0);
    domain_shutdown(d1, 0);
    domain_destroy(d1);
    while ( domain_destroy_continue() )
        continue;
    CHECK_EQ("arm-pages-back", total_free_pages(), baseline);
    free(arena);
    return unit_done();
}
