/*
 * The ACPI table builder (xen/arch/x86/acpi_tables.c), read back the way
 * an OS reads the tables, from the specification's offsets: RSDP, XSDT,
 * FADT, MADT, DSDT (its AML decoded), every checksum, every length,
 * for 1 to 128 vCPUs; and refusals that write nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include <xen/errno.h>
#include <asm-x86/acpi_tables.h>

#define BASE 0x1fff000ULL       /* where the guest sees the tables */

/*
 * Every check of every vCPU count runs; passes print only for the
 * counts in VERBOSE_COUNTS (one line per check is the framework's
 * rule, and 128 counts of them would drown the rest), failures always.
 */
static unsigned int cur_n, quiet_failures;
static bool verbose;

static const char *nm(unsigned int n, const char *what)
{
    static char name[96];

    snprintf(name, sizeof(name), "acpi-%u-%s", n, what);
    return name;
}

static bool report(bool ok, const char *what, const char *detail)
{
    if ( !ok )
        quiet_failures++;
    if ( verbose || !ok )
        unit_result(ok, nm(cur_n, what), "%s", detail);
    return ok;
}

static bool report_eq(const char *what, long long got, long long want)
{
    char d[96];

    snprintf(d, sizeof(d), "got %lld (%#llx), want %lld", got,
             (unsigned long long)got, want);
    return report(got == want, what, d);
}

#define T(what, cond)         report(!!(cond), (what), #cond)
#define T_EQ(what, got, want) report_eq((what), (long long)(got), \
                                        (long long)(want))

static uint64_t le(const uint8_t *p, unsigned int bytes)
{
    uint64_t v = 0;

    while ( bytes-- )
        v = (v << 8) | p[bytes];
    return v;
}

static uint8_t sum(const uint8_t *p, size_t n)
{
    uint8_t s = 0;

    while ( n-- )
        s += *p++;
    return s;
}

/*
 * The table at guest address gpa, checked to lie in the buffer with its
 * signature, length and checksum.  NULL if not.
 */
static const uint8_t *table(const uint8_t *b, size_t len, uint64_t gpa,
                            const char *sig)
{
    const uint8_t *t;
    char what[32];
    uint64_t tlen;

    snprintf(what, sizeof(what), "%.4s-in-buffer", sig);
    if ( !T(what, gpa >= BASE && gpa - BASE + 36 <= len) )
        return NULL;
    t = b + (gpa - BASE);
    tlen = le(t + 4, 4);
    snprintf(what, sizeof(what), "%.4s-signature", sig);
    T(what, !memcmp(t, sig, 4));
    snprintf(what, sizeof(what), "%.4s-length", sig);
    if ( !T(what, tlen >= 36 && gpa - BASE + tlen <= len) )
        return NULL;
    snprintf(what, sizeof(what), "%.4s-checksum", sig);
    T_EQ(what, sum(t, tlen), 0);
    snprintf(what, sizeof(what), "%.4s-oem", sig);
    T(what, !memcmp(t + 10, "Xen\0\0\0HVM\0\0\0\0\0", 14));
    return t;
}

/* An AML PkgLength at *p: the package's length (counting itself). */
static size_t pkglen(const uint8_t **p)
{
    unsigned int extra = **p >> 6, i;
    size_t v = extra ? (**p & 0xf) : (**p & 0x3f);

    for ( i = 1; i <= extra; i++ )
        v |= (size_t)(*p)[i] << (4 + 8 * (i - 1));
    *p += 1 + extra;
    return v;
}

/* Scope (\_SB_) { Device (CPnn) { _HID "ACPI0007", _UID n } ... } */
static void check_dsdt(const uint8_t *t, unsigned int n)
{
    const uint8_t *p = t + 36, *end = t + le(t + 4, 4), *scope_end;
    unsigned int cpu, bad = 0;

    T_EQ("dsdt-revision", t[8], 2);
    /* Name (_S5_, Package (2) { 5, 0 }) at the root. */
    T("dsdt-s5-object",
      !memcmp(p, "\x08_S5_\x12\x05\x02\x0a\x05\x00", 11));
    T_EQ("dsdt-s5-is-the-header's", ACPI_SLP_TYP_S5, 5);
    p += 11;
    T_EQ("dsdt-scope-op", *p++, 0x10);
    scope_end = p;
    scope_end += pkglen(&p);
    T("dsdt-scope-fills-table", scope_end == end);
    T("dsdt-scope-name", !memcmp(p, "\\_SB_", 5));
    p += 5;
    for ( cpu = 0; cpu < n && p < end; cpu++ )
    {
        const uint8_t *dev = p + 2, *dev_end;
        char want[12];
        uint64_t uid;

        snprintf(want, sizeof(want), "CP%02X", cpu & 0xff);
        bad += p[0] != 0x5b || p[1] != 0x82;
        dev_end = dev;
        dev_end += pkglen(&dev);
        bad += memcmp(dev, want, 4) != 0;
        dev += 4;
        bad += memcmp(dev, "\x08_HID\x0d" "ACPI0007", 15) != 0;
        dev += 15;
        bad += memcmp(dev, "\x08_UID", 5) != 0;
        dev += 5;
        switch ( *dev )
        {
        case 0x00: uid = 0; dev += 1; break;
        case 0x01: uid = 1; dev += 1; break;
        case 0x0a: uid = dev[1]; dev += 2; break;
        case 0x0b: uid = le(dev + 1, 2); dev += 3; break;
        default: uid = ~0ULL; dev += 1; break;
        }
        bad += uid != cpu;
        bad += dev != dev_end;
        p = dev_end;
    }
    T_EQ("dsdt-devices-decode", bad, 0);
    T_EQ("dsdt-device-count", cpu, n);
    T("dsdt-nothing-after", p == end);
}

static void check_madt(const uint8_t *t, unsigned int n)
{
    unsigned int cpu, bad = 0;

    T_EQ("madt-length", le(t + 4, 4), 44 + 8 * n);
    T_EQ("madt-lapic-address", le(t + 36, 4), 0xfee00000);
    T_EQ("madt-flags-no-pcat", le(t + 40, 4), 0);
    for ( cpu = 0; cpu < n; cpu++ )
    {
        const uint8_t *e = t + 44 + 8 * cpu;

        bad += e[0] != 0 || e[1] != 8 || e[2] != cpu || e[3] != 2 * cpu ||
               le(e + 4, 4) != 1;
    }
    T_EQ("madt-one-enabled-lapic-per-vcpu", bad, 0);
}

/* A Generic Address Structure for one byte at an I/O port. */
static void check_gas(const char *what, const uint8_t *g, uint16_t port)
{
    char d[64];

    snprintf(d, sizeof(d), "%s-io-byte", what);
    T(d, g[0] == 1 && g[1] == 8 && g[2] == 0 && g[3] == 1);
    snprintf(d, sizeof(d), "%s-port", what);
    T_EQ(d, le(g + 4, 8), port);
}

static void check_fadt(const uint8_t *b, size_t len, const uint8_t *t,
                       unsigned int n)
{
    static const uint8_t zero[128];
    const uint8_t *dsdt;

    T_EQ("fadt-revision", t[8], 5);
    T_EQ("fadt-length", le(t + 4, 4), 268);
    T("fadt-hw-reduced", le(t + 112, 4) & (1u << 20));
    T_EQ("fadt-boot-arch", le(t + 109, 2), 0x24);
    T_EQ("fadt-no-facs", le(t + 36, 4) | le(t + 132, 8), 0);
    T_EQ("fadt-sci-int", le(t + 46, 2), 9);
    /* SMI_CMD up to GPE1_BASE, and the X_ blocks: nothing to find. */
    T("fadt-no-pm-blocks",
      !memcmp(t + 48, zero, 95 - 48) && !memcmp(t + 148, zero, 244 - 148));
    T("fadt-reset-reg-sup", le(t + 112, 4) & (1u << 10));
    check_gas("fadt-reset-reg", t + 116, ACPI_RESET_PORT);
    T_EQ("fadt-reset-value", t[128], ACPI_RESET_VALUE);
    T_EQ("fadt-after-reset-value", le(t + 129, 3) | le(t + 132, 8), 0);
    check_gas("fadt-sleep-control", t + 244, ACPI_SLEEP_CONTROL_PORT);
    check_gas("fadt-sleep-status", t + 256, ACPI_SLEEP_STATUS_PORT);
    T_EQ("fadt-dsdt-32-64", le(t + 40, 4), le(t + 140, 8));
    dsdt = table(b, len, le(t + 140, 8), "DSDT");
    if ( dsdt )
        check_dsdt(dsdt, n);
}

static void check_tables(const uint8_t *b, size_t len, unsigned int n)
{
    const uint8_t *xsdt, *fadt = NULL, *madt = NULL;
    unsigned int i;

    T("rsdp-signature", !memcmp(b, "RSD PTR ", 8));
    T_EQ("rsdp-checksum", sum(b, 20), 0);
    T_EQ("rsdp-revision", b[15], 2);
    T_EQ("rsdp-length", le(b + 20, 4), 36);
    T_EQ("rsdp-ext-checksum", sum(b, 36), 0);
    xsdt = table(b, len, le(b + 24, 8), "XSDT");
    if ( !xsdt )
        return;
    T_EQ("xsdt-entries", le(xsdt + 4, 4), 36 + 2 * 8);
    for ( i = 0; i < 2; i++ )
    {
        uint64_t a = le(xsdt + 36 + 8 * i, 8);
        const uint8_t *t = a >= BASE && a - BASE < len ? b + (a - BASE) : NULL;

        if ( t && !memcmp(t, "FACP", 4) )
            fadt = table(b, len, a, "FACP");
        else if ( t && !memcmp(t, "APIC", 4) )
            madt = table(b, len, a, "APIC");
    }
    T("xsdt-fadt-and-madt", fadt && madt);
    if ( fadt )
        check_fadt(b, len, fadt, n);
    if ( madt )
        check_madt(madt, n);
}

/* Built in a buffer of exactly the size asked for (ASan sees overruns). */
static void test_vcpus(unsigned int n)
{
    size_t len = acpi_tables_size(n);
    uint8_t *b = malloc(len);

    cur_n = n;
    T("size", len > 36 && len < 8192);
    memset(b, 0xa5, len);
    T_EQ("build", acpi_build_tables(b, len, BASE, n), len);
    check_tables(b, len, n);
    free(b);
}

static bool all(const uint8_t *p, size_t n, uint8_t v)
{
    while ( n-- )
        if ( *p++ != v )
            return false;
    return true;
}

static void test_refusals(void)
{
    size_t len = acpi_tables_size(4);
    uint8_t *b = malloc(len);

    memset(b, 0x5a, len);
    CHECK_EQ("acpi-too-small", acpi_build_tables(b, len - 1, BASE, 4),
             -ENOSPC);
    CHECK_EQ("acpi-empty-buffer", acpi_build_tables(NULL, 0, BASE, 4),
             -ENOSPC);
    CHECK_EQ("acpi-no-vcpus", acpi_build_tables(b, len, BASE, 0), -EINVAL);
    CHECK_EQ("acpi-129-vcpus", acpi_build_tables(b, len, BASE, 129), -EINVAL);
    CHECK_EQ("acpi-size-0-vcpus", acpi_tables_size(0), 0);
    CHECK_EQ("acpi-size-129-vcpus", acpi_tables_size(129), 0);
    CHECK_EQ("acpi-unaligned-base", acpi_build_tables(b, len, BASE + 8, 4),
             -EINVAL);
    CHECK_EQ("acpi-above-4g", acpi_build_tables(b, len, 1ULL << 32, 4),
             -EINVAL);
    CHECK_EQ("acpi-across-4g",
             acpi_build_tables(b, len, (1ULL << 32) - 0x10, 4), -EINVAL);
    CHECK("acpi-refusals-write-nothing", all(b, len, 0x5a));
    CHECK_EQ("acpi-just-below-4g",
             acpi_build_tables(b, len, ((1ULL << 32) - len) & ~15ULL, 4),
             len);
    free(b);
}

int main(void)
{
    unsigned int n;

    for ( n = 1; n <= ACPI_MAX_VCPUS; n++ )
    {
        verbose = n <= 3 || n == ACPI_MAX_VCPUS;
        test_vcpus(n);
    }
    CHECK_EQ("acpi-1-to-128-vcpus-all-checks", quiet_failures, 0);
    test_refusals();
    return unit_done();
}
