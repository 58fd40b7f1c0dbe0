/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt stubs for vectors 32-255 (fw/irq.c): each pushes its vector
 * and joins irq_common, which saves what C may clobber, calls
 * irq_dispatch(vector) and returns to the interrupted code.
 */
        .text
        .globl irq_stubs
        .align 16
irq_stubs:
        vec = 32
        .rept 224
        .align 16
        push    $vec
        jmp     irq_common
        vec = vec + 1
        .endr

irq_common:
#ifdef __x86_64__
        push    %rax
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        mov     72(%rsp), %rdi          /* the vector */
        sub     $8, %rsp                /* 16-byte alignment for the call */
        cld
        call    irq_dispatch
        add     $8, %rsp
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rax
        add     $8, %rsp                /* the vector */
        iretq
#else
        pusha
        pushl   32(%esp)                /* the vector */
        cld
        call    irq_dispatch
        add     $4, %esp
        popa
        add     $4, %esp
        iret
#endif

        .section .note.GNU-stack, "", @progbits
