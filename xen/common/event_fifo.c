/*
 * The FIFO event ABI (EVTCHNOP_init_control, expand_array,
 * set_priority).  Not yet: every domain stays on the 2-level ABI.
 * init_control answers -ENOSYS, which makes Linux keep the 2-level ABI;
 * set_priority on a 2-level domain is -ENOSYS and expand_array without
 * FIFO -EOPNOTSUPP, as in Xen.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/event.h>

int evtchn_fifo_init_control(struct evtchn_init_control *c)
{
    (void)c;
    return -ENOSYS;
}

int evtchn_fifo_expand_array(const struct evtchn_expand_array *e)
{
    (void)e;
    return -EOPNOTSUPP;
}

int evtchn_set_priority(const struct evtchn_set_priority *p)
{
    (void)p;
    return -ENOSYS;
}

void evtchn_fifo_destroy(struct domain *d)
{
    d->evtchn.fifo = NULL;
}
