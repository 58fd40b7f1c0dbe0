/*
 * Intel VMX with EPT: VMXON, the controls the CPU allows, a VMCS per
 * vCPU and the run loop.  The CPU must have EPT and unrestricted guest
 * (PVH guests start in 32-bit protected mode with paging off); VPID is
 * used where present.
 *
 * Controls follow the capability MSRs' rule: a control is 1 where the
 * allowed-0 half says it must be, and may be 1 only where the allowed-1
 * half lets it (the TRUE_* MSRs where IA32_VMX_BASIC says they exist).
 * A control we need and may not set is a panic at boot, naming it.
 *
 * The hypervisor's tick must end a guest's run even when the guest never
 * exits: external-interrupt exiting does that on hardware, but Bochs
 * 2.7 does not exit for an interrupt that arrives while the guest has
 * run with RFLAGS.IF clear since its entry (it recomputes its interrupt
 * mask only when IF changes, before it counts as in the guest).  The
 * VMX-preemption timer, set to one tick, ends such a run as well; after
 * every exit the hypervisor opens its interrupt window once, so the
 * tick is counted whatever ended the run.
 *
 * A VM entry that fails (VMfailValid with its error number, or an exit
 * whose reason has bit 31 set: invalid guest state, MSR loading) is
 * reported and crashes the domain; it never loops or hangs.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/vcpu_time.h>
#include <xen/time.h>
#include <asm/processor.h>
#include <asm/hvm.h>
#include <asm/p2m_format.h>
#include <asm/asm-offsets-svm.h>
#include <asm/domain.h>
#include <asm/hvm/vmx/vmx_caps.h>
#include <asm/hvm/vmx/vmx.h>

#define MSR_VMX_PINBASED_CTLS   0x481
#define MSR_VMX_PROCBASED_CTLS  0x482
#define MSR_VMX_EXIT_CTLS       0x483
#define MSR_VMX_ENTRY_CTLS      0x484
#define MSR_VMX_MISC            0x485
#define MSR_VMX_CR0_FIXED0      0x486
#define MSR_VMX_CR0_FIXED1      0x487
#define MSR_VMX_CR4_FIXED0      0x488
#define MSR_VMX_CR4_FIXED1      0x489
#define MSR_VMX_TRUE_OFFSET     0xc     /* 0x48d..0x490 */
#define FC_LOCKED               (1ULL << 0)
#define FC_VMXON_OUTSIDE_SMX    (1ULL << 2)
#define X86_CR4_VMXE            (1ULL << 13)
#define INVEPT_SINGLE           1
#define INVEPT_ALL              2
#define INVVPID_SINGLE          1
#define INVVPID_ALL             2
#define EPT_CAP_INVEPT_SINGLE   (1ULL << 25)
#define VPID_CAP_INVVPID_SINGLE (1ULL << 41)

BUILD_BUG_ON(offsetof(struct guest_gprs, rax) != GPR_RAX);

struct vmx_ctls vmx_ctls;
static const struct hvm_funcs vmx_funcs;
static uint32_t vmcs_revision;
static paddr_t msr_bitmap_pa;
static const struct vcpu *vmcs_current;
static uint16_t next_vpid = 1;

/*
 * One control field: want, plus what must be 1; panic if a bit of
 * need may not be 1.  msr: the control's capability MSR.
 */
static uint32_t choose_ctls(const char *what, uint32_t msr, uint32_t need,
                            uint32_t want)
{
    uint64_t cap = rdmsr(msr);
    uint32_t must = cap, may = cap >> 32;

    if ( need & ~may )
        panic("VMX: %s controls %#x are not allowed (allowed-1 %#x)",
              what, need & ~may, may);
    return ((need | want) & may) | must;
}

static void choose_controls(const struct vmx_caps *caps)
{
    uint32_t t = caps->true_ctls ? MSR_VMX_TRUE_OFFSET : 0;
    uint64_t ept_vpid = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
    struct vmx_ctls *c = &vmx_ctls;

    c->pin = choose_ctls("pin-based", MSR_VMX_PINBASED_CTLS + t,
                         PIN_EXT_INTR | PIN_NMI,
                         caps->preemption_timer ? PIN_PREEMPT_TIMER : 0);
    /* The timer counts down at the TSC's rate divided by 2^MISC[4:0]. */
    if ( c->pin & PIN_PREEMPT_TIMER )
        c->preempt_timer = max(1UL, (cpu_khz * 1000 / TICKS_PER_SECOND) >>
                                    (rdmsr(MSR_VMX_MISC) & 0x1f));
    c->proc = choose_ctls("processor-based", MSR_VMX_PROCBASED_CTLS + t,
                          PROC_TSC_OFFSET | PROC_HLT | PROC_MWAIT |
                          PROC_CR8_LOAD | PROC_CR8_STORE | PROC_MOV_DR |
                          PROC_UNCOND_IO | PROC_MSR_BITMAP | PROC_MONITOR |
                          PROC_SECONDARY, 0);
    /* No TRUE variant of the secondary controls: all may be 0. */
    c->proc2 = choose_ctls("secondary", MSR_IA32_VMX_PROCBASED_CTLS2,
                           PROC2_EPT | PROC2_UNRESTRICTED | PROC2_WBINVD,
                           caps->vpid ? PROC2_VPID : 0);
    c->exit = choose_ctls("VM-exit", MSR_VMX_EXIT_CTLS + t,
                          EXIT_HOST_64 | EXIT_SAVE_PAT | EXIT_LOAD_PAT |
                          EXIT_SAVE_EFER | EXIT_LOAD_EFER, 0);
    c->entry = choose_ctls("VM-entry", MSR_VMX_ENTRY_CTLS + t,
                           ENTRY_LOAD_PAT | ENTRY_LOAD_EFER, 0);
    c->cr0_fixed0 = rdmsr(MSR_VMX_CR0_FIXED0);
    c->cr0_fixed1 = rdmsr(MSR_VMX_CR0_FIXED1);
    c->cr4_fixed0 = rdmsr(MSR_VMX_CR4_FIXED0);
    c->cr4_fixed1 = rdmsr(MSR_VMX_CR4_FIXED1);
    c->vpid = c->proc2 & PROC2_VPID;
    c->invvpid_single = ept_vpid & VPID_CAP_INVVPID_SINGLE;
    c->invept_single = ept_vpid & EPT_CAP_INVEPT_SINGLE;
}

/* Reading a VMX MSR that does not exist faults: see vmx_caps.h. */
static void vmx_read_msrs(struct vmx_msrs *m)
{
    m->feature_control = rdmsr(MSR_IA32_FEATURE_CONTROL);
    m->basic = rdmsr(MSR_IA32_VMX_BASIC);
    m->pinbased_ctls = rdmsr(MSR_IA32_VMX_PINBASED_CTLS);
    m->procbased_ctls = rdmsr(MSR_IA32_VMX_PROCBASED_CTLS);
    m->procbased_ctls2 = 0;
    m->ept_vpid_cap = 0;
    if ( vmx_has_procbased_ctls2(m) )
        m->procbased_ctls2 = rdmsr(MSR_IA32_VMX_PROCBASED_CTLS2);
    if ( vmx_has_ept_vpid_cap(m) )
        m->ept_vpid_cap = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
}

static void vmxon(const struct vmx_caps *caps, uint64_t fc)
{
    uint32_t *region = alloc_xenheap_page();
    uint64_t pa;
    bool fail;

    if ( !region )
        panic("no memory for the VMXON region");
    if ( caps->firmware == VMX_FW_UNLOCKED )
        wrmsr(MSR_IA32_FEATURE_CONTROL,
              fc | FC_LOCKED | FC_VMXON_OUTSIDE_SMX);
    memset(region, 0, PAGE_SIZE);
    region[0] = caps->revision;
    write_cr4((read_cr4() | X86_CR4_VMXE | vmx_ctls.cr4_fixed0) &
              vmx_ctls.cr4_fixed1);
    pa = virt_to_maddr(region);
    asm volatile ( "vmxon %1" : "=@ccbe" (fail) : "m" (pa) : "memory" );
    if ( fail )
        panic("VMXON failed (CR0 %#lx, CR4 %#lx)", read_cr0(), read_cr4());
}

/* Intercept every MSR but those the VMCS or a vCPU switch carries. */
static void build_msr_bitmap(void)
{
    static const uint32_t passthrough[] = {
        0xc0000081, 0xc0000082, 0xc0000083, 0xc0000084,  /* STAR..SFMASK */
        0xc0000100, 0xc0000101, 0xc0000102,             /* FS/GS/KGS base */
        0x174, 0x175, 0x176,                             /* SYSENTER_* */
    };
    uint8_t *bm = alloc_xenheap_page();
    unsigned int i;

    if ( !bm )
        panic("no memory for the VMX MSR bitmap");
    memset(bm, 0xff, PAGE_SIZE);
    for ( i = 0; i < ARRAY_SIZE(passthrough); i++ )
    {
        uint32_t msr = passthrough[i];
        /* Read-low at 0, read-high at 1024; writes 2048 further on. */
        unsigned int base = msr >= 0xc0000000 ? 1024 : 0;

        msr &= 0x1fff;
        bm[base + msr / 8] &= ~(1u << (msr % 8));
        bm[base + 2048 + msr / 8] &= ~(1u << (msr % 8));
    }
    msr_bitmap_pa = virt_to_maddr(bm);
}

const struct hvm_funcs *vmx_init(void)
{
    struct vmx_msrs msrs;
    struct vmx_caps caps;
    const char *missing;
    char line[128];

    if ( !(cpuid_count(1, 0).c & CPUID1_ECX_VMX) )
        panic("this CPU has no Intel VMX (Bochs: cpu: model=corei7_skylake_x)");
    vmx_read_msrs(&msrs);
    vmx_caps_decode(&msrs, &caps);
    vmx_caps_describe(&caps, line, sizeof(line));
    printk("VMX: %s\n", line);
    missing = vmx_caps_missing(&caps);
    if ( missing )
        panic("this CPU's VMX cannot run our guests: %s", missing);
    choose_controls(&caps);
    vmcs_revision = caps.revision;
    vmxon(&caps, msrs.feature_control);
    build_msr_bitmap();
    p2m_use_format(&p2m_format_ept, vmx_ept_flush);
    printk("VMX: on, controls pin %#x proc %#x proc2 %#x exit %#x "
           "entry %#x, preemption timer %u\n", vmx_ctls.pin, vmx_ctls.proc,
           vmx_ctls.proc2, vmx_ctls.exit, vmx_ctls.entry,
           vmx_ctls.preempt_timer);
    return &vmx_funcs;
}

uint64_t vmx_eptp(const struct domain *d)
{
    return p2m_root_maddr(d) | EPTP_WB | EPTP_WALK_4;
}

void vmx_ept_flush(struct domain *d)
{
    struct { uint64_t eptp, rsvd; } desc = { vmx_eptp(d), 0 };
    unsigned long type = vmx_ctls.invept_single ? INVEPT_SINGLE : INVEPT_ALL;

    asm volatile ( "invept %0, %1" :: "m" (desc), "r" (type) : "memory" );
}

void vmx_flush_vcpu_tlb(const struct vcpu *v)
{
    struct { uint64_t vpid, addr; } desc = { v->arch.vmx.vpid, 0 };
    unsigned long type = vmx_ctls.invvpid_single ? INVVPID_SINGLE
                                                 : INVVPID_ALL;

    if ( vmx_ctls.vpid )
        asm volatile ( "invvpid %0, %1" :: "m" (desc), "r" (type)
                       : "memory" );
}

void vmx_load_vmcs(const struct vcpu *v)
{
    uint64_t pa = virt_to_maddr(v->arch.vmx.vmcs);

    if ( vmcs_current == v )
        return;
    asm volatile ( "vmptrld %0" :: "m" (pa) : "cc", "memory" );
    vmcs_current = v;
}

static void vmcs_clear(struct vcpu *v)
{
    uint64_t pa = virt_to_maddr(v->arch.vmx.vmcs);

    asm volatile ( "vmclear %0" :: "m" (pa) : "cc", "memory" );
    if ( vmcs_current == v )
        vmcs_current = NULL;
}

static int vmx_vcpu_create(struct vcpu *v)
{
    struct vmx_vcpu *x = &v->arch.vmx;

    memset(x, 0, sizeof(*x));
    x->vmcs = alloc_xenheap_page();
    if ( !x->vmcs )
        return -ENOMEM;
    memset(x->vmcs, 0, PAGE_SIZE);
    *(uint32_t *)x->vmcs = vmcs_revision;
    /* VPIDs are handed out in turn; one coming round again is flushed. */
    x->vpid = next_vpid;
    next_vpid = next_vpid == 0xffff ? 1 : next_vpid + 1;
    vmcs_clear(v);
    vmx_load_vmcs(v);
    vmx_vmcs_build(v, msr_bitmap_pa);
    vmx_flush_vcpu_tlb(v);
    vmx_ept_flush(v->domain);
    vmx_vcpu_set_pvh_entry(v, 0, 0);
    return 0;
}

static void vmx_vcpu_destroy(struct vcpu *v)
{
    if ( !v->arch.vmx.vmcs )
        return;
    vmcs_clear(v);
    free_xenheap_page(v->arch.vmx.vmcs);
    v->arch.vmx.vmcs = NULL;
}

/* STAR, LSTAR, CSTAR, SFMASK, KERNEL_GS_BASE: VM entry and exit leave
 * them alone, and the hypervisor never uses them. */
static const uint32_t syscall_msrs[5] = {
    0xc0000081, 0xc0000082, 0xc0000083, 0xc0000084, 0xc0000102,
};

static void syscall_msrs_switch(struct vcpu *v, bool in)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(syscall_msrs); i++ )
        if ( in )
            wrmsr(syscall_msrs[i], v->arch.vmx.syscall_msrs[i]);
        else
            v->arch.vmx.syscall_msrs[i] = rdmsr(syscall_msrs[i]);
}

static void regs_to_vmcs(const struct vcpu *v)
{
    vmwrite(VMCS_GUEST_RSP, v->arch.regs.rsp);
    vmwrite(VMCS_GUEST_RIP, v->arch.regs.rip);
    vmwrite(VMCS_GUEST_RFLAGS, v->arch.regs.rflags);
}

static void regs_from_vmcs(struct vcpu *v)
{
    v->arch.regs.rsp = vmread(VMCS_GUEST_RSP);
    v->arch.regs.rip = vmread(VMCS_GUEST_RIP);
    v->arch.regs.rflags = vmread(VMCS_GUEST_RFLAGS);
}

/* VMLAUNCH/VMRESUME refused the VMCS: say why, stop the domain. */
static void entry_failed(struct vcpu *v)
{
    printk("d%uv%u: VM entry failed: VM-instruction error %lu at rip %#lx\n",
           v->domain->domain_id, v->vcpu_id,
           (unsigned long)vmread(VMCS_INSN_ERROR),
           (unsigned long)v->arch.regs.rip);
    domain_crash(v->domain, "VM entry failed");
}

static void vmx_run_vcpu(struct vcpu *v)
{
    hvm_fpu_switch_in(v);
    syscall_msrs_switch(v, true);
    vmx_load_vmcs(v);
    vcpu_sched_in(v);               /* runstate, pvclock, periodic timer */
    for ( ;; )
    {
        if ( !hvm_finish_forwarded_io(v) )
            break;
        vmx_load_vmcs(v);           /* an exit may have read another's */
        vmx_intr_assist(v);
        regs_to_vmcs(v);
        if ( vmx_enter(&v->arch.regs, v->arch.vmx.launched) )
        {
            entry_failed(v);
            break;
        }
        v->arch.vmx.launched = true;
        regs_from_vmcs(v);
        local_irq_window();         /* the tick, whatever ended the run */
        vmx_handle_exit(v);
        if ( v->domain->state != DOMSTATE_running || v->blocked ||
             sched_should_preempt() )
            break;
    }
    vcpu_sched_out(v);
    syscall_msrs_switch(v, false);
    hvm_fpu_switch_out(v);
}

static const struct hvm_funcs vmx_funcs = {
    .name = "VMX",
    .hypercall_insn = { 0x0f, 0x01, 0xc1 },     /* vmcall */
    .vcpu_create = vmx_vcpu_create,
    .vcpu_destroy = vmx_vcpu_destroy,
    .set_pvh_entry = vmx_vcpu_set_pvh_entry,
    .run_vcpu = vmx_run_vcpu,
    .get_cpl = vmx_get_cpl,
    .get_seg = vmx_get_seg,
    .get_paging = vmx_get_paging,
    .set_efer = vmx_set_efer,
    .get_pat = vmx_get_pat,
    .set_pat = vmx_set_pat,
    .get_tsc_offset = vmx_get_tsc_offset,
    .set_tsc_offset = vmx_set_tsc_offset,
    .debug_msr = vmx_debug_msr,
    .inject_exception = vmx_inject_exception,
    .clear_intr_shadow = vmx_clear_intr_shadow,
};
