/*
 * The timer queue (see <xen/timer.h>): one list sorted by deadline.
 * It holds at most three timers per vCPU (single-shot, periodic, poll),
 * so a sorted list is cheaper than a heap at this size.
 */
#include <xen/lib.h>
#include <xen/timer.h>

static struct timer *queue;

void init_timer(struct timer *t, void (*fn)(void *data), void *data)
{
    stop_timer(t);
    t->fn = fn;
    t->data = data;
}

static void enqueue(struct timer *t)
{
    struct timer **pp = &queue;

    /* After every timer due no later: equal deadlines fire in set order. */
    while ( *pp && (*pp)->expires <= t->expires )
        pp = &(*pp)->next;
    t->next = *pp;
    *pp = t;
    t->active = true;
}

void stop_timer(struct timer *t)
{
    struct timer **pp;

    if ( !t->active )
        return;
    for ( pp = &queue; *pp; pp = &(*pp)->next )
        if ( *pp == t )
        {
            *pp = t->next;
            break;
        }
    t->next = NULL;
    t->active = false;
}

void set_timer(struct timer *t, s_time_t expires)
{
    stop_timer(t);
    t->expires = expires;
    if ( expires <= NOW() )
    {
        /* Past already: what Xen's timer softirq would do before the
         * caller returns to its guest. */
        if ( t->fn )
            t->fn(t->data);
        return;
    }
    enqueue(t);
}

void timer_run_due(void)
{
    s_time_t now = NOW();
    struct timer *t;

    /* Taken off one at a time: a fn may stop or set other timers. */
    while ( (t = queue) && t->expires <= now )
    {
        queue = t->next;
        t->next = NULL;
        t->active = false;
        if ( t->fn )
            t->fn(t->data);
    }
}

unsigned int timer_queue_length(void)
{
    const struct timer *t;
    unsigned int n = 0;

    for ( t = queue; t; t = t->next )
        n++;
    return n;
}
