/*
 * VM exits, by basic exit reason (Intel SDM vol. 3, appendix C).  An
 * intercepted instruction is skipped by the length the VMCS reports
 * (VM_EXIT_INSTRUCTION_LEN), never a length assumed here.  An event
 * whose delivery the exit interrupted (IDT-vectoring information) is
 * injected again on the next entry, unless a handler injects another.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/processor.h>
#include <asm/hvm.h>
#include <asm/domain.h>
#include <asm/hvm/vmx/vmx.h>

#define INTR_TYPE_SW_INTR   (4u << 8)
#define INTR_TYPE_SW_EXC    (6u << 8)
#define INTR_TYPE_PRIV_SW   (5u << 8)

static unsigned int insn_len(void)
{
    return vmread(VMCS_EXIT_INSN_LEN);
}

/* The event the exit interrupted, delivered again at the next entry. */
static void redeliver(void)
{
    uint32_t info = vmread(VMCS_IDT_VECTORING_INFO);
    uint32_t type = info & INTR_TYPE_MASK;

    if ( !(info & INTR_INFO_VALID) )
    {
        vmwrite(VMCS_ENTRY_INTR_INFO, 0);
        return;
    }
    if ( info & INTR_INFO_ERROR_CODE )
        vmwrite(VMCS_ENTRY_EXC_ERROR, vmread(VMCS_IDT_VECTORING_ERROR));
    if ( type == INTR_TYPE_SW_INTR || type == INTR_TYPE_SW_EXC ||
         type == INTR_TYPE_PRIV_SW )
        vmwrite(VMCS_ENTRY_INSN_LEN, insn_len());
    vmwrite(VMCS_ENTRY_INTR_INFO, info & ~(1u << 12));
}

static void exit_io(struct vcpu *v, uint64_t qual)
{
    if ( qual & (IO_QUAL_STRING | IO_QUAL_REP) )
    {
        hvm_emulate_mmio(v);        /* ins/outs: through the emulator */
        return;
    }
    hvm_advance_rip(v, insn_len());
    hvm_exit_portio(v, IO_QUAL_PORT(qual), IO_QUAL_SIZE(qual),
                    qual & IO_QUAL_IN);
}

/* VMLAUNCH/VMRESUME loaded nothing: the guest state or an MSR failed
 * the checks.  Say what was there; the domain stops. */
static void failed_entry(struct vcpu *v, uint32_t reason)
{
    printk("d%uv%u: VM entry failed: exit reason %u (%s), qualification "
           "%#lx, rip %#lx cr0 %#lx cr4 %#lx efer %#lx cs ar %#lx\n",
           v->domain->domain_id, v->vcpu_id, reason & 0xffff,
           (reason & 0xffff) == EXIT_BAD_GUEST_STATE ? "invalid guest state"
           : (reason & 0xffff) == EXIT_BAD_MSR_LOAD ? "MSR loading"
           : "machine check",
           (unsigned long)vmread(VMCS_EXIT_QUAL),
           (unsigned long)v->arch.regs.rip,
           (unsigned long)vmread(VMCS_GUEST_CR0),
           (unsigned long)vmread(VMCS_GUEST_CR4),
           (unsigned long)vmread(VMCS_GUEST_EFER),
           (unsigned long)vmread(VMCS_GUEST_AR(VMX_SEG_CS)));
    domain_crash(v->domain, "invalid guest state (VM entry refused it)");
}

void vmx_handle_exit(struct vcpu *v)
{
    uint32_t reason = vmread(VMCS_EXIT_REASON);
    uint64_t qual = vmread(VMCS_EXIT_QUAL);

    if ( reason & EXIT_FAILED_ENTRY )
    {
        failed_entry(v, reason);
        return;
    }
    redeliver();
    switch ( reason & 0xffff )
    {
    case EXIT_EXT_INTR:             /* taken already (vmx_run_vcpu) */
    case EXIT_PREEMPT_TIMER:
    case EXIT_EXC_NMI:
    case EXIT_INIT:
    case EXIT_SIPI:
    case EXIT_IO_SMI:
    case EXIT_OTHER_SMI:
    case EXIT_INTR_WINDOW:          /* the guest can take it now */
        break;
    case EXIT_CPUID:
        hvm_exit_cpuid(v, insn_len());
        break;
    case EXIT_RDMSR:
    case EXIT_WRMSR:
        hvm_exit_msr(v, (reason & 0xffff) == EXIT_WRMSR, insn_len());
        break;
    case EXIT_IO:
        exit_io(v, qual);
        break;
    case EXIT_HLT:
        hvm_exit_hlt(v, insn_len());
        break;
    case EXIT_INVD:
    case EXIT_WBINVD:
        hvm_advance_rip(v, insn_len());
        break;
    case EXIT_VMCALL:
        hvm_hypercall(v, insn_len());
        break;
    case EXIT_EPT_VIOLATION:
        hvm_exit_hap_fault(v, vmread(VMCS_GUEST_PHYS_ADDR),
                           qual & EPT_QUAL_WRITE);
        break;
    case EXIT_EPT_MISCONFIG:
        printk("d%u: EPT misconfiguration at gpa %#lx\n",
               v->domain->domain_id,
               (unsigned long)vmread(VMCS_GUEST_PHYS_ADDR));
        domain_crash(v->domain, "EPT misconfiguration");
        break;
    case EXIT_CR_ACCESS:
        vmx_exit_cr_access(v, qual, insn_len());
        break;
    case EXIT_MOV_DR:
        vmx_exit_dr_access(v, qual, insn_len());
        break;
    case EXIT_TRIPLE_FAULT:
        domain_crash(v->domain, "triple fault");
        break;
    case EXIT_TASK_SWITCH:
        domain_crash(v->domain, "hardware task switch");
        break;
    case EXIT_GETSEC: case EXIT_RSM: case EXIT_VMCLEAR: case EXIT_VMLAUNCH:
    case EXIT_VMPTRLD: case EXIT_VMPTRST: case EXIT_VMREAD:
    case EXIT_VMRESUME: case EXIT_VMWRITE: case EXIT_VMXOFF:
    case EXIT_VMXON: case EXIT_INVEPT: case EXIT_INVVPID: case EXIT_VMFUNC:
    case EXIT_MWAIT: case EXIT_MONITOR: case EXIT_XSETBV:
        hvm_inject_exception(v, X86_EXC_UD, false, 0);
        break;
    default:
        printk("d%u: unhandled exit reason %u (qualification %#lx) at "
               "rip %#lx\n", v->domain->domain_id, reason & 0xffff,
               (unsigned long)qual, (unsigned long)v->arch.regs.rip);
        domain_crash(v->domain, "unhandled exit");
        break;
    }
}
