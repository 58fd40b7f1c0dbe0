/*
 * The guest's CPU state in the VMCS, for the vendor-neutral code above
 * (struct hvm_funcs).  Every accessor first makes the vCPU's VMCS the
 * current one: the code above may ask about a vCPU that is not running.
 *
 * Segment attributes: the VMCS's access rights hold descriptor bits
 * 8-15 in 0-7 and 20-23 in 12-15, with bit 16 "unusable"; struct
 * hvm_seg_state packs the second group in 8-11 (SVM's format).
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/x86-defns.h>
#include <asm/domain.h>
#include <asm/hvm/vmx/vmx.h>

#define MSR_DEBUGCTL            0x1d9
#define MSR_LASTBRANCH_FROM     0x1db
#define MSR_LASTINT_TO          0x1de

/* struct hvm_seg_state's attr and the VMCS's access rights. */
static uint32_t attr_to_ar(uint16_t attr)
{
    if ( !(attr & 0x80) )
        return VMX_AR_UNUSABLE;         /* not present: a null selector */
    return (attr & 0xff) | ((uint32_t)(attr & 0xf00) << 4);
}

static uint16_t ar_to_attr(uint32_t ar)
{
    if ( ar & VMX_AR_UNUSABLE )
        return 0;
    return (ar & 0xff) | ((ar >> 4) & 0xf00);
}

static void set_seg(enum vmx_seg i, uint16_t sel, uint16_t attr,
                    uint32_t limit)
{
    vmwrite(VMCS_GUEST_SEL(i), sel);
    vmwrite(VMCS_GUEST_BASE(i), 0);
    vmwrite(VMCS_GUEST_LIMIT(i), limit);
    vmwrite(VMCS_GUEST_AR(i), attr_to_ar(attr));
}

void vmx_vcpu_set_pvh_entry(struct vcpu *v, uint32_t entry, uint32_t ebx)
{
    vmx_load_vmcs(v);
    /* PVH entry: flat 32-bit code and data, a busy 32-bit TSS, paging
     * off (unrestricted guest allows it). */
    set_seg(VMX_SEG_CS, 0x08, 0xc9b, 0xffffffff);
    set_seg(VMX_SEG_DS, 0x10, 0xc93, 0xffffffff);
    set_seg(VMX_SEG_ES, 0x10, 0xc93, 0xffffffff);
    set_seg(VMX_SEG_SS, 0x10, 0xc93, 0xffffffff);
    set_seg(VMX_SEG_FS, 0, 0, 0xffff);
    set_seg(VMX_SEG_GS, 0, 0, 0xffff);
    set_seg(VMX_SEG_TR, 0x18, 0x08b, 0x67);
    set_seg(VMX_SEG_LDTR, 0, 0, 0xffff);
    vmwrite(VMCS_GUEST_GDTR_BASE, 0);
    vmwrite(VMCS_GUEST_GDTR_LIMIT, 0xffff);
    vmwrite(VMCS_GUEST_IDTR_BASE, 0);
    vmwrite(VMCS_GUEST_IDTR_LIMIT, 0xffff);
    vmwrite(VMCS_GUEST_CR3, 0);
    vmx_write_cr0(v, X86_CR0_PE | X86_CR0_ET);
    vmx_write_cr4(v, 0);
    v->arch.guest_efer = 0;
    vmx_sync_efer(v);
    vmwrite(VMCS_GUEST_DR7, 0x400);
    v->arch.vmx.dr6 = 0xffff0ff0;
    memset(v->arch.dr, 0, sizeof(v->arch.dr));
    vmwrite(VMCS_GUEST_PAT, 0x0007040600070406ULL);
    vmwrite(VMCS_GUEST_DEBUGCTL, 0);
    vmwrite(VMCS_GUEST_SYSENTER_CS, 0);
    vmwrite(VMCS_GUEST_SYSENTER_ESP, 0);
    vmwrite(VMCS_GUEST_SYSENTER_EIP, 0);
    vmwrite(VMCS_GUEST_INTERRUPTIBILITY, 0);
    vmwrite(VMCS_GUEST_ACTIVITY, 0);
    vmwrite(VMCS_GUEST_PENDING_DBG, 0);
    vmwrite(VMCS_ENTRY_INTR_INFO, 0);
    memset(v->arch.vmx.syscall_msrs, 0, sizeof(v->arch.vmx.syscall_msrs));
    memset(&v->arch.regs, 0, sizeof(v->arch.regs));
    v->arch.regs.rbx = ebx;
    v->arch.regs.rip = entry;
    v->arch.regs.rflags = 0x2;
}

unsigned int vmx_get_cpl(const struct vcpu *v)
{
    vmx_load_vmcs(v);
    return (vmread(VMCS_GUEST_AR(VMX_SEG_SS)) >> 5) & 3;
}

void vmx_get_seg(const struct vcpu *v, enum hvm_seg seg,
                 struct hvm_seg_state *s)
{
    vmx_load_vmcs(v);
    if ( seg == HVM_SEG_GDTR || seg == HVM_SEG_IDTR )
    {
        bool g = seg == HVM_SEG_GDTR;

        *s = (struct hvm_seg_state){
            .limit = vmread(g ? VMCS_GUEST_GDTR_LIMIT : VMCS_GUEST_IDTR_LIMIT),
            .base = vmread(g ? VMCS_GUEST_GDTR_BASE : VMCS_GUEST_IDTR_BASE),
        };
        return;
    }
    {
        enum vmx_seg i = seg == HVM_SEG_TR ? VMX_SEG_TR :
                         seg == HVM_SEG_LDTR ? VMX_SEG_LDTR :
                         (enum vmx_seg)seg;

        *s = (struct hvm_seg_state){
            .sel = vmread(VMCS_GUEST_SEL(i)),
            .attr = ar_to_attr(vmread(VMCS_GUEST_AR(i))),
            .limit = vmread(VMCS_GUEST_LIMIT(i)),
            .base = vmread(VMCS_GUEST_BASE(i)),
        };
    }
}

void vmx_get_paging(const struct vcpu *v, struct guest_paging *pg)
{
    vmx_load_vmcs(v);
    *pg = (struct guest_paging){
        .cr0 = v->arch.vmx.cr0, .cr3 = vmread(VMCS_GUEST_CR3),
        .cr4 = v->arch.vmx.cr4, .efer = v->arch.guest_efer,
    };
}

uint64_t vmx_get_pat(const struct vcpu *v)
{
    vmx_load_vmcs(v);
    return vmread(VMCS_GUEST_PAT);
}

void vmx_set_pat(struct vcpu *v, uint64_t pat)
{
    vmx_load_vmcs(v);
    vmwrite(VMCS_GUEST_PAT, pat);
}

int64_t vmx_get_tsc_offset(const struct vcpu *v)
{
    vmx_load_vmcs(v);
    return vmread(VMCS_TSC_OFFSET);
}

void vmx_set_tsc_offset(struct vcpu *v, int64_t offset)
{
    vmx_load_vmcs(v);
    vmwrite(VMCS_TSC_OFFSET, offset);
}

/* DEBUGCTL and the last-branch MSRs: kept in software, never loaded
 * (the VMCS's DEBUGCTL stays 0: no value can fail a VM entry). */
uint64_t *vmx_debug_msr(struct vcpu *v, uint32_t msr)
{
    if ( msr == MSR_DEBUGCTL )
        return &v->arch.vmx.debug_msrs[0];
    if ( msr >= MSR_LASTBRANCH_FROM && msr <= MSR_LASTINT_TO )
        return &v->arch.vmx.debug_msrs[1 + msr - MSR_LASTBRANCH_FROM];
    return NULL;
}

void vmx_inject_exception(struct vcpu *v, unsigned int vector,
                          bool has_error_code, uint32_t error_code)
{
    uint32_t info = vector | INTR_TYPE_HW_EXC | INTR_INFO_VALID;

    vmx_load_vmcs(v);
    if ( has_error_code )
    {
        info |= INTR_INFO_ERROR_CODE;
        vmwrite(VMCS_ENTRY_EXC_ERROR, error_code);
    }
    vmwrite(VMCS_ENTRY_INTR_INFO, info);
}

void vmx_clear_intr_shadow(struct vcpu *v)
{
    vmx_load_vmcs(v);
    vmwrite(VMCS_GUEST_INTERRUPTIBILITY,
            vmread(VMCS_GUEST_INTERRUPTIBILITY) & ~INTERRUPTIBILITY_STI_MOVSS);
}
