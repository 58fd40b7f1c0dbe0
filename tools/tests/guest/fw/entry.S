/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception entry: one stub per vector 0-31.  Each pushes a zero error
 * code where the CPU pushes none, then the vector, so trap_common always
 * sees the same frame (struct trap_frame in include/guest.h).  If
 * trap_handler returns (an expected exception, see include/x86.h), the
 * frame it edited is restored and the guest resumes.
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
        /* Back only for an expected exception: resume at its fixup. */
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rbp
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rbx
        pop     %rax
        add     $16, %rsp               /* vector, error code */
        iretq
#else
        pusha
        push    %esp
        call    trap_handler
        add     $4, %esp
        popa
        add     $8, %esp
        iret
#endif

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
