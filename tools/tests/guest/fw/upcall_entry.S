/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The event-channel upcall's interrupt entry: save what C may clobber,
 * run upcall_handler(), return to the interrupted code.
 */
        .text
        .globl upcall_entry
        .align 16
upcall_entry:
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
        cld
        call    upcall_handler
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rax
        iretq
#else
        pusha
        cld
        call    upcall_handler
        popa
        iret
#endif

        .section .note.GNU-stack, "", @progbits
