/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels from a test guest (fw/upcall.c): the shared_info page
 * mapped at SHINFO_GFN, an upcall vector whose handler scans the
 * 2-level bitmaps as a Xen guest kernel does and counts events per
 * port, and thin wrappers of the EVTCHNOP_* calls.
 */
#ifndef GUEST_EVENTS_H
#define GUEST_EVENTS_H

#include "guest.h"
#include "public/event_channel.h"
#include "public/hvm/hvm_op.h"
#include "public/hvm/params.h"

#define SHINFO_GFN     0x24000UL   /* clear of resmap.h's gfns */
#define UPCALL_VECTOR  0xf3
#define EVENTS_COUNTED 128      /* ports whose events are counted */

extern struct shared_info *shinfo;
/* Events the handler saw per port, and upcalls taken. */
extern volatile unsigned int event_count[EVENTS_COUNTED];
extern volatile unsigned int upcall_count;

/* Map shared_info and route upcalls to UPCALL_VECTOR, either through
 * HVM_PARAM_CALLBACK_IRQ (per_vcpu false) or the per-vCPU vector. */
long events_init(bool per_vcpu);
/* Switch to the FIFO ABI: control block and one event-array page (1024
 * ports) in these gfns (guest RAM); events_fifo_off() after a reset. */
long events_use_fifo(unsigned long cb_gfn, unsigned long array_gfn);
void events_fifo_off(void);
/* Interrupts on (the upcall can be taken), and off. */
static inline void irq_enable(void) { asm volatile ("sti" ::: "memory"); }
static inline void irq_disable(void) { asm volatile ("cli" ::: "memory"); }
/*
 * Sleep with interrupts on until something (an upcall, a tick) happens;
 * interrupts are off again on return.  Call it with interrupts off, after
 * finding there is nothing to do: an upcall taken between that look and
 * the HLT would be spent before it, and the HLT would wait for the next
 * one, maybe forever.  With interrupts off the event stays pending, and
 * STI's shadow lets it in only once the CPU halts (which it ends).
 */
static inline void wait_for_interrupt(void)
{
    asm volatile ("sti; hlt; cli" ::: "memory");
}

void port_mask(evtchn_port_t port, bool masked);
bool port_pending(evtchn_port_t port);

static inline long evtchn_op(unsigned int cmd, void *arg)
{
    return hypercall_event_channel_op(cmd, arg);
}
long evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port);
long evtchn_bind_interdomain(domid_t rdom, evtchn_port_t rport,
                             evtchn_port_t *lport);
long evtchn_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port);
long evtchn_bind_ipi(uint32_t vcpu, evtchn_port_t *port);
long evtchn_send(evtchn_port_t port);
long evtchn_close(evtchn_port_t port);
long evtchn_unmask(evtchn_port_t port);
long evtchn_status(domid_t dom, evtchn_port_t port, struct evtchn_status *s);

#endif /* GUEST_EVENTS_H */
