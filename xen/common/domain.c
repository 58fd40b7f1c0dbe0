/*
 * Domain life cycle: creation from a boot module's configuration,
 * shutdown, destruction, and the reference count that keeps a destroyed
 * domain's struct (and its still-mapped pages) alive until the last
 * foreign mapping goes.
 *
 * Locking: the domain list will need a lock (readers: lookups from
 * hypercalls) once a second CPU runs; today everything runs on one CPU
 * with interrupts off.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/grant_table.h>
#include <xen/ioreq.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <public/sched.h>

struct vcpu *current;
static struct domain *domain_list;
static unsigned int nr_domains;

static const char *const shutdown_names[] = {
    [SHUTDOWN_poweroff] = "poweroff",
    [SHUTDOWN_reboot] = "reboot",
    [SHUTDOWN_suspend] = "suspend",
    [SHUTDOWN_crash] = "crash",
    [SHUTDOWN_watchdog] = "watchdog",
    [SHUTDOWN_soft_reset] = "soft_reset",
};

const char *shutdown_reason_name(unsigned int reason)
{
    if ( reason < ARRAY_SIZE(shutdown_names) && shutdown_names[reason] )
        return shutdown_names[reason];
    return "unknown";
}

static struct vcpu *vcpu_create(struct domain *d, unsigned int id)
{
    struct vcpu *v = xzalloc(struct vcpu);

    if ( !v )
        return NULL;
    v->domain = d;
    v->vcpu_id = id;
    if ( arch_vcpu_create(v) )
    {
        xfree(v);
        return NULL;
    }
    d->vcpu[id] = v;
    return v;
}

static void vcpu_destroy(struct vcpu *v)
{
    if ( v->destroying )
        put_domain(v->destroying);
    sched_remove_vcpu(v);
    arch_vcpu_destroy(v);
    v->domain->vcpu[v->vcpu_id] = NULL;
    xfree(v);
}

static void domain_teardown(struct domain *d);

/* A boot domain's vCPU 0: dom_build gives it its entry context. */
static struct vcpu *boot_vcpu_create(struct domain *d)
{
    struct vcpu *v = vcpu_create(d, 0);

    if ( v )
        v->is_initialised = true;
    return v;
}

int domain_create_vcpus(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
        if ( !d->vcpu[i] && !vcpu_create(d, i) )
            return -ENOMEM;
    return 0;
}

struct domain *domain_create(domid_t domid, const struct domain_config *cfg)
{
    struct domain *d;
    struct domain **tail;

    if ( domid >= DOMID_FIRST_RESERVED || domain_lookup(domid) )
        return NULL;
    d = xzalloc(struct domain);
    if ( !d )
        return NULL;

    d->domain_id = domid;
    d->cfg = *cfg;
    strlcpy(d->name, cfg->name, sizeof(d->name));
    d->is_privileged = cfg->role == DOMROLE_CONTROL;
    d->has_target = cfg->target >= 0;
    d->target_id = d->has_target ? (domid_t)cfg->target : DOMID_INVALID;
    d->max_pages = cfg->mem_mb << (20 - PAGE_SHIFT);
    /* A boot domain starts with what runs; a domctl one gets its own. */
    d->max_vcpus = cfg->runtime ? cfg->vcpus : MAX_VCPUS;
    d->controller_pause_count = cfg->runtime;
    if ( !cfg->runtime && cfg->vcpus > MAX_VCPUS )
        printk("d%u: %u vCPUs asked, %u supported: starting with %u\n",
               domid, cfg->vcpus, MAX_VCPUS, MAX_VCPUS);
    d->refcnt = 1;                      /* the domain list's reference */
    d->state = DOMSTATE_running;

    if ( arch_domain_create(d) )
        goto fail;
    if ( (!cfg->runtime && !boot_vcpu_create(d)) ||
         grant_table_init(d, cfg->gnttab_frames) ||
         !(d->shared_info = alloc_domain_resource_page(d)) ||
         evtchn_domain_init(d, cfg->runtime ? cfg->max_evtchn_port :
                               d->is_privileged ? ~0u : 0) )
    {
        domain_teardown(d);
        goto fail;
    }

    /* In id order, as Xen keeps it: getdomaininfo walks it so. */
    for ( tail = &domain_list; *tail && (*tail)->domain_id < domid;
          tail = &(*tail)->next_in_list )
        ;
    d->next_in_list = *tail;
    *tail = d;
    nr_domains++;
    return d;

 fail:
    xfree(d);
    return NULL;
}

struct domain *domain_lookup(domid_t domid)
{
    struct domain *d;

    for ( d = domain_list; d; d = d->next_in_list )
        if ( d->domain_id == domid )
            return d;
    return NULL;
}

struct domain *domain_first(void)
{
    return domain_list;
}

unsigned int domain_count(void)
{
    return nr_domains;
}

int domain_set_target(struct domain *d, struct domain *target)
{
    if ( !target || target == d || d->target )
        return -EINVAL;
    /* Held until d goes: d->target never names a freed (or reused) struct. */
    get_domain(target);
    d->target = target;
    return 0;
}

void get_domain(struct domain *d)
{
    ASSERT(d->refcnt > 0);
    d->refcnt++;
}

void put_domain(struct domain *d)
{
    ASSERT(d->refcnt > 0);
    if ( --d->refcnt )
        return;
    ASSERT(d->state == DOMSTATE_dying);
    ASSERT(d->tot_pages == 0);
    printk("d%u: freed\n", d->domain_id);
    xfree(d);
}

/* No vCPU of d runs again. */
static void domain_stop(struct domain *d)
{
    unsigned int i;

    d->state = DOMSTATE_shutdown;
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            sched_remove_vcpu(d->vcpu[i]);
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
    if ( d->state != DOMSTATE_running )
        return;
    /* A code recorded earlier with SCHEDOP_shutdown_code wins. */
    if ( !d->shutdown_code_set )
    {
        d->shutdown_code = reason;
        d->shutdown_code_set = true;
    }
    domain_stop(d);
    printk("d%u: shutdown: %s\n", d->domain_id,
           shutdown_reason_name(d->shutdown_code));
}

void domain_crash(struct domain *d, const char *why)
{
    if ( d->state != DOMSTATE_running )
        return;
    d->crash_reason = why;
    printk("d%u: crashed: %s\n", d->domain_id, why);
    /* A crash overrides any code the guest recorded. */
    d->shutdown_code_set = false;
    domain_shutdown(d, SHUTDOWN_crash);
}

/*
 * Release what a domain holds, in dependency order: vCPUs, its ioreq
 * servers, the mappings it holds of others' grants and its grant table.
 * All of these are bounded by the domain's configuration; what grows
 * with the guest (its P2M, its RAM) goes in budgeted steps afterwards.
 */
static void domain_teardown_bounded(struct domain *d)
{
    unsigned int i;

    ioreq_server_destroy_all(d);
    /* Servers this domain emulates for others: their vCPUs see all ones. */
    ioreq_server_destroy_emulated_by(d);
    /* Remote ends of our channels become unbound: no one keeps a
     * pointer to us through a channel. */
    evtchn_domain_destroy(d);
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_destroy(d->vcpu[i]);
    grant_table_destroy(d);
    if ( d->target )
    {
        put_domain(d->target);
        d->target = NULL;
    }
}

/* Work per step of destruction: table pages, entries or pages released. */
#define DESTROY_STEP_BUDGET 1024

/* One step: the P2M (dropping what foreign entries hold), then RAM. */
static int domain_relinquish_step(struct domain *d)
{
    unsigned long budget = DESTROY_STEP_BUDGET;
    int rc = arch_domain_relinquish(d, &budget);

    return rc ? rc : domain_release_ram(d, &budget);
}

static void domain_teardown(struct domain *d)
{
    domain_teardown_bounded(d);
    while ( domain_relinquish_step(d) == -ERESTART )
        continue;
}

static void domain_unlink(struct domain *d)
{
    struct domain **pp;

    for ( pp = &domain_list; *pp; pp = &(*pp)->next_in_list )
        if ( *pp == d )
        {
            *pp = d->next_in_list;
            nr_domains--;
            return;
        }
}

/* Killed domains whose memory is still being given back, oldest first. */
static struct domain *dying_head, **dying_tail = &dying_head;

void domain_destroy(struct domain *d)
{
    ASSERT(d->state == DOMSTATE_shutdown);
    d->state = DOMSTATE_dying;
    d->pages_at_death = d->tot_pages;
    domain_unlink(d);
    domain_teardown_bounded(d);
    d->next_in_list = NULL;
    *dying_tail = d;
    dying_tail = &d->next_in_list;
}

static void domain_destroyed(struct domain *d)
{
    printk("d%u: destroyed: %lu of %lu pages freed, %lu still mapped elsewhere\n",
           d->domain_id, d->pages_at_death - d->tot_pages, d->pages_at_death,
           d->tot_pages);
    put_domain(d);
}

/* Take d off the dying queue; false if it was not on it (done). */
static bool dying_dequeue(struct domain *d)
{
    struct domain **pp;

    for ( pp = &dying_head; *pp; pp = &(*pp)->next_in_list )
        if ( *pp == d )
        {
            *pp = d->next_in_list;
            if ( !*pp )
                dying_tail = pp;
            return true;
        }
    return false;
}

bool domain_destroy_continue(void)
{
    struct domain *d = dying_head;

    if ( !d )
        return false;
    if ( domain_relinquish_step(d) == -ERESTART )
        return true;
    dying_dequeue(d);
    domain_destroyed(d);
    return dying_head != NULL;
}

/* Give back d's memory until done or preempted; true when done. */
static bool domain_kill_steps(struct domain *d)
{
    struct domain **pp;

    for ( pp = &dying_head; *pp && *pp != d; pp = &(*pp)->next_in_list )
        ;
    if ( !*pp )
        return true;            /* the main loop finished it meanwhile */
    while ( domain_relinquish_step(d) == -ERESTART )
        if ( hypercall_preempt_check() )
            return false;
    dying_dequeue(d);
    domain_destroyed(d);
    return true;
}

int domain_kill(struct domain *d)
{
    struct vcpu *v = current;

    if ( d == v->domain )
        return -EINVAL;
    if ( d->state != DOMSTATE_dying )
    {
        if ( d->state == DOMSTATE_running )
            domain_stop(d);
        printk("d%u: destroyed by d%u\n", d->domain_id, v->domain->domain_id);
        domain_destroy(d);
    }
    if ( !domain_kill_steps(d) )
    {
        if ( v->destroying != d )
        {
            get_domain(d);
            if ( v->destroying )
                put_domain(v->destroying);
            v->destroying = d;
        }
        return -ERESTART;
    }
    if ( v->destroying == d )
    {
        v->destroying = NULL;
        put_domain(d);
    }
    return 0;
}
