/*
 * svm_vmrun(vmcb_pa, regs, host_state_pa): enter the guest.
 *
 * VMRUN saves and restores only part of the host state, so the host's
 * callee-saved registers go on the stack and the "hidden" state (FS, GS,
 * TR, LDTR, syscall MSRs) is switched with VMLOAD/VMSAVE around the run.
 * GIF is clear throughout, so nothing interrupts us while the guest's
 * hidden state is loaded.  RFLAGS.IF is set across VMRUN all the same:
 * with V_INTR_MASKING the host's IF decides whether a physical interrupt
 * ends the guest's run (#VMEXIT(INTR)), and the timer must.
 */
#include <asm/asm-offsets-svm.h>

        .text
        .code64
        .globl svm_vmrun
svm_vmrun:
        push    %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rdx                    /* host state page */
        push    %rsi                    /* struct guest_gprs * */
        clgi
        sti                             /* GIF=0: nothing delivered yet */
        mov     %rdi, %rax
        mov     GPR_RBX(%rsi), %rbx
        mov     GPR_RCX(%rsi), %rcx
        mov     GPR_RDX(%rsi), %rdx
        mov     GPR_RDI(%rsi), %rdi
        mov     GPR_RBP(%rsi), %rbp
        mov     GPR_R8(%rsi), %r8
        mov     GPR_R9(%rsi), %r9
        mov     GPR_R10(%rsi), %r10
        mov     GPR_R11(%rsi), %r11
        mov     GPR_R12(%rsi), %r12
        mov     GPR_R13(%rsi), %r13
        mov     GPR_R14(%rsi), %r14
        mov     GPR_R15(%rsi), %r15
        mov     GPR_RSI(%rsi), %rsi
        vmload  %rax
        vmrun   %rax
        vmsave  %rax
        cli
        push    %rsi                    /* guest RSI */
        mov     8(%rsp), %rsi
        mov     %rbx, GPR_RBX(%rsi)
        mov     %rcx, GPR_RCX(%rsi)
        mov     %rdx, GPR_RDX(%rsi)
        mov     %rdi, GPR_RDI(%rsi)
        mov     %rbp, GPR_RBP(%rsi)
        mov     %r8, GPR_R8(%rsi)
        mov     %r9, GPR_R9(%rsi)
        mov     %r10, GPR_R10(%rsi)
        mov     %r11, GPR_R11(%rsi)
        mov     %r12, GPR_R12(%rsi)
        mov     %r13, GPR_R13(%rsi)
        mov     %r14, GPR_R14(%rsi)
        mov     %r15, GPR_R15(%rsi)
        pop     %rax
        mov     %rax, GPR_RSI(%rsi)
        pop     %rsi
        pop     %rax                    /* host state page */
        vmload  %rax
        stgi
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        ret
