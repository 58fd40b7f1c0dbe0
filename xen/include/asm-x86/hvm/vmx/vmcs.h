/*
 * The VMCS: field encodings, control bits, exit reasons and the
 * qualification layouts we use (Intel SDM vol. 3, appendices A-C and
 * chapter 28), and VMREAD/VMWRITE.  Only what the hypervisor uses.
 */
#ifndef ASM_X86_HVM_VMX_VMCS_H
#define ASM_X86_HVM_VMX_VMCS_H

#include <xen/types.h>

/* 16-bit fields. */
#define VMCS_VPID                   0x0000
#define VMCS_GUEST_SEL(i)           (0x0800 + 2 * (i))  /* VMX_SEG_* */
#define VMCS_HOST_ES_SEL            0x0c00
#define VMCS_HOST_CS_SEL            0x0c02
#define VMCS_HOST_SS_SEL            0x0c04
#define VMCS_HOST_DS_SEL            0x0c06
#define VMCS_HOST_FS_SEL            0x0c08
#define VMCS_HOST_GS_SEL            0x0c0a
#define VMCS_HOST_TR_SEL            0x0c0c
/* 64-bit fields. */
#define VMCS_MSR_BITMAP             0x2004
#define VMCS_TSC_OFFSET             0x2010
#define VMCS_EPT_POINTER            0x201a
#define VMCS_GUEST_PHYS_ADDR        0x2400
#define VMCS_LINK_POINTER           0x2800
#define VMCS_GUEST_DEBUGCTL         0x2802
#define VMCS_GUEST_PAT              0x2804
#define VMCS_GUEST_EFER             0x2806
#define VMCS_GUEST_PDPTE(i)         (0x280a + 2 * (i))
#define VMCS_HOST_PAT               0x2c00
#define VMCS_HOST_EFER              0x2c02
/* 32-bit fields. */
#define VMCS_PIN_CTLS               0x4000
#define VMCS_PROC_CTLS              0x4002
#define VMCS_EXCEPTION_BITMAP       0x4004
#define VMCS_EXIT_CTLS              0x400c
#define VMCS_ENTRY_CTLS             0x4012
#define VMCS_ENTRY_INTR_INFO        0x4016
#define VMCS_ENTRY_EXC_ERROR        0x4018
#define VMCS_ENTRY_INSN_LEN         0x401a
#define VMCS_PROC2_CTLS             0x401e
#define VMCS_INSN_ERROR             0x4400
#define VMCS_EXIT_REASON            0x4402
#define VMCS_EXIT_INTR_INFO         0x4404
#define VMCS_IDT_VECTORING_INFO     0x4408
#define VMCS_IDT_VECTORING_ERROR    0x440a
#define VMCS_EXIT_INSN_LEN          0x440c
#define VMCS_GUEST_LIMIT(i)         (0x4800 + 2 * (i))
#define VMCS_GUEST_GDTR_LIMIT       0x4810
#define VMCS_GUEST_IDTR_LIMIT       0x4812
#define VMCS_GUEST_AR(i)            (0x4814 + 2 * (i))
#define VMCS_GUEST_INTERRUPTIBILITY 0x4824
#define VMCS_GUEST_ACTIVITY         0x4826
#define VMCS_GUEST_SYSENTER_CS      0x482a
#define VMCS_GUEST_PREEMPT_TIMER    0x482e
#define VMCS_HOST_SYSENTER_CS       0x4c00
/* Natural-width fields. */
#define VMCS_CR0_MASK               0x6000
#define VMCS_CR4_MASK               0x6002
#define VMCS_CR0_SHADOW             0x6004
#define VMCS_CR4_SHADOW             0x6006
#define VMCS_EXIT_QUAL              0x6400
#define VMCS_GUEST_CR0              0x6800
#define VMCS_GUEST_CR3              0x6802
#define VMCS_GUEST_CR4              0x6804
#define VMCS_GUEST_BASE(i)          (0x6806 + 2 * (i))
#define VMCS_GUEST_GDTR_BASE        0x6816
#define VMCS_GUEST_IDTR_BASE        0x6818
#define VMCS_GUEST_DR7              0x681a
#define VMCS_GUEST_RSP              0x681c
#define VMCS_GUEST_RIP              0x681e
#define VMCS_GUEST_RFLAGS           0x6820
#define VMCS_GUEST_PENDING_DBG      0x6822
#define VMCS_GUEST_SYSENTER_ESP     0x6824
#define VMCS_GUEST_SYSENTER_EIP     0x6826
#define VMCS_HOST_CR0               0x6c00
#define VMCS_HOST_CR3               0x6c02
#define VMCS_HOST_CR4               0x6c04
#define VMCS_HOST_FS_BASE           0x6c06
#define VMCS_HOST_GS_BASE           0x6c08
#define VMCS_HOST_TR_BASE           0x6c0a
#define VMCS_HOST_GDTR_BASE         0x6c0c
#define VMCS_HOST_IDTR_BASE         0x6c0e
#define VMCS_HOST_SYSENTER_ESP      0x6c10
#define VMCS_HOST_SYSENTER_EIP      0x6c12
#define VMCS_HOST_RSP               0x6c14
#define VMCS_HOST_RIP               0x6c16

/* The VMCS's segment order (its field encodings step by 2 in it). */
enum vmx_seg { VMX_SEG_ES, VMX_SEG_CS, VMX_SEG_SS, VMX_SEG_DS, VMX_SEG_FS,
               VMX_SEG_GS, VMX_SEG_LDTR, VMX_SEG_TR };
#define VMX_AR_UNUSABLE             (1u << 16)

/* Pin-based, primary and secondary processor-based controls. */
#define PIN_EXT_INTR                (1u << 0)
#define PIN_NMI                     (1u << 3)
#define PIN_PREEMPT_TIMER           (1u << 6)
#define PROC_INTR_WINDOW            (1u << 2)
#define PROC_TSC_OFFSET             (1u << 3)
#define PROC_HLT                    (1u << 7)
#define PROC_MWAIT                  (1u << 10)
#define PROC_CR8_LOAD               (1u << 19)
#define PROC_CR8_STORE              (1u << 20)
#define PROC_MOV_DR                 (1u << 23)
#define PROC_UNCOND_IO              (1u << 24)
#define PROC_MSR_BITMAP             (1u << 28)
#define PROC_MONITOR                (1u << 29)
#define PROC_SECONDARY              (1u << 31)
#define PROC2_EPT                   (1u << 1)
#define PROC2_VPID                  (1u << 5)
#define PROC2_WBINVD                (1u << 6)
#define PROC2_UNRESTRICTED          (1u << 7)
/* VM-exit and VM-entry controls. */
#define EXIT_HOST_64                (1u << 9)
#define EXIT_SAVE_PAT               (1u << 18)
#define EXIT_LOAD_PAT               (1u << 19)
#define EXIT_SAVE_EFER              (1u << 20)
#define EXIT_LOAD_EFER              (1u << 21)
#define ENTRY_IA32E                 (1u << 9)
#define ENTRY_LOAD_PAT              (1u << 14)
#define ENTRY_LOAD_EFER             (1u << 15)

/* Interruption information (entry, exit, IDT vectoring). */
#define INTR_INFO_VALID             (1u << 31)
#define INTR_INFO_ERROR_CODE        (1u << 11)
#define INTR_TYPE_EXT               (0u << 8)
#define INTR_TYPE_HW_EXC            (3u << 8)
#define INTR_TYPE_MASK              (7u << 8)
#define INTERRUPTIBILITY_STI_MOVSS  3u

/* Basic exit reasons (bit 31 of the field: the VM entry failed). */
#define EXIT_FAILED_ENTRY           (1u << 31)
enum vmx_exit {
    EXIT_EXC_NMI = 0, EXIT_EXT_INTR = 1, EXIT_TRIPLE_FAULT = 2,
    EXIT_INIT = 3, EXIT_SIPI = 4, EXIT_IO_SMI = 5, EXIT_OTHER_SMI = 6,
    EXIT_INTR_WINDOW = 7, EXIT_TASK_SWITCH = 9, EXIT_CPUID = 10,
    EXIT_GETSEC = 11, EXIT_HLT = 12, EXIT_INVD = 13, EXIT_RSM = 17,
    EXIT_VMCALL = 18, EXIT_VMCLEAR = 19, EXIT_VMLAUNCH = 20,
    EXIT_VMPTRLD = 21, EXIT_VMPTRST = 22, EXIT_VMREAD = 23,
    EXIT_VMRESUME = 24, EXIT_VMWRITE = 25, EXIT_VMXOFF = 26,
    EXIT_VMXON = 27, EXIT_CR_ACCESS = 28, EXIT_MOV_DR = 29, EXIT_IO = 30,
    EXIT_RDMSR = 31, EXIT_WRMSR = 32, EXIT_BAD_GUEST_STATE = 33,
    EXIT_BAD_MSR_LOAD = 34, EXIT_MWAIT = 36, EXIT_MONITOR = 39,
    EXIT_MACHINE_CHECK = 41, EXIT_EPT_VIOLATION = 48,
    EXIT_EPT_MISCONFIG = 49, EXIT_INVEPT = 50, EXIT_PREEMPT_TIMER = 52,
    EXIT_INVVPID = 53, EXIT_WBINVD = 54, EXIT_XSETBV = 55,
    EXIT_VMFUNC = 59,
};

/* Exit qualification of an I/O instruction. */
#define IO_QUAL_SIZE(q)             (((q) & 7) + 1)
#define IO_QUAL_IN                  (1u << 3)
#define IO_QUAL_STRING              (1u << 4)
#define IO_QUAL_REP                 (1u << 5)
#define IO_QUAL_PORT(q)             (((q) >> 16) & 0xffff)
/* ... of a control-register access. */
#define CR_QUAL_CR(q)               ((q) & 0xf)
#define CR_QUAL_TYPE(q)             (((q) >> 4) & 3)
#define CR_QUAL_GPR(q)              (((q) >> 8) & 0xf)
#define CR_QUAL_LMSW_DATA(q)        (((q) >> 16) & 0xffff)
enum { CR_MOV_TO, CR_MOV_FROM, CR_CLTS, CR_LMSW };
/* ... of a debug-register access. */
#define DR_QUAL_DR(q)               ((q) & 7)
#define DR_QUAL_FROM                (1u << 4)
#define DR_QUAL_GPR(q)              (((q) >> 8) & 0xf)
/* ... of an EPT violation. */
#define EPT_QUAL_WRITE              (1u << 1)

static inline uint64_t vmread(unsigned long field)
{
    unsigned long val;

    asm volatile ( "vmread %1, %0" : "=rm" (val) : "r" (field) : "cc" );
    return val;
}

static inline void vmwrite(unsigned long field, uint64_t val)
{
    asm volatile ( "vmwrite %1, %0" :: "r" (field), "rm" (val)
                   : "cc", "memory" );
}

#endif /* ASM_X86_HVM_VMX_VMCS_H */
