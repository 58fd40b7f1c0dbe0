/*
 * The ACPI tables a PVH domain finds (arch/x86/acpi_tables.c): RSDP,
 * XSDT, FADT (hardware-reduced), MADT (one local APIC per vCPU) and a
 * DSDT naming each vCPU, laid out back to back from the RSDP.  The
 * builder only formats bytes; dom_acpi.c places them in the guest.
 */
#ifndef ASM_X86_ACPI_TABLES_H
#define ASM_X86_ACPI_TABLES_H

#include <xen/types.h>

/*
 * MADT entries are xAPIC ones: 8-bit APIC ids, vCPU n having 2n as in
 * Xen, so at most 128 vCPUs (DOMCFG_VCPUS_MAX).
 */
#define ACPI_MAX_VCPUS        128
#define ACPI_LAPIC_ADDRESS    0xfee00000u
#define ACPI_LAPIC_ID(vcpu)   ((vcpu) * 2)

/*
 * The hardware-reduced sleep and reset registers the FADT names: one
 * byte each at these I/O ports, answered by the hypervisor
 * (arch/x86/hvm/acpi_pm.c, docs/boot.md).  Writing SLP_EN with the _S5
 * sleep type to SLEEP_CONTROL powers the domain off; ACPI_RESET_VALUE
 * to the reset register reboots it.  Fields as ACPI 6.4, 4.8.3.7.
 */
#define ACPI_SLEEP_CONTROL_PORT  0xb000
#define ACPI_SLEEP_STATUS_PORT   0xb001
#define ACPI_RESET_PORT          0xb002
#define ACPI_PM_PORTS            3           /* from 0xb000 */
#define ACPI_RESET_VALUE         0x06
#define ACPI_SLP_TYP_S5          5           /* the DSDT's _S5 value */
#define ACPI_SLP_TYP_SHIFT       2           /* SLEEP_CONTROL bits 4:2 */
#define ACPI_SLP_TYP_MASK        0x1c
#define ACPI_SLP_EN              0x20        /* SLEEP_CONTROL bit 5 */
#define ACPI_WAK_STS             0x80        /* SLEEP_STATUS bit 7 */

/* Bytes acpi_build_tables() needs for nr_vcpus (any value: 0 if invalid). */
size_t acpi_tables_size(unsigned int nr_vcpus);

/*
 * Format the tables into buf (len bytes), which the guest will see at
 * guest-physical address base; the RSDP is at offset 0.  Returns the
 * bytes used, -EINVAL if nr_vcpus is 0 or above ACPI_MAX_VCPUS or the
 * tables would not lie below 4 GiB with base 16-byte aligned, -ENOSPC
 * if len is below acpi_tables_size(nr_vcpus).  On failure nothing in
 * buf is written.
 */
long acpi_build_tables(void *buf, size_t len, uint64_t base,
                       unsigned int nr_vcpus);

/* --- Placing them in a domain (arch/x86/dom_acpi.c) --- */
struct domain;

/*
 * Choose where d's tables go (whole pages at the top of its RAM below
 * 4 GiB) and record d's memory map (xen/memmap.h) around them.  *base
 * is the tables' address: the RSDP's, and the end of the RAM a loader
 * may fill.  -ENOMEM if d's RAM cannot hold them.
 */
int pvh_acpi_place(struct domain *d, uint64_t mem_bytes, uint64_t *base);
/* Build d's tables at base, as pvh_acpi_place() chose, into its RAM. */
int pvh_acpi_write(struct domain *d, uint64_t base);

#endif /* ASM_X86_ACPI_TABLES_H */
