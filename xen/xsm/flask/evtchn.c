/*
 * FLASK's event-channel hooks, checking what Xen 4.17's do.
 *
 * A channel gets its label when it is made unbound, or bound to another
 * domain's unbound port: the type of a new event object of its domain
 * for the remote domain (as that domain is seen: self, target or plain
 * type), i.e. the policy's `type_transition local remote:event` type,
 * else the remote's type.  The caller must be allowed to create that
 * label, and the label to bind to the remote.  Sending and querying are
 * then checked against the label.  The label is struct evtchn's
 * flask_sid (the contract is in xsm/xsm.h); 0 is unlabeled.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <flask/flask.h>
#include <flask/av_permissions.h>
#include "private.h"

static uint32_t channel_type(const struct evtchn *chn)
{
    return chn->flask_sid ? chn->flask_sid : flask_unlabeled_type();
}

/*
 * The label of a new channel of d1 whose remote end is d2, in *type, if
 * the caller may create it and it may be bound to d2.
 */
static int new_channel(struct domain *d1, struct domain *d2, uint32_t *type)
{
    const struct domain *currd = current_domain();
    uint32_t remote = flask_seen_type(d1, d2);
    uint32_t t = flask_object_type(d1->flask_type, remote, SECCLASS_EVENT);
    int rc;

    rc = flask_allowed(currd->flask_type, t, SECCLASS_EVENT, EVENT__CREATE,
                       d1, d2);
    if ( !rc )
        rc = flask_allowed(t, remote, SECCLASS_EVENT, EVENT__BIND, d1, d2);
    if ( !rc )
        *type = t;
    return rc;
}

int flask_evtchn_unbound(struct domain *d, struct evtchn *chn, domid_t id2)
{
    struct domain *d2 = id2 == DOMID_SELF ? current_domain()
                                          : domain_lookup(id2);
    uint32_t t;
    int rc;

    if ( !d2 )
        return -EPERM;      /* as Xen, for a remote that does not exist */
    rc = new_channel(d, d2, &t);
    if ( !rc )
        chn->flask_sid = t;
    return rc;
}

int flask_evtchn_interdomain(struct domain *d1, struct evtchn *chn1,
                             struct domain *d2, struct evtchn *chn2)
{
    uint32_t t;
    int rc = new_channel(d1, d2, &t);

    /*
     * chn2 was labelled for d1 when it was made unbound; either domain
     * may have been relabelled or replaced since, so check it again.
     */
    if ( !rc )
        rc = flask_allowed(channel_type(chn2), flask_seen_type(d2, d1),
                           SECCLASS_EVENT, EVENT__BIND, d2, d1);
    if ( !rc )
        chn1->flask_sid = t;
    return rc;
}

void flask_evtchn_close_post(struct evtchn *chn)
{
    chn->flask_sid = 0;
}

int flask_evtchn_send(struct domain *d, struct evtchn *chn)
{
    switch ( chn->state )
    {
    case ECS_INTERDOMAIN:
        return flask_allowed(d->flask_type, channel_type(chn), SECCLASS_EVENT,
                             EVENT__SEND, d, NULL);
    case ECS_IPI:
    case ECS_UNBOUND:
        return 0;           /* no other domain hears it */
    default:
        return flask_unknown("event channel state", chn->state);
    }
}

/* As Xen: the port's own domain (not the caller) against its label. */
int flask_evtchn_status(struct domain *d, struct evtchn *chn)
{
    return flask_allowed(d->flask_type, channel_type(chn), SECCLASS_EVENT,
                         EVENT__STATUS, d, NULL);
}

int flask_evtchn_reset(struct domain *d1, struct domain *d2)
{
    return flask_domain_has_perm(d1, d2, SECCLASS_EVENT, EVENT__RESET);
}
