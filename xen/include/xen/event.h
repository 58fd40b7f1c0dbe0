/*
 * Event channels: the hypervisor's side of EVTCHNOP_* (common/
 * event_channel*.c) and how the rest of the hypervisor raises events.
 *
 * A port is a small integer naming one end of a channel in its domain.
 * Port 0 is reserved.  A channel is free, unbound (waiting for a given
 * remote domain to bind), interdomain (connected to a port of another,
 * or the same, domain), a VIRQ (raised by the hypervisor), or an IPI
 * (raised by the domain to one of its own vCPUs).  Raising an event sets
 * the port pending in the domain's event ABI (2-level bitmaps in
 * shared_info, or the FIFO queues), and, if it is not masked, marks an
 * upcall pending on the vCPU the port notifies: the arch then delivers
 * the upcall vector and wakes the vCPU.
 *
 * A channel whose local end is consumed by Xen (an ioreq server's
 * per-vCPU channel) calls a hypervisor function instead of going to the
 * guest, and the guest cannot close, send on, rebind or query it.
 *
 * Locking: one CPU today; every channel change is made by the CPU that
 * handles the hypercall.  Once there are more, each domain gets an event
 * lock (two domains: lower id first), and the pending/mask words, which
 * the guest writes concurrently, are only changed with atomic bit
 * operations (already the case).
 */
#ifndef XEN_EVENT_H
#define XEN_EVENT_H

#include <xen/types.h>
#include <public/event_channel.h>

struct domain;
struct vcpu;

enum evtchn_state {
    ECS_FREE,
    ECS_RESERVED,           /* port 0 */
    ECS_UNBOUND,
    ECS_INTERDOMAIN,
    ECS_VIRQ,
    ECS_IPI,
};

/* A hypervisor function that consumes the local end of a channel. */
typedef void (*evtchn_xen_fn_t)(struct vcpu *v, evtchn_port_t port);

struct evtchn {
    evtchn_port_t port;
    uint8_t state;                  /* enum evtchn_state */
    uint8_t priority;               /* FIFO: 0 (highest) .. 15 */
    uint16_t notify_vcpu_id;
    evtchn_xen_fn_t xen_consumer;   /* NULL: the guest consumes it */
    union {
        domid_t unbound_remote;     /* ECS_UNBOUND: who may bind */
        struct {
            struct domain *dom;     /* valid while the channel is bound */
            evtchn_port_t port;
        } remote;                   /* ECS_INTERDOMAIN */
        uint32_t virq;              /* ECS_VIRQ */
    } u;
    uint32_t flask_sid;             /* FLASK's label of the channel */
    /* FIFO ABI (event_fifo.c): where the event was last queued, and a
     * raise that waits for its word's page. */
    uint16_t fifo_last_vcpu_id;
    uint8_t fifo_last_priority;
    bool fifo_pending;
};

/* How a domain's events reach it: 2-level or FIFO (one set of ops). */
struct evtchn_abi {
    const char *name;
    unsigned int (*max_ports)(const struct domain *d);
    void (*set_pending)(struct vcpu *v, struct evtchn *chn);
    void (*clear_pending)(struct domain *d, struct evtchn *chn);
    void (*unmask)(struct domain *d, struct evtchn *chn);
    bool (*is_pending)(const struct domain *d, const struct evtchn *chn);
    bool (*is_masked)(const struct domain *d, const struct evtchn *chn);
    /* Optional: a port the ABI still uses may not be reallocated. */
    bool (*is_busy)(const struct domain *d, const struct evtchn *chn);
    /* Optional (FIFO only): -ENOSYS without it. */
    int (*set_priority)(struct evtchn *chn, unsigned int priority);
};

#define EVTCHNS_PER_BUCKET 64
#define EVTCHN_DEFAULT_MAX_PORT 1023    /* xl's max_event_channels - 1 */

/* Per-domain event-channel state (struct domain's `evtchn`). */
struct evtchn_domain {
    struct evtchn **buckets;        /* [nr_buckets], allocated on demand */
    unsigned int nr_buckets;
    unsigned int max_port;          /* highest port this domain may use */
    unsigned int active;            /* ports not free (port 0 excluded) */
    unsigned int xen_ports;         /* of which consumed by the hypervisor */
    evtchn_port_t reset_next;       /* EVTCHNOP_reset's continuation */
    const struct evtchn_abi *abi;
    struct evtchn_fifo_domain *fifo;  /* FIFO ABI state, or NULL */
};

/* Per-vCPU: its VIRQ bindings and what SCHEDOP_poll waits for. */
struct evtchn_vcpu {
    evtchn_port_t virq_to_port[NR_VIRQS];
    bool polling;
    evtchn_port_t poll_port;        /* 0: any of the polled set */
    struct evtchn_fifo_vcpu *fifo;
};

/* Life cycle: max_port 0 means EVTCHN_DEFAULT_MAX_PORT. */
int evtchn_domain_init(struct domain *d, unsigned int max_port);
/* Close every port (remote ends become unbound) and free the table. */
void evtchn_domain_destroy(struct domain *d);

/* The channel at port, or NULL if port was never allocated. */
struct evtchn *evtchn_from_port(const struct domain *d, evtchn_port_t port);

/* The hypercall's operations, after the arguments are copied in. */
int evtchn_alloc_unbound(struct evtchn_alloc_unbound *a);
int evtchn_bind_interdomain(struct evtchn_bind_interdomain *b);
int evtchn_bind_virq(struct evtchn_bind_virq *b);
int evtchn_bind_ipi(struct evtchn_bind_ipi *b);
int evtchn_close(struct domain *d, evtchn_port_t port, bool by_guest);
int evtchn_send(struct domain *d, evtchn_port_t port);
int evtchn_status(struct evtchn_status *s);
int evtchn_bind_vcpu(evtchn_port_t port, unsigned int vcpu_id);
int evtchn_unmask(evtchn_port_t port);
/* -ERESTART: call again with resuming set (EVTCHNOP_reset_cont). */
int evtchn_reset(struct domain *d, bool resuming);

/* Raise a per-vCPU VIRQ (timer, debug) or a domain-wide one on vCPU 0. */
void send_guest_vcpu_virq(struct vcpu *v, uint32_t virq);
void send_guest_global_virq(struct domain *d, uint32_t virq);
bool virq_is_global(uint32_t virq);

/*
 * Channels consumed by the hypervisor (ioreq servers): an unbound port
 * of ld, for remote to bind, whose notifications call fn; and raising
 * the remote end of such a port.
 */
int evtchn_alloc_xen_port(struct domain *ld, unsigned int vcpu_id,
                          domid_t remote, evtchn_xen_fn_t fn);
void evtchn_free_xen_port(struct domain *ld, evtchn_port_t port);
void evtchn_notify_remote(struct domain *ld, evtchn_port_t port);

/* SCHEDOP_poll support: is port pending, and wake pollers of port. */
bool evtchn_port_is_pending(struct domain *d, evtchn_port_t port);
void evtchn_check_pollers(struct domain *d, evtchn_port_t port);

/* The ABIs (event_2l.c, event_fifo.c). */
extern const struct evtchn_abi evtchn_abi_2l;
extern const struct evtchn_abi evtchn_abi_fifo;
int evtchn_fifo_init_control(struct evtchn_init_control *c);
int evtchn_fifo_expand_array(const struct evtchn_expand_array *e);
int evtchn_set_priority(const struct evtchn_set_priority *p);
void evtchn_fifo_destroy(struct domain *d);

/*
 * The arch raises the upcall: vcpu_info's evtchn_upcall_pending is set
 * (common code did that); deliver the vector and wake v if it sleeps.
 */
void arch_evtchn_upcall(struct vcpu *v);

/* Mark an upcall pending on v and, if it was not, ask the arch for it. */
void vcpu_mark_events_pending(struct vcpu *v);

#endif /* XEN_EVENT_H */
