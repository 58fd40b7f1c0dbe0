/*
 * The physical CPU's identity for platform_op (asm-x86/pcpu.h), from
 * CPUID as Xen's cpu_data has it: family with the extended family when
 * the base one is 0xf, model with the extended model when the family is
 * 6 or more; the APIC id is leaf 1's initial one (the hypervisor never
 * changes it).
 */
#include <xen/lib.h>
#include <asm/processor.h>
#include <asm-x86/pcpu.h>

void pcpu_identify(unsigned int cpu, struct pcpu_identity *id)
{
    struct cpuid_leaf l0 = cpuid_count(0, 0), l1 = cpuid_count(1, 0);
    uint32_t family = (l1.a >> 8) & 0xf, model = (l1.a >> 4) & 0xf;

    (void)cpu;                  /* only CPU 0 (PCPU_COUNT) */
    memcpy(id->vendor, &l0.b, 4);
    memcpy(id->vendor + 4, &l0.d, 4);
    memcpy(id->vendor + 8, &l0.c, 4);
    if ( family == 0xf )
        family += (l1.a >> 20) & 0xff;
    if ( family >= 6 )
        model |= ((l1.a >> 16) & 0xf) << 4;
    id->family = family;
    id->model = model;
    id->stepping = l1.a & 0xf;
    id->apic_id = l1.b >> 24;
}
