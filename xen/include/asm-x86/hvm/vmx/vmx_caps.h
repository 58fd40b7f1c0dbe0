/*
 * What this CPU's Intel VMX can do: the VMX capability MSRs decoded into
 * the features the hypervisor needs (EPT, unrestricted guest) and the
 * ones it can use when present (VPID, the preemption timer).
 *
 * Decoding is separate from reading the MSRs (arch/x86/hvm/vmx/vmx.c
 * reads them) so that it can be tested on the host with any CPU's values.
 * MSR numbers and bit positions: Intel SDM vol. 3, appendix A.
 */
#ifndef ASM_X86_HVM_VMX_VMX_CAPS_H
#define ASM_X86_HVM_VMX_VMX_CAPS_H

#include <xen/types.h>

#define MSR_IA32_FEATURE_CONTROL     0x0000003a
#define MSR_IA32_VMX_BASIC           0x00000480
#define MSR_IA32_VMX_PINBASED_CTLS   0x00000481
#define MSR_IA32_VMX_PROCBASED_CTLS  0x00000482
#define MSR_IA32_VMX_PROCBASED_CTLS2 0x0000048b
#define MSR_IA32_VMX_EPT_VPID_CAP    0x0000048c

/* CPUID leaf 1, ECX: VMX is there (and its MSRs can be read). */
#define CPUID1_ECX_VMX               (1u << 5)

/*
 * The MSRs as read.  procbased_ctls2 and ept_vpid_cap do not always
 * exist (vmx_has_*() below); the reader leaves them 0 where they do not,
 * which decodes as "no EPT, no VPID".
 */
struct vmx_msrs {
    uint64_t feature_control;
    uint64_t basic;
    uint64_t pinbased_ctls;
    uint64_t procbased_ctls;
    uint64_t procbased_ctls2;
    uint64_t ept_vpid_cap;
};

/* What IA32_FEATURE_CONTROL lets us do outside SMX. */
enum vmx_firmware {
    VMX_FW_ENABLED,     /* locked with VMX on: VMXON may run */
    VMX_FW_UNLOCKED,    /* not locked: we set the enable bit and lock it */
    VMX_FW_DISABLED,    /* locked with VMX off: only a reset changes it */
};

struct vmx_caps {
    uint32_t revision;          /* VMCS revision identifier */
    uint32_t vmcs_size;         /* bytes of a VMCS region (at most 4096) */
    enum vmx_firmware firmware;
    bool vmcs_wb;               /* VMCS regions may be write-back memory */
    bool phys_32bit;            /* VMX structures must sit below 4 GiB */
    bool true_ctls;             /* IA32_VMX_TRUE_*_CTLS exist */
    bool secondary;             /* secondary processor-based controls */
    bool ept;                   /* with 4-level walks, WB and INVEPT */
    bool ept_2m, ept_1g, ept_ad;
    bool vpid;                  /* with INVVPID of a single or every context */
    bool unrestricted;          /* guests may run in real/unpaged mode */
    bool preemption_timer;
};

/*
 * Whether the next MSR exists, from those read before it (reading one
 * that does not faults): PROCBASED_CTLS2 from PROCBASED_CTLS, and
 * EPT_VPID_CAP from both (it needs EPT or VPID to be allowed).
 */
bool vmx_has_procbased_ctls2(const struct vmx_msrs *msrs);
bool vmx_has_ept_vpid_cap(const struct vmx_msrs *msrs);

/* Decode raw MSR values into caps. */
void vmx_caps_decode(const struct vmx_msrs *msrs, struct vmx_caps *caps);

/*
 * The first thing the hypervisor needs and caps lacks, in words for a
 * panic message, or NULL when everything needed is there.
 */
const char *vmx_caps_missing(const struct vmx_caps *caps);

/*
 * One line for the boot log, as "EPT, VPID, unrestricted guest,
 * preemption timer, revision 0x4": the features present, then the VMCS
 * revision.  Truncated to fit len (always terminated if len > 0).
 */
void vmx_caps_describe(const struct vmx_caps *caps, char *buf, size_t len);

#endif /* ASM_X86_HVM_VMX_VMX_CAPS_H */
