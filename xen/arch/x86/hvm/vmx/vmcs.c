/*
 * Building a vCPU's VMCS: the controls chosen at boot, what a VM exit
 * loads for the hypervisor (its own CR0/CR3/CR4, GDT, IDT, TSS, EFER,
 * PAT, the stack and entry.S's exit label), and the intercepts: every
 * CR0/CR4 bit (the guest reads its own values from the shadows; writes
 * are checked in cr.c), CR8, debug registers, all I/O, the MSRs the
 * bitmap does not pass through.  No exception is intercepted.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/processor.h>
#include <asm/boot-defs.h>
#include <asm/domain.h>
#include <asm/hvm/vmx/vmx.h>

#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define MSR_SYSENTER_CS     0x174
#define MSR_SYSENTER_ESP    0x175
#define MSR_SYSENTER_EIP    0x176
#define MSR_PAT             0x277

extern char vmx_exit_point[];

struct desc_ptr {
    uint16_t limit;
    uint64_t base;
} __packed;

/* The base of the TSS the GDT's descriptor at sel names (16 bytes). */
static uint64_t tss_base(const struct desc_ptr *gdt, uint16_t sel)
{
    const uint64_t *d = (const uint64_t *)(gdt->base + sel);

    return ((d[0] >> 16) & 0xffffff) | (((d[0] >> 56) & 0xff) << 24) |
           (d[1] << 32);
}

static void build_host_state(void)
{
    struct desc_ptr gdt, idt;
    uint16_t tr;

    asm volatile ( "sgdt %0" : "=m" (gdt) );
    asm volatile ( "sidt %0" : "=m" (idt) );
    asm volatile ( "str %0" : "=r" (tr) );
    vmwrite(VMCS_HOST_CR0, read_cr0());
    vmwrite(VMCS_HOST_CR3, read_cr3());
    vmwrite(VMCS_HOST_CR4, read_cr4());
    vmwrite(VMCS_HOST_CS_SEL, BOOT_CS64);
    vmwrite(VMCS_HOST_SS_SEL, BOOT_DS);
    vmwrite(VMCS_HOST_DS_SEL, BOOT_DS);
    vmwrite(VMCS_HOST_ES_SEL, BOOT_DS);
    vmwrite(VMCS_HOST_FS_SEL, 0);
    vmwrite(VMCS_HOST_GS_SEL, 0);
    vmwrite(VMCS_HOST_TR_SEL, tr);
    vmwrite(VMCS_HOST_FS_BASE, rdmsr(MSR_FS_BASE));
    vmwrite(VMCS_HOST_GS_BASE, rdmsr(MSR_GS_BASE));
    vmwrite(VMCS_HOST_TR_BASE, tss_base(&gdt, tr));
    vmwrite(VMCS_HOST_GDTR_BASE, gdt.base);
    vmwrite(VMCS_HOST_IDTR_BASE, idt.base);
    vmwrite(VMCS_HOST_SYSENTER_CS, rdmsr(MSR_SYSENTER_CS));
    vmwrite(VMCS_HOST_SYSENTER_ESP, rdmsr(MSR_SYSENTER_ESP));
    vmwrite(VMCS_HOST_SYSENTER_EIP, rdmsr(MSR_SYSENTER_EIP));
    vmwrite(VMCS_HOST_EFER, rdmsr(MSR_EFER));
    vmwrite(VMCS_HOST_PAT, rdmsr(MSR_PAT));
    vmwrite(VMCS_HOST_RIP, (uint64_t)vmx_exit_point);
    /* HOST_RSP: entry.S writes it right before each entry. */
}

void vmx_vmcs_build(struct vcpu *v, paddr_t msr_bitmap)
{
    const struct vmx_ctls *c = &vmx_ctls;

    vmwrite(VMCS_PIN_CTLS, c->pin);
    vmx_set_proc_ctls(v, c->proc);
    vmwrite(VMCS_PROC2_CTLS, c->proc2);
    vmwrite(VMCS_EXIT_CTLS, c->exit);
    vmwrite(VMCS_ENTRY_CTLS, c->entry);
    vmwrite(VMCS_EXCEPTION_BITMAP, 0);
    vmwrite(VMCS_MSR_BITMAP, msr_bitmap);
    vmwrite(VMCS_EPT_POINTER, vmx_eptp(v->domain));
    if ( c->vpid )
        vmwrite(VMCS_VPID, v->arch.vmx.vpid);
    vmwrite(VMCS_CR0_MASK, ~0ULL);
    vmwrite(VMCS_CR4_MASK, ~0ULL);
    vmwrite(VMCS_LINK_POINTER, ~0ULL);
    vmwrite(VMCS_TSC_OFFSET, 0);
    vmwrite(VMCS_ENTRY_INTR_INFO, 0);
    if ( c->preempt_timer )
        vmwrite(VMCS_GUEST_PREEMPT_TIMER, c->preempt_timer);
    build_host_state();
}
