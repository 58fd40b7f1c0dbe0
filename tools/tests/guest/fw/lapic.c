/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The local APIC from a test guest (include/lapic.h).  The xAPIC page is
 * at its default address, which every paging mode of the framework maps
 * identically (the low 4 GiB).
 */
#include "lapic.h"
#include "x86.h"

uint64_t lapic_base(void)
{
    return rdmsr(MSR_APIC_BASE);
}

uint32_t lapic_set_base_safe(uint64_t val)
{
    return wrmsr_safe(MSR_APIC_BASE, val);
}

bool lapic_x2apic(void)
{
    return lapic_base() & APIC_BASE_EXTD;
}

volatile uint32_t *lapic_mmio(unsigned int reg)
{
    return (volatile uint32_t *)(unsigned long)(APIC_DEFAULT_BASE + reg);
}

uint32_t lapic_read(unsigned int reg)
{
    if ( lapic_x2apic() )
        return (uint32_t)rdmsr(MSR_X2APIC(reg));
    return *lapic_mmio(reg);
}

void lapic_write(unsigned int reg, uint32_t val)
{
    if ( lapic_x2apic() )
        wrmsr_safe(MSR_X2APIC(reg), val);
    else
        *lapic_mmio(reg) = val;
}

void lapic_eoi(void)
{
    lapic_write(APIC_EOI, 0);
}

void lapic_sw_enable(void)
{
    lapic_write(APIC_SVR, APIC_SVR_ENABLE | 0xff);
}

bool lapic_vec_set(unsigned int reg, unsigned int vec)
{
    return lapic_read(reg + 0x10 * (vec / 32)) & (1u << (vec % 32));
}
