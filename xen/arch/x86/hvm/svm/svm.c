/*
 * AMD SVM with nested paging: CPU setup, VMCB construction and the
 * run loop with its exit dispatch.
 *
 * QEMU's software SVM has no NRIP-save and no decode assists, so every
 * handler advances RIP itself by the intercepted instruction's length.
 * It has no flush-by-ASID either: each VMRUN flushes the whole guest TLB.
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

void svm_vmrun(paddr_t vmcb, struct guest_gprs *regs, paddr_t host_state);

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

void svm_init(void)
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
    printk("SVM: nested paging, revision %u, %u ASIDs\n", svm.a & 0xff, svm.b);
}

static void set_seg(struct vmcb_seg *s, uint16_t sel, uint16_t attr,
                    uint32_t limit)
{
    *s = (struct vmcb_seg){ .sel = sel, .attr = attr, .limit = limit };
}

void svm_vcpu_set_pvh_entry(struct vcpu *v, uint32_t entry, uint32_t ebx)
{
    struct vmcb *vmcb = v->arch.vmcb;

    /* PVH entry: flat 32-bit code and data, a busy 32-bit TSS, paging off. */
    set_seg(&vmcb->cs, 0x08, 0xc9b, 0xffffffff);
    set_seg(&vmcb->ds, 0x10, 0xc93, 0xffffffff);
    vmcb->es = vmcb->ss = vmcb->ds;
    set_seg(&vmcb->fs, 0, 0, 0xffff);
    vmcb->gs = vmcb->fs;
    set_seg(&vmcb->tr, 0x18, 0x08b, 0x67);
    set_seg(&vmcb->ldtr, 0, 0x082, 0xffff);
    set_seg(&vmcb->gdtr, 0, 0, 0xffff);
    set_seg(&vmcb->idtr, 0, 0, 0xffff);
    vmcb->cpl = 0;
    vmcb->cr0 = CR0_PE | CR0_ET;
    vmcb->cr3 = 0;
    vmcb->cr4 = 0;
    v->arch.guest_efer = 0;
    vmcb->efer = EFER_SVME;     /* VMRUN requires it; hidden from the guest */
    vmcb->rflags = 0x2;
    vmcb->rip = entry;
    vmcb->rsp = 0;
    vmcb->rax = 0;
    vmcb->dr6 = 0xffff0ff0;
    vmcb->dr7 = 0x400;
    svm_dr_init(v);                 /* DR0-3: 0, loaded on first use */
    vmcb->g_pat = 0x0007040600070406ULL;
    memset(&v->arch.regs, 0, sizeof(v->arch.regs));
    v->arch.regs.rbx = ebx;
}

int svm_vcpu_create(struct vcpu *v)
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

void svm_vcpu_destroy(struct vcpu *v)
{
    if ( v->arch.vmcb )
        free_xenheap_page(v->arch.vmcb);
    v->arch.vmcb = NULL;
}

bool hvm_guest_is_64bit(const struct vcpu *v)
{
    const struct vmcb *vmcb = v->arch.vmcb;

    return (vmcb->efer & EFER_LMA) && (vmcb->cs.attr & (1u << 9));
}

void hvm_inject_exception(struct vcpu *v, unsigned int vector,
                          bool has_error_code, uint32_t error_code)
{
    uint64_t ev = vector | EVENTINJ_TYPE_EXCEPTION | EVENTINJ_VALID;

    if ( has_error_code )
        ev |= EVENTINJ_EV | ((uint64_t)error_code << 32);
    v->arch.vmcb->eventinj = ev;
}

void hvm_advance_rip(struct vcpu *v, unsigned int len)
{
    struct vmcb *vmcb = v->arch.vmcb;

    vmcb->rip += len;
    if ( !hvm_guest_is_64bit(v) )
        vmcb->rip &= 0xffffffff;
    vmcb->interrupt_shadow = 0;
}

static void fpu_switch_in(struct vcpu *v)
{
    if ( v->arch.fpu_initialised )
        asm volatile ( "fxrstor64 %0" :: "m" (v->arch.fpu) );
    else
    {
        uint32_t mxcsr = 0x1f80;

        asm volatile ( "fninit; ldmxcsr %0" :: "m" (mxcsr) );
        v->arch.fpu_initialised = true;
    }
}

static void fpu_switch_out(struct vcpu *v)
{
    asm volatile ( "fxsave64 %0" : "=m" (v->arch.fpu) );
}

static void exit_msr(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    uint32_t msr = v->arch.regs.rcx;
    uint64_t val;

    if ( vmcb->exitinfo1 == 0 )
    {
        if ( hvm_msr_read(v, msr, &val) )
            goto gp;
        vmcb->rax = (uint32_t)val;
        v->arch.regs.rdx = val >> 32;
    }
    else
    {
        val = ((uint64_t)(uint32_t)v->arch.regs.rdx << 32) |
              (uint32_t)vmcb->rax;
        if ( hvm_msr_write(v, msr, val) )
            goto gp;
    }
    hvm_advance_rip(v, 2);
    return;
 gp:
    printk_ratelimited("d%u: %s of MSR %#x refused (#GP)\n",
                       v->domain->domain_id,
                       vmcb->exitinfo1 ? "write" : "read", msr);
    hvm_inject_exception(v, X86_EXC_GP, true, 0);
}

static void exit_cpuid(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    struct cpuid_leaf r;

    /* CPUID faulting (MSR_MISC_FEATURES_ENABLES): only CPL 0 may ask. */
    if ( v->arch.cpuid_faulting && vmcb->cpl )
    {
        hvm_inject_exception(v, X86_EXC_GP, true, 0);
        return;
    }
    hvm_cpuid(v, (uint32_t)vmcb->rax, (uint32_t)v->arch.regs.rcx, &r);
    vmcb->rax = r.a;
    v->arch.regs.rbx = r.b;
    v->arch.regs.rcx = r.c;
    v->arch.regs.rdx = r.d;
    hvm_advance_rip(v, 2);
}

/* An IN of size bytes writes only those bytes of RAX (EAX for 4). */
static void set_rax_bytes(struct vmcb *vmcb, unsigned int size, uint64_t val)
{
    uint64_t mask = size == 4 ? 0xffffffffULL : (1ULL << (size * 8)) - 1;

    vmcb->rax = (vmcb->rax & ~mask) | (val & mask);
}

static void exit_ioio(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    uint32_t info = vmcb->exitinfo1;
    /* SZ8/SZ16/SZ32 are one-hot bits 4-6: read as a number, the size in bytes. */
    unsigned int size = (info >> IOIO_SIZE_SHIFT) & 7;
    uint32_t val = vmcb->rax;

    if ( info & (IOIO_STRING | IOIO_REP) )
    {
        hvm_emulate_mmio(v);        /* ins/outs: through the emulator */
        return;
    }
    vmcb->rip = vmcb->exitinfo2;    /* SVM always reports the next RIP here */
    if ( hvm_portio(v, info >> IOIO_PORT_SHIFT, size, info & IOIO_TYPE_IN,
                    &val) == HVMIO_FORWARDED )
    {
        v->arch.io.pending = true;
        v->arch.io.in = info & IOIO_TYPE_IN;
        v->arch.io.size = size;
        return;
    }
    if ( info & IOIO_TYPE_IN )
        set_rax_bytes(vmcb, size, val);
}

/*
 * Before running v again: finish a forwarded port access whose answer
 * is in; false (v blocked again) while the emulator still works on it.
 */
static bool finish_forwarded_io(struct vcpu *v)
{
    uint64_t val;

    if ( hvm_mmio_waiting(v) )
    {
        if ( !hvm_mmio_answer(v) )
        {
            vcpu_block(v);
            return false;
        }
        /* Run the instruction again, answered; it may forward more. */
        return hvm_emulate_mmio(v) == HVMIO_DONE &&
               v->domain->state == DOMSTATE_running;
    }
    if ( !v->arch.io.pending )
        return true;
    if ( !ioreq_answer(v, &val) )
    {
        vcpu_block(v);
        return false;
    }
    v->arch.io.pending = false;
    if ( v->arch.io.in )
        set_rax_bytes(v->arch.vmcb, v->arch.io.size, val);
    return true;
}

static void exit_npf(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    uint64_t gpa = vmcb->exitinfo2;
    p2m_type_t t;

    p2m_get_entry(v->domain, _gfn(gpa >> PAGE_SHIFT), &t);
    if ( t == p2m_grant_map_ro && (vmcb->exitinfo1 & 2) )
    {
        domain_crash(v->domain, "write to a read-only grant mapping");
        return;
    }
    if ( t != p2m_invalid )
    {
        /*
         * Mapped since: run again.  A fault that keeps coming back at a
         * mapped gpa would be a hypervisor bug; stop the domain rather
         * than spin on it.
         */
        if ( gpa == v->arch.npf_last_gpa && ++v->arch.npf_repeats > 16 )
            domain_crash(v->domain, "repeated nested page fault");
        if ( gpa != v->arch.npf_last_gpa )
            v->arch.npf_repeats = 0;
        v->arch.npf_last_gpa = gpa;
        return;
    }
    /* A hole: MMIO, emulated (a device model may claim it, else all
     * ones / dropped); a forwarded access leaves v waiting. */
    hvm_emulate_mmio(v);
}

static void handle_exit(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;

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
        exit_cpuid(v);
        break;
    case VMEXIT_MSR:
        exit_msr(v);
        break;
    case VMEXIT_IOIO:
        exit_ioio(v);
        break;
    case VMEXIT_HLT:
        /* Sleep until an interrupt (an event, a timer), unless one is due. */
        hvm_advance_rip(v, 1);
        if ( !svm_intr_deliverable(v) )
            vcpu_block(v);
        break;
    case VMEXIT_VINTR:
        break;                      /* the guest can take the upcall now */
    case VMEXIT_INVD:
        hvm_advance_rip(v, 2);
        break;
    case VMEXIT_VMMCALL:
        hvm_hypercall(v);
        break;
    case VMEXIT_NPF:
        exit_npf(v);
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
               vmcb->exitinfo2, vmcb->rip);
        domain_crash(v->domain, "unhandled exit");
        break;
    }
}

void svm_run_vcpu(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    paddr_t vmcb_pa = virt_to_maddr(vmcb), host_pa = virt_to_maddr(host_state);

    fpu_switch_in(v);
    svm_dr_switch_in(v);
    vcpu_sched_in(v);               /* runstate, pvclock, periodic timer */
    for ( ;; )
    {
        if ( !finish_forwarded_io(v) )
            break;
        svm_intr_assist(v);
        svm_vmrun(vmcb_pa, &v->arch.regs, host_pa);
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
    fpu_switch_out(v);
}
