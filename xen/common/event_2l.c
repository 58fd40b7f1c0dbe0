/*
 * The 2-level event ABI: one pending and one mask bit per port in
 * shared_info, and in each vcpu_info a selector with one bit per word of
 * pending bits plus the upcall-pending flag.  The guest scans selector,
 * then words.  Port limit: 64 x 64 ports for a 64-bit guest, 32 x 32
 * for a 32-bit one (the width latched in shared_info, <xen/shared.h>).
 *
 * The order of the bit operations is what makes the protocol race-free
 * against a guest clearing bits on another CPU: pending first, then
 * (if unmasked) the selector, then the upcall.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <xen/bitops.h>
#include <xen/shared.h>

static uint8_t *pending_bits(const struct domain *d)
{
    return shared_info_va(d) + SHINFO_EVTCHN_PENDING;
}

static uint8_t *mask_bits(const struct domain *d)
{
    return shared_info_va(d) + shinfo_evtchn_mask_offset(d);
}

/* Set port's selector bit in v's vcpu_info; true if it was clear. */
static bool select_word(struct vcpu *v, evtchn_port_t port)
{
    uint8_t *sel = vcpu_info_va(v) + vcpu_info_pending_sel_offset(v->domain);

    return !test_and_set_bit(port / shinfo_word_bits(v->domain), sel);
}

static unsigned int max_ports_2l(const struct domain *d)
{
    return shinfo_word_bits(d) * shinfo_word_bits(d);
}

static void set_pending_2l(struct vcpu *v, struct evtchn *chn)
{
    struct domain *d = v->domain;

    if ( test_and_set_bit(chn->port, pending_bits(d)) )
        return;
    if ( !test_bit(chn->port, mask_bits(d)) && select_word(v, chn->port) )
        vcpu_mark_events_pending(v);
    evtchn_check_pollers(d, chn->port);
}

static void clear_pending_2l(struct domain *d, struct evtchn *chn)
{
    clear_bit(chn->port, pending_bits(d));
}

static void unmask_2l(struct domain *d, struct evtchn *chn)
{
    struct vcpu *v = d->vcpu[chn->notify_vcpu_id];

    if ( v && test_and_clear_bit(chn->port, mask_bits(d)) &&
         test_bit(chn->port, pending_bits(d)) && select_word(v, chn->port) )
        vcpu_mark_events_pending(v);
}

static bool is_pending_2l(const struct domain *d, const struct evtchn *chn)
{
    return chn->port < max_ports_2l(d) && test_bit(chn->port, pending_bits(d));
}

static bool is_masked_2l(const struct domain *d, const struct evtchn *chn)
{
    return chn->port >= max_ports_2l(d) || test_bit(chn->port, mask_bits(d));
}

const struct evtchn_abi evtchn_abi_2l = {
    .name = "2-level",
    .max_ports = max_ports_2l,
    .set_pending = set_pending_2l,
    .clear_pending = clear_pending_2l,
    .unmask = unmask_2l,
    .is_pending = is_pending_2l,
    .is_masked = is_masked_2l,
};
