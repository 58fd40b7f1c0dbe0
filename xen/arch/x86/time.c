/*
 * System time on x86: nanoseconds since the hypervisor was entered,
 * counted by the TSC, whose rate is measured once at boot against the
 * PIT (channel 2 at 1.193182 MHz, on every PC and in QEMU); and the wall
 * clock at boot, from the CMOS RTC.
 *
 * The TSC is read on one CPU and never written by the hypervisor, so
 * NOW() is monotonic by construction and guests get
 * XEN_PVCLOCK_TSC_STABLE_BIT (Xen sets it when its clock source is the
 * TSC, as ours always is).  We assume an invariant TSC, as every CPU
 * with SVM and nested paging has.
 *
 * The scale is Xen's vcpu_time_info one: ns = ((delta << shift) * mul)
 * >> 32, a negative shift shifting right; mul is below 2^32 once the
 * frequency, shifted by shift, is in (1 GHz, 2 GHz].
 */
#include <xen/lib.h>
#include <xen/time.h>
#include <xen/sched.h>
#include <public/xen.h>
#include <asm/processor.h>
#include <asm/hvm.h>
#include <asm/time.h>

#define NS_PER_SEC     1000000000ULL
#define PIT_HZ         1193182u
#define CAL_MS         10u
#define CAL_COUNT      (PIT_HZ * CAL_MS / 1000)
/* Polls of port 0x61 before we call the PIT absent (QEMU: ~1 us each). */
#define CAL_MAX_POLLS  100000000ul
/* Measure up to CAL_TRIES times, until one is good to 1 / 5000. */
#define CAL_TRIES      16u
#define CAL_MAX_ERR_INV 5000u

static uint64_t boot_tsc;
unsigned long cpu_khz;
static uint32_t tsc_mul;
static int8_t tsc_shift;

static uint64_t scale_delta(uint64_t delta)
{
    if ( tsc_shift < 0 )
        delta >>= -tsc_shift;
    else
        delta <<= tsc_shift;
    return (uint64_t)(((unsigned __int128)delta * tsc_mul) >> 32);
}

static void set_scale(uint64_t hz)
{
    uint64_t f = hz;
    int shift = 0;

    while ( f > 2 * NS_PER_SEC )
    {
        f >>= 1;
        shift--;
    }
    while ( f <= NS_PER_SEC )
    {
        f <<= 1;
        shift++;
    }
    tsc_mul = (uint32_t)((NS_PER_SEC << 32) / f);
    tsc_shift = shift;
}

/*
 * One measurement: TSC ticks while PIT channel 2 counts CAL_COUNT down
 * (mode 0), with how uncertain the two ends are.  The PIT starts when
 * its count's high byte is written, between two TSC reads; it ends
 * between the last TSC read before a poll that saw OUT2 (port 0x61 bit
 * 5) low and the first one after a poll that saw it high.  Whatever
 * delays us (an SMI; under QEMU, the host descheduling it) shows up as
 * uncertainty, not as a wrong rate.
 */
struct tsc_cal {
    uint64_t ticks, err;
};

static bool pit_measure(struct tsc_cal *c)
{
    uint8_t port61 = inb(0x61);
    uint64_t s0, s1, low = 0, t = 0;
    unsigned long polls;

    /* Gate channel 2 on, keep the speaker off. */
    outb(0x61, (port61 & ~0x02) | 0x01);
    outb(0x43, 0xb0);                   /* channel 2, lo/hi byte, mode 0 */
    outb(0x42, CAL_COUNT & 0xff);
    s0 = rdtsc();
    outb(0x42, CAL_COUNT >> 8);
    s1 = rdtsc();
    low = s1;
    for ( polls = 0; polls < CAL_MAX_POLLS; polls++ )
    {
        t = rdtsc();
        if ( inb(0x61) & 0x20 )
            break;
        low = t;
    }
    t = rdtsc();
    outb(0x61, port61);
    if ( polls >= CAL_MAX_POLLS )
        return false;
    c->ticks = (low + t - s0 - s1) / 2;
    c->err = (t - low) + (s1 - s0);
    return true;
}

/* The TSC rate, from the least uncertain of a few measurements; 0: no PIT. */
static uint64_t measure_tsc_hz(void)
{
    struct tsc_cal best = { 0, ~0ULL }, c;
    unsigned int i;

    for ( i = 0; i < CAL_TRIES; i++ )
    {
        if ( !pit_measure(&c) )
            return 0;
        if ( c.err < best.err )
            best = c;
        if ( best.err * CAL_MAX_ERR_INV < best.ticks )
            break;                      /* good to 1/CAL_MAX_ERR_INV */
    }
    printk("TSC calibration: %u tries, uncertainty %lu ppm\n", i + (i < CAL_TRIES),
           (unsigned long)(best.err * 1000000 / (best.ticks ? best.ticks : 1)));
    return best.ticks * 1000 / CAL_MS;
}

s_time_t get_s_time(void)
{
    return (s_time_t)scale_delta(rdtsc() - boot_tsc);
}

void arch_vcpu_time_stamp(const struct vcpu *v, struct vcpu_time_info *t)
{
    uint64_t tsc = rdtsc();

    /* The guest reads its TSC with the vendor's offset added. */
    t->tsc_timestamp = tsc + hvm_get_tsc_offset(v);
    t->system_time = scale_delta(tsc - boot_tsc);
    t->tsc_to_system_mul = tsc_mul;
    t->tsc_shift = tsc_shift;
    t->flags = XEN_PVCLOCK_TSC_STABLE_BIT;
}

void time_init(uint64_t tsc_at_entry)
{
    uint64_t hz = measure_tsc_hz();

    if ( !hz )
        panic("TSC calibration: PIT channel 2 does not count");
    boot_tsc = tsc_at_entry;
    cpu_khz = hz / 1000;
    set_scale(hz);
    printk("TSC: %lu.%03lu MHz (measured against the PIT), scale %#x "
           "shift %d\n", (unsigned long)(hz / 1000000),
           (unsigned long)(hz / 1000 % 1000), tsc_mul, tsc_shift);
    rtc_init_wallclock();
}
