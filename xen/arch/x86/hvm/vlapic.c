/*
 * A vCPU's local APIC (see asm-x86/hvm/vlapic.h): the register model of
 * vlapic_regs.c tied to the vCPU.  MSR_APIC_BASE and the x2APIC MSRs
 * come from hvm/msr.c, the xAPIC page from the MMIO emulator
 * (hvm/emulate.c), the interrupt to inject goes to the vendor code
 * through hvm/intr.c.  The APIC timer is a hypervisor timer
 * (common/timer.c) at the model's deadline, so a vCPU halted or blocked
 * wakes for it.
 *
 * IPIs: fixed and lowest-priority ones reach every APIC the destination
 * names (with one vCPU a domain has, that is at most the sender); an
 * ExtINT one crashes the domain, as Xen does; NMI, INIT, SIPI, SMI and
 * remote read are logged and dropped (Xen: SMI and remote read alike;
 * NMI, INIT and SIPI need more than one vCPU to matter, see
 * docs/decisions.md).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/timer.h>
#include <asm/hvm.h>
#include <asm/apicdef.h>
#include <asm/hvm/vlapic.h>

/*
 * A periodic timer is never re-armed sooner than this after it fired
 * (Xen's minimum period for its periodic timers): a tiny initial count
 * gives coalesced interrupts, not a timer that keeps firing in place.
 */
#define MIN_REARM       MICROSECS(100)

static struct vlapic *vlapic_of(struct vcpu *v)
{
    return &v->arch.vlapic;
}

static void arm_timer(struct vcpu *v, bool rearm);

static void timer_fn(void *data)
{
    struct vcpu *v = data;

    if ( v->domain->state != DOMSTATE_running )
        return;
    if ( vlapic_timer_expire(vlapic_of(v), NOW()) )
        vcpu_wake(v);
    arm_timer(v, true);
}

/* The hypervisor timer follows the model's deadline; a deadline already
 * past fires at once (set_timer() runs timer_fn). */
static void arm_timer(struct vcpu *v, bool rearm)
{
    s_time_t deadline = vlapic_of(v)->timer_deadline;
    struct timer *t = &v->arch.vlapic_timer;

    if ( !deadline || v->domain->state != DOMSTATE_running )
    {
        stop_timer(t);
        return;
    }
    if ( rearm && deadline < NOW() + MIN_REARM )
        deadline = NOW() + MIN_REARM;
    if ( !timer_is_active(t) || t->expires != deadline )
        set_timer(t, deadline);
}

int vlapic_vcpu_init(struct vcpu *v)
{
    vlapic_reset(vlapic_of(v), v->vcpu_id);
    init_timer(&v->arch.vlapic_timer, timer_fn, v);
    return 0;
}

void vlapic_vcpu_destroy(struct vcpu *v)
{
    stop_timer(&v->arch.vlapic_timer);
}

void vlapic_set_irq(struct vcpu *v, unsigned int vec)
{
    if ( vlapic_accept(vlapic_of(v), vec) )
        vcpu_wake(v);
}

static void deliver_ipi(struct vcpu *from, struct vcpu *to, uint32_t icr)
{
    switch ( icr & APIC_ICR_DM_MASK )
    {
    case APIC_ICR_DM_FIXED:
    case APIC_ICR_DM_LOWEST:
        if ( vlapic_enabled(vlapic_of(to)) )
            vlapic_set_irq(to, icr & APIC_VECTOR_MASK);
        break;
    case APIC_ICR_DM_EXTINT:
        printk_ratelimited("d%u v%u: ExtINT IPI (ICR %#x)\n",
                           from->domain->domain_id, from->vcpu_id, icr);
        domain_crash(from->domain, "unsupported IPI delivery mode");
        break;
    default:
        printk_ratelimited("d%u v%u: IPI delivery mode %#x dropped\n",
                           from->domain->domain_id, from->vcpu_id,
                           (icr & APIC_ICR_DM_MASK) >> 8);
        break;
    }
}

/* ICR was written: deliver to every APIC the destination names. */
static void send_ipi(struct vcpu *v)
{
    struct vlapic *l = vlapic_of(v);
    struct domain *d = v->domain;
    uint32_t icr = l->reg[APIC_ICR >> 4], icr2 = l->reg[APIC_ICR2 >> 4];
    uint32_t dest = vlapic_x2apic_mode(l) ? icr2 : icr2 >> 24;
    uint32_t dm = icr & APIC_ICR_DM_MASK;
    unsigned int i;

    if ( (dm == APIC_ICR_DM_FIXED || dm == APIC_ICR_DM_LOWEST) &&
         (icr & APIC_VECTOR_MASK) < 16 )
    {
        vlapic_error(l, APIC_ESR_SENDILL);
        return;
    }
    for ( i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *to = d->vcpu[i];

        if ( !to || !vlapic_match_dest(vlapic_of(to), icr, dest, to == v) )
            continue;
        deliver_ipi(v, to, icr);
        if ( dm == APIC_ICR_DM_LOWEST || d->state != DOMSTATE_running )
            break;                      /* one target; or crashed */
    }
}

/* What a register write left to do, and the timer it may have moved. */
static void after_write(struct vcpu *v, unsigned int todo)
{
    if ( todo & VLAPIC_DO_IPI )
        send_ipi(v);
    /* As Xen: an upcall that came while disabled is raised now. */
    if ( (todo & VLAPIC_DO_ENABLED) && v->arch.upcall_vector &&
         vcpu_upcall_pending(v) )
        vlapic_set_irq(v, v->arch.upcall_vector);
    arm_timer(v, false);
}

int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    if ( msr == MSR_APIC_BASE )
    {
        *val = vlapic_of(v)->base;
        return 0;
    }
    if ( msr >= MSR_X2APIC_FIRST && msr <= MSR_X2APIC_LAST )
        return vlapic_x2apic_read(vlapic_of(v), msr, val, NOW());
    return -ENOENT;
}

int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    unsigned int todo = 0;
    int rc;

    if ( msr == MSR_APIC_BASE )
        rc = vlapic_set_base(vlapic_of(v), val);
    else if ( msr >= MSR_X2APIC_FIRST && msr <= MSR_X2APIC_LAST )
        rc = vlapic_x2apic_write(vlapic_of(v), msr, val, NOW(), &todo);
    else
        return -ENOENT;
    if ( !rc )
        after_write(v, todo);
    return rc;
}

bool vlapic_mmio_claims(const struct vcpu *v, uint64_t gpa)
{
    const struct vlapic *l = &v->arch.vlapic;

    return vlapic_xapic_mode(l) &&
           (gpa & ~(uint64_t)(PAGE_SIZE - 1)) == (l->base & APIC_BASE_ADDR_MASK);
}

void vlapic_mmio_access(struct vcpu *v, uint64_t gpa, void *buf,
                        unsigned int len, bool write)
{
    unsigned int offset = gpa & (PAGE_SIZE - 1);
    uint64_t data = 0;

    if ( len > sizeof(data) )
        return;
    if ( write )
    {
        memcpy(&data, buf, len);
        after_write(v, vlapic_mmio_write(vlapic_of(v), offset, len,
                                         (uint32_t)data, NOW()));
        return;
    }
    data = vlapic_mmio_read(vlapic_of(v), offset, len, NOW());
    memcpy(buf, &data, len);
}

uint8_t vlapic_cr8(const struct vcpu *v)
{
    return (v->arch.vlapic.reg[APIC_TASKPRI >> 4] >> 4) & 0xf;
}

void vlapic_set_cr8(struct vcpu *v, uint8_t cr8)
{
    uint32_t *tpr = &vlapic_of(v)->reg[APIC_TASKPRI >> 4];

    *tpr = ((uint32_t)(cr8 & 0xf) << 4) | (*tpr & 0xf);
}
