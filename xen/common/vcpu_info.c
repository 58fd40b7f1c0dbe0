/*
 * VCPUOP_register_vcpu_info: a vCPU's vcpu_info moves from its
 * shared_info slot into a page of the guest's, once.  Xen 4.17's
 * answers: an offset past PAGE_SIZE - 64, or not aligned for the
 * domain's layout (8 bytes, 4 for a 32-bit shared_info), -ENXIO; a
 * vcpu_info already moved, or a frame that is not the guest's page,
 * -EINVAL.  The old contents are copied over and every event is marked
 * pending, so that nothing raised meanwhile is lost (the guest gets a
 * spurious upcall, which it must tolerate).
 *
 * Only the guest's own RAM qualifies here: Xen also takes other pages
 * the domain owns (its shared_info or grant frames), which nobody has a
 * use for.  The page stays the guest's; the hypervisor holds a reference
 * until the domain is torn down.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/event.h>
#include <xen/vcpu_time.h>
#include <asm/p2m.h>

#define VCPU_INFO_SIZE 64


/* Every selector bit set, in the layout's width. */
static void mark_all_pending(struct vcpu *v)
{
    uint8_t *sel = vcpu_info_va(v) + vcpu_info_pending_sel_offset(v->domain);

    if ( shinfo_is_32bit(v->domain) )
        __atomic_store_n((uint32_t *)sel, ~0u, __ATOMIC_SEQ_CST);
    else
        __atomic_store_n((uint64_t *)sel, ~0ULL, __ATOMIC_SEQ_CST);
    vcpu_mark_events_pending(v);
}

int vcpu_info_map(struct vcpu *v, uint64_t gfn, unsigned int offset)
{
    unsigned int align = shinfo_is_32bit(v->domain) ? 4 : 8;
    struct page_info *pg;
    uint8_t *new;

    if ( offset > PAGE_SIZE - VCPU_INFO_SIZE || (offset & (align - 1)) )
        return -ENXIO;
    if ( v->vcpu_info_area.page )
        return -EINVAL;
    /* Xen also lets a domain move the vcpu_info of its vCPUs that are
     * down; ours are never down. */
    if ( v != current )
        return -EINVAL;
    pg = get_ram_page_ref(v->domain, gfn);
    if ( !pg )
        return -EINVAL;
    new = (uint8_t *)page_to_virt(pg) + offset;
    memcpy(new, vcpu_info_va(v), VCPU_INFO_SIZE);
    v->vcpu_info_area.page = pg;
    v->vcpu_info_area.offset = offset;
    mark_all_pending(v);
    return 0;
}

void vcpu_info_unmap(struct vcpu *v)
{
    struct page_info *pg = v->vcpu_info_area.page;

    if ( !pg )
        return;
    v->vcpu_info_area.page = NULL;
    v->vcpu_info_area.offset = 0;
    put_page(pg);
}
