/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The emulated local APIC: what CPUID and MSR_APIC_BASE say at boot, the
 * reset state through the xAPIC page, registers a guest cannot write,
 * self-IPIs (ICR shorthand and destinations, x2APIC SELF_IPI) with their
 * EOIs, priorities (an in-service vector holds back its class, TPR holds
 * back its own), x2APIC mode and the #GP rules of its MSRs, and the
 * MSR_APIC_BASE transitions hardware and Xen refuse.  The timer and the
 * upcall vector are tests/lapic-timer.c's.
 *
 * scenario=extint: an ExtINT IPI, which Xen answers by crashing the
 * domain (the runner expects that).
 *
 * Values are Xen 4.17's: APIC ID twice the vCPU id, version 0x50014,
 * SVR 0xff (software-disabled) at reset.  Ours, not Xen's: LVTT bit 18
 * (TSC-deadline mode) is reserved (no TSC-deadline in CPUID), and the
 * xAPIC page of an APIC not in xAPIC mode is a hole (all ones).
 */
#include "guest.h"
#include "x86.h"
#include "lapic.h"

const char test_title[] = "lapic";

#define CPUID1_EDX_APIC     (1u << 9)
#define CPUID1_ECX_X2APIC   (1u << 21)
#define XEN_LAPIC_VERSION   0x00050014u
#define BASE_BOOT           (APIC_DEFAULT_BASE | APIC_BASE_EN | APIC_BASE_BSP)
#define BASE_X2APIC         (BASE_BOOT | APIC_BASE_EXTD)
#define BASE_OFF            (APIC_DEFAULT_BASE | APIC_BASE_BSP)
#define ICR_LOGICAL         (1u << 11)
#define ICR_ALL             (2u << 18)
#define ICR_OTHERS          (3u << 18)
#define ICR_EXTINT          0x700u

/* Let pending interrupts in (STI's shadow covers the NOP). */
static void take_irqs(void)
{
    asm volatile ("sti; nop; cli" ::: "memory");
}

static uint32_t cpuid1(unsigned int reg)
{
    uint32_t r[4];

    cpuid_count(1, 0, &r[0], &r[1], &r[2], &r[3]);
    return r[reg];
}

static void boot_checks(void)
{
    check(cpuid1(3) & CPUID1_EDX_APIC, "CPUID.1 EDX: APIC", "%#x", cpuid1(3));
    check(cpuid1(2) & CPUID1_ECX_X2APIC, "CPUID.1 ECX: x2APIC", "%#x",
          cpuid1(2));
    check_eq("CPUID.1 EBX: initial APIC ID", cpuid1(1) >> 24, 0);
    check_eq("APIC_BASE: default base, enabled, BSP", lapic_base(), BASE_BOOT);
    check_eq("ID", lapic_read(APIC_ID), 0);
    check_eq("version", lapic_read(APIC_LVR), XEN_LAPIC_VERSION);
    check_eq("SVR: software-disabled", lapic_read(APIC_SVR), 0xff);
    check_eq("TPR", lapic_read(APIC_TPR), 0);
    check_eq("PPR", lapic_read(APIC_PPR), 0);
    check_eq("DFR: flat", lapic_read(APIC_DFR), 0xffffffff);
    check_eq("LVT timer masked", lapic_read(APIC_LVTT), APIC_LVT_MASKED);
    check_eq("LVT LINT0 masked", lapic_read(APIC_LVT0), APIC_LVT_MASKED);
    check_eq("LVT error masked", lapic_read(APIC_LVTERR), APIC_LVT_MASKED);
    check_eq("timer initial count", lapic_read(APIC_TMICT), 0);
    check_eq("timer current count", lapic_read(APIC_TMCCT), 0);
    check_eq("reserved register 0x40 reads 0", *lapic_mmio(0x40), 0);
    check_eq("SELF_IPI is not an xAPIC register", *lapic_mmio(APIC_SELF_IPI), 0);
    check_eq("past the registers: 0", *lapic_mmio(0x800), 0);
    check_eq("byte read of the version",
             *(volatile uint8_t *)lapic_mmio(APIC_LVR), 0x14);
    check_eq("word read of the version's high half",
             *(volatile uint16_t *)((unsigned long)lapic_mmio(APIC_LVR) + 2),
             0x0005);
    check_eq("word read across a register's end",
             *(volatile uint16_t *)((unsigned long)lapic_mmio(APIC_LVR) + 3), 0);
}

/* Writes a guest cannot make: dropped, as by Xen. */
static void readonly_checks(void)
{
    lapic_write(APIC_LVR, 0);
    lapic_write(APIC_PPR, 0xff);
    lapic_write(APIC_ISR, ~0u);
    lapic_write(APIC_IRR + 0x10, ~0u);
    lapic_write(APIC_TMCCT, 5);
    *(volatile uint32_t *)((unsigned long)lapic_mmio(APIC_TPR) + 2) = 0x70;
    check_eq("version not writable", lapic_read(APIC_LVR), XEN_LAPIC_VERSION);
    check_eq("PPR not writable", lapic_read(APIC_PPR), 0);
    check_eq("ISR not writable", lapic_read(APIC_ISR), 0);
    check_eq("IRR not writable", lapic_read(APIC_IRR + 0x10), 0);
    check_eq("current count not writable", lapic_read(APIC_TMCCT), 0);
    check_eq("an access across a register's end is dropped",
             lapic_read(APIC_TPR), 0);
    *(volatile uint8_t *)lapic_mmio(APIC_TPR) = 0x20;
    check_eq("byte write of TPR", lapic_read(APIC_TPR), 0x20);
    *(volatile uint8_t *)((unsigned long)lapic_mmio(APIC_TPR) + 1) = 0xff;
    check_eq("TPR keeps 8 bits", lapic_read(APIC_TPR), 0x20);
    lapic_write(APIC_TPR, 0);
    lapic_write(APIC_LDR, 0x12345678);
    check_eq("LDR keeps bits 31:24", lapic_read(APIC_LDR), 0x12000000);
    lapic_write(APIC_LDR, 0);
    /* Software-disabled: an IPI is not accepted. */
    lapic_write(APIC_ICR, APIC_ICR_SELF | 0x40);
    check(!lapic_vec_set(APIC_IRR, 0x40), "disabled APIC: IPI dropped",
          "IRR %#x", lapic_read(APIC_IRR + 0x20));
}

static void ipi(uint32_t icr2, uint32_t icr)
{
    lapic_write(APIC_ICR2, icr2);
    lapic_write(APIC_ICR, icr);
}

/* Destinations: each IPI on vector 0x40 either arrives once or not. */
static void dest_check(const char *what, uint32_t icr2, uint32_t icr,
                       bool arrives)
{
    unsigned int before = irq_count[0x40];

    ipi(icr2, icr | 0x40);
    take_irqs();
    check_eq(what, irq_count[0x40] - before, arrives);
}

static void self_ipi_checks(void)
{
    irq_catch(0x40, true);
    lapic_sw_enable();
    check_eq("SVR enabled", lapic_read(APIC_SVR), 0x1ff);
    lapic_write(APIC_ICR, APIC_ICR_SELF | 0x40);
    check(lapic_vec_set(APIC_IRR, 0x40), "self-IPI pending in IRR",
          "IRR %#x", lapic_read(APIC_IRR + 0x20));
    check_eq("ICR reads back, not busy", lapic_read(APIC_ICR),
             APIC_ICR_SELF | 0x40);
    take_irqs();
    check_eq("self-IPI delivered once", irq_count[0x40], 1);
    check(!lapic_vec_set(APIC_ISR, 0x40) && !lapic_vec_set(APIC_IRR, 0x40),
          "EOI: nothing in service", "ISR %#x", lapic_read(APIC_ISR + 0x20));
    dest_check("physical: own ID", 0, 0, true);
    dest_check("physical: broadcast", 0xff000000, 0, true);
    dest_check("physical: another ID", 0x07000000, 0, false);
    dest_check("shorthand: all", 0, ICR_ALL, true);
    dest_check("shorthand: all others", 0, ICR_OTHERS, false);
    lapic_write(APIC_LDR, 0x01000000);
    dest_check("logical flat: our bit", 0x03000000, ICR_LOGICAL, true);
    dest_check("logical flat: not ours", 0x02000000, ICR_LOGICAL, false);
    lapic_write(APIC_LDR, 0);
    lapic_write(APIC_ICR, APIC_ICR_SELF | 5);
    take_irqs();
    check(!lapic_vec_set(APIC_IRR, 5) && irq_count[5] == 0,
          "illegal vector 5 not sent", "IRR %#x", lapic_read(APIC_IRR));
    check(lapic_read(APIC_ESR) & APIC_ESR_SENDILL, "ESR: send illegal vector",
          "ESR %#x", lapic_read(APIC_ESR));
}

static void priority_checks(void)
{
    irq_catch(0x41, false);
    irq_catch(0x42, false);
    irq_catch(0x51, true);
    irq_catch(0x45, true);
    irq_catch(0x65, true);
    irq_log_clear();
    lapic_write(APIC_ICR, APIC_ICR_SELF | 0x41);
    take_irqs();
    check(lapic_vec_set(APIC_ISR, 0x41), "un-EOIed 0x41 stays in service",
          "ISR %#x", lapic_read(APIC_ISR + 0x20));
    check_eq("PPR: the class in service", lapic_read(APIC_PPR), 0x40);
    lapic_write(APIC_ICR, APIC_ICR_SELF | 0x42);
    take_irqs();
    check(irq_count[0x42] == 0 && lapic_vec_set(APIC_IRR, 0x42),
          "0x42 held back by 0x41 in service", "count %u",
          irq_count[0x42]);
    lapic_write(APIC_ICR, APIC_ICR_SELF | 0x51);
    take_irqs();
    check_eq("a higher class still comes", irq_count[0x51], 1);
    lapic_eoi();                        /* ends 0x41 */
    take_irqs();
    check_eq("EOI lets 0x42 in", irq_count[0x42], 1);
    lapic_eoi();                        /* ends 0x42 */
    check(irq_log_len == 3 && irq_log[0] == 0x41 && irq_log[1] == 0x51 &&
          irq_log[2] == 0x42, "order: 0x41 0x51 0x42", "%u: %#x %#x %#x",
          irq_log_len, irq_log[0], irq_log[1], irq_log[2]);
    check_eq("nothing in service", lapic_read(APIC_ISR + 0x40), 0);

    lapic_write(APIC_TPR, 0x50);
    lapic_write(APIC_ICR, APIC_ICR_SELF | 0x45);
    take_irqs();
    check_eq("TPR 0x50 holds back 0x45", irq_count[0x45], 0);
    check_eq("PPR: TPR", lapic_read(APIC_PPR), 0x50);
    lapic_write(APIC_ICR, APIC_ICR_SELF | 0x65);
    take_irqs();
    check_eq("TPR 0x50 lets 0x65 in", irq_count[0x65], 1);
    lapic_write(APIC_TPR, 0);
    take_irqs();
    check_eq("TPR 0 lets 0x45 in", irq_count[0x45], 1);
}

/* An x2APIC MSR access that must #GP. */
static void gp_read(uint32_t msr)
{
    uint64_t v;
    char what[48];

    snprintf(what, sizeof(what), "rdmsr %#x: #GP", msr);
    check_eq(what, rdmsr_safe(msr, &v), EXC_GP0);
}

static void gp_write(uint32_t msr, uint64_t val)
{
    char what[64];

    snprintf(what, sizeof(what), "wrmsr %#x <- %#llx: #GP", msr,
             (unsigned long long)val);
    check_eq(what, wrmsr_safe(msr, val), EXC_GP0);
}

static void x2apic_checks(void)
{
    static const uint32_t no_read[] = {
        0x800, 0x801, 0x804, 0x809, 0x80b, 0x80c, 0x80e, 0x831, 0x83a,
        0x83f, 0x840, 0x8ff,
    };
    static const uint32_t no_write[] = {
        0x802, 0x803, 0x80a, 0x80d, 0x80e, 0x810, 0x820, 0x831, 0x839, 0x8ff,
    };
    uint64_t v = 0;
    unsigned int i;

    gp_read(MSR_X2APIC(APIC_LVR));      /* not in x2APIC mode yet */
    check_eq("xAPIC -> x2APIC", lapic_set_base_safe(BASE_X2APIC), 0);
    check_eq("APIC_BASE: x2APIC", lapic_base(), BASE_X2APIC);
    check_eq("x2APIC ID", rdmsr(MSR_X2APIC(APIC_ID)), 0);
    check_eq("x2APIC version", rdmsr(MSR_X2APIC(APIC_LVR)), XEN_LAPIC_VERSION);
    check_eq("x2APIC LDR: cluster 0, bit 0", rdmsr(MSR_X2APIC(APIC_LDR)), 1);
    check_eq("SVR kept", rdmsr(MSR_X2APIC(APIC_SVR)), 0x1ff);
    check_eq("xAPIC page: a hole now", *lapic_mmio(APIC_LVR), 0xffffffff);

    irq_catch(0x48, true);
    check_eq("SELF_IPI 0x48", wrmsr_safe(MSR_X2APIC(APIC_SELF_IPI), 0x48), 0);
    take_irqs();
    check_eq("SELF_IPI delivered", irq_count[0x48], 1);
    check_eq("ICR to x2APIC ID 0", wrmsr_safe(MSR_X2APIC(APIC_ICR), 0x48), 0);
    take_irqs();
    check_eq("ICR delivered", irq_count[0x48], 2);
    check_eq("ICR reads 64 bits", rdmsr_safe(MSR_X2APIC(APIC_ICR), &v), 0);
    check_eq("ICR value", v, 0x48);
    wrmsr_safe(MSR_X2APIC(APIC_ICR), (0xffffffffULL << 32) | 0x48);
    take_irqs();
    check_eq("ICR broadcast delivered", irq_count[0x48], 3);
    wrmsr_safe(MSR_X2APIC(APIC_ICR), (2ULL << 32) | 0x48);
    take_irqs();
    check_eq("ICR to x2APIC ID 2: nobody", irq_count[0x48], 3);
    check_eq("ICR high half", rdmsr(MSR_X2APIC(APIC_ICR)) >> 32, 2);

    irq_catch(0x49, false);
    wrmsr_safe(MSR_X2APIC(APIC_SELF_IPI), 0x49);
    take_irqs();
    gp_write(MSR_X2APIC(APIC_EOI), 1);
    check(lapic_vec_set(APIC_ISR, 0x49), "non-zero EOI: still in service",
          "ISR %#x", lapic_read(APIC_ISR + 0x40));
    check_eq("EOI 0", wrmsr_safe(MSR_X2APIC(APIC_EOI), 0), 0);
    check(!lapic_vec_set(APIC_ISR, 0x49), "EOI ends it", "ISR %#x",
          lapic_read(APIC_ISR + 0x40));

    for ( i = 0; i < ARRAY_SIZE(no_read); i++ )
        gp_read(no_read[i]);
    for ( i = 0; i < ARRAY_SIZE(no_write); i++ )
        gp_write(no_write[i], 0);
    gp_write(MSR_X2APIC(APIC_TPR), 0x100);
    gp_write(MSR_X2APIC(APIC_SVR), 0x1ff | (1u << 12));
    gp_write(MSR_X2APIC(APIC_LVTT), 0x40 | (1u << 18));
    gp_write(MSR_X2APIC(APIC_LVT0), 1u << 17);
    gp_write(MSR_X2APIC(APIC_ICR), (1u << 13) | 0x48);
    gp_write(MSR_X2APIC(APIC_SELF_IPI), 0x148);
    gp_write(MSR_X2APIC(APIC_TDCR), 4);
    gp_write(MSR_X2APIC(APIC_ESR), 1);
    check_eq("ESR write 0", wrmsr_safe(MSR_X2APIC(APIC_ESR), 0), 0);
    check_eq("TPR unchanged by the refusals", rdmsr(MSR_X2APIC(APIC_TPR)), 0);
    check_eq("TPR 0x30", wrmsr_safe(MSR_X2APIC(APIC_TPR), 0x30), 0);
    check_eq("TPR reads 0x30", rdmsr(MSR_X2APIC(APIC_TPR)), 0x30);
    wrmsr_safe(MSR_X2APIC(APIC_TPR), 0);
}

/* The transitions of MSR_APIC_BASE, from x2APIC mode, back to xAPIC. */
static void base_checks(void)
{
    check_eq("x2APIC -> xAPIC: #GP", lapic_set_base_safe(BASE_BOOT), EXC_GP0);
    check_eq("x2APIC -> EXTD without EN: #GP",
             lapic_set_base_safe(BASE_OFF | APIC_BASE_EXTD), EXC_GP0);
    check_eq("still x2APIC", lapic_base(), BASE_X2APIC);
    check_eq("x2APIC -> disabled", lapic_set_base_safe(BASE_OFF), 0);
    check_eq("APIC_BASE: disabled", lapic_base(), BASE_OFF);
    check(!(cpuid1(3) & CPUID1_EDX_APIC), "disabled: CPUID.1 EDX.APIC clear",
          "%#x", cpuid1(3));
    gp_read(MSR_X2APIC(APIC_LVR));
    check_eq("disabled: the xAPIC page is a hole", *lapic_mmio(APIC_LVR),
             0xffffffff);
    check_eq("disabled -> x2APIC: #GP", lapic_set_base_safe(BASE_X2APIC),
             EXC_GP0);
    check_eq("disabled -> xAPIC elsewhere: #GP",
             lapic_set_base_safe(0xfed00000u | APIC_BASE_EN), EXC_GP0);
    check_eq("reserved bit 9: #GP", lapic_set_base_safe(BASE_OFF | (1u << 9)),
             EXC_GP0);
    check_eq("reserved bit 63: #GP",
             lapic_set_base_safe(BASE_OFF | (1ULL << 63)), EXC_GP0);
    check_eq("disabled, another base", lapic_set_base_safe(0xfed00000u), 0);
    check_eq("disabled -> xAPIC", lapic_set_base_safe(BASE_BOOT), 0);
    check(cpuid1(3) & CPUID1_EDX_APIC, "enabled: CPUID.1 EDX.APIC", "%#x",
          cpuid1(3));
    check_eq("enabled again: reset, SVR 0xff", lapic_read(APIC_SVR), 0xff);
    check_eq("enabled again: xAPIC ID 0", lapic_read(APIC_ID), 0);
    check_eq("enabled again: LDR 0", lapic_read(APIC_LDR), 0);
    check_eq("BSP bit as written", lapic_set_base_safe(BASE_BOOT &
                                                       ~APIC_BASE_BSP), 0);
    check_eq("APIC_BASE without BSP", lapic_base(), BASE_BOOT & ~APIC_BASE_BSP);
    check_eq("BSP back", lapic_set_base_safe(BASE_BOOT), 0);
    check_eq("xAPIC -> x2APIC -> disabled -> xAPIC",
             lapic_set_base_safe(BASE_X2APIC) | lapic_set_base_safe(BASE_OFF) |
             lapic_set_base_safe(BASE_BOOT), 0);
    check_eq("xAPIC, version", lapic_read(APIC_LVR), XEN_LAPIC_VERSION);
}

/* 64-bit code: CR8 is the TPR's class. */
static void cr8_checks(void)
{
#ifdef __x86_64__
    unsigned long cr8;

    lapic_write(APIC_TPR, 0x30);
    asm volatile ("mov %%cr8, %0" : "=r" (cr8));
    check_eq("CR8 from TPR", cr8, 3);
    asm volatile ("mov %0, %%cr8" :: "r" (5UL));
    check_eq("TPR from CR8", lapic_read(APIC_TPR), 0x50);
    asm volatile ("mov %0, %%cr8" :: "r" (0UL));
    check_eq("TPR 0 from CR8", lapic_read(APIC_TPR), 0);
#endif
}

void test_main(void)
{
    char scenario[16] = "";

    asm volatile ("cli");
    cmdline_get("scenario", scenario, sizeof(scenario));
    if ( !strcmp(scenario, "extint") )
    {
        lapic_sw_enable();
        printk("info: sending an ExtINT IPI\n");
        lapic_write(APIC_ICR, APIC_ICR_SELF | ICR_EXTINT | 0x30);
        test_error("still running after an ExtINT IPI");
        return;
    }
    boot_checks();
    readonly_checks();
    self_ipi_checks();
    priority_checks();
    x2apic_checks();
    base_checks();
    lapic_sw_enable();
    cr8_checks();
}
