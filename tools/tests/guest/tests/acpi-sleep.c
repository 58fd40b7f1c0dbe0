/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Power off and reset the hardware-reduced ACPI way, as Linux does: the
 * FADT's SLEEP_CONTROL_REG, SLEEP_STATUS_REG and RESET_REG (with
 * RESET_REG_SUP and RESET_VALUE), the sleep type from the DSDT's _S5
 * object, read from the table bytes.  What hardware does not act on is
 * ignored, and the test goes on: SLP_EN with another sleep type,
 * SLP_TYP without SLP_EN, accesses of other widths, another reset value,
 * the ports around the registers.  After the verdict, end=poweroff
 * writes _S5's type with SLP_EN (the domain must power off), end=reboot
 * the reset value (it must reboot).
 */
#include "guest.h"
#include "public/xen.h"
#include "public/version.h"

const char test_title[] = "acpi-sleep";

#define FADT_FLAGS          112
#define FADT_RESET_REG      116
#define FADT_RESET_VALUE    128
#define FADT_X_DSDT         140
#define FADT_SLEEP_CONTROL  244
#define FADT_SLEEP_STATUS   256
#define FADT_RESET_REG_SUP  (1u << 10)
#define SLP_TYP_SHIFT       2
#define SLP_EN              0x20
#define WAK_STS             0x80

static uint16_t ctl_port, sts_port, reset_port;
static uint8_t reset_value, s5_type;

static uint64_t le(const uint8_t *p, unsigned int bytes)
{
    uint64_t v = 0;

    while ( bytes-- )
        v = (v << 8) | p[bytes];
    return v;
}

static const uint8_t *phys(uint64_t pa)
{
    return (const uint8_t *)(unsigned long)pa;
}

static uint32_t in_port(uint16_t port, unsigned int size)
{
    uint32_t v = 0;

    if ( size == 1 )
        asm volatile ("inb %1, %b0" : "=a" (v) : "Nd" (port));
    else if ( size == 2 )
        asm volatile ("inw %1, %w0" : "=a" (v) : "Nd" (port));
    else
        asm volatile ("inl %1, %0" : "=a" (v) : "Nd" (port));
    return size == 1 ? (uint8_t)v : size == 2 ? (uint16_t)v : v;
}

static void out_port(uint16_t port, unsigned int size, uint32_t v)
{
    if ( size == 1 )
        asm volatile ("outb %b0, %1" :: "a" (v), "Nd" (port));
    else if ( size == 2 )
        asm volatile ("outw %w0, %1" :: "a" (v), "Nd" (port));
    else
        asm volatile ("outl %0, %1" :: "a" (v), "Nd" (port));
}

/* A byte-wide I/O-space GAS: its port, or 0 if it is not one. */
static uint16_t gas_port(const char *what, const uint8_t *g)
{
    if ( !check(g[0] == 1 && g[1] == 8 && g[2] == 0 && g[3] <= 1 &&
                le(g + 4, 8) && le(g + 4, 8) < 0x10000, what,
                "space %u width %u offset %u access %u address %#llx",
                g[0], g[1], g[2], g[3], (unsigned long long)le(g + 4, 8)) )
        return 0;
    return le(g + 4, 8);
}

/* Name (_S5_, Package (n) { SLP_TYP, ... }): the first value. */
static bool find_s5(const uint8_t *dsdt)
{
    uint32_t len = le(dsdt + 4, 4), i;

    for ( i = 36; i + 9 <= len; i++ )
    {
        const uint8_t *p = dsdt + i;

        if ( memcmp(p, "\x08_S5_\x12", 6) || (p[6] & 0xc0) || p[7] < 1 )
            continue;
        switch ( p[8] )
        {
        case 0x00: s5_type = 0; return true;
        case 0x01: s5_type = 1; return true;
        case 0x0a: s5_type = p[9]; return true;
        }
    }
    return false;
}

static bool find_registers(void)
{
    const uint8_t *rsdp, *xsdt, *fadt = NULL;
    unsigned int i, n;

    if ( !check(start_info && start_info->rsdp_paddr, "an RSDP", "none") )
        return false;
    rsdp = phys(start_info->rsdp_paddr);
    xsdt = phys(le(rsdp + 24, 8));
    n = (le(xsdt + 4, 4) - 36) / 8;
    for ( i = 0; i < n && !fadt; i++ )
        if ( !memcmp(phys(le(xsdt + 36 + 8 * i, 8)), "FACP", 4) )
            fadt = phys(le(xsdt + 36 + 8 * i, 8));
    if ( !check(fadt && le(fadt + 4, 4) >= 268, "a FADT with the sleep "
                "registers (268 bytes)", "%s", fadt ? "too short" : "none") )
        return false;
    ctl_port = gas_port("SLEEP_CONTROL_REG: a byte at an I/O port",
                        fadt + FADT_SLEEP_CONTROL);
    sts_port = gas_port("SLEEP_STATUS_REG: a byte at an I/O port",
                        fadt + FADT_SLEEP_STATUS);
    check(le(fadt + FADT_FLAGS, 4) & FADT_RESET_REG_SUP,
          "FADT RESET_REG_SUP", "flags %#llx",
          (unsigned long long)le(fadt + FADT_FLAGS, 4));
    reset_port = gas_port("RESET_REG: a byte at an I/O port",
                          fadt + FADT_RESET_REG);
    reset_value = fadt[FADT_RESET_VALUE];
    printk("info: sleep control %#x, status %#x, reset %#x value %#x\n",
           ctl_port, sts_port, reset_port, reset_value);
    if ( !check(find_s5(phys(le(fadt + FADT_X_DSDT, 8))),
                "the DSDT has _S5", "not found") )
        return false;
    check(s5_type < 8, "_S5's SLP_TYP fits 3 bits", "%u", s5_type);
    printk("info: _S5 sleep type %u\n", s5_type);
    return ctl_port && sts_port && reset_port;
}

/* The domain still runs (a hypercall answers) after what. */
static void still_running(const char *what)
{
    char line[96];

    snprintf(line, sizeof(line), "%s: ignored", what);
    check_eq(line, hypercall_xen_version(XENVER_version, NULL) > 0, 1);
}

static void ignored_accesses(void)
{
    uint8_t s5 = s5_type << SLP_TYP_SHIFT;
    unsigned int t;

    check_eq("SLEEP_CONTROL reads 0", in_port(ctl_port, 1), 0);
    check_eq("SLEEP_STATUS: no WAK_STS", in_port(sts_port, 1) & WAK_STS, 0);
    check_eq("the reset register reads 0", in_port(reset_port, 1), 0);
    out_port(sts_port, 1, WAK_STS);
    still_running("WAK_STS cleared");
    out_port(ctl_port, 1, s5);
    still_running("the S5 type without SLP_EN");
    for ( t = 0; t < 8; t++ )
    {
        char what[48];

        if ( t == s5_type )
            continue;
        snprintf(what, sizeof(what), "SLP_EN with sleep type %u", t);
        out_port(ctl_port, 1, (t << SLP_TYP_SHIFT) | SLP_EN);
        still_running(what);
    }
    out_port(ctl_port, 2, s5 | SLP_EN);
    still_running("S5|SLP_EN as a word");
    out_port(ctl_port, 4, s5 | SLP_EN);
    still_running("S5|SLP_EN as a dword");
    check_eq("a word read of SLEEP_CONTROL floats", in_port(ctl_port, 2),
             0xffff);
    out_port(ctl_port - 1, 1, s5 | SLP_EN);
    still_running("S5|SLP_EN one port below");
    out_port(reset_port + 1, 1, s5 | SLP_EN);
    out_port(reset_port + 1, 1, reset_value);
    still_running("S5|SLP_EN and the reset value past the registers");
    out_port(reset_port, 1, reset_value ^ 1);
    out_port(reset_port, 1, 0);
    still_running("other values to the reset register");
    out_port(reset_port, 2, reset_value);
    out_port(reset_port, 4, reset_value);
    still_running("the reset value as a word and a dword");
    out_port(sts_port, 1, s5 | SLP_EN);
    out_port(sts_port, 1, reset_value);
    still_running("S5|SLP_EN and the reset value to SLEEP_STATUS");
}

/* Linux's order (hwesleep.c): clear WAK_STS, then SLP_TYP|SLP_EN. */
static void power_off(void)
{
    out_port(sts_port, 1, WAK_STS);
    out_port(ctl_port, 1, (s5_type << SLP_TYP_SHIFT) | SLP_EN);
}

static void reset(void)
{
    out_port(reset_port, 1, reset_value);
}

void test_main(void)
{
    char end[16] = "";

    cmdline_get("end", end, sizeof(end));
    if ( !find_registers() )
        return;
    ignored_accesses();
    if ( !strcmp(end, "poweroff") )
        test_set_end_action(power_off);
    else if ( !strcmp(end, "reboot") )
        test_set_end_action(reset);
    else if ( end[0] )
        test_error("end=%s: poweroff or reboot", end);
}
