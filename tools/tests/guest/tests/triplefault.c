/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Load an empty IDT and raise an exception: the CPU cannot deliver it,
 * nor the #DF that follows, so it triple-faults.  The hypervisor must
 * end this domain and nothing else (Xen 4.17 applies the domain's
 * HVM_PARAM_TRIPLE_FAULT_REASON, by default SHUTDOWN_reboot).  Prints no
 * verdict unless it survives, which is a FAILURE.
 */
#include "guest.h"

const char test_title[] = "triplefault";

void test_main(void)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        unsigned long base;
    } null_idt = { 0, 0 };

    printk("info: loading a null IDT and executing int3\n");
    asm volatile ("lidt %0; int3" :: "m" (null_idt));
    check(false, "triple fault ends the domain", "still running");
}
