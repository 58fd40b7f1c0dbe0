/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels in a test guest (include/events.h).  events_init()
 * adds the upcall gate to the IDT of fw/traps.c.  The per-vCPU upcall
 * vector is an interrupt for the local APIC, as on Xen: the APIC must be
 * software-enabled for it, and each upcall ends with an EOI (as Linux's
 * handler does); the callback vector needs neither.
 */
#include "guest.h"
#include "events.h"
#include "resmap.h"
#include "lapic.h"

struct shared_info *shinfo;
volatile unsigned int event_count[EVENTS_COUNTED];
volatile unsigned int upcall_count;

/* FIFO ABI state (events_use_fifo()): control block, one array page,
 * and the head of each queue as we have consumed it. */
static bool fifo;
static volatile evtchn_fifo_control_block_t *fifo_cb;
static volatile event_word_t *fifo_words;
static uint32_t fifo_head[EVTCHN_FIFO_MAX_QUEUES];
static bool upcall_eoi;                 /* the per-vCPU vector: EOI it */

extern void upcall_entry(void);

long events_init(bool per_vcpu)
{
    long rc = add_to_physmap(XENMAPSPACE_shared_info, 0, SHINFO_GFN);

    if ( rc )
        return rc;
    shinfo = gfn_ptr(SHINFO_GFN);
    idt_set_gate(UPCALL_VECTOR, (unsigned long)upcall_entry);
    upcall_eoi = per_vcpu;
    if ( per_vcpu )
    {
        struct xen_hvm_evtchn_upcall_vector u = { .vcpu = 0,
                                                  .vector = UPCALL_VECTOR };

        lapic_sw_enable();
        return hypercall_hvm_op(HVMOP_set_evtchn_upcall_vector, &u);
    }
    else
    {
        struct xen_hvm_param p = {
            .domid = DOMID_SELF, .index = HVM_PARAM_CALLBACK_IRQ,
            .value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) |
                     UPCALL_VECTOR,
        };

        return hypercall_hvm_op(HVMOP_set_param, &p);
    }
}

static void count_event(unsigned int port)
{
    if ( port < EVENTS_COUNTED )
        event_count[port]++;
}

/* Clear LINKED and LINK of a word atomically; the old LINK. */
static uint32_t fifo_unlink(volatile event_word_t *w)
{
    event_word_t old = *w, new;

    do {
        new = old & ~((1u << EVTCHN_FIFO_LINKED) | EVTCHN_FIFO_LINK_MASK);
    } while ( !__atomic_compare_exchange_n(w, &old, new, false,
                                           __ATOMIC_SEQ_CST,
                                           __ATOMIC_SEQ_CST) );
    return old & EVTCHN_FIFO_LINK_MASK;
}

/* What a Xen guest kernel does with FIFO: highest priority first. */
static void fifo_upcall(void)
{
    uint32_t ready;

    while ( (ready = __atomic_load_n(&fifo_cb->ready, __ATOMIC_SEQ_CST)) )
    {
        unsigned int q = __builtin_ctz(ready);   /* 0 is the highest */
        uint32_t port = fifo_head[q], w;

        if ( !port )
            port = fifo_cb->head[q];
        w = fifo_words[port];
        fifo_head[q] = fifo_unlink(&fifo_words[port]);
        if ( !fifo_head[q] )
            __atomic_fetch_and(&fifo_cb->ready, ~(1u << q), __ATOMIC_SEQ_CST);
        if ( (w & (1u << EVTCHN_FIFO_PENDING)) &&
             !(w & (1u << EVTCHN_FIFO_MASKED)) )
        {
            __atomic_fetch_and(&fifo_words[port],
                               ~(1u << EVTCHN_FIFO_PENDING), __ATOMIC_SEQ_CST);
            count_event(port);
        }
    }
}

long events_use_fifo(unsigned long cb_gfn, unsigned long array_gfn)
{
    struct evtchn_init_control c = { .control_gfn = cb_gfn, .vcpu = 0 };
    struct evtchn_expand_array e = { .array_gfn = array_gfn };
    long rc;

    memset(gfn_ptr(cb_gfn), 0, PAGE_SIZE);
    memset(gfn_ptr(array_gfn), 0, PAGE_SIZE);
    fifo_cb = gfn_ptr(cb_gfn);
    fifo_words = gfn_ptr(array_gfn);
    memset(fifo_head, 0, sizeof(fifo_head));
    rc = evtchn_op(EVTCHNOP_init_control, &c);
    if ( rc )
        return rc;
    fifo = true;
    return evtchn_op(EVTCHNOP_expand_array, &e);
}

void events_fifo_off(void)
{
    fifo = false;
}

/* What a Xen guest kernel's upcall does: selector, then words. */
void upcall_handler(void)
{
    struct vcpu_info *vi = &shinfo->vcpu_info[0];
    unsigned long sel;

    upcall_count++;
    if ( upcall_eoi )
        lapic_eoi();
    vi->evtchn_upcall_pending = 0;
    if ( fifo )
    {
        fifo_upcall();
        return;
    }
    sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    while ( sel )
    {
        unsigned int w = __builtin_ctzl(sel);
        unsigned long bits;

        sel &= sel - 1;
        bits = shinfo->evtchn_pending[w] & ~shinfo->evtchn_mask[w];
        while ( bits )
        {
            unsigned int b = __builtin_ctzl(bits);
            unsigned int port = w * BITS_PER_LONG + b;

            bits &= bits - 1;
            __atomic_fetch_and(&shinfo->evtchn_pending[w], ~(1UL << b),
                               __ATOMIC_SEQ_CST);
            count_event(port);
        }
    }
}

void port_mask(evtchn_port_t port, bool masked)
{
    if ( fifo )
    {
        if ( masked )
            __atomic_fetch_or(&fifo_words[port], 1u << EVTCHN_FIFO_MASKED,
                              __ATOMIC_SEQ_CST);
        else
            __atomic_fetch_and(&fifo_words[port], ~(1u << EVTCHN_FIFO_MASKED),
                               __ATOMIC_SEQ_CST);
        return;
    }
    unsigned long *w = (unsigned long *)&shinfo->evtchn_mask[port /
                                                             BITS_PER_LONG];
    unsigned long m = 1UL << (port % BITS_PER_LONG);

    if ( masked )
        __atomic_fetch_or(w, m, __ATOMIC_SEQ_CST);
    else
        __atomic_fetch_and(w, ~m, __ATOMIC_SEQ_CST);
}

bool port_pending(evtchn_port_t port)
{
    if ( fifo )
        return fifo_words[port] & (1u << EVTCHN_FIFO_PENDING);
    return shinfo->evtchn_pending[port / BITS_PER_LONG] &
           (1UL << (port % BITS_PER_LONG));
}

long evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = remote };
    long rc = evtchn_op(EVTCHNOP_alloc_unbound, &a);

    *port = a.port;
    return rc;
}

long evtchn_bind_interdomain(domid_t rdom, evtchn_port_t rport,
                             evtchn_port_t *lport)
{
    struct evtchn_bind_interdomain b = { .remote_dom = rdom,
                                         .remote_port = rport };
    long rc = evtchn_op(EVTCHNOP_bind_interdomain, &b);

    *lport = b.local_port;
    return rc;
}

long evtchn_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu };
    long rc = evtchn_op(EVTCHNOP_bind_virq, &b);

    *port = b.port;
    return rc;
}

long evtchn_bind_ipi(uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi b = { .vcpu = vcpu };
    long rc = evtchn_op(EVTCHNOP_bind_ipi, &b);

    *port = b.port;
    return rc;
}

long evtchn_send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };

    return evtchn_op(EVTCHNOP_send, &s);
}

long evtchn_close(evtchn_port_t port)
{
    struct evtchn_close c = { .port = port };

    return evtchn_op(EVTCHNOP_close, &c);
}

long evtchn_unmask(evtchn_port_t port)
{
    struct evtchn_unmask u = { .port = port };

    return evtchn_op(EVTCHNOP_unmask, &u);
}

long evtchn_status(domid_t dom, evtchn_port_t port, struct evtchn_status *s)
{
    *s = (struct evtchn_status){ .dom = dom, .port = port };
    return evtchn_op(EVTCHNOP_status, s);
}
