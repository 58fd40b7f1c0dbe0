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
#define APIC_TIMER_DIV   0x3e0
#define LVT_PERIODIC     (1u << 17)
#define SVR_ENABLE       (1u << 8)

/*
 * The tick is the hypervisor's clock: TICKS_PER_SECOND periodic
 * interrupts.  The scheduler measures each vCPU's slice in ticks from the
 * moment it was picked.  QEMU's APIC timer counts at 1 GHz; on hardware
 * the tick only runs faster or slower, which round robin does not mind.
 */
#define TICK_NS (1000000000u / TICKS_PER_SECOND)

static volatile uint32_t *apic_regs;
static volatile unsigned long tick_count;

static void apic_write(unsigned int reg, uint32_t v)
{
    apic_regs[reg / 4] = v;
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

    pic_mask_all();
    wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
    apic_regs = maddr_to_virt(base & ~0xfffULL);
    apic_write(APIC_SVR, SVR_ENABLE | SPURIOUS_VECTOR);
    apic_write(APIC_TIMER_DIV, 0xb);                 /* divide by 1 */
    apic_write(APIC_LVT_TIMER, LVT_PERIODIC | TIMER_VECTOR);
    apic_write(APIC_TIMER_INIT, TICK_NS);
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
