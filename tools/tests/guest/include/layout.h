/* SPDX-License-Identifier: GPL-2.0-only */
/* Constants shared by the boot stub, trap stubs and C (no C types here). */
#ifndef GUEST_LAYOUT_H
#define GUEST_LAYOUT_H

#define PAGE_SIZE       4096
#define STACK_SIZE      (16 * 1024)

/* Our GDT (fw/head.S). */
#define SEL_CODE32      0x08
#define SEL_DATA        0x10
#define SEL_CODE64      0x18

#define PTE_P_RW        0x003           /* present, writable */
#define PTE_P_RW_PSE    0x083           /* ... and a 2 MiB page */

#define CR0_PG          0x80000000
#define CR4_PAE         0x00000020
#define MSR_EFER        0xc0000080
#define EFER_LME        0x00000100

#define NR_EXCEPTIONS   32

#endif /* GUEST_LAYOUT_H */
