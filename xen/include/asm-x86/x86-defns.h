/*
 * Architectural bits of the control registers, EFER, DR7 and segment
 * attributes, as 64-bit constants: a guest's values are 64 bits wide, and
 * asm/boot-defs.h's int constants (shared with assembly) would
 * sign-extend CR0.PG into bits 63:32 when widened.
 */
#ifndef ASM_X86_X86_DEFNS_H
#define ASM_X86_X86_DEFNS_H

#define X86_CR0_PE      (1ULL << 0)
#define X86_CR0_MP      (1ULL << 1)
#define X86_CR0_EM      (1ULL << 2)
#define X86_CR0_TS      (1ULL << 3)
#define X86_CR0_ET      (1ULL << 4)
#define X86_CR0_NE      (1ULL << 5)
#define X86_CR0_WP      (1ULL << 16)
#define X86_CR0_AM      (1ULL << 18)
#define X86_CR0_NW      (1ULL << 29)
#define X86_CR0_CD      (1ULL << 30)
#define X86_CR0_PG      (1ULL << 31)

#define X86_CR4_VME         (1ULL << 0)
#define X86_CR4_PVI         (1ULL << 1)
#define X86_CR4_TSD         (1ULL << 2)
#define X86_CR4_DE          (1ULL << 3)
#define X86_CR4_PSE         (1ULL << 4)
#define X86_CR4_PAE         (1ULL << 5)
#define X86_CR4_MCE         (1ULL << 6)
#define X86_CR4_PGE         (1ULL << 7)
#define X86_CR4_PCE         (1ULL << 8)
#define X86_CR4_OSFXSR      (1ULL << 9)
#define X86_CR4_OSXMMEXCPT  (1ULL << 10)
#define X86_CR4_UMIP        (1ULL << 11)
#define X86_CR4_LA57        (1ULL << 12)
#define X86_CR4_VMXE        (1ULL << 13)
#define X86_CR4_SMXE        (1ULL << 14)
#define X86_CR4_FSGSBASE    (1ULL << 16)
#define X86_CR4_PCIDE       (1ULL << 17)
#define X86_CR4_OSXSAVE     (1ULL << 18)
#define X86_CR4_SMEP        (1ULL << 20)
#define X86_CR4_SMAP        (1ULL << 21)
#define X86_CR4_PKE         (1ULL << 22)
#define X86_CR4_CET         (1ULL << 23)

#define X86_EFER_SCE    (1ULL << 0)
#define X86_EFER_LME    (1ULL << 8)
#define X86_EFER_LMA    (1ULL << 10)
#define X86_EFER_NXE    (1ULL << 11)
#define X86_EFER_SVME   (1ULL << 12)
#define X86_EFER_LMSLE  (1ULL << 13)
#define X86_EFER_FFXSE  (1ULL << 14)

/* DR7's local and global enables of breakpoints 0-3. */
#define X86_DR7_ENABLES 0xffULL

/* struct vmcb_seg .attr: descriptor bits 8-15 in 0-7, 20-23 in 8-11. */
#define SEG_ATTR_L      (1u << 9)
#define SEG_ATTR_DB     (1u << 10)

/* CPUID feature bits the guest's control registers depend on. */
#define CPUID1_EDX_VME      (1u << 1)
#define CPUID1_EDX_DE       (1u << 2)
#define CPUID1_EDX_PSE      (1u << 3)
#define CPUID1_EDX_TSC      (1u << 4)
#define CPUID1_EDX_PAE      (1u << 6)
#define CPUID1_EDX_MCE      (1u << 7)
#define CPUID1_EDX_PGE      (1u << 13)
#define CPUID1_EDX_MCA      (1u << 14)
#define CPUID1_EDX_FXSR     (1u << 24)
#define CPUID1_EDX_SSE      (1u << 25)
#define CPUID1_ECX_VMX      (1u << 5)
#define CPUID1_ECX_SMX      (1u << 6)
#define CPUID1_ECX_PCID     (1u << 17)
#define CPUID1_ECX_XSAVE    (1u << 26)
#define CPUID7_EBX_FSGSBASE (1u << 0)
#define CPUID7_EBX_SMEP     (1u << 7)
#define CPUID7_EBX_SMAP     (1u << 20)
#define CPUID7_ECX_UMIP     (1u << 2)
#define CPUID7_ECX_PKU      (1u << 3)
#define CPUIDE1_EDX_SYSCALL (1u << 11)
#define CPUIDE1_EDX_NX      (1u << 20)
#define CPUIDE1_EDX_FFXSR   (1u << 25)
#define CPUIDE1_EDX_LM      (1u << 29)

#endif /* ASM_X86_X86_DEFNS_H */
