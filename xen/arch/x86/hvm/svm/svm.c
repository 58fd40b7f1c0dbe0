/*
 * AMD SVM with nested paging: CPU setup, VMCB construction and the
 * run loop with its exit dispatch.
 *
 * An intercepted instruction's length comes from NRIP-save where the CPU
 * has it, else from its bytes (svm/insn.c): QEMU's software SVM has
 * neither NRIP-save nor decode assists.  It has no flush-by-ASID either:
 * each VMRUN flushes the whole guest TLB.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/ioreq.h>
#include <xen/vcpu_time.h>
#include <asm/processor.h>
#include <asm/hvm.h>
#include <asm/hvm/svm/vmcb.h>
#include <asm/hvm/svm/cpu_state.h>
#include <asm/asm-offsets-svm.h>
#include <asm/domain.h>

#define MSR_VM_HSAVE_PA 0xc0010117
#define CPUID_SVM_BIT   (1u << 2)     /* 0x80000001 ECX */
#define CPUID_NPT_BIT   (1u << 0)     /* 0x8000000A EDX */

BUILD_BUG_ON(offsetof(struct guest_gprs, rsi) != GPR_RSI);
BUILD_BUG_ON(offsetof(struct guest_gprs, r15) != GPR_R15);
BUILD_BUG_ON(offsetof(struct guest_gprs, rax) != GPR_RAX);

void svm_vmrun(paddr_t vmcb, struct guest_gprs *regs, paddr_t host_state);

static const struct hvm_funcs svm_funcs;
struct svm_assists svm_assists;
static void *host_state;       /* VMSAVE image of the hypervisor's hidden state */
static paddr_t iopm_pa, msrpm_pa;

/* MSRs that VMLOAD/VMSAVE switch: the guest may touch them directly. */
static const uint32_t passthrough_msrs[] = {
    0xc0000081, 0xc0000082, 0xc0000083, 0xc0000084,  /* STAR..SFMASK */
    0xc0000100, 0xc0000101, 0xc0000102,             /* FS/GS/KERNEL_GS base */
    0x174, 0x175, 0x176,                             /* SYSENTER_* */
};

static void msrpm_allow(uint8_t *msrpm, uint32_t msr)
{
    unsigned int base;

    if ( msr < 0x2000 )
        base = 0;
    else if ( msr >= 0xc0000000 && msr < 0xc0002000 )
        base = 0x800 * 8, msr -= 0xc0000000;
    else
        return;
    /* Two bits per MSR: read intercept, then write intercept. */
    msrpm[(base + msr * 2) / 8] &= ~(3u << ((msr * 2) % 8));
}

const struct hvm_funcs *svm_init(void)
{
    struct cpuid_leaf ext = cpuid_count(0x80000001, 0);
    struct cpuid_leaf svm = cpuid_count(0x8000000a, 0);
    uint8_t *msrpm;
    void *hsave, *iopm;
    unsigned int i;

    if ( !(ext.c & CPUID_SVM_BIT) )
        panic("this CPU has no AMD SVM (QEMU: -cpu qemu64,+svm,+npt)");
    if ( !(svm.d & CPUID_NPT_BIT) )
        panic("this CPU's SVM has no nested paging (QEMU: +npt)");

    svm_assists = svm_assists_from_cpuid(svm.d);
    if ( opt_svm_simulate_assists )
        svm_assists.nrip_save = svm_assists.decode = true;
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
    hsave = alloc_xenheap_page();
    host_state = alloc_xenheap_page();
    iopm = alloc_xenheap_pages(2);          /* 12 KiB used */
    msrpm = alloc_xenheap_pages(1);         /* 8 KiB */
    if ( !hsave || !host_state || !iopm || !msrpm )
        panic("no memory for SVM state");
    wrmsr(MSR_VM_HSAVE_PA, virt_to_maddr(hsave));

    /* Intercept every port and every MSR but the switched ones. */
    memset(iopm, 0xff, 4 * PAGE_SIZE);
    memset(msrpm, 0xff, 2 * PAGE_SIZE);
    for ( i = 0; i < ARRAY_SIZE(passthrough_msrs); i++ )
        msrpm_allow(msrpm, passthrough_msrs[i]);
    /* The hypervisor's hidden state, reloaded after every guest run. */
    asm volatile ( "vmsave %%rax" :: "a" (virt_to_maddr(host_state))
                   : "memory" );
    iopm_pa = virt_to_maddr(iopm);
    msrpm_pa = virt_to_maddr(msrpm);
    printk("SVM: nested paging, revision %u, %u ASIDs, %sNRIP-save, "
           "%sdecode assists%s\n", svm.a & 0xff, svm.b,
           svm_assists.nrip_save ? "" : "no ", svm_assists.decode ? "" : "no ",
           opt_svm_simulate_assists ? " (simulated: svm-simulate-assists)"
                                    : "");
    return &svm_funcs;
}

static int svm_vcpu_create(struct vcpu *v)
{
    struct vmcb *vmcb = alloc_xenheap_page();

    if ( !vmcb )
        return -ENOMEM;
    v->arch.vmcb = vmcb;
    vmcb->general1_intercepts = GENERAL1_INTR | GENERAL1_NMI | GENERAL1_SMI |
        GENERAL1_INIT | GENERAL1_CPUID | GENERAL1_INVD | GENERAL1_HLT |
        GENERAL1_IOIO | GENERAL1_MSR | GENERAL1_TASK_SWITCH |
        GENERAL1_SHUTDOWN;
    vmcb->general2_intercepts = GENERAL2_VMRUN | GENERAL2_VMMCALL |
        GENERAL2_VMLOAD | GENERAL2_VMSAVE | GENERAL2_STGI | GENERAL2_CLGI |
        GENERAL2_SKINIT | GENERAL2_ICEBP | GENERAL2_MONITOR |
        GENERAL2_MWAIT | GENERAL2_XSETBV;
    vmcb->iopm_base_pa = iopm_pa;
    vmcb->msrpm_base_pa = msrpm_pa;
    vmcb->guest_asid = 1;
    vmcb->tlb_control = TLB_CTRL_FLUSH_ALL;
    vmcb->vintr = VINTR_MASKING;    /* physical interrupts stay ours */
    vmcb->np_enable = 1;
    vmcb->n_cr3 = p2m_root_maddr(v->domain);
    svm_cr_init(v);                 /* CR0/CR4 writes are checked */
    svm_vcpu_set_pvh_entry(v, 0, 0);
    return 0;
}

static void svm_vcpu_destroy(struct vcpu *v)
{
    if ( v->arch.vmcb )
        free_xenheap_page(v->arch.vmcb);
    v->arch.vmcb = NULL;
}

static void exit_ioio(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    uint32_t info = vmcb->exitinfo1;

    if ( info & (IOIO_STRING | IOIO_REP) )
    {
        hvm_emulate_mmio(v);        /* ins/outs: through the emulator */
        return;
    }
    v->arch.regs.rip = vmcb->exitinfo2; /* SVM always reports the next RIP */
    /* SZ8/SZ16/SZ32 are one-hot bits 4-6: read as a number, the size in
     * bytes. */
    hvm_exit_portio(v, info >> IOIO_PORT_SHIFT, (info >> IOIO_SIZE_SHIFT) & 7,
                    info & IOIO_TYPE_IN);
}

/* An intercepted instruction without operands: run it if it is there. */
static void exit_simple(struct vcpu *v, enum svm_insn_id id)
{
    unsigned int len = svm_insn_len(v, id);

    if ( !len )
        return;                     /* the guest has #GP */
    switch ( id )
    {
    case SVM_INSN_CPUID:
        hvm_exit_cpuid(v, len);
        break;
    case SVM_INSN_RDMSR:
    case SVM_INSN_WRMSR:
        hvm_exit_msr(v, id == SVM_INSN_WRMSR, len);
        break;
    case SVM_INSN_HLT:
        hvm_exit_hlt(v, len);
        break;
    case SVM_INSN_INVD:
        hvm_advance_rip(v, len);
        break;
    case SVM_INSN_VMMCALL:
        hvm_hypercall(v, len);
        break;
    }
}

static void handle_exit(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;

    if ( opt_svm_simulate_assists )
        svm_simulate_assists(v);

    switch ( vmcb->exitcode )
    {
    case VMEXIT_INTR:
        local_irq_window();         /* take the interrupt here */
        break;
    case VMEXIT_NMI:
    case VMEXIT_SMI:
    case VMEXIT_INIT:
        break;
    case VMEXIT_CPUID:
        exit_simple(v, SVM_INSN_CPUID);
        break;
    case VMEXIT_MSR:
        exit_simple(v, vmcb->exitinfo1 ? SVM_INSN_WRMSR : SVM_INSN_RDMSR);
        break;
    case VMEXIT_IOIO:
        exit_ioio(v);
        break;
    case VMEXIT_HLT:
        exit_simple(v, SVM_INSN_HLT);
        break;
    case VMEXIT_VINTR:
        break;                      /* the guest can take the upcall now */
    case VMEXIT_INVD:
        exit_simple(v, SVM_INSN_INVD);
        break;
    case VMEXIT_VMMCALL:
        exit_simple(v, SVM_INSN_VMMCALL);
        break;
    case VMEXIT_NPF:
        hvm_exit_hap_fault(v, vmcb->exitinfo2, vmcb->exitinfo1 & 2);
        break;
    case VMEXIT_SHUTDOWN:
        domain_crash(v->domain, "triple fault");
        break;
    case VMEXIT_TASK_SWITCH:
        domain_crash(v->domain, "hardware task switch");
        break;
    case VMEXIT_VMRUN: case VMEXIT_VMLOAD: case VMEXIT_VMSAVE:
    case VMEXIT_STGI: case VMEXIT_CLGI: case VMEXIT_SKINIT:
    case VMEXIT_ICEBP: case VMEXIT_MONITOR: case VMEXIT_MWAIT:
    case VMEXIT_XSETBV:
        hvm_inject_exception(v, X86_EXC_UD, false, 0);
        break;
    case VMEXIT_CR0_WRITE:
    case VMEXIT_CR4_WRITE:
        svm_exit_cr_write(v);
        break;
    case VMEXIT_DR0_READ ... VMEXIT_DR7_WRITE:
        svm_exit_dr_access(v);
        break;
    case VMEXIT_INVALID:
    case VMEXIT_INVALID32:
        svm_exit_invalid(v);
        break;
    default:
        printk("d%u: unhandled exit %#lx (info %#lx %#lx) at rip %#lx\n",
               v->domain->domain_id, vmcb->exitcode, vmcb->exitinfo1,
               vmcb->exitinfo2, v->arch.regs.rip);
        domain_crash(v->domain, "unhandled exit");
        break;
    }
}

/*
 * Decode assists save up to 15 bytes at RIP with a nested page fault
 * (VMCB 0xd0: count in bits 3:0, then the bytes).  They stay valid while
 * the vCPU waits for a device model: it does not run in between.
 */
static unsigned int svm_saved_insn_bytes(const struct vcpu *v, uint8_t *buf)
{
    const struct vmcb *vmcb = v->arch.vmcb;
    unsigned int n = min(vmcb->guest_ins_len & 0xfu, INSN_MAX_LEN);

    if ( !svm_assists.decode || vmcb->exitcode != VMEXIT_NPF )
        return 0;
    memcpy(buf, vmcb->guest_ins, n);
    return n;
}

static void svm_run_vcpu(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    paddr_t vmcb_pa = virt_to_maddr(vmcb), host_pa = virt_to_maddr(host_state);

    hvm_fpu_switch_in(v);
    svm_dr_switch_in(v);
    vcpu_sched_in(v);               /* runstate, pvclock, periodic timer */
    for ( ;; )
    {
        if ( !hvm_finish_forwarded_io(v) )
            break;
        svm_intr_assist(v);
        svm_regs_to_vmcb(v);
        svm_vmrun(vmcb_pa, &v->arch.regs, host_pa);
        svm_regs_from_vmcb(v);
        svm_sync_tpr(v);
        /* An event whose delivery the exit interrupted is delivered again. */
        vmcb->eventinj = (vmcb->exitintinfo & EVENTINJ_VALID) ?
                         vmcb->exitintinfo : 0;
        handle_exit(v);
        if ( v->domain->state != DOMSTATE_running || v->blocked ||
             sched_should_preempt() )
            break;
    }
    vcpu_sched_out(v);
    svm_dr_switch_out(v);
    hvm_fpu_switch_out(v);
}

static const struct hvm_funcs svm_funcs = {
    .name = "SVM",
    .hypercall_insn = { 0x0f, 0x01, 0xd9 },     /* vmmcall */
    .vcpu_create = svm_vcpu_create,
    .vcpu_destroy = svm_vcpu_destroy,
    .set_pvh_entry = svm_vcpu_set_pvh_entry,
    .run_vcpu = svm_run_vcpu,
    .get_cpl = svm_get_cpl,
    .get_seg = svm_get_seg,
    .get_paging = svm_get_paging,
    .set_efer = svm_set_efer,
    .get_pat = svm_get_pat,
    .set_pat = svm_set_pat,
    .get_tsc_offset = svm_get_tsc_offset,
    .set_tsc_offset = svm_set_tsc_offset,
    .debug_msr = svm_debug_msr,
    .inject_exception = svm_inject_exception,
    .clear_intr_shadow = svm_clear_intr_shadow,
    .saved_insn_bytes = svm_saved_insn_bytes,
};
