/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ACPI and the memory map, as a PVH kernel finds them: the RSDP at
 * start_info->rsdp_paddr, XSDT -> FADT (hardware-reduced) -> DSDT and
 * MADT (one enabled local APIC per vCPU, id 2n, no IO-APIC), every
 * checksum; start_info's memory map covering the domain's RAM exactly
 * with the tables in an ACPI range; XENMEM_memory_map giving the same
 * map, and Xen 4.17's answers to short buffers and bad pointers.
 *
 * ref=xen417 (real Xen's PVH dom0, which gets the host's tables and a
 * version 0 start_info): only what any valid tables show (signatures,
 * checksums) and XENMEM_memory_map's answers.
 */
#include "guest.h"
#include "errno.h"
#include "public/memory.h"
#include "public/vcpu.h"

const char test_title[] = "acpi";

#define MAP_MAX      16
#define TYPE_RAM     1
#define TYPE_ACPI    3
#define NOT_RAM      0xc0000000UL   /* 3 GiB: outside the domain's RAM */
#define FADT_HW_REDUCED (1u << 20)

/* XENMEM_memory_map's entries. */
struct e820_entry {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((packed));

/* The tables' span, to be found inside an ACPI range of the map. */
static uint64_t tables_lo = ~0ULL, tables_hi;
static bool ref_xen;

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

static const uint8_t *phys(uint64_t pa)
{
    return (const uint8_t *)(unsigned long)pa;
}

static void note_span(uint64_t pa, uint64_t len)
{
    if ( pa < tables_lo )
        tables_lo = pa;
    if ( pa + len > tables_hi )
        tables_hi = pa + len;
}

/* The table at pa if its signature and checksum are right, else NULL. */
static const uint8_t *table(uint64_t pa, const char *sig)
{
    char what[64];
    const uint8_t *t;
    uint32_t len;

    snprintf(what, sizeof(what), "%s below 4 GiB", sig);
    if ( !check(pa && pa < (1ULL << 32) - 36, what, "at %#llx",
                (unsigned long long)pa) )
        return NULL;
    t = phys(pa);
    len = le(t + 4, 4);
    snprintf(what, sizeof(what), "%s signature", sig);
    if ( !check(!memcmp(t, sig, 4), what, "got %.4s", (const char *)t) )
        return NULL;
    snprintf(what, sizeof(what), "%s checksum over %u bytes", sig, len);
    if ( !check(len >= 36 && sum(t, len) == 0, what, "sum %#x",
                sum(t, len)) )
        return NULL;
    note_span(pa, len);
    return t;
}

static unsigned int count_vcpus(void)
{
    unsigned int n = 0;

    while ( n < 1024 && HC(__HYPERVISOR_vcpu_op, VCPUOP_is_up, n, 0) >= 0 )
        n++;
    return n;
}

static void check_madt(const uint8_t *t, unsigned int vcpus)
{
    uint32_t len = le(t + 4, 4), off;
    unsigned int lapics = 0, ioapics = 0, bad = 0;

    check_eq("MADT local APIC address", le(t + 36, 4), 0xfee00000);
    check_eq("MADT flags: no PCAT_COMPAT", le(t + 40, 4) & 1, 0);
    for ( off = 44; off + 2 <= len && t[off + 1] >= 2; off += t[off + 1] )
    {
        const uint8_t *e = t + off;

        if ( e[0] == 1 )
            ioapics++;
        if ( e[0] != 0 )
            continue;
        bad += e[1] != 8 || e[2] != lapics || e[3] != 2 * e[2] ||
               !(le(e + 4, 4) & 1);
        lapics++;
    }
    check_eq("MADT entries fill it", off, len);
    check_eq("MADT: one local APIC per vCPU", lapics, vcpus);
    check_eq("MADT local APICs: uid n, APIC id 2n, enabled", bad, 0);
    check_eq("MADT: no IO-APIC", ioapics, 0);
}

static void check_dsdt(const uint8_t *t, unsigned int vcpus)
{
    static const char hid[] = "_HID\x0d" "ACPI0007";
    uint32_t len = le(t + 4, 4), i;
    unsigned int n = 0;

    for ( i = 36; i + sizeof(hid) - 1 <= len; i++ )
        n += !memcmp(t + i, hid, sizeof(hid) - 1);
    check_eq("DSDT: one processor device per vCPU", n, vcpus);
}

static void check_tables(void)
{
    const uint8_t *rsdp, *xsdt, *fadt = NULL, *madt = NULL, *dsdt;
    unsigned int vcpus = count_vcpus(), i, n;

    if ( !check(start_info->rsdp_paddr != 0, "start_info rsdp_paddr set",
                "it is 0") )
        return;
    rsdp = phys(start_info->rsdp_paddr);
    note_span(start_info->rsdp_paddr, 36);
    check(!memcmp(rsdp, "RSD PTR ", 8), "RSDP signature", "wrong");
    check_eq("RSDP checksum (20 bytes)", sum(rsdp, 20), 0);
    check_eq("RSDP revision", rsdp[15], 2);
    check_eq("RSDP length", le(rsdp + 20, 4), 36);
    check_eq("RSDP extended checksum", sum(rsdp, 36), 0);
    printk("info: RSDP at %#llx, XSDT at %#llx\n",
           (unsigned long long)start_info->rsdp_paddr,
           (unsigned long long)le(rsdp + 24, 8));
    if ( ref_xen )
    {
        const uint8_t *x = phys(le(rsdp + 24, 8));

        printk("info: RSDT at %#x; at the XSDT's address: %02x %02x %02x "
               "%02x, length %u\n", (unsigned)le(rsdp + 16, 4), x[0], x[1],
               x[2], x[3], (unsigned)le(x + 4, 4));
        return;
    }
    if ( !(xsdt = table(le(rsdp + 24, 8), "XSDT")) )
        return;
    n = (le(xsdt + 4, 4) - 36) / 8;
    for ( i = 0; i < n; i++ )
    {
        uint64_t pa = le(xsdt + 36 + 8 * i, 8);

        if ( pa && pa < (1ULL << 32) && !memcmp(phys(pa), "FACP", 4) )
            fadt = table(pa, "FACP");
        else if ( pa && pa < (1ULL << 32) && !memcmp(phys(pa), "APIC", 4) )
            madt = table(pa, "APIC");
    }
    printk("info: %u vCPUs, XSDT has %u entries\n", vcpus, n);
    if ( ref_xen )
        return;
    if ( check(fadt != NULL, "XSDT lists the FADT", "it does not") )
    {
        check(fadt[8] >= 5, "FADT revision 5 or later", "got %u", fadt[8]);
        check(le(fadt + 112, 4) & FADT_HW_REDUCED, "FADT HW_REDUCED_ACPI",
              "flags %#llx", (unsigned long long)le(fadt + 112, 4));
        dsdt = table(le(fadt + 140, 8), "DSDT");
        if ( dsdt )
            check_dsdt(dsdt, vcpus);
    }
    if ( check(madt != NULL, "XSDT lists the MADT", "it does not") )
        check_madt(madt, vcpus);
}

/* start_info's map: sorted, disjoint, the tables in ACPI, all the RAM. */
static void check_start_info_map(void)
{
    const struct hvm_memmap_table_entry *m =
        (const void *)phys(start_info->memmap_paddr);
    uint64_t total = 0, end = 0;
    unsigned int i, ordered = 1, acpi_holds_tables = 0;
    domid_t self = DOMID_SELF;
    long pages = hypercall_memory_op(XENMEM_current_reservation, &self);

    if ( !check(start_info->version >= 1 && start_info->memmap_entries > 1,
                "start_info has a memory map of several entries",
                "version %u, %u entries", start_info->version,
                start_info->memmap_entries) )
        return;
    for ( i = 0; i < start_info->memmap_entries; i++ )
    {
        printk("info: map %u: %#llx-%#llx type %u\n", i,
               (unsigned long long)m[i].addr,
               (unsigned long long)(m[i].addr + m[i].size - 1), m[i].type);
        ordered &= m[i].addr >= end && m[i].size && !m[i].reserved;
        end = m[i].addr + m[i].size;
        total += m[i].size;
        acpi_holds_tables |= m[i].type == TYPE_ACPI &&
                             m[i].addr <= tables_lo && tables_hi <= end;
    }
    check(ordered, "map entries sorted, disjoint, not empty", "they are not");
    check(acpi_holds_tables, "the tables lie in an ACPI range",
          "tables %#llx-%#llx", (unsigned long long)tables_lo,
          (unsigned long long)tables_hi);
    check(m[0].type == TYPE_RAM && m[0].addr == 0 &&
          start_info_pa + PAGE_SIZE <= m[0].size,
          "RAM from 0 holds the image and start_info", "map[0] type %u",
          m[0].type);
    check_eq("the map covers the domain's pages exactly", total,
             (uint64_t)pages * PAGE_SIZE);
}

static long memory_map(unsigned int nr, void *buffer, unsigned int *out)
{
    struct xen_memory_map x = { .nr_entries = nr };
    long rc;

    set_xen_guest_handle(x.buffer, buffer);
    rc = hypercall_memory_op(XENMEM_memory_map, &x);
    *out = x.nr_entries;
    return rc;
}

static bool filled(const void *p, size_t n, uint8_t v)
{
    const uint8_t *b = p;

    while ( n-- )
        if ( *b++ != v )
            return false;
    return true;
}

/* XENMEM_memory_map: the same map; Xen's answers to the rest. */
static void check_memory_map_op(void)
{
    const struct hvm_memmap_table_entry *m =
        (const void *)phys(start_info->memmap_paddr);
    unsigned int n = ref_xen ? 0 : start_info->memmap_entries, nr, i, same = 1;
    static struct e820_entry buf[MAP_MAX], first;
    static struct xen_memory_map x;

    memset(buf, 0xa5, sizeof(buf));
    check_eq("memory_map with room for all", memory_map(MAP_MAX, buf, &nr), 0);
    if ( ref_xen )
        n = nr;
    check(nr == n && n > 1 && n < MAP_MAX,
          "memory_map: as many entries as start_info's", "%u, not %u", nr, n);
    for ( i = 0; i < n && i < MAP_MAX && !ref_xen; i++ )
        same &= buf[i].addr == m[i].addr && buf[i].size == m[i].size &&
                buf[i].type == m[i].type;
    check(same, "memory_map: the same entries as start_info's", "differ");
    check(filled(buf + n, sizeof(buf) - n * sizeof(buf[0]), 0xa5),
          "memory_map writes nothing past the map", "it did");
    for ( i = 0; i < n && ref_xen; i++ )
        printk("info: map %u: %#llx-%#llx type %u\n", i,
               (unsigned long long)buf[i].addr,
               (unsigned long long)(buf[i].addr + buf[i].size - 1),
               buf[i].type);
    first = buf[0];

    memset(buf, 0xa5, sizeof(buf));
    check_eq("memory_map with room for 1", memory_map(1, buf, &nr), 0);
    check_eq("memory_map with room for 1: count", nr, 1);
    check(!memcmp(&buf[0], &first, sizeof(first)) &&
          filled(buf + 1, sizeof(buf) - sizeof(buf[0]), 0xa5),
          "memory_map with room for 1: the first entry only", "not so");
    check_eq("memory_map with room for 0", memory_map(0, (void *)NOT_RAM, &nr),
             0);
    check_eq("memory_map with room for 0: count", nr, 0);

    check_eq("memory_map to a buffer outside RAM",
             memory_map(MAP_MAX, (void *)NOT_RAM, &nr), -EFAULT);
    check_eq("memory_map to a bad buffer: count not written", nr, MAP_MAX);
    check_eq("memory_map with its structure outside RAM",
             hypercall_memory_op(XENMEM_memory_map, (void *)NOT_RAM), -EFAULT);
#ifdef __x86_64__
    check_eq("memory_map to an unmapped virtual address",
             memory_map(MAP_MAX, (void *)0x00007fff00000000UL, &nr), -EFAULT);
#endif
    x.nr_entries = MAP_MAX;
    set_xen_guest_handle(x.buffer, (void *)buf);
    memset(buf, 0xa5, sizeof(buf));
    check_eq("memory_map with progress bits",
             hypercall_memory_op(XENMEM_memory_map | (1u << 6), &x), -ENOSYS);
    check(x.nr_entries == MAP_MAX && filled(buf, sizeof(buf), 0xa5),
          "memory_map with progress bits writes nothing", "it wrote");
}

void test_main(void)
{
    char ref[16];

    if ( !check(start_info != NULL, "start_info", "none") )
        return;
    ref_xen = cmdline_get("ref", ref, sizeof(ref)) && !strcmp(ref, "xen417");
    check_tables();
    if ( !ref_xen )
        check_start_info_map();
    check_memory_map_op();
}
