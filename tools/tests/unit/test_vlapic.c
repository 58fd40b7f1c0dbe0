/*
 * Hosted tests of the local APIC's register model (arch/x86/hvm/
 * vlapic_regs.c, vlapic_irq.c, vlapic_timer.c): reset state, the
 * MSR_APIC_BASE transitions, priorities and IRR -> ISR -> EOI, the
 * error register, MMIO access sizes, every x2APIC MSR's read and write
 * rule, and the timer's count and deadlines.  Time is passed in.
 */
#include <stdio.h>
#include <string.h>

#include <xen/errno.h>
#include <asm-x86/apicdef.h>
#include <asm-x86/hvm/vlapic.h>

#include "unit.h"

#define BOOT_BASE   (APIC_DEFAULT_BASE | APIC_BASE_ENABLE | APIC_BASE_BSP)
#define X2_BASE     (BOOT_BASE | APIC_BASE_EXTD)
#define OFF_BASE    (APIC_DEFAULT_BASE | APIC_BASE_BSP)
#define REG(l, o)   ((l)->reg[(o) >> 4])
#define MS          1000000LL

static struct vlapic fresh(unsigned int vcpu_id)
{
    struct vlapic l;

    memset(&l, 0xa5, sizeof(l));
    vlapic_reset(&l, vcpu_id);
    return l;
}

static void enable(struct vlapic *l)
{
    vlapic_reg_write(l, APIC_SPIV, 0x1ff, 0);
}

static void test_reset(void)
{
    struct vlapic l = fresh(0), l3 = fresh(3);

    CHECK_EQ("reset/base", l.base, BOOT_BASE);
    CHECK_EQ("reset/base-ap", l3.base, APIC_DEFAULT_BASE | APIC_BASE_ENABLE);
    CHECK_EQ("reset/id", vlapic_reg_read(&l3, APIC_ID, 0), 6u << 24);
    CHECK_EQ("reset/version", vlapic_reg_read(&l, APIC_LVR, 0), 0x50014);
    CHECK_EQ("reset/svr", vlapic_reg_read(&l, APIC_SPIV, 0), 0xff);
    CHECK_EQ("reset/dfr", vlapic_reg_read(&l, APIC_DFR, 0), 0xffffffffu);
    CHECK_EQ("reset/lvtt", vlapic_reg_read(&l, APIC_LVTT, 0), APIC_LVT_MASKED);
    CHECK_EQ("reset/lvterr", vlapic_reg_read(&l, APIC_LVTERR, 0),
             APIC_LVT_MASKED);
    CHECK_EQ("reset/irr", vlapic_highest_irr(&l), -1);
    CHECK_EQ("reset/divisor", l.divisor, 2);
    CHECK("reset/hw-enabled", vlapic_hw_enabled(&l) && vlapic_xapic_mode(&l));
    CHECK("reset/sw-disabled", !vlapic_enabled(&l));
}

/* One MSR_APIC_BASE write from a state: its answer and what it left. */
static void base_case(const char *name, uint64_t from, uint64_t val, int rc,
                      uint64_t after)
{
    struct vlapic l = fresh(1);
    char n[80];

    if ( from != l.base )
    {
        /* Reach from: through xAPIC, the only legal way in. */
        if ( from & APIC_BASE_EXTD )
            vlapic_set_base(&l, (from & ~APIC_BASE_EXTD));
        vlapic_set_base(&l, from);
    }
    snprintf(n, sizeof(n), "base/%s/rc", name);
    CHECK_EQ(n, vlapic_set_base(&l, val), rc);
    snprintf(n, sizeof(n), "base/%s/after", name);
    CHECK_EQ(n, l.base, after);
}

static void test_base(void)
{
    const uint64_t ap = APIC_DEFAULT_BASE | APIC_BASE_ENABLE, x2 = ap |
                        APIC_BASE_EXTD, off = APIC_DEFAULT_BASE;
    struct vlapic l = fresh(1);

    base_case("same", ap, ap, 0, ap);
    base_case("xapic-x2apic", ap, x2, 0, x2);
    base_case("xapic-off", ap, off, 0, off);
    base_case("x2apic-off", x2, off, 0, off);
    base_case("x2apic-xapic", x2, ap, -EINVAL, x2);
    base_case("x2apic-extd-only", x2, off | APIC_BASE_EXTD, -EINVAL, x2);
    base_case("off-x2apic", off, x2, -EINVAL, off);
    base_case("off-extd-only", off, off | APIC_BASE_EXTD, -EINVAL, off);
    base_case("off-xapic", off, ap, 0, ap);
    base_case("off-moved", off, 0xfed00000, 0, 0xfed00000);
    base_case("xapic-moved", off, 0xfed00000 | APIC_BASE_ENABLE, -EINVAL, off);
    base_case("x2apic-any-address", ap, 0xfed00000 | x2, 0,
              0xfed00000 | x2);
    base_case("reserved-bit9", ap, ap | (1u << 9), -EINVAL, ap);
    base_case("reserved-bit0", ap, ap | 1, -EINVAL, ap);
    base_case("reserved-bit63", ap, ap | (1ULL << 63), -EINVAL, ap);
    base_case("above-52-bits", off, off | (1ULL << 52), -EINVAL, off);
    base_case("bsp-set", ap, ap | APIC_BASE_BSP, 0, ap | APIC_BASE_BSP);

    /* x2APIC: the 32-bit ID and its LDR; enabling again resets. */
    vlapic_set_base(&l, x2);
    CHECK_EQ("base/x2apic-id", vlapic_reg_read(&l, APIC_ID, 0), 2);
    CHECK_EQ("base/x2apic-ldr", vlapic_reg_read(&l, APIC_LDR, 0), 1u << 2);
    CHECK_EQ("base/x2apic-vlapic-id", vlapic_id(&l), 2);
    {
        struct vlapic b = fresh(17);

        vlapic_set_base(&b, x2);
        CHECK_EQ("base/x2apic-ldr-cluster", REG(&b, APIC_LDR),
                 (2u << 16) | (1u << 2));
    }
    REG(&l, APIC_TASKPRI) = 0x30;
    REG(&l, APIC_SPIV) = 0x1ff;
    vlapic_set_base(&l, off);
    CHECK("base/off-not-enabled", !vlapic_enabled(&l) && !vlapic_hw_enabled(&l));
    vlapic_set_base(&l, ap);
    CHECK_EQ("base/reenable-resets-svr", REG(&l, APIC_SPIV), 0xff);
    CHECK_EQ("base/reenable-resets-tpr", REG(&l, APIC_TASKPRI), 0);
    CHECK_EQ("base/reenable-xapic-id", REG(&l, APIC_ID), 2u << 24);
    CHECK_EQ("base/reenable-ldr", REG(&l, APIC_LDR), 0);
}

static void test_priorities(void)
{
    struct vlapic l = fresh(0);

    CHECK("prio/accept-while-disabled", vlapic_accept(&l, 0x40));
    CHECK_EQ("prio/disabled-not-deliverable", vlapic_deliverable(&l), -1);
    enable(&l);
    CHECK_EQ("prio/deliverable", vlapic_deliverable(&l), 0x40);
    CHECK("prio/accept-again-false", !vlapic_accept(&l, 0x40));
    vlapic_ack(&l, 0x40);
    CHECK_EQ("prio/ack-isr", vlapic_highest_isr(&l), 0x40);
    CHECK_EQ("prio/ack-irr", vlapic_highest_irr(&l), -1);
    CHECK_EQ("prio/ppr-isr", vlapic_ppr(&l), 0x40);
    vlapic_accept(&l, 0x4f);
    CHECK_EQ("prio/same-class-held", vlapic_deliverable(&l), -1);
    vlapic_accept(&l, 0x50);
    CHECK_EQ("prio/higher-class", vlapic_deliverable(&l), 0x50);
    vlapic_ack(&l, 0x50);
    CHECK_EQ("prio/eoi-highest", vlapic_eoi(&l), 0x50);
    CHECK_EQ("prio/still-held", vlapic_deliverable(&l), -1);
    CHECK_EQ("prio/eoi-next", vlapic_eoi(&l), 0x40);
    CHECK_EQ("prio/released", vlapic_deliverable(&l), 0x4f);
    CHECK_EQ("prio/eoi-none", vlapic_eoi(&l), -1);

    vlapic_reg_write(&l, APIC_TASKPRI, 0x4f, 0);
    CHECK_EQ("prio/tpr-holds", vlapic_deliverable(&l), -1);
    CHECK_EQ("prio/ppr-tpr", vlapic_reg_read(&l, APIC_PROCPRI, 0), 0x4f);
    vlapic_reg_write(&l, APIC_TASKPRI, 0x3f, 0);
    CHECK_EQ("prio/tpr-below", vlapic_deliverable(&l), 0x4f);
    vlapic_ack(&l, 0x4f);
    CHECK_EQ("prio/ppr-isr-over-tpr", vlapic_ppr(&l), 0x40);
    vlapic_reg_write(&l, APIC_TASKPRI, 0x45, 0);
    CHECK_EQ("prio/ppr-tpr-same-class", vlapic_ppr(&l), 0x45);
    vlapic_reg_write(&l, APIC_EOI, 0, 0);
    CHECK_EQ("prio/eoi-register", vlapic_highest_isr(&l), -1);
    vlapic_accept(&l, 0xff);
    vlapic_accept(&l, 0x20);
    CHECK_EQ("prio/highest-word", vlapic_highest_irr(&l), 0xff);
}

static void test_errors(void)
{
    struct vlapic l = fresh(0);

    enable(&l);
    CHECK("err/illegal-vector", !vlapic_accept(&l, 15));
    CHECK_EQ("err/recvill", REG(&l, APIC_ESR), APIC_ESR_RECVILL);
    CHECK_EQ("err/not-pending", vlapic_highest_irr(&l), -1);
    vlapic_reg_write(&l, APIC_ESR, 0, 0);
    CHECK_EQ("err/esr-write-ignored", REG(&l, APIC_ESR), APIC_ESR_RECVILL);
    l = fresh(0);
    enable(&l);
    vlapic_reg_write(&l, APIC_LVTERR, 0x33, 0);
    vlapic_error(&l, APIC_ESR_SENDILL);
    CHECK_EQ("err/lvterr-raised", vlapic_highest_irr(&l), 0x33);
    CHECK_EQ("err/sendill", REG(&l, APIC_ESR), APIC_ESR_SENDILL);
    l = fresh(0);
    enable(&l);
    vlapic_reg_write(&l, APIC_LVTERR, 0x3, 0);
    vlapic_error(&l, APIC_ESR_SENDILL);
    CHECK_EQ("err/lvterr-illegal-folded", REG(&l, APIC_ESR),
             APIC_ESR_SENDILL | APIC_ESR_RECVILL);
    CHECK_EQ("err/lvterr-illegal-nothing", vlapic_highest_irr(&l), -1);
}

static void test_registers(void)
{
    struct vlapic l = fresh(0);
    unsigned int i;

    vlapic_reg_write(&l, APIC_LVT0, 0xffffffff, 0);
    CHECK_EQ("reg/lvt-forced-masked-while-disabled", REG(&l, APIC_LVT0),
             0x1f7ff);
    enable(&l);
    vlapic_reg_write(&l, APIC_LVT0, 0x700, 0);
    CHECK_EQ("reg/lint0", REG(&l, APIC_LVT0), 0x700);
    vlapic_reg_write(&l, APIC_LVTT, 0xffffffff, 0);
    CHECK_EQ("reg/lvtt-bits", REG(&l, APIC_LVTT), 0x310ff);
    vlapic_reg_write(&l, APIC_LVTERR, 0xffffffff, 0);
    CHECK_EQ("reg/lvterr-bits", REG(&l, APIC_LVTERR), 0x110ff);
    CHECK_EQ("reg/svr-enable-todo", vlapic_reg_write(&l, APIC_SPIV, 0x1ff, 0),
             VLAPIC_DO_ENABLED);
    vlapic_reg_write(&l, APIC_SPIV, 0xfff, 0);
    CHECK_EQ("reg/svr-bits", REG(&l, APIC_SPIV), 0x3ff);
    vlapic_reg_write(&l, APIC_SPIV, 0xff, 0);
    for ( i = 0; i < VLAPIC_NR_LVT; i++ )
        CHECK("reg/svr-off-masks-lvts",
              REG(&l, APIC_LVTT + 0x10 * i) & APIC_LVT_MASKED);
    vlapic_reg_write(&l, APIC_DFR, 0, 0);
    CHECK_EQ("reg/dfr", REG(&l, APIC_DFR), 0x0fffffff);
    CHECK_EQ("reg/icr-todo", vlapic_reg_write(&l, APIC_ICR, 0xfffff, 0),
             VLAPIC_DO_IPI);
    CHECK_EQ("reg/icr-not-busy", REG(&l, APIC_ICR), 0xfefff);
    vlapic_reg_write(&l, APIC_ICR2, 0xffffffff, 0);
    CHECK_EQ("reg/icr2", REG(&l, APIC_ICR2), 0xff000000);
    vlapic_reg_write(&l, APIC_LVR, 0, 0);
    vlapic_reg_write(&l, APIC_PROCPRI, 0xff, 0);
    vlapic_reg_write(&l, APIC_ISR, 0xff, 0);
    vlapic_reg_write(&l, APIC_TMCCT, 0xff, 0);
    CHECK_EQ("reg/lvr-ro", REG(&l, APIC_LVR), 0x50014);
    CHECK_EQ("reg/isr-ro", REG(&l, APIC_ISR), 0);
    CHECK_EQ("reg/tmcct-ro", vlapic_reg_read(&l, APIC_TMCCT, 0), 0);
    vlapic_reg_write(&l, APIC_ID, 0x05000000, 0);
    CHECK_EQ("reg/xapic-id-writable", vlapic_id(&l), 5);
}

static void test_mmio(void)
{
    struct vlapic l = fresh(0);

    CHECK_EQ("mmio/read32", vlapic_mmio_read(&l, APIC_LVR, 4, 0), 0x50014);
    CHECK_EQ("mmio/read8", vlapic_mmio_read(&l, APIC_LVR + 2, 1, 0), 5);
    CHECK_EQ("mmio/read16", vlapic_mmio_read(&l, APIC_LVR, 2, 0), 0x14);
    CHECK_EQ("mmio/read-straddle", vlapic_mmio_read(&l, APIC_LVR + 3, 2, 0), 0);
    CHECK_EQ("mmio/read64", vlapic_mmio_read(&l, APIC_LVR, 8, 0), 0);
    CHECK_EQ("mmio/read-past", vlapic_mmio_read(&l, 0x3f0, 4, 0), 0);
    CHECK_EQ("mmio/read-page-end", vlapic_mmio_read(&l, 0xffc, 4, 0), 0);
    vlapic_mmio_write(&l, APIC_TASKPRI + 1, 1, 0x12, 0);
    CHECK_EQ("mmio/write8-high-byte", REG(&l, APIC_TASKPRI), 0);
    vlapic_mmio_write(&l, APIC_TASKPRI, 1, 0x12, 0);
    CHECK_EQ("mmio/write8", REG(&l, APIC_TASKPRI), 0x12);
    vlapic_mmio_write(&l, APIC_TASKPRI + 2, 4, 0x34, 0);
    CHECK_EQ("mmio/write-straddle-dropped", REG(&l, APIC_TASKPRI), 0x12);
    vlapic_mmio_write(&l, APIC_TASKPRI, 8, 0x34, 0);
    CHECK_EQ("mmio/write64-dropped", REG(&l, APIC_TASKPRI), 0x12);
    CHECK_EQ("mmio/write-selfipi-offset", vlapic_mmio_write(&l, 0x3f0, 4, 0x40,
                                                            0), 0);
    CHECK_EQ("mmio/write-past", vlapic_mmio_write(&l, 0x800, 4, 1, 0), 0);
}

/* Which x2APIC MSRs read and which write (value 0, or as noted). */
static void test_x2apic(void)
{
    static const uint16_t readable[] = {
        0x802, 0x803, 0x808, 0x80a, 0x80d, 0x80f, 0x828, 0x82f, 0x830,
        0x832, 0x833, 0x834, 0x835, 0x836, 0x837, 0x838, 0x839, 0x83e,
    };
    static const uint16_t writable0[] = {   /* value 0 accepted */
        0x808, 0x80b, 0x80f, 0x828, 0x82f, 0x830, 0x832, 0x833, 0x834,
        0x835, 0x836, 0x837, 0x838, 0x83e, 0x83f,
    };
    struct vlapic l = fresh(0);
    unsigned int todo, msr, i, nr_read = 0, nr_write = 0;
    uint64_t v;

    CHECK_EQ("x2/not-in-mode", vlapic_x2apic_read(&l, 0x803, &v, 0), -EINVAL);
    CHECK_EQ("x2/not-in-mode-write",
             vlapic_x2apic_write(&l, 0x808, 0, 0, &todo), -EINVAL);
    vlapic_set_base(&l, X2_BASE);
    for ( msr = 0x800; msr <= 0x8ff; msr++ )
    {
        bool want_r = (msr >= 0x810 && msr < 0x828), want_w = false;
        char n[48];

        for ( i = 0; i < sizeof(readable) / sizeof(readable[0]); i++ )
            want_r |= readable[i] == msr;
        for ( i = 0; i < sizeof(writable0) / sizeof(writable0[0]); i++ )
            want_w |= writable0[i] == msr;
        snprintf(n, sizeof(n), "x2/read-%#x", msr);
        CHECK_EQ(n, vlapic_x2apic_read(&l, msr, &v, 0), want_r ? 0 : -EINVAL);
        snprintf(n, sizeof(n), "x2/write-%#x", msr);
        CHECK_EQ(n, vlapic_x2apic_write(&l, msr, 0, 0, &todo),
                 want_w ? 0 : -EINVAL);
        nr_read += want_r;
        nr_write += want_w;
    }
    CHECK_EQ("x2/nr-readable", nr_read, 42);
    CHECK_EQ("x2/nr-writable", nr_write, 15);
    CHECK_EQ("x2/eoi-nonzero", vlapic_x2apic_write(&l, 0x80b, 1, 0, &todo),
             -EINVAL);
    CHECK_EQ("x2/esr-nonzero", vlapic_x2apic_write(&l, 0x828, 1, 0, &todo),
             -EINVAL);
    CHECK_EQ("x2/tpr-bit8", vlapic_x2apic_write(&l, 0x808, 0x100, 0, &todo),
             -EINVAL);
    CHECK_EQ("x2/svr-bit12", vlapic_x2apic_write(&l, 0x80f, 0x1000, 0, &todo),
             -EINVAL);
    CHECK_EQ("x2/svr-ok", vlapic_x2apic_write(&l, 0x80f, 0x3ff, 0, &todo), 0);
    CHECK_EQ("x2/svr-todo", todo, VLAPIC_DO_ENABLED);
    CHECK_EQ("x2/lvtt-tsc-deadline", vlapic_x2apic_write(&l, 0x832, 1u << 18,
                                                         0, &todo), -EINVAL);
    CHECK_EQ("x2/lvtt-periodic", vlapic_x2apic_write(&l, 0x832, 0x20040, 0,
                                                     &todo), 0);
    CHECK_EQ("x2/lint-bit17", vlapic_x2apic_write(&l, 0x835, 1u << 17, 0,
                                                  &todo), -EINVAL);
    CHECK_EQ("x2/lvterr-mode", vlapic_x2apic_write(&l, 0x837, 0x100, 0,
                                                   &todo), -EINVAL);
    CHECK_EQ("x2/tdcr-bit2", vlapic_x2apic_write(&l, 0x83e, 4, 0, &todo),
             -EINVAL);
    CHECK_EQ("x2/tmict-high-ignored",
             vlapic_x2apic_write(&l, 0x838, (1ULL << 40) | 0, 0, &todo), 0);
    CHECK_EQ("x2/icr-bit13", vlapic_x2apic_write(&l, 0x830, 1u << 13, 0,
                                                 &todo), -EINVAL);
    CHECK_EQ("x2/icr-64", vlapic_x2apic_write(&l, 0x830, (7ULL << 32) | 0x41,
                                              0, &todo), 0);
    CHECK_EQ("x2/icr-todo", todo, VLAPIC_DO_IPI);
    vlapic_x2apic_read(&l, 0x830, &v, 0);
    CHECK_EQ("x2/icr-readback", v, (7ULL << 32) | 0x41);
    CHECK_EQ("x2/selfipi-bit8", vlapic_x2apic_write(&l, 0x83f, 0x100, 0,
                                                    &todo), -EINVAL);
    vlapic_x2apic_write(&l, 0x83f, 0x42, 0, &todo);
    CHECK_EQ("x2/selfipi-icr", REG(&l, APIC_ICR), APIC_ICR_SHORT_SELF | 0x42);
    CHECK_EQ("x2/selfipi-todo", todo, VLAPIC_DO_IPI);
    CHECK_EQ("x2/out-of-range", vlapic_x2apic_read(&l, 0x900, &v, 0), -EINVAL);
}

static void test_dest(void)
{
    struct vlapic l = fresh(1);

    CHECK("dest/self", vlapic_match_dest(&l, APIC_ICR_SHORT_SELF, 9, true));
    CHECK("dest/self-other", !vlapic_match_dest(&l, APIC_ICR_SHORT_SELF, 2,
                                                false));
    CHECK("dest/all", vlapic_match_dest(&l, APIC_ICR_SHORT_ALL, 0, false));
    CHECK("dest/others", !vlapic_match_dest(&l, APIC_ICR_SHORT_OTHERS, 0,
                                            true));
    CHECK("dest/phys", vlapic_match_dest(&l, 0, 2, false));
    CHECK("dest/phys-no", !vlapic_match_dest(&l, 0, 3, false));
    CHECK("dest/phys-bcast", vlapic_match_dest(&l, 0, 0xff, false));
    REG(&l, APIC_LDR) = 0x04000000;
    CHECK("dest/flat", vlapic_match_dest(&l, APIC_ICR_LOGICAL, 0x0c, false));
    CHECK("dest/flat-no", !vlapic_match_dest(&l, APIC_ICR_LOGICAL, 0x03, false));
    REG(&l, APIC_DFR) = 0x0fffffff;
    REG(&l, APIC_LDR) = 0x21000000;
    CHECK("dest/cluster", vlapic_match_dest(&l, APIC_ICR_LOGICAL, 0x23, false));
    CHECK("dest/cluster-no", !vlapic_match_dest(&l, APIC_ICR_LOGICAL, 0x13,
                                                false));
    vlapic_set_base(&l, X2_BASE);
    CHECK("dest/x2-phys", vlapic_match_dest(&l, 0, 2, false));
    CHECK("dest/x2-bcast", vlapic_match_dest(&l, 0, 0xffffffff, false));
    CHECK("dest/x2-not-0xff", !vlapic_match_dest(&l, 0, 0xff, false));
    CHECK("dest/x2-logical", vlapic_match_dest(&l, APIC_ICR_LOGICAL, 0x4,
                                               false));
    CHECK("dest/x2-logical-cluster", !vlapic_match_dest(&l, APIC_ICR_LOGICAL,
                                                        0x10004, false));
}

static void test_timer(void)
{
    struct vlapic l = fresh(0);
    s_time_t t = 5 * MS;

    enable(&l);
    vlapic_reg_write(&l, APIC_TDCR, 0xb, t);
    CHECK_EQ("timer/div1", l.divisor, 1);
    vlapic_reg_write(&l, APIC_LVTT, 0x40, t);
    vlapic_reg_write(&l, APIC_TMICT, 100000, t);        /* 1 ms */
    CHECK_EQ("timer/deadline", l.timer_deadline, t + MS);
    CHECK_EQ("timer/count-start", vlapic_reg_read(&l, APIC_TMCCT, t), 100000);
    CHECK_EQ("timer/count-half", vlapic_reg_read(&l, APIC_TMCCT, t + MS / 2),
             50000);
    CHECK("timer/not-yet", !vlapic_timer_expire(&l, t + MS - 1));
    CHECK("timer/expire", vlapic_timer_expire(&l, t + MS));
    CHECK_EQ("timer/vector", vlapic_highest_irr(&l), 0x40);
    CHECK_EQ("timer/oneshot-done", l.timer_deadline, 0);
    CHECK_EQ("timer/oneshot-count-0", vlapic_reg_read(&l, APIC_TMCCT, t + MS),
             0);

    /* Periodic; missed periods coalesce into one interrupt. */
    vlapic_ack(&l, 0x40);
    vlapic_eoi(&l);
    t += 2 * MS;
    vlapic_reg_write(&l, APIC_LVTT, 0x41 | APIC_TIMER_PERIODIC, t);
    CHECK_EQ("timer/expired-count-stops", l.timer_deadline, 0);
    vlapic_reg_write(&l, APIC_TMICT, 100000, t);
    CHECK("timer/periodic-1", vlapic_timer_expire(&l, t + MS));
    CHECK_EQ("timer/periodic-next", l.timer_deadline, t + 2 * MS);
    CHECK_EQ("timer/periodic-reload", vlapic_reg_read(&l, APIC_TMCCT,
                                                      t + MS + MS / 4), 75000);
    CHECK("timer/periodic-already-pending",
          !vlapic_timer_expire(&l, t + 5 * MS + 7));
    CHECK_EQ("timer/periodic-skip", l.timer_deadline, t + 6 * MS);

    /* A divisor change keeps the time left, scaled. */
    vlapic_reg_write(&l, APIC_TDCR, 0x0, t + 5 * MS + MS / 2);  /* by 2 */
    CHECK_EQ("timer/div2", l.divisor, 2);
    CHECK_EQ("timer/div-scaled", l.timer_deadline, t + 6 * MS + MS / 2);
    /* A mode change keeps it too; TMICT 0 stops. */
    vlapic_reg_write(&l, APIC_LVTT, 0x41, t + 6 * MS);
    CHECK_EQ("timer/mode-change-keeps", l.timer_deadline, t + 6 * MS + MS / 2);
    vlapic_reg_write(&l, APIC_TMICT, 0, t + 6 * MS);
    CHECK_EQ("timer/stopped", l.timer_deadline, 0);
    CHECK_EQ("timer/stopped-count", vlapic_reg_read(&l, APIC_TMCCT, t + 7 * MS),
             0);

    /* Masked: counts, raises nothing. */
    l = fresh(0);
    enable(&l);
    vlapic_reg_write(&l, APIC_LVTT, 0x42 | APIC_LVT_MASKED, t);
    vlapic_reg_write(&l, APIC_TMICT, 10, t);
    CHECK("timer/masked", !vlapic_timer_expire(&l, t + MS));
    CHECK_EQ("timer/masked-nothing", vlapic_highest_irr(&l), -1);
    /* Largest count and divisor: no overflow. */
    vlapic_reg_write(&l, APIC_TDCR, 0xa, t);            /* by 128 */
    vlapic_reg_write(&l, APIC_TMICT, 0xffffffff, t);
    CHECK_EQ("timer/max", l.timer_deadline,
             t + (s_time_t)0xffffffffLL * 10 * 128);
    CHECK_EQ("timer/max-count", vlapic_reg_read(&l, APIC_TMCCT, t + 1280),
             0xfffffffe);
}

int main(void)
{
    test_reset();
    test_base();
    test_priorities();
    test_errors();
    test_registers();
    test_mmio();
    test_x2apic();
    test_dest();
    test_timer();
    return unit_done();
}
