/*
 * Domains and virtual CPUs.
 *
 * One physical CPU runs everything: the scheduler, hypercalls and exit
 * handling all happen on it with interrupts off, so no locks are taken yet.
 * Where a lock will go once a second CPU runs, a comment says so.
 */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <xen/types.h>
#include <xen/mm.h>
#include <xen/domain_config.h>
#include <xen/guest_access.h>
#include <public/xen.h>
#include <xen/event.h>
#include <xen/vcpu_time.h>
#include <xen/memmap.h>
#include <asm/domain.h>

#define MAX_VCPUS          1
#define CONSOLE_LINE_MAX   160

struct ioreq_server;

/* Set by hypercall_create_continuation(): re-issue with these arguments. */
struct hypercall_continuation {
    bool active;
    unsigned int nargs;
    unsigned long args[5];
};

struct vcpu {
    struct domain *domain;
    unsigned int vcpu_id;
    bool is_initialised;    /* has a context: may ever be scheduled */
    bool runnable;          /* on the run queue or running */
    bool blocked;           /* SCHEDOP_block: waits for the next wakeup */
    struct vcpu *next_runq;
    struct hypercall_continuation cont;
    struct evtchn_vcpu evtchn;
    /* The ioreq server whose answer this vCPU waits for (ioreq_send.c),
     * and whether that server went away meanwhile. */
    struct ioreq_server *ioreq_server;
    bool ioreq_orphaned;
    /* Timers, runstate, pvclock (xen/vcpu_time.h), and where its
     * vcpu_info lives. */
    struct vcpu_time time;
    struct vcpu_info_area vcpu_info_area;
    /* A domain this vCPU is destroying (domain_kill), referenced. */
    struct domain *destroying;
    struct arch_vcpu arch;
};

enum domain_state {
    DOMSTATE_running,
    DOMSTATE_shutdown,      /* stopped; waiting to be destroyed */
    DOMSTATE_dying,         /* torn down; freed when the last ref goes */
};

struct domain {
    domid_t domain_id;
    char name[32];
    bool is_privileged;             /* the control domain */
    struct domain *target;          /* device model of this domain, or NULL */
    domid_t target_id;              /* as configured; resolved at boot end */
    bool has_target;
    /* FLASK types (xsm/flask/hooks.c; 0 under the dummy module): its
     * label, itself as it sees itself, its target as it (a device model)
     * sees the target. */
    uint32_t flask_type, flask_self_type, flask_target_type;
    enum domain_state state;
    unsigned int controller_pause_count;    /* XEN_DOMCTL_pausedomain */
    uint8_t handle[16];             /* the toolstack's UUID (domctl) */
    unsigned int shutdown_code;     /* SHUTDOWN_* once recorded */
    bool shutdown_code_set;
    const char *crash_reason;       /* why the hypervisor stopped it */
    unsigned long vm_assist;        /* VMASST_TYPE_* bits (vm_assist.c) */

    /* RAM pages this domain owns (each holds one allocation reference). */
    struct page_info *page_list;
    struct page_info *page_tail;
    unsigned long tot_pages;        /* all pages owned */
    unsigned long max_pages;        /* RAM allotment */
    unsigned long resource_pages;   /* owned but outside the allotment */
    unsigned long alloc_pages;      /* pages still holding the owner's ref */
    unsigned long pages_at_death;   /* tot_pages when destroyed */

    /*
     * References that keep this struct alive after destruction: the
     * domain list's own, plus one per foreign mapping of its pages.
     */
    unsigned int refcnt;

    struct grant_table *grant_table;
    struct ioreq_domain *ioreq;     /* ioreq servers (xen/ioreq.h), or NULL */
    struct page_info *shared_info;  /* XENMAPSPACE_shared_info */
    bool shinfo_32bit;              /* latched layout (xen/shared.h) */
    struct evtchn_domain evtchn;    /* event channels (xen/event.h) */
    struct domain_config cfg;
    struct domain_memmap memmap;    /* as built (xen/memmap.h) */
    struct vcpu *vcpu[MAX_VCPUS];
    unsigned int max_vcpus;

    char console_buf[CONSOLE_LINE_MAX];
    unsigned int console_len;

    struct domain *next_in_list;
    struct arch_domain arch;
};

/* What each architecture provides around a domain's and a vCPU's life. */
int arch_domain_create(struct domain *d);
/* Give back what grows with the guest (its P2M), spending *budget;
 * -ERESTART when the budget ran out first. */
int arch_domain_relinquish(struct domain *d, unsigned long *budget);
int arch_vcpu_create(struct vcpu *v);
void arch_vcpu_destroy(struct vcpu *v);

/* The vCPU whose exit or hypercall is being handled. */
extern struct vcpu *current;
#define current_domain() (current->domain)

/* Domain list (common/domain.c). */
struct domain *domain_create(domid_t domid, const struct domain_config *cfg);
struct domain *domain_lookup(domid_t domid);   /* no reference taken */
struct domain *domain_first(void);             /* lowest id first */
unsigned int domain_count(void);
/* XEN_DOMCTL_max_vcpus: create d's vCPUs (not initialised: never run). */
int domain_create_vcpus(struct domain *d);
/*
 * XEN_DOMCTL_destroydomain: stop d (if it runs), destroy it (it leaves
 * the list), then give its memory back a budget at a time.  -ERESTART
 * while some is left: current holds a reference on d (v->destroying)
 * until a later call, with the same d, finds it all given back (by
 * that call or by domain_destroy_continue() meanwhile).  -EINVAL for
 * the caller's own domain.
 */
int domain_kill(struct domain *d);
/* XEN_DOMCTL_pausedomain/unpausedomain: -EOVERFLOW past 255 pauses,
 * -EINVAL unpausing a domain not paused. */
int domain_pause_by_controller(struct domain *d);
int domain_unpause_by_controller(struct domain *d);
/* Make d the device model of target, holding a reference on it. */
int domain_set_target(struct domain *d, struct domain *target);
void get_domain(struct domain *d);
void put_domain(struct domain *d);
/* Stop a domain with a SHUTDOWN_* reason; it is destroyed by the scheduler. */
void domain_shutdown(struct domain *d, unsigned int reason);
/* Stop a domain for something it did wrong; the reason is logged. */
void domain_crash(struct domain *d, const char *why);
/*
 * Destroy a stopped domain: it leaves the domain list at once (lookups
 * fail), gives up what is bounded by its configuration, and is queued
 * for the rest, which domain_destroy_continue() gives back one budgeted
 * step per call, so that destroying a large domain never holds the CPU
 * (XSA-410).  Returns true while destroyed domains still have work left.
 */
void domain_destroy(struct domain *d);
bool domain_destroy_continue(void);
const char *shutdown_reason_name(unsigned int reason);

/*
 * Memory ownership (common/domain_mm.c).  A domain page's count holds the
 * owner's allocation reference plus one per mapping elsewhere; the page is
 * freed, and the owner's struct released, when the count reaches zero.
 */
int domain_populate_ram(struct domain *d, unsigned long nr_pages);
/*
 * XENMEM_populate_physmap's extent: 2^order fresh zeroed pages of d at
 * gfn .. gfn + 2^order - 1, all of them or none.  -EINVAL beyond the
 * P2M, -EBUSY over a foreign or grant mapping (Xen crashes d there),
 * -ENOMEM beyond max_pages (counted before what the extent replaces, as
 * Xen allocates before it maps), or when the heap or d's P2M pool runs
 * short.  RAM the extent lands on is given up, as guest_physmap_add_own.
 */
int domain_populate_extent(struct domain *d, gfn_t gfn, unsigned int order);
/* Drop the owner's reference on each page, spending *budget; -ERESTART
 * when it ran out first. */
int domain_release_ram(struct domain *d, unsigned long *budget);
/* d's own RAM at gfn (not a foreign or grant mapping), with a reference
 * the caller holds; NULL if there is none. */
struct page_info *get_ram_page_ref(struct domain *d, uint64_t gfn);
/* Take a reference on a live page owned by owner; false if it is not. */
bool get_page(struct page_info *pg, const struct domain *owner);
void put_page(struct page_info *pg);
/* A page d owns outside its RAM allotment (grant frames...), zeroed. */
struct page_info *alloc_domain_resource_page(struct domain *d);
/* The owner lets go of a page; it is freed once nobody maps it. */
void put_page_alloc_ref(struct page_info *pg);
/*
 * Map d's own page at gfn.  RAM that was there is given up (freed), as
 * XENMEM_add_to_physmap does in Xen.
 */
int guest_physmap_add_own(struct domain *d, gfn_t gfn, mfn_t mfn);

/* Scheduler (common/schedule.c). */
void sched_add_vcpu(struct vcpu *v);
void sched_remove_vcpu(struct vcpu *v);
struct vcpu *sched_pick_next(void);
void sched_tick(void);                 /* timer interrupt: time slice over */
bool sched_should_preempt(void);
void vcpu_block(struct vcpu *v);
void vcpu_wake(struct vcpu *v);
/* SCHEDOP_poll (sched_poll.c); port_size: the caller's entry stride. */
long sched_poll(guest_ptr_t ports, unsigned int nr_ports, uint64_t timeout,
                size_t port_size);

#endif /* XEN_SCHED_H */
