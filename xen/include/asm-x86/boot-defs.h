/*
 * Constants shared by the boot assembly and C: loader magics, control
 * register bits, the boot GDT's selectors.
 */
#ifndef ASM_X86_BOOT_DEFS_H
#define ASM_X86_BOOT_DEFS_H

#define MB1_HEADER_MAGIC    0x1BADB002
#define MB1_HEADER_FLAGS    0x00010002  /* memory map + load addresses */
#define MB1_BOOT_MAGIC      0x2BADB002
#define MB2_HEADER_MAGIC    0xE85250D6
#define MB2_BOOT_MAGIC      0x36D76289

#define CR0_PE   (1 << 0)
#define CR0_MP   (1 << 1)
#define CR0_EM   (1 << 2)
#define CR0_TS   (1 << 3)
#define CR0_ET   (1 << 4)
#define CR0_NE   (1 << 5)
#define CR0_WP   (1 << 16)
#define CR0_NW   (1 << 29)
#define CR0_CD   (1 << 30)
#define CR0_PG   (1 << 31)

#define CR4_PSE  (1 << 4)
#define CR4_PAE  (1 << 5)
#define CR4_PGE  (1 << 7)
#define CR4_OSFXSR (1 << 9)

#define MSR_EFER 0xC0000080
#define EFER_SCE  (1 << 0)
#define EFER_LME  (1 << 8)
#define EFER_LMA  (1 << 10)
#define EFER_NXE  (1 << 11)
#define EFER_SVME (1 << 12)

#define PTE_BOOT_TABLE 0x003    /* present, writable */
#define PTE_BOOT_LARGE 0x083    /* present, writable, 2 MiB page */

#define BOOT_CS64 0x08
#define BOOT_DS   0x10
#define BOOT_TSS  0x18

#define BOOT_STACK_SIZE (32 * 1024)

#endif /* ASM_X86_BOOT_DEFS_H */
