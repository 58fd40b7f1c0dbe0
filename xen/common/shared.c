/*
 * Where shared_info and vcpu_info fields are, for the width the guest
 * latched (see <xen/shared.h>).
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/vcpu_time.h>

bool shinfo_is_32bit(const struct domain *d)
{
    return d->shinfo_32bit;
}

void shinfo_latch_width(struct domain *d, bool guest_is_64bit)
{
    d->shinfo_32bit = !guest_is_64bit;
    /* As Xen: the wall clock moves with the layout (a 32-bit guest finds
     * it at another offset); the rest of shared_info is not converted. */
    update_domain_wallclock_time(d);
}

uint8_t *shared_info_va(const struct domain *d)
{
    return page_to_virt(d->shared_info);
}

unsigned int shinfo_word_bits(const struct domain *d)
{
    return shinfo_is_32bit(d) ? 32 : 64;
}

unsigned int shinfo_evtchn_mask_offset(const struct domain *d)
{
    /* evtchn_pending holds word_bits words of word_bits bits. */
    return SHINFO_EVTCHN_PENDING +
           shinfo_word_bits(d) * shinfo_word_bits(d) / 8;
}

uint8_t *vcpu_info_va(const struct vcpu *v)
{
    const struct vcpu_info_area *a = &v->vcpu_info_area;

    if ( a->page )              /* VCPUOP_register_vcpu_info */
        return (uint8_t *)page_to_virt(a->page) + a->offset;
    return shared_info_va(v->domain) + 64 * v->vcpu_id;
}

unsigned int vcpu_info_pending_sel_offset(const struct domain *d)
{
    return shinfo_is_32bit(d) ? 4 : 8;
}

bool vcpu_upcall_pending(const struct vcpu *v)
{
    return *(volatile uint8_t *)(vcpu_info_va(v) + VCPU_INFO_UPCALL_PENDING);
}
