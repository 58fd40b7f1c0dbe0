/*
 * The ACPI tables of a PVH domain (asm-x86/acpi_tables.h), formatted
 * byte by byte at the offsets the ACPI specification gives, so that the
 * result does not depend on the compiler's structure layout and the
 * same code runs in the hosted unit tests.
 *
 * What the guest gets (docs/decisions.md): a revision 2 RSDP with only
 * an XSDT (every address is below 4 GiB, but no ACPI 1.0 reader is
 * served); a revision 5 FADT with HW_REDUCED_ACPI, so that no PM timer,
 * SCI or PM1 block is looked for, and Xen's IAPC_BOOT_ARCH for a PVH
 * guest (no VGA, no CMOS RTC, no 8042), and the registers a
 * hardware-reduced platform powers off and resets with (SLEEP_CONTROL,
 * SLEEP_STATUS, RESET_REG: hvm/acpi_pm.c answers them); a MADT with one
 * enabled local APIC per vCPU, no IO-APIC (none is emulated) and no
 * PCAT_COMPAT (no 8259s); a DSDT with the _S5 sleep type (the only
 * sleep state offered) and a processor device (ACPI0007) per vCPU whose
 * _UID is the MADT entry's processor UID.  OEM ids are Xen's ("Xen",
 * "HVM").
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm-x86/acpi_tables.h>

/* Every table starts with this header (ACPI 6.4, 5.2.6). */
#define HDR_LEN           36
#define HDR_LENGTH        4     /* u32, whole table */
#define HDR_REVISION      8
#define HDR_CHECKSUM      9     /* all bytes of the table sum to 0 */
#define HDR_OEM_ID        10    /* 6 bytes */
#define HDR_OEM_TABLE_ID  16    /* 8 bytes */
#define HDR_OEM_REVISION  24
#define HDR_CREATOR_ID    28
#define HDR_CREATOR_REV   32

/* RSDP (5.2.5.3): the ACPI 1.0 part is checksummed on its own. */
#define RSDP_LEN          36
#define RSDP_V1_LEN       20
#define RSDP_CHECKSUM     8
#define RSDP_OEM_ID       9
#define RSDP_REVISION     15
#define RSDP_LENGTH       20
#define RSDP_XSDT         24
#define RSDP_EXT_CHECKSUM 32

/* XSDT (5.2.8): 64-bit addresses of the FADT and the MADT. */
#define XSDT_ENTRIES      2
#define XSDT_LEN          (HDR_LEN + 8 * XSDT_ENTRIES)

/* FADT (5.2.9), as long as revision 5 (ACPI 5.0) makes it. */
#define FADT_REVISION     5
#define FADT_LEN          268
#define FADT_DSDT         40    /* u32 */
#define FADT_SCI_INT      46    /* u16 */
#define SCI_INT           9     /* Xen's; see build_fadt() */
#define FADT_BOOT_ARCH    109   /* u16 IAPC_BOOT_ARCH */
#define FADT_FLAGS        112   /* u32 */
#define FADT_RESET_REG    116   /* Generic Address Structure */
#define FADT_RESET_VALUE  128   /* u8 */
#define FADT_X_DSDT       140   /* u64 */
#define FADT_SLEEP_CONTROL 244  /* GAS */
#define FADT_SLEEP_STATUS 256   /* GAS */
#define BOOT_ARCH_NO_VGA      (1u << 2)
#define BOOT_ARCH_NO_CMOS_RTC (1u << 5)
#define FADT_WBINVD           (1u << 0)
#define FADT_PROC_C1          (1u << 2)
#define FADT_PWR_BUTTON       (1u << 4)     /* no fixed power button */
#define FADT_SLP_BUTTON       (1u << 5)     /* no fixed sleep button */
#define FADT_FIX_RTC          (1u << 6)
#define FADT_TMR_VAL_EXT      (1u << 8)
#define FADT_RESET_REG_SUP    (1u << 10)
#define FADT_PLATFORM_CLOCK   (1u << 15)
#define FADT_HW_REDUCED_ACPI  (1u << 20)

/* Generic Address Structure (5.2.3.2): a one-byte I/O port. */
#define GAS_SYSTEM_IO     1
#define GAS_ACCESS_BYTE   1

/* MADT (5.2.12): revision 3 is ACPI 5.0's, as the FADT. */
#define MADT_REVISION     3
#define MADT_LAPIC_ADDR   36
#define MADT_FLAGS        40
#define MADT_HDR_LEN      44
#define MADT_LAPIC        0     /* Processor Local APIC structure */
#define MADT_LAPIC_LEN    8
#define MADT_ENABLED      1u

/* DSDT: revision 2 means 64-bit AML integers. */
#define DSDT_REVISION     2

/* AML (ACPI 6.4, 20.2) opcodes used by the DSDT. */
#define AML_ZERO          0x00
#define AML_ONE           0x01
#define AML_NAME          0x08
#define AML_BYTE          0x0a
#define AML_WORD          0x0b
#define AML_STRING        0x0d
#define AML_PACKAGE       0x12
#define AML_SCOPE         0x10
#define AML_ROOT          0x5c  /* '\' */
#define AML_EXT           0x5b
#define AML_DEVICE        0x82  /* after AML_EXT */
#define CPU_HID           "ACPI0007"
#define NAME_LEN          4

#define ALIGN16(x)        ROUNDUP((size_t)(x), 16)

/* Where each table goes, relative to the RSDP. */
struct acpi_layout {
    size_t xsdt, fadt, madt, dsdt, end;
};

static void put_le(uint8_t *p, uint64_t v, unsigned int bytes)
{
    while ( bytes-- )
    {
        *p++ = v & 0xff;
        v >>= 8;
    }
}

/* The byte that makes n bytes at p, with it, sum to zero. */
static uint8_t checksum(const uint8_t *p, size_t n)
{
    uint8_t sum = 0;

    while ( n-- )
        sum += *p++;
    return -sum;
}

static void header(uint8_t *t, const char *sig, uint8_t revision)
{
    memcpy(t, sig, NAME_LEN);
    t[HDR_REVISION] = revision;
    memcpy(t + HDR_OEM_ID, "Xen", 3);
    memcpy(t + HDR_OEM_TABLE_ID, "HVM", 3);
    put_le(t + HDR_OEM_REVISION, 0, 4);
    memcpy(t + HDR_CREATOR_ID, "HVML", NAME_LEN);
    put_le(t + HDR_CREATOR_REV, 0, 4);
}

/* Fill in a finished table's length, then its checksum. */
static void seal(uint8_t *t, size_t len)
{
    put_le(t + HDR_LENGTH, len, 4);
    t[HDR_CHECKSUM] = 0;
    t[HDR_CHECKSUM] = checksum(t, len);
}

static size_t madt_len(unsigned int nr_vcpus)
{
    return MADT_HDR_LEN + (size_t)MADT_LAPIC_LEN * nr_vcpus;
}

/* --- the DSDT's AML ---------------------------------------------------- */

/* Bytes of the PkgLength in front of content bytes (it counts itself). */
static unsigned int pkglen_bytes(size_t content)
{
    unsigned int n;

    for ( n = 1; n < 4; n++ )
        if ( content + n < (n == 1 ? 0x40u : 1u << (4 + 8 * (n - 1))) )
            break;
    return n;
}

static size_t put_pkglen(uint8_t *p, size_t content)
{
    unsigned int i, n = pkglen_bytes(content);
    size_t total = content + n;

    if ( n == 1 )
    {
        p[0] = total;
        return 1;
    }
    p[0] = ((n - 1) << 6) | (total & 0xf);
    total >>= 4;
    for ( i = 1; i < n; i++, total >>= 8 )
        p[i] = total & 0xff;
    return n;
}

/* An integer as ZeroOp, OneOp, or a byte or word constant (< 2^16). */
static size_t int_len(unsigned int v)
{
    return v <= 1 ? 1 : v <= 0xff ? 2 : 3;
}

static size_t put_int(uint8_t *p, unsigned int v)
{
    if ( v <= 1 )
        p[0] = v ? AML_ONE : AML_ZERO;
    else
    {
        p[0] = v <= 0xff ? AML_BYTE : AML_WORD;
        put_le(p + 1, v, int_len(v) - 1);
    }
    return int_len(v);
}

/* Device (CPnn) { Name (_HID, "ACPI0007") Name (_UID, n) }: its body. */
static size_t cpu_body_len(unsigned int cpu)
{
    return NAME_LEN + (1 + NAME_LEN + 1 + sizeof(CPU_HID)) +
           (1 + NAME_LEN + int_len(cpu));
}

static size_t cpu_len(unsigned int cpu)
{
    return 2 + pkglen_bytes(cpu_body_len(cpu)) + cpu_body_len(cpu);
}

static size_t put_cpu(uint8_t *p, unsigned int cpu)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i = 0;

    p[i++] = AML_EXT;
    p[i++] = AML_DEVICE;
    i += put_pkglen(p + i, cpu_body_len(cpu));
    p[i++] = 'C';
    p[i++] = 'P';
    p[i++] = hex[(cpu >> 4) & 0xf];
    p[i++] = hex[cpu & 0xf];
    p[i++] = AML_NAME;
    memcpy(p + i, "_HID", NAME_LEN);
    i += NAME_LEN;
    p[i++] = AML_STRING;
    memcpy(p + i, CPU_HID, sizeof(CPU_HID));    /* with its NUL */
    i += sizeof(CPU_HID);
    p[i++] = AML_NAME;
    memcpy(p + i, "_UID", NAME_LEN);
    i += NAME_LEN;
    i += put_int(p + i, cpu);
    return i;
}

/* Scope (\_SB) { the vCPUs' devices }: its body. */
static size_t scope_body_len(unsigned int nr_vcpus)
{
    size_t len = 1 + NAME_LEN;
    unsigned int cpu;

    for ( cpu = 0; cpu < nr_vcpus; cpu++ )
        len += cpu_len(cpu);
    return len;
}

/*
 * Name (_S5, Package (0x02) { SLP_TYP, Zero }): the sleep type that,
 * written with SLP_EN to SLEEP_CONTROL_REG, powers off (ACPI 6.4,
 * 7.4.2; the second value is PM1b's, which a hardware-reduced platform
 * has none of).  It is at the root of the namespace, where OSPM looks.
 */
static const uint8_t s5_object[] = {
    AML_NAME, '_', 'S', '5', '_', AML_PACKAGE,
    5,                          /* PkgLength: itself and 4 bytes */
    2,                          /* NumElements */
    AML_BYTE, ACPI_SLP_TYP_S5, AML_ZERO,
};

static size_t dsdt_len(unsigned int nr_vcpus)
{
    size_t body = scope_body_len(nr_vcpus);

    return HDR_LEN + sizeof(s5_object) + 1 + pkglen_bytes(body) + body;
}

/* --- the tables ----------------------------------------------------------- */

static void layout(unsigned int nr_vcpus, struct acpi_layout *l)
{
    l->xsdt = ALIGN16(RSDP_LEN);
    l->fadt = ALIGN16(l->xsdt + XSDT_LEN);
    l->madt = ALIGN16(l->fadt + FADT_LEN);
    l->dsdt = ALIGN16(l->madt + madt_len(nr_vcpus));
    l->end = l->dsdt + dsdt_len(nr_vcpus);
}

static void build_rsdp(uint8_t *r, uint64_t xsdt)
{
    memcpy(r, "RSD PTR ", 8);
    memcpy(r + RSDP_OEM_ID, "Xen", 3);
    r[RSDP_REVISION] = 2;
    put_le(r + RSDP_LENGTH, RSDP_LEN, 4);
    put_le(r + RSDP_XSDT, xsdt, 8);
    r[RSDP_CHECKSUM] = checksum(r, RSDP_V1_LEN);
    r[RSDP_EXT_CHECKSUM] = checksum(r, RSDP_LEN);
}

static void build_xsdt(uint8_t *t, uint64_t fadt, uint64_t madt)
{
    header(t, "XSDT", 1);
    put_le(t + HDR_LEN, fadt, 8);
    put_le(t + HDR_LEN + 8, madt, 8);
    seal(t, XSDT_LEN);
}

/* A Generic Address Structure naming one byte at an I/O port. */
static void put_port_gas(uint8_t *g, uint16_t port)
{
    g[0] = GAS_SYSTEM_IO;
    g[1] = 8;                   /* register bit width */
    g[2] = 0;                   /* bit offset */
    g[3] = GAS_ACCESS_BYTE;
    put_le(g + 4, port, 8);
}

/*
 * Xen's flags for a PVH guest's FADT, plus hardware-reduced ACPI and a
 * reset register (RESET_REG_SUP).  A
 * hardware-reduced platform has no SCI, but Linux without an IO-APIC
 * still marks SCI_INT level-triggered in the 8259 ELCR: 9, Xen's, keeps
 * that off IRQ 0 (the timer).
 */
static void build_fadt(uint8_t *t, uint64_t dsdt)
{
    header(t, "FACP", FADT_REVISION);
    put_le(t + FADT_DSDT, dsdt, 4);
    put_le(t + FADT_SCI_INT, SCI_INT, 2);
    put_le(t + FADT_BOOT_ARCH, BOOT_ARCH_NO_VGA | BOOT_ARCH_NO_CMOS_RTC, 2);
    put_le(t + FADT_FLAGS, FADT_WBINVD | FADT_PROC_C1 | FADT_PWR_BUTTON |
           FADT_SLP_BUTTON | FADT_FIX_RTC | FADT_TMR_VAL_EXT |
           FADT_RESET_REG_SUP | FADT_PLATFORM_CLOCK | FADT_HW_REDUCED_ACPI,
           4);
    put_port_gas(t + FADT_RESET_REG, ACPI_RESET_PORT);
    t[FADT_RESET_VALUE] = ACPI_RESET_VALUE;
    put_le(t + FADT_X_DSDT, dsdt, 8);
    put_port_gas(t + FADT_SLEEP_CONTROL, ACPI_SLEEP_CONTROL_PORT);
    put_port_gas(t + FADT_SLEEP_STATUS, ACPI_SLEEP_STATUS_PORT);
    seal(t, FADT_LEN);
}

static void build_madt(uint8_t *t, unsigned int nr_vcpus)
{
    uint8_t *e = t + MADT_HDR_LEN;
    unsigned int cpu;

    header(t, "APIC", MADT_REVISION);
    put_le(t + MADT_LAPIC_ADDR, ACPI_LAPIC_ADDRESS, 4);
    put_le(t + MADT_FLAGS, 0, 4);
    for ( cpu = 0; cpu < nr_vcpus; cpu++, e += MADT_LAPIC_LEN )
    {
        e[0] = MADT_LAPIC;
        e[1] = MADT_LAPIC_LEN;
        e[2] = cpu;                     /* processor UID: the DSDT's _UID */
        e[3] = ACPI_LAPIC_ID(cpu);
        put_le(e + 4, MADT_ENABLED, 4);
    }
    seal(t, madt_len(nr_vcpus));
}

static void build_dsdt(uint8_t *t, unsigned int nr_vcpus)
{
    size_t i = HDR_LEN;
    unsigned int cpu;

    header(t, "DSDT", DSDT_REVISION);
    memcpy(t + i, s5_object, sizeof(s5_object));
    i += sizeof(s5_object);
    t[i++] = AML_SCOPE;
    i += put_pkglen(t + i, scope_body_len(nr_vcpus));
    t[i++] = AML_ROOT;
    memcpy(t + i, "_SB_", NAME_LEN);
    i += NAME_LEN;
    for ( cpu = 0; cpu < nr_vcpus; cpu++ )
        i += put_cpu(t + i, cpu);
    ASSERT(i == dsdt_len(nr_vcpus));
    seal(t, i);
}

size_t acpi_tables_size(unsigned int nr_vcpus)
{
    struct acpi_layout l;

    if ( !nr_vcpus || nr_vcpus > ACPI_MAX_VCPUS )
        return 0;
    layout(nr_vcpus, &l);
    return l.end;
}

long acpi_build_tables(void *buf, size_t len, uint64_t base,
                       unsigned int nr_vcpus)
{
    size_t need = acpi_tables_size(nr_vcpus);
    struct acpi_layout l;
    uint8_t *b = buf;

    if ( !need || !IS_ALIGNED(base, 16) || base >= (1ULL << 32) ||
         need > (1ULL << 32) - base )
        return -EINVAL;
    if ( len < need )
        return -ENOSPC;
    layout(nr_vcpus, &l);
    memset(b, 0, need);
    build_dsdt(b + l.dsdt, nr_vcpus);
    build_madt(b + l.madt, nr_vcpus);
    build_fadt(b + l.fadt, base + l.dsdt);
    build_xsdt(b + l.xsdt, base + l.fadt, base + l.madt);
    build_rsdp(b, base + l.xsdt);
    return need;
}
