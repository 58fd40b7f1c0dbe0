/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The local APIC's timer and the per-vCPU upcall vector through the
 * APIC.  Timer: one-shot and periodic, with two divisors, waking a vCPU
 * in HLT and one in SCHEDOP_block, never before its time (Xen's APIC bus
 * runs at 100 MHz: 10 ns a tick); masked it counts but raises nothing;
 * an initial count of 0 stops it; in x2APIC mode through the MSRs.
 * Upcalls (HVMOP_set_evtchn_upcall_vector): each is an APIC interrupt
 * the handler EOIs, held back by TPR like any other, dropped while the
 * APIC is software-disabled and raised again when it is enabled if
 * evtchn_upcall_pending is still set (Xen's rule).
 *
 * Only lower bounds on waits are strict (QEMU may be slow; our timers
 * fire at 1 ms ticks).
 */
#include "resmap.h"
#include "events.h"
#include "pvclock.h"
#include "lapic.h"
#include "x86.h"
#include "public/sched.h"
#include "public/vcpu.h"

const char test_title[] = "lapic-timer";

#define NS_PER_TICK     10              /* APIC bus: 100 MHz */
#define TDCR_DIV2       0x0u
#define MAX_HALTS       100000u
#define V_ONESHOT       0xe0
#define V_PERIODIC      0xe1
#define V_MASKED        0xe2
#define V_BLOCK         0xe3
#define V_X2APIC        0xe4

static volatile struct vcpu_time_info *vt;

static uint64_t now(void)
{
    return pvclock_now(vt);
}

static unsigned long us(uint64_t ns)
{
    return (unsigned long)div_u64(ns, 1000, NULL);
}

static void take_irqs(void)
{
    asm volatile ("sti; nop; cli" ::: "memory");
}

/* HLT (interrupts on) until vec has come n times in all; false if not. */
static bool halt_until(unsigned int vec, unsigned int n)
{
    unsigned int i;

    for ( i = 0; i < MAX_HALTS && irq_count[vec] < n; i++ )
        wait_for_interrupt();
    return irq_count[vec] >= n;
}

/* Busy-wait ns, interrupts on. */
static void spin_ns(uint64_t ns)
{
    uint64_t end = now() + ns;

    irq_enable();
    while ( now() < end )
        continue;
    irq_disable();
}

/* A one-shot count of ticks at divisor tdcr: one interrupt, not early. */
static void oneshot(const char *what, uint32_t tdcr, uint32_t ticks,
                    unsigned int div)
{
    uint64_t want = (uint64_t)ticks * NS_PER_TICK * div, t0, t1;
    unsigned int before = irq_count[V_ONESHOT];
    uint32_t cc;
    char line[80];

    lapic_write(APIC_TDCR, tdcr);
    lapic_write(APIC_LVTT, V_ONESHOT);
    t0 = now();
    lapic_write(APIC_TMICT, ticks);
    cc = lapic_read(APIC_TMCCT);
    t1 = now();
    /* Counting down; or 0 if the whole count had passed by the read (a
     * loaded host can stop this vCPU for that long under TCG). */
    snprintf(line, sizeof(line), "%s: counting down", what);
    check((cc > 0 && cc <= ticks) || (cc == 0 && t1 - t0 >= want), line,
          "current count %u of %u after %lu us", cc, ticks, us(t1 - t0));
    snprintf(line, sizeof(line), "%s: fires, HLT woken", what);
    check(halt_until(V_ONESHOT, before + 1), line, "never came");
    t1 = now();
    snprintf(line, sizeof(line), "%s: not before %lu us", what, us(want));
    check(t1 - t0 >= want, line, "after %lu us", us(t1 - t0));
    snprintf(line, sizeof(line), "%s: count stays 0", what);
    check_eq(line, lapic_read(APIC_TMCCT), 0);
    spin_ns(want + 3 * NS_PER_MS);
    snprintf(line, sizeof(line), "%s: once only", what);
    check_eq(line, irq_count[V_ONESHOT], before + 1);
    printk("info: %s: %lu us for %lu us\n", what, us(t1 - t0), us(want));
}

static void periodic_checks(void)
{
    const uint32_t ticks = 300000;       /* 3 ms */
    uint64_t t0, t1;
    unsigned int n;
    uint32_t cc;

    lapic_write(APIC_TDCR, APIC_TDCR_DIV1);
    lapic_write(APIC_LVTT, V_PERIODIC | APIC_LVT_PERIODIC);
    t0 = now();
    lapic_write(APIC_TMICT, ticks);
    check(halt_until(V_PERIODIC, 4), "periodic: 4 interrupts, HLT woken",
          "%u came", irq_count[V_PERIODIC]);
    t1 = now();
    check(t1 - t0 >= 4ULL * ticks * NS_PER_TICK, "periodic: not early",
          "4 in %lu us", us(t1 - t0));
    cc = lapic_read(APIC_TMCCT);
    check(cc > 0 && cc <= ticks, "periodic: count reloads",
          "current count %u", cc);
    lapic_write(APIC_TMICT, 0);
    /* A period that ended before the stop left its interrupt in the IRR
     * (interrupts are off here), as on hardware: let it in first.  A
     * loaded host makes that likely under TCG. */
    spin_ns(NS_PER_MS);
    n = irq_count[V_PERIODIC];
    spin_ns(10 * NS_PER_MS);
    check_eq("initial count 0 stops it", irq_count[V_PERIODIC], n);
    check_eq("stopped: count 0", lapic_read(APIC_TMCCT), 0);
    printk("info: periodic 3 ms: 4 in %lu us\n", us(t1 - t0));
}

static void masked_checks(void)
{
    lapic_write(APIC_LVTT, V_MASKED | APIC_LVT_MASKED);
    lapic_write(APIC_TMICT, 100000);    /* 1 ms */
    spin_ns(4 * NS_PER_MS);
    check_eq("masked: no interrupt", irq_count[V_MASKED], 0);
    check(!lapic_vec_set(APIC_IRR, V_MASKED), "masked: nothing pending",
          "IRR %#x", lapic_read(APIC_IRR + 0x70));
    check_eq("masked: it still counted down", lapic_read(APIC_TMCCT), 0);
}

/*
 * SCHEDOP_block with interrupts off: the timer wakes it, the vector then
 * waits in IRR.  A timer that fires between the IRR check and the block
 * leaves nothing to wake it, on Xen too (SCHEDOP_block sleeps until a
 * new wake-up): a VIRQ_TIMER single-shot 100 ms later is the backstop,
 * said when it was needed.
 */
static void block_checks(void)
{
    struct vcpu_set_singleshot_timer backstop = { 0 };
    evtchn_port_t port = 0;
    uint64_t t0, t1;
    unsigned int events;

    check_eq("backstop: bind VIRQ_TIMER",
             evtchn_bind_virq(VIRQ_TIMER, 0, &port), 0);
    take_irqs();
    events = port < EVENTS_COUNTED ? event_count[port] : 0;
    lapic_write(APIC_LVTT, V_BLOCK);
    t0 = now();
    backstop.timeout_abs_ns = t0 + 100 * NS_PER_MS;
    hypercall_vcpu_op(VCPUOP_set_singleshot_timer, 0, &backstop);
    lapic_write(APIC_TMICT, 200000);    /* 2 ms */
    while ( !lapic_vec_set(APIC_IRR, V_BLOCK) && now() - t0 < NS_PER_S )
        hypercall_sched_op(SCHEDOP_block, NULL);
    t1 = now();
    hypercall_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL);
    check(lapic_vec_set(APIC_IRR, V_BLOCK), "SCHEDOP_block woken, vector pending",
          "IRR %#x", lapic_read(APIC_IRR + 0x70));
    check(t1 - t0 >= 2 * NS_PER_MS, "SCHEDOP_block: not before 2 ms",
          "after %lu us", us(t1 - t0));
    take_irqs();
    check_eq("then delivered", irq_count[V_BLOCK], 1);
    if ( port < EVENTS_COUNTED && event_count[port] != events )
        printk("info: the timer fired before the block: the backstop woke "
               "it after %lu us\n", us(t1 - t0));
}

static void x2apic_timer_checks(void)
{
    uint64_t base = lapic_base();

    check_eq("x2APIC mode", lapic_set_base_safe(base | APIC_BASE_EXTD), 0);
    wrmsr_safe(MSR_X2APIC(APIC_TDCR), APIC_TDCR_DIV1);
    wrmsr_safe(MSR_X2APIC(APIC_LVTT), V_X2APIC);
    wrmsr_safe(MSR_X2APIC(APIC_TMICT), 100000);
    check(halt_until(V_X2APIC, 1), "x2APIC: one-shot fires", "never came");
    check_eq("x2APIC: current count 0", rdmsr(MSR_X2APIC(APIC_TMCCT)), 0);
}

/* Upcalls on the per-vCPU vector: events sent to ourselves (binding
 * raises one too, as in Xen, taken before counting). */
static void upcall_checks(void)
{
    evtchn_port_t a, b;
    unsigned int n, up;

    check_eq("loopback: alloc_unbound", evtchn_alloc_unbound(DOMID_SELF, &a), 0);
    check_eq("loopback: bind", evtchn_bind_interdomain(DOMID_SELF, a, &b), 0);
    take_irqs();
    n = event_count[b];
    check_eq("send", evtchn_send(a), 0);
    take_irqs();
    check_eq("upcall through the APIC", event_count[b], n + 1);
    check_eq("EOIed: nothing in service", lapic_read(APIC_ISR + 0x70), 0);

    lapic_write(APIC_TPR, 0xf0);
    evtchn_send(a);
    take_irqs();
    check(event_count[b] == n + 1 && lapic_vec_set(APIC_IRR, UPCALL_VECTOR),
          "TPR 0xf0 holds the upcall back", "events %u", event_count[b] - n);
    lapic_write(APIC_TPR, 0);
    take_irqs();
    check_eq("TPR 0 lets it in", event_count[b], n + 2);

    lapic_write(APIC_SVR, 0xff);        /* software-disabled */
    up = upcall_count;
    evtchn_send(a);
    take_irqs();
    check(upcall_count == up && !lapic_vec_set(APIC_IRR, UPCALL_VECTOR),
          "disabled APIC: no upcall", "upcalls %u", upcall_count - up);
    lapic_sw_enable();
    take_irqs();
    check_eq("enabled: the pending upcall comes", event_count[b], n + 3);
}

void test_main(void)
{
    irq_disable();
    check_eq("shared_info, per-vCPU upcall vector", events_init(true), 0);
    vt = &shinfo->vcpu_info[0].time;
    check_eq("APIC software-enabled", lapic_read(APIC_SVR), 0x1ff);
    upcall_checks();
    irq_catch(V_ONESHOT, true);
    irq_catch(V_PERIODIC, true);
    irq_catch(V_MASKED, true);
    irq_catch(V_BLOCK, true);
    irq_catch(V_X2APIC, true);
    oneshot("one-shot 10 ms", APIC_TDCR_DIV1, 1000000, 1);
    oneshot("one-shot 5 ms, divide by 2", TDCR_DIV2, 250000, 2);
    periodic_checks();
    masked_checks();
    block_checks();
    x2apic_timer_checks();
}
