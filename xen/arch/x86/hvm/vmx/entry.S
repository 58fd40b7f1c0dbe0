/*
 * vmx_enter(regs, launched): enter the guest with VMLAUNCH (launched 0)
 * or VMRESUME.  A VM exit loads the hypervisor's RSP and RIP from the
 * VMCS: HOST_RSP is written here, right before entering, so that the
 * exit lands at vmx_exit_point with this frame (callee-saved registers
 * and regs) on the stack; HOST_RIP is vmx_exit_point (vmcs.c).  RIP,
 * RSP and RFLAGS are in the VMCS; every other general register is loaded
 * from and saved to struct guest_gprs.  Returns 0 after a VM exit, 1
 * if VMLAUNCH/VMRESUME failed (the hypervisor's registers intact).
 */
#include <asm/asm-offsets-svm.h>

#define VMCS_HOST_RSP 0x6c14

        .text
        .code64
        .globl vmx_enter
vmx_enter:
        push    %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rdi                    /* struct guest_gprs * */
        mov     $VMCS_HOST_RSP, %eax
        vmwrite %rsp, %rax
        test    %esi, %esi              /* flags live until the jump */
        mov     GPR_RAX(%rdi), %rax
        mov     GPR_RBX(%rdi), %rbx
        mov     GPR_RCX(%rdi), %rcx
        mov     GPR_RDX(%rdi), %rdx
        mov     GPR_RBP(%rdi), %rbp
        mov     GPR_RSI(%rdi), %rsi
        mov     GPR_R8(%rdi), %r8
        mov     GPR_R9(%rdi), %r9
        mov     GPR_R10(%rdi), %r10
        mov     GPR_R11(%rdi), %r11
        mov     GPR_R12(%rdi), %r12
        mov     GPR_R13(%rdi), %r13
        mov     GPR_R14(%rdi), %r14
        mov     GPR_R15(%rdi), %r15
        mov     GPR_RDI(%rdi), %rdi
        jnz     1f
        vmlaunch
        jmp     2f
1:      vmresume
2:      /* Still here: the instruction failed.  Nothing of the guest's
         * is worth keeping; restore ours. */
        pop     %rdi
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        mov     $1, %eax
        ret

        .globl vmx_exit_point
vmx_exit_point:
        push    %rdi                    /* guest RDI */
        mov     8(%rsp), %rdi           /* struct guest_gprs * */
        mov     %rax, GPR_RAX(%rdi)
        mov     %rbx, GPR_RBX(%rdi)
        mov     %rcx, GPR_RCX(%rdi)
        mov     %rdx, GPR_RDX(%rdi)
        mov     %rbp, GPR_RBP(%rdi)
        mov     %rsi, GPR_RSI(%rdi)
        mov     %r8, GPR_R8(%rdi)
        mov     %r9, GPR_R9(%rdi)
        mov     %r10, GPR_R10(%rdi)
        mov     %r11, GPR_R11(%rdi)
        mov     %r12, GPR_R12(%rdi)
        mov     %r13, GPR_R13(%rdi)
        mov     %r14, GPR_R14(%rdi)
        mov     %r15, GPR_R15(%rdi)
        pop     %rax
        mov     %rax, GPR_RDI(%rdi)
        pop     %rdi
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        xor     %eax, %eax
        ret
