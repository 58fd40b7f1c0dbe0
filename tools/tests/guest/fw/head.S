/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot stub of a test guest, entered the PVH way: 32-bit flat protected
 * mode, paging off, %ebx = guest-physical address of hvm_start_info.
 * The loader's GDT is not ours to rely on, so load our own first.  The
 * 64-bit image then identity-maps the low 4 GiB with 2 MiB pages and
 * switches to long mode; the 32-bit image stays with paging off.
 */
#include "public/elfnote.h"
#include "public/features.h"
#include "layout.h"

/* Tell the loader where to enter us (and that we can run as dom0). */
        .section .note.Xen, "a", @note
        .align 4
        .long 4, 4, XEN_ELFNOTE_PHYS32_ENTRY
        .asciz "Xen"
        .long entry32
        .align 4
        .long 4, 4, XEN_ELFNOTE_SUPPORTED_FEATURES
        .asciz "Xen"
        .long (1 << XENFEAT_dom0)

        .section .text.head, "ax", @progbits
        .code32
        .globl entry32
entry32:
        cld
        lgdt    gdt_ptr
        ljmp    $SEL_CODE32, $1f
1:      mov     $SEL_DATA, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs

        /* Zero .bss (stack and page tables live there); keep %ebx. */
        mov     $__bss_start, %edi
        mov     $__bss_end, %ecx
        sub     %edi, %ecx
        xor     %eax, %eax
        rep stosb

        mov     %ebx, start_info_pa
        mov     $stack_top, %esp

#ifdef __x86_64__
        /* pml4[0] -> pdpt; pdpt[0..3] -> pd[0..3]; pd: 2048 x 2 MiB. */
        mov     $pdpt + PTE_P_RW, %eax
        mov     %eax, pml4
        mov     $pd + PTE_P_RW, %eax
        xor     %ecx, %ecx
2:      mov     %eax, pdpt(, %ecx, 8)
        add     $PAGE_SIZE, %eax
        inc     %ecx
        cmp     $4, %ecx
        jne     2b
        mov     $PTE_P_RW_PSE, %eax
        xor     %ecx, %ecx
3:      mov     %eax, pd(, %ecx, 8)
        add     $(2 << 20), %eax
        inc     %ecx
        cmp     $2048, %ecx
        jne     3b

        mov     %cr4, %eax
        or      $CR4_PAE, %eax
        mov     %eax, %cr4
        mov     $pml4, %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        wrmsr
        mov     %cr0, %eax
        or      $CR0_PG, %eax
        mov     %eax, %cr0
        ljmp    $SEL_CODE64, $entry64

        .code64
entry64:
        mov     $stack_top, %esp
        call    fw_main
4:      cli
        hlt
        jmp     4b
#else
        call    fw_main
4:      cli
        hlt
        jmp     4b
#endif

        .section .rodata
        .align 8
        .globl gdt
gdt:    .quad 0                         /* null */
        .quad 0x00cf9b000000ffff        /* SEL_CODE32: flat 32-bit code */
        .quad 0x00cf93000000ffff        /* SEL_DATA: flat data */
        .quad 0x00af9b000000ffff        /* SEL_CODE64: 64-bit code */
gdt_end:
gdt_ptr:
        .word gdt_end - gdt - 1
        .long gdt

        .section .data
        .align 8
        .globl start_info_pa
start_info_pa:
        .quad 0                         /* %ebx at entry */

        .section .bss
        .align PAGE_SIZE
        .globl stack_top
stack:  .skip STACK_SIZE
stack_top:
#ifdef __x86_64__
pml4:   .skip PAGE_SIZE
pdpt:   .skip PAGE_SIZE
pd:     .skip 4 * PAGE_SIZE
#endif

        .section .note.GNU-stack, "", @progbits
