/*
 * Exception and interrupt entry for the hypervisor itself.  Every vector
 * pushes a uniform frame (error code or 0, then the vector) and calls
 * do_trap(struct cpu_regs *).  Guests never run on this path: their
 * exceptions and interrupts end in a #VMEXIT instead.
 */
        .text
        .code64

/* One 16-byte stub per vector; vectors whose exceptions push an error
 * code (8, 10-14, 17, 21, 29, 30) skip the dummy push. */
        .globl trap_stubs
trap_stubs:
        .set vec, 0
        .rept 256
        .balign 16
        .if (vec == 8) || ((vec >= 10) && (vec <= 14)) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
        .else
        push    $0
        .endif
        push    $vec
        jmp     trap_common
        .set vec, vec + 1
        .endr

trap_common:
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
        cld
        call    do_trap
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
        add     $16, %rsp               /* vector and error code */
        iretq
