/*
 * Offsets into struct guest_gprs (asm/domain.h) for the vendors' entry.S
 * (SVM and VMX); checked against the struct at build time in svm.c.
 */
#ifndef ASM_X86_ASM_OFFSETS_SVM_H
#define ASM_X86_ASM_OFFSETS_SVM_H

#define GPR_RBX 0
#define GPR_RCX 8
#define GPR_RDX 16
#define GPR_RSI 24
#define GPR_RDI 32
#define GPR_RBP 40
#define GPR_R8  48
#define GPR_R9  56
#define GPR_R10 64
#define GPR_R11 72
#define GPR_R12 80
#define GPR_R13 88
#define GPR_R14 96
#define GPR_R15 104
#define GPR_RAX 112

#endif /* ASM_X86_ASM_OFFSETS_SVM_H */
