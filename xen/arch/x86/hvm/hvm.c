/*
 * What every vendor's exit handling shares: once SVM or VMX has said
 * which instruction or fault ended the guest's run (and how long the
 * instruction is), the work is the same.  The guest's general
 * registers, RIP and RFLAGS are in v->arch.regs here; the rest of its
 * CPU state is reached through hvm_funcs.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/ioreq.h>
#include <asm/hvm.h>
#include <asm/hvm/intr.h>
#include <asm/x86-defns.h>
#include <asm/domain.h>

bool hvm_guest_is_64bit(const struct vcpu *v)
{
    struct guest_paging pg;
    struct hvm_seg_state cs;

    hvm_get_paging(v, &pg);
    if ( !(pg.efer & X86_EFER_LMA) )
        return false;
    hvm_get_seg(v, HVM_SEG_CS, &cs);
    return cs.attr & SEG_ATTR_L;
}

void hvm_advance_rip(struct vcpu *v, unsigned int len)
{
    struct guest_gprs *r = &v->arch.regs;

    r->rip += len;
    if ( !hvm_guest_is_64bit(v) )
        r->rip &= 0xffffffff;
    hvm_funcs.clear_intr_shadow(v);
}

bool hvm_pat_valid(uint64_t pat)
{
    unsigned int i;

    for ( i = 0; i < 8; i++, pat >>= 8 )
        if ( (pat & 0xf8) || (pat & 7) == 2 || (pat & 7) == 3 )
            return false;
    return true;
}

void hvm_fpu_switch_in(struct vcpu *v)
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

void hvm_fpu_switch_out(struct vcpu *v)
{
    asm volatile ( "fxsave64 %0" : "=m" (v->arch.fpu) );
}

void hvm_exit_msr(struct vcpu *v, bool write, unsigned int len)
{
    struct guest_gprs *r = &v->arch.regs;
    uint32_t msr = r->rcx;
    uint64_t val;

    if ( !write )
    {
        if ( hvm_msr_read(v, msr, &val) )
            goto gp;
        r->rax = (uint32_t)val;
        r->rdx = val >> 32;
    }
    else
    {
        val = ((uint64_t)(uint32_t)r->rdx << 32) | (uint32_t)r->rax;
        if ( hvm_msr_write(v, msr, val) )
            goto gp;
    }
    hvm_advance_rip(v, len);
    return;
 gp:
    printk_ratelimited("d%u: %s of MSR %#x refused (#GP)\n",
                       v->domain->domain_id, write ? "write" : "read", msr);
    hvm_inject_exception(v, X86_EXC_GP, true, 0);
}

void hvm_exit_cpuid(struct vcpu *v, unsigned int len)
{
    struct guest_gprs *r = &v->arch.regs;
    struct cpuid_leaf l;

    /* CPUID faulting (MSR_MISC_FEATURES_ENABLES): only CPL 0 may ask. */
    if ( v->arch.cpuid_faulting && hvm_get_cpl(v) )
    {
        hvm_inject_exception(v, X86_EXC_GP, true, 0);
        return;
    }
    hvm_cpuid(v, (uint32_t)r->rax, (uint32_t)r->rcx, &l);
    r->rax = l.a;
    r->rbx = l.b;
    r->rcx = l.c;
    r->rdx = l.d;
    hvm_advance_rip(v, len);
}

bool hvm_intr_deliverable(struct vcpu *v)
{
    return hvm_intr_pending(v).source != HVM_INTSRC_NONE &&
           (v->arch.regs.rflags & X86_RFLAGS_IF);
}

void hvm_exit_hlt(struct vcpu *v, unsigned int len)
{
    /* Sleep until an interrupt (an event, a timer), unless one is due. */
    hvm_advance_rip(v, len);
    if ( !hvm_intr_deliverable(v) )
        vcpu_block(v);
}

/* An IN of size bytes writes only those bytes of RAX (EAX for 4). */
static void set_rax_bytes(struct vcpu *v, unsigned int size, uint64_t val)
{
    uint64_t mask = size == 4 ? 0xffffffffULL : (1ULL << (size * 8)) - 1;

    v->arch.regs.rax = (v->arch.regs.rax & ~mask) | (val & mask);
}

void hvm_exit_portio(struct vcpu *v, uint16_t port, unsigned int size,
                     bool in)
{
    uint32_t val = v->arch.regs.rax;

    if ( hvm_portio(v, port, size, in, &val) == HVMIO_FORWARDED )
    {
        v->arch.io.pending = true;
        v->arch.io.in = in;
        v->arch.io.size = size;
        return;
    }
    if ( in )
        set_rax_bytes(v, size, val);
}

bool hvm_finish_forwarded_io(struct vcpu *v)
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
        set_rax_bytes(v, v->arch.io.size, val);
    return true;
}

void hvm_exit_hap_fault(struct vcpu *v, uint64_t gpa, bool write)
{
    p2m_type_t t;

    p2m_get_entry(v->domain, _gfn(gpa >> PAGE_SHIFT), &t);
    if ( t == p2m_grant_map_ro && write )
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

/* The CR4 bits the guest's CPUID offers (Xen's hvm_cr4_guest_valid_bits:
 * VMXE and SMXE never, as no nested VMX or SMX is offered). */
uint64_t hvm_cr4_guest_valid_bits(const struct vcpu *v)
{
    struct cpuid_leaf l1, l7;
    uint64_t bits = X86_CR4_PCE;

    hvm_cpuid(v, 1, 0, &l1);
    hvm_cpuid(v, 7, 0, &l7);
    bits |= (l1.d & CPUID1_EDX_VME) ? X86_CR4_VME | X86_CR4_PVI : 0;
    bits |= (l1.d & CPUID1_EDX_TSC) ? X86_CR4_TSD : 0;
    bits |= (l1.d & CPUID1_EDX_DE) ? X86_CR4_DE : 0;
    bits |= (l1.d & CPUID1_EDX_PSE) ? X86_CR4_PSE : 0;
    bits |= (l1.d & CPUID1_EDX_PAE) ? X86_CR4_PAE : 0;
    bits |= (l1.d & (CPUID1_EDX_MCE | CPUID1_EDX_MCA)) ? X86_CR4_MCE : 0;
    bits |= (l1.d & CPUID1_EDX_PGE) ? X86_CR4_PGE : 0;
    bits |= (l1.d & CPUID1_EDX_FXSR) ? X86_CR4_OSFXSR : 0;
    bits |= (l1.d & CPUID1_EDX_SSE) ? X86_CR4_OSXMMEXCPT : 0;
    bits |= (l1.c & CPUID1_ECX_PCID) ? X86_CR4_PCIDE : 0;
    bits |= (l1.c & CPUID1_ECX_XSAVE) ? X86_CR4_OSXSAVE : 0;
    bits |= (l7.b & CPUID7_EBX_FSGSBASE) ? X86_CR4_FSGSBASE : 0;
    bits |= (l7.b & CPUID7_EBX_SMEP) ? X86_CR4_SMEP : 0;
    bits |= (l7.b & CPUID7_EBX_SMAP) ? X86_CR4_SMAP : 0;
    bits |= (l7.c & CPUID7_ECX_UMIP) ? X86_CR4_UMIP : 0;
    bits |= (l7.c & CPUID7_ECX_PKU) ? X86_CR4_PKE : 0;
    return bits;
}

/* The EFER bits the guest's CPUID offers (Xen's hvm_efer_valid). */
uint64_t hvm_efer_guest_valid_bits(const struct vcpu *v)
{
    struct cpuid_leaf e1;

    hvm_cpuid(v, 0x80000001, 0, &e1);
    return ((e1.d & CPUIDE1_EDX_SYSCALL) ? X86_EFER_SCE : 0) |
           ((e1.d & CPUIDE1_EDX_LM) ? X86_EFER_LME | X86_EFER_LMA : 0) |
           ((e1.d & CPUIDE1_EDX_NX) ? X86_EFER_NXE : 0) |
           ((e1.d & CPUIDE1_EDX_FFXSR) ? X86_EFER_FFXSE : 0);
}
