/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception entry: one stub per vector 0-31.  Each pushes a zero error
 * code where the CPU pushes none, then the vector, so trap_common always
 * sees the same frame (struct trap_frame in include/guest.h).
 */
#include "layout.h"

#ifdef __x86_64__
# define PTR .quad
#else
# define PTR .long
#endif

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERRCODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || \
                        (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

        .text
        .macro stub vec
        .align 16
trap_\vec:
        .if !HAS_ERRCODE(\vec)
        push    $0
        .endif
        push    $\vec
        jmp     trap_common
        .endm

        .altmacro
        .set    vec, 0
        .rept   NR_EXCEPTIONS
        stub    %vec
        .set    vec, vec + 1
        .endr

trap_common:
#ifdef __x86_64__
        push    %rax
        push    %rbx
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %rbp
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, %rdi
        call    trap_handler
#else
        pusha
        push    %esp
        call    trap_handler
#endif
1:      cli
        hlt
        jmp     1b

        /* Entry addresses, indexed by vector, for the IDT setup in C. */
        .macro entry vec
        PTR     trap_\vec
        .endm
        .section .rodata
        .align 8
        .globl trap_entries
trap_entries:
        .set    vec, 0
        .rept   NR_EXCEPTIONS
        entry   %vec
        .set    vec, vec + 1
        .endr

        .section .note.GNU-stack, "", @progbits
