/*
 * The local APIC's registers (see asm-x86/hvm/vlapic.h): MSR_APIC_BASE
 * and its modes, the xAPIC page, the x2APIC MSRs.  Every rule here is
 * Xen 4.17's answer to an HVM guest; where hardware differs, Xen wins.
 *
 * What a guest cannot change: the version, PPR, ISR/TMR/IRR, the
 * current count (writes dropped in xAPIC mode, #GP as x2APIC MSRs).
 * No TSC-deadline timer is offered (CPUID does not show it), so the
 * timer LVT has one mode bit: one-shot or periodic.
 */
#include <xen/errno.h>
#include <asm-x86/apicdef.h>
#include <asm-x86/hvm/vlapic.h>

#define REG(l, off)     ((l)->reg[(off) >> 4])

/* Writable bits of each LVT: vector, delivery status, mask (+ more). */
#define LVT_BASE        (APIC_LVT_MASKED | (1u << 12) | APIC_VECTOR_MASK)
#define LVT_MODE        0x700u
#define LINT_BITS       (LVT_BASE | LVT_MODE | (7u << 13))
static const uint32_t lvt_bits[VLAPIC_NR_LVT] = {
    LVT_BASE | APIC_TIMER_PERIODIC,         /* timer */
    LVT_BASE | LVT_MODE,                    /* thermal */
    LVT_BASE | LVT_MODE,                    /* performance counters */
    LINT_BITS, LINT_BITS,                   /* LINT0, LINT1 */
    LVT_BASE,                               /* error */
};
#define TDCR_BITS       0xbu
#define ICR_BITS        (APIC_VECTOR_MASK | APIC_ICR_DM_MASK | \
                         APIC_ICR_LOGICAL | APIC_ICR_ASSERT | \
                         APIC_ICR_LEVEL | APIC_ICR_SHORT_MASK)

bool vlapic_hw_enabled(const struct vlapic *l)
{
    return l->base & APIC_BASE_ENABLE;
}

bool vlapic_x2apic_mode(const struct vlapic *l)
{
    return l->base & APIC_BASE_EXTD;
}

bool vlapic_xapic_mode(const struct vlapic *l)
{
    return vlapic_hw_enabled(l) && !vlapic_x2apic_mode(l);
}

bool vlapic_enabled(const struct vlapic *l)
{
    return vlapic_hw_enabled(l) && (REG(l, APIC_SPIV) & APIC_SPIV_ENABLED);
}

uint32_t vlapic_id(const struct vlapic *l)
{
    return vlapic_x2apic_mode(l) ? REG(l, APIC_ID) : REG(l, APIC_ID) >> 24;
}

static void set_divisor(struct vlapic *l, uint32_t tdcr)
{
    /* Bits 0, 1 and 3 encode a shift: 0b111 is divide by 1. */
    unsigned int shift = ((tdcr & 3) | ((tdcr & 8) >> 1)) + 1;

    REG(l, APIC_TDCR) = tdcr & TDCR_BITS;
    l->divisor = 1u << (shift & 7);
}

/* INIT state: everything but the ID (and an x2APIC LDR) cleared,
 * LVTs masked, software-disabled (SVR 0xff). */
static void init_state(struct vlapic *l)
{
    uint32_t id = REG(l, APIC_ID), ldr = REG(l, APIC_LDR);
    unsigned int i;

    for ( i = 0; i < VLAPIC_NR_REGS; i++ )
        l->reg[i] = 0;
    REG(l, APIC_ID) = id;
    if ( vlapic_x2apic_mode(l) )
        REG(l, APIC_LDR) = ldr;
    REG(l, APIC_LVR) = VLAPIC_VERSION;
    REG(l, APIC_DFR) = 0xffffffffu;
    for ( i = 0; i < VLAPIC_NR_LVT; i++ )
        REG(l, APIC_LVTT + 0x10 * i) = APIC_LVT_MASKED;
    REG(l, APIC_SPIV) = 0xff;
    set_divisor(l, 0);
    l->timer_counting = false;
    l->timer_start = l->timer_deadline = 0;
}

void vlapic_reset(struct vlapic *l, unsigned int vcpu_id)
{
    l->vcpu_id = vcpu_id;
    l->base = APIC_DEFAULT_BASE | APIC_BASE_ENABLE |
              (vcpu_id == 0 ? APIC_BASE_BSP : 0);
    REG(l, APIC_ID) = (vcpu_id * 2) << 24;
    init_state(l);
}

/* x2APIC: the ID is 32 bits, the LDR derived from it (cluster, bit). */
static void enter_x2apic(struct vlapic *l)
{
    uint32_t id = l->vcpu_id * 2;

    REG(l, APIC_ID) = id;
    REG(l, APIC_LDR) = ((id & ~0xfu) << 12) | (1u << (id & 0xf));
}

/*
 * Legal moves: disabled <-> xAPIC, xAPIC -> x2APIC, x2APIC -> disabled.
 * Enabling resets the APIC.  As Xen, an enabled xAPIC stays at its
 * default address (nothing moves the MMIO window).
 */
int vlapic_set_base(struct vlapic *l, uint64_t val)
{
    uint64_t changed = l->base ^ val;

    if ( val & ~(APIC_BASE_ADDR_MASK | APIC_BASE_ENABLE | APIC_BASE_BSP |
                 APIC_BASE_EXTD) )
        return -EINVAL;
    if ( (val & (APIC_BASE_EXTD | APIC_BASE_ENABLE)) == APIC_BASE_ENABLE &&
         (val & APIC_BASE_ADDR_MASK) != APIC_DEFAULT_BASE )
        return -EINVAL;
    if ( changed & APIC_BASE_ENABLE )
    {
        if ( val & APIC_BASE_EXTD )
            return -EINVAL;             /* disabled <-> x2APIC directly */
    }
    else if ( (changed & APIC_BASE_EXTD) && !vlapic_xapic_mode(l) )
        return -EINVAL;                 /* x2APIC -> xAPIC, or while off */

    if ( (changed & APIC_BASE_ENABLE) && (val & APIC_BASE_ENABLE) )
    {
        l->base = val;
        REG(l, APIC_ID) = (l->vcpu_id * 2) << 24;
        init_state(l);
    }
    l->base = val;
    if ( vlapic_x2apic_mode(l) )
        enter_x2apic(l);
    return 0;
}

uint32_t vlapic_reg_read(const struct vlapic *l, unsigned int offset,
                         s_time_t now)
{
    switch ( offset )
    {
    case APIC_PROCPRI:
        return vlapic_ppr(l);
    case APIC_TMCCT:
        return vlapic_timer_count(l, now);
    case APIC_EOI:
    case APIC_SELF_IPI:
        return 0;
    default:
        return offset < 0x400 ? l->reg[offset >> 4] : 0;
    }
}

/* SVR: clearing the enable bit masks every LVT (and they stay masked). */
static unsigned int write_spiv(struct vlapic *l, uint32_t val)
{
    unsigned int i;

    REG(l, APIC_SPIV) = val & 0x3ff;
    if ( val & APIC_SPIV_ENABLED )
        return VLAPIC_DO_ENABLED;
    for ( i = 0; i < VLAPIC_NR_LVT; i++ )
        REG(l, APIC_LVTT + 0x10 * i) |= APIC_LVT_MASKED;
    return 0;
}

static void write_lvt(struct vlapic *l, unsigned int offset, uint32_t val,
                      s_time_t now)
{
    if ( offset == APIC_LVTT )
        vlapic_timer_update(l, false, l->divisor, now);
    if ( !(REG(l, APIC_SPIV) & APIC_SPIV_ENABLED) )
        val |= APIC_LVT_MASKED;
    REG(l, offset) = val & lvt_bits[(offset - APIC_LVTT) >> 4];
}

unsigned int vlapic_reg_write(struct vlapic *l, unsigned int offset,
                              uint32_t val, s_time_t now)
{
    unsigned int old_div = l->divisor;

    switch ( offset )
    {
    case APIC_ID:                       /* Xen keeps what is written */
        REG(l, APIC_ID) = val;
        break;
    case APIC_TASKPRI:
        REG(l, APIC_TASKPRI) = val & 0xff;
        break;
    case APIC_EOI:
        vlapic_eoi(l);
        break;
    case APIC_LDR:
        REG(l, APIC_LDR) = val & 0xff000000u;
        break;
    case APIC_DFR:
        REG(l, APIC_DFR) = val | 0x0fffffffu;
        break;
    case APIC_SPIV:
        return write_spiv(l, val);
    case APIC_ICR:
        REG(l, APIC_ICR) = val & ~APIC_ICR_BUSY;   /* sent at once */
        return VLAPIC_DO_IPI;
    case APIC_ICR2:
        REG(l, APIC_ICR2) = val & 0xff000000u;
        break;
    case APIC_LVTT: case APIC_LVTTHMR: case APIC_LVTPC:
    case APIC_LVT0: case APIC_LVT1: case APIC_LVTERR:
        write_lvt(l, offset, val, now);
        break;
    case APIC_TMICT:
        REG(l, APIC_TMICT) = val;
        vlapic_timer_update(l, true, l->divisor, now);
        break;
    case APIC_TDCR:
        set_divisor(l, val);
        vlapic_timer_update(l, false, old_div, now);
        break;
    default:        /* read-only or reserved: dropped (ESR too, as Xen) */
        break;
    }
    return 0;
}

uint32_t vlapic_mmio_read(const struct vlapic *l, unsigned int offset,
                          unsigned int len, s_time_t now)
{
    unsigned int byte = offset & 0xf;
    uint32_t reg;

    if ( byte + len > 4 || offset > APIC_TDCR + 3 )
        return 0;
    reg = vlapic_reg_read(l, offset & ~0xfu, now) >> (byte * 8);
    return len == 4 ? reg : reg & ((1u << (len * 8)) - 1);
}

/* A narrower write merges into the register as it reads (Xen's way). */
unsigned int vlapic_mmio_write(struct vlapic *l, unsigned int offset,
                               unsigned int len, uint32_t val, s_time_t now)
{
    unsigned int byte = offset & 0xf, shift = byte * 8;

    offset &= ~0xfu;
    if ( byte + len > 4 || offset > APIC_TDCR )
        return 0;
    if ( len < 4 )
    {
        uint32_t mask = ((1u << (len * 8)) - 1) << shift;

        val = (vlapic_reg_read(l, offset, now) & ~mask) |
              ((val << shift) & mask);
    }
    return vlapic_reg_write(l, offset, val, now);
}

/* The registers an x2APIC MSR read may name (ICR is 64 bits there). */
static bool x2apic_readable(unsigned int offset)
{
    switch ( offset )
    {
    case APIC_ID: case APIC_LVR: case APIC_TASKPRI: case APIC_PROCPRI:
    case APIC_LDR: case APIC_SPIV: case APIC_ESR: case APIC_ICR:
    case APIC_CMCI: case APIC_LVTT: case APIC_LVTTHMR: case APIC_LVTPC:
    case APIC_LVT0: case APIC_LVT1: case APIC_LVTERR: case APIC_TMICT:
    case APIC_TMCCT: case APIC_TDCR:
        return true;
    default:
        return (offset >= APIC_ISR && offset < APIC_ESR);  /* ISR TMR IRR */
    }
}

int vlapic_x2apic_read(const struct vlapic *l, uint32_t msr, uint64_t *val,
                       s_time_t now)
{
    unsigned int offset = (msr - MSR_X2APIC_FIRST) << 4;

    if ( !vlapic_x2apic_mode(l) || msr < MSR_X2APIC_FIRST ||
         msr > MSR_X2APIC_LAST || offset >= 0x400 ||
         !x2apic_readable(offset) )
        return -EINVAL;
    *val = vlapic_reg_read(l, offset, now);
    if ( offset == APIC_ICR )
        *val |= (uint64_t)REG(l, APIC_ICR2) << 32;
    return 0;
}

/* The bits an x2APIC write may set, per register; 0: #GP whatever the
 * value; ~0: any.  EOI and ESR take 0 only. */
static uint64_t x2apic_writable(unsigned int offset)
{
    switch ( offset )
    {
    case APIC_TASKPRI:  return 0xff;
    case APIC_SPIV:     return APIC_VECTOR_MASK | APIC_SPIV_ENABLED |
                               APIC_SPIV_FOCUS_OFF;
    case APIC_LVTT:     return lvt_bits[0];
    case APIC_LVTTHMR: case APIC_LVTPC: case APIC_CMCI:
                        return LVT_BASE | LVT_MODE;
    case APIC_LVT0: case APIC_LVT1:
                        return LINT_BITS;
    case APIC_LVTERR:   return LVT_BASE;
    case APIC_TMICT:    return ~0ULL;   /* as Xen: the high half ignored */
    case APIC_TDCR:     return TDCR_BITS;
    case APIC_ICR:      return ((uint64_t)~0u << 32) | ICR_BITS;
    case APIC_SELF_IPI: return APIC_VECTOR_MASK;
    default:            return 0;
    }
}

int vlapic_x2apic_write(struct vlapic *l, uint32_t msr, uint64_t val,
                        s_time_t now, unsigned int *todo)
{
    unsigned int offset = (msr - MSR_X2APIC_FIRST) << 4;

    *todo = 0;
    if ( !vlapic_x2apic_mode(l) || msr < MSR_X2APIC_FIRST ||
         msr > MSR_X2APIC_LAST || offset >= 0x400 )
        return -EINVAL;
    if ( offset == APIC_EOI || offset == APIC_ESR )
    {
        if ( val )
            return -EINVAL;
    }
    else if ( !x2apic_writable(offset) || (val & ~x2apic_writable(offset)) )
        return -EINVAL;

    switch ( offset )
    {
    case APIC_CMCI:             /* no machine-check LVT: accepted, dropped */
        return 0;
    case APIC_ICR:
        REG(l, APIC_ICR2) = val >> 32;
        break;
    case APIC_SELF_IPI:
        offset = APIC_ICR;
        val = APIC_ICR_SHORT_SELF | (val & APIC_VECTOR_MASK);
        break;
    }
    *todo = vlapic_reg_write(l, offset, (uint32_t)val, now);
    return 0;
}
