/*
 * Forwarding a guest's I/O to the ioreq server that claims it (see
 * <xen/ioreq.h>).  The protocol on the vCPU's slot of the synchronous
 * page, as Xen's device models expect it:
 *
 *   hypervisor: fill the request, then state READY, notify vp_eport;
 *   emulator:   state INPROCESS, do it, write data, state IORESP_READY,
 *               notify back;
 *   hypervisor: read data, state NONE, finish the guest's instruction.
 *
 * The state word is written last (and read first) with barriers, since
 * the emulator may run on another CPU.  A slot found in any state the
 * protocol does not allow at that point means the device model broke
 * it: the target domain is crashed, as Xen does.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/ioreq.h>
#include <xen/event.h>
#include <public/hvm/dm_op.h>
#include <public/hvm/hvm_op.h>

static bool claims(struct ioreq_server *s, const ioreq_t *p)
{
    uint64_t span = (uint64_t)p->size * (p->count ? p->count : 1);
    uint64_t first = p->addr, last;

    if ( !s->enabled || !span )
        return false;
    /* A string access going down covers the addresses below addr. */
    if ( p->df && p->count > 1 )
        first = p->addr - span + p->size;
    last = first + span - 1;
    if ( last < first )
        return false;
    switch ( p->type )
    {
    case IOREQ_TYPE_PIO:
        return rangeset_contains(&s->range[XEN_DMOP_IO_RANGE_PORT], first,
                                 last);
    case IOREQ_TYPE_COPY:
        return rangeset_contains(&s->range[XEN_DMOP_IO_RANGE_MEMORY], first,
                                 last);
    case IOREQ_TYPE_PCI_CONFIG:
        return rangeset_contains(&s->range[XEN_DMOP_IO_RANGE_PCI],
                                 p->addr >> 32, p->addr >> 32);
    default:
        return false;
    }
}

static struct ioreq_server *select_server(struct domain *d, const ioreq_t *p)
{
    unsigned int i;

    for ( i = 0; d->ioreq && i < MAX_NR_IOREQ_SERVERS; i++ )
        if ( d->ioreq->server[i] && claims(d->ioreq->server[i], p) )
            return d->ioreq->server[i];
    return NULL;
}

/*
 * The buffered ring: 511 8-byte slots after a read and a write pointer;
 * the hypervisor writes a slot (two for 8 bytes), then advances the
 * write pointer, then notifies the buffered port; the emulator consumes
 * and advances the read pointer.  Only writes below 1 MiB of size 1-8
 * fit (20-bit address, no count); a full ring falls back to the
 * synchronous path, as in Xen.
 */
/*
 * With atomic pointer handling, keep both pointers below 2 * 511 by
 * taking whole laps off both at once, so they never wrap at 2^32 (where
 * "pointer % 511" would jump).  The emulator may advance the read
 * pointer meanwhile: compare-and-exchange both, a few tries.
 */
static void canonicalize(volatile buffered_iopage_t *pg)
{
    unsigned int tries;

    for ( tries = 0; tries < IOREQ_BUFFER_SLOT_NUM; tries++ )
    {
        uint64_t old = pg->ptrs.full, new;
        uint32_t rp = (uint32_t)old, wp = old >> 32;
        uint32_t laps = rp / IOREQ_BUFFER_SLOT_NUM;

        if ( !laps )
            return;
        new = ((uint64_t)(wp - laps * IOREQ_BUFFER_SLOT_NUM) << 32) |
              (rp - laps * IOREQ_BUFFER_SLOT_NUM);
        if ( __atomic_compare_exchange_n(&pg->ptrs.full, &old, new, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) )
            return;
    }
}

static bool send_buffered(struct ioreq_server *s, const ioreq_t *p)
{
    volatile buffered_iopage_t *pg;
    buf_ioreq_t bp = { .type = p->type, .dir = p->dir,
                       .addr = p->addr, .data = p->data };
    unsigned int slots = p->size == 8 ? 2 : 1;
    uint32_t wp;

    if ( !s->bufioreq_page || p->dir != IOREQ_WRITE || p->addr > 0xfffff ||
         p->count != 1 ||
         (p->size != 1 && p->size != 2 && p->size != 4 && p->size != 8) )
        return false;
    bp.size = p->size == 8 ? 3 : p->size / 2;
    pg = page_to_virt(s->bufioreq_page);
    wp = pg->ptrs.write_pointer;
    if ( wp - pg->ptrs.read_pointer > IOREQ_BUFFER_SLOT_NUM - slots )
        return false;
    pg->buf_ioreq[wp % IOREQ_BUFFER_SLOT_NUM] = bp;
    if ( slots == 2 )
    {
        bp.data = p->data >> 32;
        pg->buf_ioreq[(wp + 1) % IOREQ_BUFFER_SLOT_NUM] = bp;
    }
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    pg->ptrs.write_pointer = wp + slots;
    if ( s->bufioreq_handling == HVM_IOREQSRV_BUFIOREQ_ATOMIC )
        canonicalize(pg);
    evtchn_notify_remote(s->target, s->bufioreq_port);
    return true;
}

int ioreq_forward(struct vcpu *v, const ioreq_t *p, bool bufferable)
{
    struct ioreq_server *s = select_server(v->domain, p);
    volatile ioreq_t *slot;

    if ( !s )
        return 0;
    if ( bufferable && send_buffered(s, p) )
        return 2;
    slot = ioreq_slot(s, v->vcpu_id);
    if ( slot->state != STATE_IOREQ_NONE )
    {
        domain_crash(v->domain, "device model left an ioreq in a bad state");
        return 0;
    }
    slot->addr = p->addr;
    slot->data = p->data;
    slot->count = p->count;
    slot->size = p->size;
    slot->dir = p->dir;
    slot->df = p->df;
    slot->data_is_ptr = 0;
    slot->type = p->type;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    slot->state = STATE_IOREQ_READY;
    v->ioreq_server = s;
    v->ioreq_orphaned = false;
    vcpu_block(v);
    evtchn_notify_remote(v->domain, s->ioreq_port[v->vcpu_id]);
    return 1;
}

bool ioreq_answer(struct vcpu *v, uint64_t *data)
{
    struct ioreq_server *s = v->ioreq_server;
    volatile ioreq_t *slot;

    if ( !s )
    {
        /* Answered for the server when it went away (or never asked). */
        *data = ~0ULL;
        v->ioreq_orphaned = false;
        return true;
    }
    slot = ioreq_slot(s, v->vcpu_id);
    switch ( slot->state )
    {
    case STATE_IOREQ_READY:
    case STATE_IOREQ_INPROCESS:
        return false;
    case STATE_IORESP_READY:
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        *data = slot->data;
        slot->state = STATE_IOREQ_NONE;
        v->ioreq_server = NULL;
        return true;
    default:
        domain_crash(v->domain, "device model set a bad ioreq state");
        *data = ~0ULL;
        v->ioreq_server = NULL;
        return true;
    }
}

/* The emulator sent on a vCPU's port: that vCPU may have its answer. */
void ioreq_notify(struct vcpu *v, evtchn_port_t port)
{
    (void)port;
    if ( v && v->ioreq_server )
        vcpu_wake(v);
}

void ioreq_server_release_waiters(struct ioreq_server *s)
{
    struct domain *d = s->target;
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( v && v->ioreq_server == s )
        {
            v->ioreq_server = NULL;
            v->ioreq_orphaned = true;
            vcpu_wake(v);
        }
    }
}
