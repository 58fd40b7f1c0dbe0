/*
 * The local APIC (xAPIC, MMIO at its default base) as a periodic timer,
 * and the legacy 8259 PICs remapped out of the exception vectors and
 * masked.
 */
#include <xen/lib.h>
#include <xen/console.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <asm/processor.h>
#include <asm/page.h>
#include <asm/apic.h>
#include <asm/traps.h>

#define MSR_APIC_BASE    0x1b
#define APIC_BASE_ENABLE (1u << 11)
#define APIC_EOI         0x0b0
#define APIC_SVR         0x0f0
#define APIC_LVT_TIMER   0x320
#define APIC_TIMER_INIT  0x380
#define APIC_TIMER_CUR   0x390
#define APIC_TIMER_DIV   0x3e0
#define LVT_MASKED       (1u << 16)
#define LVT_PERIODIC     (1u << 17)
#define SVR_ENABLE       (1u << 8)

/*
 * The tick is the hypervisor's clock: TICKS_PER_SECOND periodic
 * interrupts.  The scheduler measures each vCPU's slice in ticks from the
 * moment it was picked.  The APIC timer's rate is the bus (or core
 * crystal) clock: 1 GHz in QEMU, about 100 MHz in Bochs, anything on
 * hardware.  So it is measured at boot against the TSC, which time.c has
 * already measured against the PIT.
 */
/* 2 ms a try (the tick needs well under 1%; each ms here is a ms of
 * boot), up to 4 tries, until one is good to 1/1000. */
#define CAL_MS          2u
#define CAL_TRIES       4u
#define CAL_MAX_ERR_INV 1000u
/* If the measurement fails: QEMU's rate. */
#define FALLBACK_HZ     1000000000ULL

static volatile uint32_t *apic_regs;
static volatile unsigned long tick_count;

static void apic_write(unsigned int reg, uint32_t v)
{
    apic_regs[reg / 4] = v;
}

static uint32_t apic_read(unsigned int reg)
{
    return apic_regs[reg / 4];
}

struct apic_cal {
    uint64_t counts, tsc, err;
};

/*
 * One measurement: how far a one-shot count (masked, divide by 1) falls
 * in CAL_MS of TSC time.  The count starts between two TSC reads and is
 * read between two more; the gaps are the uncertainty (an SMI, or the
 * host descheduling QEMU, widens them rather than skewing the rate).
 */
static void apic_measure(struct apic_cal *c)
{
    uint64_t window = (uint64_t)cpu_khz * CAL_MS, t0, t1, t2, t3;
    uint32_t cur;

    apic_write(APIC_LVT_TIMER, LVT_MASKED | TIMER_VECTOR);
    t0 = rdtsc();
    apic_write(APIC_TIMER_INIT, ~0u);
    t1 = rdtsc();
    do
        cpu_relax();
    while ( rdtsc() - t1 < window );
    t2 = rdtsc();
    cur = apic_read(APIC_TIMER_CUR);
    t3 = rdtsc();
    apic_write(APIC_TIMER_INIT, 0);
    c->counts = ~0u - cur;
    c->tsc = (t2 + t3 - t0 - t1) / 2;
    c->err = (t1 - t0) + (t3 - t2);
}

/* APIC timer counts a second, from the least uncertain measurement. */
static uint64_t measure_apic_hz(void)
{
    struct apic_cal best = { 0, 1, ~0ULL }, c;
    unsigned int i;
    uint64_t n;

    for ( i = 0; i < CAL_TRIES; i++ )
    {
        apic_measure(&c);
        if ( c.err < best.err )
            best = c;
        if ( best.err * CAL_MAX_ERR_INV < best.tsc )
            break;
    }
    /* counts * kHz fits 64 bits (2^32 * 2^24); the * 1000 goes in after. */
    n = best.counts * cpu_khz;
    return n / best.tsc * 1000 + n % best.tsc * 1000 / best.tsc;
}

/* Initial count of the periodic timer for one tick; logs the rate. */
static uint32_t tick_counts(void)
{
    uint64_t hz = cpu_khz ? measure_apic_hz() : 0;

    if ( hz < TICKS_PER_SECOND || hz / TICKS_PER_SECOND > ~0u )
    {
        printk("APIC timer: measured %lu Hz, not usable: assuming 1 GHz\n",
               (unsigned long)hz);
        hz = FALLBACK_HZ;
    }
    else
        printk("APIC timer: %lu.%03lu MHz (measured against the TSC), "
               "tick %lu counts\n", (unsigned long)(hz / 1000000),
               (unsigned long)(hz / 1000 % 1000),
               (unsigned long)(hz / TICKS_PER_SECOND));
    return hz / TICKS_PER_SECOND;
}

static void pic_mask_all(void)
{
    /* ICW1-4: remap master to 0x20, slave to 0x28, then mask everything. */
    outb(0x20, 0x11); outb(0xa0, 0x11);
    outb(0x21, PIC_VECTOR_BASE); outb(0xa1, PIC_VECTOR_BASE + 8);
    outb(0x21, 0x04); outb(0xa1, 0x02);
    outb(0x21, 0x01); outb(0xa1, 0x01);
    outb(0x21, 0xff); outb(0xa1, 0xff);
}

void apic_init(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);
    uint32_t ticks;

    pic_mask_all();
    wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
    apic_regs = maddr_to_virt(base & ~0xfffULL);
    apic_write(APIC_SVR, SVR_ENABLE | SPURIOUS_VECTOR);
    apic_write(APIC_TIMER_DIV, 0xb);                 /* divide by 1 */
    ticks = tick_counts();
    apic_write(APIC_LVT_TIMER, LVT_PERIODIC | TIMER_VECTOR);
    apic_write(APIC_TIMER_INIT, ticks);
}

void apic_eoi(void)
{
    apic_write(APIC_EOI, 0);
}

void apic_timer_interrupt(void)
{
    tick_count++;
    apic_eoi();
    console_rx_poll();
    sched_tick();
}

unsigned long ticks_now(void)
{
    return tick_count;
}
