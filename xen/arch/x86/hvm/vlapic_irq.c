/*
 * The local APIC's interrupt state (see asm-x86/hvm/vlapic.h): IRR,
 * ISR and the processor priority, as the SDM and Xen 4.17 define them.
 *
 * A vector's priority class is its high nibble.  PPR is TPR when TPR's
 * class is at least the highest in-service class, else that class; an
 * interrupt is delivered only when its class is above PPR's, so an
 * in-service vector holds back every vector of its class and below
 * until its EOI.  Every interrupt here is edge-triggered (no I/O APIC):
 * TMR stays clear.
 */
#include <xen/errno.h>
#include <asm-x86/apicdef.h>
#include <asm-x86/hvm/vlapic.h>

#define CLASS(v)        ((v) & 0xf0u)

static uint32_t *vec_word(struct vlapic *l, unsigned int base,
                          unsigned int vec)
{
    return &l->reg[(base >> 4) + vec / 32];
}

static int highest(const struct vlapic *l, unsigned int base)
{
    int w;

    for ( w = 7; w >= 0; w-- )
    {
        uint32_t bits = l->reg[(base >> 4) + w];

        if ( bits )
            return w * 32 + 31 - __builtin_clz(bits);
    }
    return -1;
}

int vlapic_highest_irr(const struct vlapic *l)
{
    return highest(l, APIC_IRR);
}

int vlapic_highest_isr(const struct vlapic *l)
{
    return highest(l, APIC_ISR);
}

uint32_t vlapic_ppr(const struct vlapic *l)
{
    uint32_t tpr = l->reg[APIC_TASKPRI >> 4] & 0xff;
    int isr = vlapic_highest_isr(l);
    uint32_t isrv = isr < 0 ? 0 : (uint32_t)isr;

    return CLASS(tpr) >= CLASS(isrv) ? tpr : CLASS(isrv);
}

/*
 * As Xen: the error LVT's own vector is raised only if it is legal;
 * an illegal one would come back here, so it is folded into ESR as a
 * received illegal vector instead.
 */
void vlapic_error(struct vlapic *l, uint32_t err)
{
    uint32_t *esr = &l->reg[APIC_ESR >> 4];
    uint32_t lvterr = l->reg[APIC_LVTERR >> 4];
    bool raise = false;

    if ( (*esr & err) == err )
        return;
    if ( !(lvterr & APIC_LVT_MASKED) )
    {
        if ( (lvterr & APIC_VECTOR_MASK) >= 16 )
            raise = true;
        else
            err |= APIC_ESR_RECVILL;
    }
    *esr |= err;
    if ( raise )
        *vec_word(l, APIC_IRR, lvterr & APIC_VECTOR_MASK) |=
            1u << ((lvterr & APIC_VECTOR_MASK) % 32);
}

bool vlapic_accept(struct vlapic *l, unsigned int vec)
{
    uint32_t *w, bit;

    if ( vec < 16 || vec > 255 )
    {
        vlapic_error(l, APIC_ESR_RECVILL);
        return false;
    }
    w = vec_word(l, APIC_IRR, vec);
    bit = 1u << (vec % 32);
    *vec_word(l, APIC_TMR, vec) &= ~bit;
    if ( *w & bit )
        return false;
    *w |= bit;
    return true;
}

int vlapic_deliverable(const struct vlapic *l)
{
    int irr;

    if ( !vlapic_enabled(l) )
        return -1;
    irr = vlapic_highest_irr(l);
    if ( irr < 0 || CLASS((uint32_t)irr) <= CLASS(vlapic_ppr(l)) )
        return -1;
    return irr;
}

void vlapic_ack(struct vlapic *l, unsigned int vec)
{
    uint32_t bit = 1u << (vec % 32);

    if ( vec > 255 )
        return;
    *vec_word(l, APIC_IRR, vec) &= ~bit;
    *vec_word(l, APIC_ISR, vec) |= bit;
}

int vlapic_eoi(struct vlapic *l)
{
    int vec = vlapic_highest_isr(l);

    /* An EOI with nothing in service is ignored, as in Xen. */
    if ( vec >= 0 )
        *vec_word(l, APIC_ISR, vec) &= ~(1u << (vec % 32));
    return vec;
}

/* Logical destinations: x2APIC clusters, xAPIC flat or cluster (DFR). */
static bool match_logical(const struct vlapic *l, uint32_t mda)
{
    uint32_t ldr = l->reg[APIC_LDR >> 4];

    if ( vlapic_x2apic_mode(l) )
        return (ldr >> 16) == (mda >> 16) && (ldr & mda & 0xffff);
    ldr >>= 24;
    mda &= 0xff;
    if ( l->reg[APIC_DFR >> 4] == 0xffffffffu )     /* flat */
        return ldr & mda;
    return (ldr >> 4) == (mda >> 4) && (ldr & mda & 0xf);
}

bool vlapic_match_dest(const struct vlapic *l, uint32_t icr, uint32_t dest,
                       bool self)
{
    uint32_t broadcast = vlapic_x2apic_mode(l) ? 0xffffffffu : 0xffu;

    switch ( icr & APIC_ICR_SHORT_MASK )
    {
    case APIC_ICR_SHORT_SELF:
        return self;
    case APIC_ICR_SHORT_ALL:
        return true;
    case APIC_ICR_SHORT_OTHERS:
        return !self;
    default:
        if ( icr & APIC_ICR_LOGICAL )
            return match_logical(l, dest);
        return dest == broadcast || dest == vlapic_id(l);
    }
}
