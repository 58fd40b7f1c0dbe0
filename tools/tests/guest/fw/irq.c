/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupts on any vector from 32 (include/lapic.h): fw/irq_entry.S has
 * one 16-byte stub per vector, each calling irq_dispatch() with its
 * vector; the count and the arrival order are what tests look at.
 */
#include "lapic.h"

extern const char irq_stubs[];          /* vector 32's; 16 bytes apart */

volatile unsigned int irq_count[256];
volatile uint8_t irq_log[IRQ_LOG_MAX];
volatile unsigned int irq_log_len;
static bool eoi_on_entry[256];

void irq_catch(unsigned int vec, bool eoi)
{
    vec &= 0xff;
    if ( vec < 32 )
        return;
    eoi_on_entry[vec] = eoi;
    idt_set_gate(vec, (unsigned long)irq_stubs + (vec - 32) * 16);
}

void irq_log_clear(void)
{
    irq_log_len = 0;
}

void irq_dispatch(unsigned long vec);
void irq_dispatch(unsigned long vec)
{
    vec &= 0xff;
    irq_count[vec]++;
    if ( irq_log_len < IRQ_LOG_MAX )
        irq_log[irq_log_len++] = vec;
    if ( eoi_on_entry[vec] )
        lapic_eoi();
}
