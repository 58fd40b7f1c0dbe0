/*
 * Boot entry.  GRUB (multiboot1 or multiboot2) and QEMU -kernel (multiboot1)
 * enter here in 32-bit protected mode with paging off, EAX holding the
 * loader's magic and EBX the physical address of its information block.
 *
 * We build identity page tables for the low 4 GiB, switch to long mode and
 * call __start_xen(magic, info).  The image is linked at its load address,
 * so everything runs identity-mapped.
 */
#include <asm/boot-defs.h>

        .section .text.header, "ax", @progbits
        .code32

/* Multiboot1 header: ask for the memory map, and give load addresses
 * (the "a.out kludge") so that loaders need not parse our ELF64 file. */
        .balign 4
multiboot1_header:
        .long MB1_HEADER_MAGIC
        .long MB1_HEADER_FLAGS
        .long -(MB1_HEADER_MAGIC + MB1_HEADER_FLAGS)
        .long multiboot1_header         /* header_addr */
        .long __image_start             /* load_addr */
        .long __load_end                /* load_end_addr */
        .long __bss_end                 /* bss_end_addr */
        .long start                     /* entry_addr */

/* Multiboot2 header: address and entry tags, then the end tag. */
        .balign 8
multiboot2_header:
        .long MB2_HEADER_MAGIC
        .long 0                         /* architecture: i386 */
        .long multiboot2_header_end - multiboot2_header
        .long -(MB2_HEADER_MAGIC + (multiboot2_header_end - multiboot2_header))
        .balign 8
        .short 2, 0                     /* address tag */
        .long 24
        .long multiboot2_header
        .long __image_start
        .long __load_end
        .long __bss_end
        .balign 8
        .short 3, 0                     /* entry address tag */
        .long 12
        .long start
        .balign 8
        .short 0, 0                     /* end tag */
        .long 8
multiboot2_header_end:

        .balign 16
        .globl start
start:
        cli
        cld
        mov     %eax, %edi              /* keep magic and info for C */
        mov     %ebx, %esi
        mov     $boot_stack_top, %esp

        /* PML4[0] -> PDPT, PDPT[0..3] -> four page directories of 2M pages. */
        mov     $boot_pdpt, %eax
        or      $PTE_BOOT_TABLE, %eax
        mov     %eax, boot_pml4

        mov     $boot_pd, %eax
        or      $PTE_BOOT_TABLE, %eax
        xor     %ecx, %ecx
1:      mov     %eax, boot_pdpt(,%ecx,8)
        add     $4096, %eax
        inc     %ecx
        cmp     $4, %ecx
        jne     1b

        mov     $PTE_BOOT_LARGE, %eax   /* 2048 entries of 2 MiB: 0..4 GiB */
        xor     %ecx, %ecx
2:      mov     %eax, boot_pd(,%ecx,8)
        movl    $0, boot_pd+4(,%ecx,8)
        add     $0x200000, %eax
        inc     %ecx
        cmp     $2048, %ecx
        jne     2b

        mov     $boot_pml4, %eax
        mov     %eax, %cr3
        mov     %cr4, %eax
        or      $(CR4_PAE | CR4_PGE), %eax
        mov     %eax, %cr4
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $(EFER_LME | EFER_NXE), %eax
        wrmsr
        mov     %cr0, %eax
        or      $(CR0_PG | CR0_PE | CR0_WP | CR0_NE | CR0_MP), %eax
        and     $~(CR0_EM | CR0_TS | CR0_CD | CR0_NW), %eax
        mov     %eax, %cr0

        lgdt    boot_gdt_desc
        ljmp    $BOOT_CS64, $start64

        .code64
start64:
        mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        mov     $boot_stack_top, %rsp
        /* %edi = magic, %esi = info (zero-extended by the 32-bit moves). */
        call    __start_xen
3:      cli
        hlt
        jmp     3b

        .section .rodata, "a", @progbits
        .balign 16
        .globl boot_gdt
boot_gdt:
        .quad 0                         /* null */
        .quad 0x00af9b000000ffff        /* BOOT_CS64: 64-bit code, DPL0 */
        .quad 0x00cf93000000ffff        /* BOOT_DS: flat data */
        .quad 0                         /* TSS descriptor (16 bytes), */
        .quad 0                         /* filled in by cpu_init() */
boot_gdt_end:
        .globl boot_gdt_desc
boot_gdt_desc:
        .short boot_gdt_end - boot_gdt - 1
        .quad boot_gdt

        .section .bss.page_aligned, "aw", @nobits
        .balign 4096
boot_pml4:      .skip 4096
boot_pdpt:      .skip 4096
boot_pd:        .skip 4096 * 4
        .globl boot_stack
boot_stack:     .skip BOOT_STACK_SIZE
boot_stack_top:
