/*
 * The FIFO event ABI.  Each port has a 32-bit event word in pages the
 * guest hands over (EVTCHNOP_expand_array, 1024 words a page): PENDING,
 * MASKED, LINKED, BUSY and a 17-bit LINK to the next port of its queue.
 * Each vCPU has a control block (EVTCHNOP_init_control) with a READY bit
 * and a HEAD port for each of 16 priority queues.  Raising an unmasked
 * event links its word at the tail of its vCPU's queue for its priority;
 * the guest consumes from the head.
 *
 * The guest changes linked words concurrently (it may set or clear
 * MASKED, clear PENDING, clear LINKED), so the tail is re-linked with a
 * compare-and-exchange, setting BUSY to stop the guest unmasking it
 * meanwhile, which bounds the retries (Xen's protocol).
 *
 * The pages stay the guest's own RAM; the hypervisor holds a reference
 * on each while it uses it, given back on EVTCHNOP_reset or destruction.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <xen/bitops.h>
#include <xen/shared.h>
#include <asm/p2m.h>

#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(event_word_t))
#define MAX_ARRAY_PAGES (EVTCHN_FIFO_NR_CHANNELS / WORDS_PER_PAGE)

struct fifo_queue {
    uint32_t *head;                 /* in the control block */
    evtchn_port_t tail;             /* 0: empty (as far as we know) */
    uint8_t priority;
};

struct evtchn_fifo_vcpu {
    evtchn_fifo_control_block_t *control_block;
    struct page_info *control_page;
    struct fifo_queue queue[EVTCHN_FIFO_MAX_QUEUES];
};

struct evtchn_fifo_domain {
    event_word_t *array[MAX_ARRAY_PAGES];
    struct page_info *array_page[MAX_ARRAY_PAGES];
    unsigned int num_evtchns;       /* ports with a word */
};


static volatile event_word_t *word_of(const struct domain *d,
                                      evtchn_port_t port)
{
    const struct evtchn_fifo_domain *f = d->evtchn.fifo;

    if ( !f || port >= f->num_evtchns )
        return NULL;
    return &f->array[port / WORDS_PER_PAGE][port % WORDS_PER_PAGE];
}

static unsigned int max_ports_fifo(const struct domain *d)
{
    (void)d;
    return EVTCHN_FIFO_NR_CHANNELS;
}

/* Link port after *word iff *word is still LINKED: 1 linked, 0 not
 * linked (the queue emptied), -EAGAIN the word changed meanwhile. */
static int try_link(volatile event_word_t *word, event_word_t *w,
                    evtchn_port_t port)
{
    event_word_t new;

    if ( !(*w & (1u << EVTCHN_FIFO_LINKED)) )
        return 0;
    new = (*w & ~((1u << EVTCHN_FIFO_BUSY) | EVTCHN_FIFO_LINK_MASK)) | port;
    return cmpxchg32(word, w, new) ? 1 : -EAGAIN;
}

static bool link_after(volatile event_word_t *tail, evtchn_port_t port)
{
    event_word_t w = *tail;
    unsigned int tries;
    int rc = try_link(tail, &w, port);

    if ( rc >= 0 )
        return rc;
    /* BUSY stops the guest unmasking the tail: few more changes. */
    set_bit(EVTCHN_FIFO_BUSY, tail);
    w = *tail;
    for ( tries = 0; tries < 4; tries++ )
    {
        rc = try_link(tail, &w, port);
        if ( rc >= 0 )
        {
            if ( rc == 0 )
                clear_bit(EVTCHN_FIFO_BUSY, tail);
            return rc;
        }
    }
    clear_bit(EVTCHN_FIFO_BUSY, tail);
    return true;
}

static void set_pending_fifo(struct vcpu *v, struct evtchn *chn)
{
    struct domain *d = v->domain;
    volatile event_word_t *word = word_of(d, chn->port);
    struct fifo_queue *q, *old_q;
    struct vcpu *old_v;
    bool linked = true, newly_pending;

    if ( !word )
    {
        chn->fifo_pending = true;   /* raised once its page arrives */
        return;
    }
    if ( !v->evtchn.fifo || !v->evtchn.fifo->control_block )
        return;     /* the guest may not unmask before it has one */
    q = &v->evtchn.fifo->queue[chn->priority];
    old_v = d->vcpu[chn->fifo_last_vcpu_id];
    old_q = old_v && old_v->evtchn.fifo
            ? &old_v->evtchn.fifo->queue[chn->fifo_last_priority] : q;

    newly_pending = !test_and_set_bit(EVTCHN_FIFO_PENDING, word);
    if ( !test_bit(EVTCHN_FIFO_MASKED, word) &&
         !test_and_set_bit(EVTCHN_FIFO_LINKED, word) )
    {
        /* A tail moving queue leaves its old queue empty. */
        if ( old_q->tail == chn->port )
            old_q->tail = 0;
        chn->fifo_last_vcpu_id = v->vcpu_id;
        chn->fifo_last_priority = q->priority;
        linked = q->tail && link_after(word_of(d, q->tail), chn->port);
        if ( !linked )
            __atomic_store_n(q->head, chn->port, __ATOMIC_SEQ_CST);
        q->tail = chn->port;
    }
    if ( !linked &&
         !test_and_set_bit(q->priority, &v->evtchn.fifo->control_block->ready) )
        vcpu_mark_events_pending(v);
    if ( newly_pending )
        evtchn_check_pollers(d, chn->port);
}

static void clear_pending_fifo(struct domain *d, struct evtchn *chn)
{
    volatile event_word_t *word = word_of(d, chn->port);

    /* The guest unlinks non-pending events itself. */
    if ( word )
        clear_bit(EVTCHN_FIFO_PENDING, word);
    chn->fifo_pending = false;
}

static void unmask_fifo(struct domain *d, struct evtchn *chn)
{
    volatile event_word_t *word = word_of(d, chn->port);
    struct vcpu *v = d->vcpu[chn->notify_vcpu_id];

    if ( !word || !v )
        return;
    clear_bit(EVTCHN_FIFO_MASKED, word);
    if ( test_bit(EVTCHN_FIFO_PENDING, word) )
        set_pending_fifo(v, chn);
}

static bool is_pending_fifo(const struct domain *d, const struct evtchn *chn)
{
    volatile event_word_t *word = word_of(d, chn->port);

    return word && test_bit(EVTCHN_FIFO_PENDING, word);
}

static bool is_masked_fifo(const struct domain *d, const struct evtchn *chn)
{
    volatile event_word_t *word = word_of(d, chn->port);

    return !word || test_bit(EVTCHN_FIFO_MASKED, word);
}

/* A port still linked in a queue may not be handed out again. */
static bool is_busy_fifo(const struct domain *d, const struct evtchn *chn)
{
    volatile event_word_t *word = word_of(d, chn->port);

    return word && test_bit(EVTCHN_FIFO_LINKED, word);
}

static int set_priority_fifo(struct evtchn *chn, unsigned int priority)
{
    if ( priority > EVTCHN_FIFO_PRIORITY_MIN )
        return -EINVAL;
    chn->priority = priority;      /* for the next time it is raised */
    return 0;
}

const struct evtchn_abi evtchn_abi_fifo = {
    .name = "FIFO",
    .max_ports = max_ports_fifo,
    .set_pending = set_pending_fifo,
    .clear_pending = clear_pending_fifo,
    .unmask = unmask_fifo,
    .is_pending = is_pending_fifo,
    .is_masked = is_masked_fifo,
    .is_busy = is_busy_fifo,
    .set_priority = set_priority_fifo,
};

/* ------------------------------------------------------------------ */
/* Setting up: control blocks and event array pages. */

static int setup_vcpus(struct domain *d)
{
    unsigned int i, p;

    for ( i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( !v )
            continue;
        v->evtchn.fifo = xzalloc(struct evtchn_fifo_vcpu);
        if ( !v->evtchn.fifo )
            return -ENOMEM;
        for ( p = 0; p < EVTCHN_FIFO_MAX_QUEUES; p++ )
            v->evtchn.fifo->queue[p].priority = p;
    }
    return 0;
}

static int map_control_block(struct vcpu *v, uint64_t gfn, uint32_t offset)
{
    struct evtchn_fifo_vcpu *f = v->evtchn.fifo;
    struct page_info *pg;
    unsigned int p;

    if ( f->control_block )
        return -EINVAL;
    if ( !(pg = get_ram_page_ref(v->domain, gfn)) )
        return -EINVAL;
    f->control_page = pg;
    f->control_block = (void *)((uint8_t *)page_to_virt(pg) + offset);
    for ( p = 0; p < EVTCHN_FIFO_MAX_QUEUES; p++ )
        f->queue[p].head = &f->control_block->head[p];
    return 0;
}

/* Ports bound under 2-level keep their pending state, at default priority. */
static void carry_over_ports(struct domain *d, unsigned int prev_max)
{
    evtchn_port_t port;

    for ( port = 1; port < prev_max; port++ )
    {
        struct evtchn *chn = evtchn_from_port(d, port);

        if ( !chn )
            continue;
        chn->fifo_pending = test_bit(port, shared_info_va(d) +
                                     SHINFO_EVTCHN_PENDING);
        chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
    }
}

int evtchn_fifo_init_control(struct evtchn_init_control *c)
{
    struct domain *d = current_domain();
    struct vcpu *v;
    unsigned int prev_max;
    int rc;

    c->link_bits = EVTCHN_FIFO_LINK_BITS;
    if ( c->vcpu >= d->max_vcpus || !(v = d->vcpu[c->vcpu]) )
        return -ENOENT;
    if ( c->offset > PAGE_SIZE - sizeof(evtchn_fifo_control_block_t) ||
         (c->offset & 7) )
        return -EINVAL;
    if ( d->evtchn.fifo )
        return map_control_block(v, c->control_gfn, c->offset);

    prev_max = d->evtchn.abi->max_ports(d);
    if ( (rc = setup_vcpus(d)) ||
         !(d->evtchn.fifo = xzalloc(struct evtchn_fifo_domain)) ||
         (rc = map_control_block(v, c->control_gfn, c->offset)) )
    {
        evtchn_fifo_destroy(d);
        return rc ? rc : -ENOMEM;
    }
    d->evtchn.abi = &evtchn_abi_fifo;
    carry_over_ports(d, prev_max);
    return 0;
}

int evtchn_fifo_expand_array(const struct evtchn_expand_array *e)
{
    struct domain *d = current_domain();
    struct evtchn_fifo_domain *f = d->evtchn.fifo;
    evtchn_port_t port;
    struct page_info *pg;
    unsigned int slot;

    if ( !f )
        return -EOPNOTSUPP;
    slot = f->num_evtchns / WORDS_PER_PAGE;
    if ( slot >= MAX_ARRAY_PAGES )
        return -ENOSPC;
    if ( !(pg = get_ram_page_ref(d, e->array_gfn)) )
        return -EINVAL;
    f->array_page[slot] = pg;
    f->array[slot] = page_to_virt(pg);
    port = f->num_evtchns;
    f->num_evtchns += WORDS_PER_PAGE;
    /* Events raised while their word had no page. */
    for ( ; port < f->num_evtchns; port++ )
    {
        struct evtchn *chn = evtchn_from_port(d, port);

        if ( chn && chn->fifo_pending && d->vcpu[chn->notify_vcpu_id] )
        {
            chn->fifo_pending = false;
            set_pending_fifo(d->vcpu[chn->notify_vcpu_id], chn);
        }
    }
    return 0;
}

int evtchn_set_priority(const struct evtchn_set_priority *p)
{
    struct domain *d = current_domain();
    struct evtchn *chn = evtchn_from_port(d, p->port);

    if ( !chn )
        return -EINVAL;
    if ( !d->evtchn.abi->set_priority )
        return -ENOSYS;
    return d->evtchn.abi->set_priority(chn, p->priority);
}

void evtchn_fifo_destroy(struct domain *d)
{
    struct evtchn_fifo_domain *f = d->evtchn.fifo;
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( !v || !v->evtchn.fifo )
            continue;
        if ( v->evtchn.fifo->control_page )
            put_page(v->evtchn.fifo->control_page);
        xfree(v->evtchn.fifo);
        v->evtchn.fifo = NULL;
    }
    if ( !f )
        return;
    for ( i = 0; i < MAX_ARRAY_PAGES; i++ )
        if ( f->array_page[i] )
            put_page(f->array_page[i]);
    xfree(f);
    d->evtchn.fifo = NULL;
}
