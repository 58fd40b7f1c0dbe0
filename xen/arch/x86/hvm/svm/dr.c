/*
 * Guest debug registers.  VMRUN and #VMEXIT switch DR6 and DR7 (they are
 * in the VMCB; #VMEXIT leaves the host's DR7 with every breakpoint off),
 * but not DR0-DR3: without help one guest would read another's
 * breakpoint addresses, and a breakpoint would fire at them.
 *
 * DR0-3 are switched lazily, as Xen does: while a vCPU's are not in the
 * CPU every MOV from or to a debug register is intercepted, and the
 * first one loads them; reads then run natively.  When the vCPU leaves
 * the CPU they are saved and the intercepts come back.  A vCPU whose DR7
 * enables a breakpoint gets its DR0-3 at once when it is switched in:
 * the breakpoint must work without the guest touching a debug register.
 *
 * Unlike Xen, writes stay intercepted and are emulated here: DR0-3 go to
 * the CPU from the hypervisor, DR6 and DR7 to the VMCB.  QEMU turns a
 * breakpoint enabled by the guest's own MOV to DR7 (or to DR0-3 while
 * DR7 enables it) into a watchpoint that outlives the guest's run (its
 * VMRUN and #VMEXIT load DR7 without updating them): another guest, or
 * the hypervisor, then hits it, and QEMU soon crashes.  Written this way
 * a breakpoint works on hardware (VMRUN loads DR7) and, under QEMU,
 * simply never fires.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/x86-defns.h>
#include <asm/hvm/svm/vmcb.h>
#include <asm/hvm/svm/cpu_state.h>

#define DR_INTERCEPT_WRITES 0x00ff0000u
#define DR6_ONES        0xffff0ff0ULL   /* bits that read as 1 */
#define DR6_ZEROS       (1ULL << 12)    /* ... and as 0 */
#define DR7_ONES        0x400ULL
#define DR7_ZEROS       ((1ULL << 11) | (1ULL << 12) | (3ULL << 14))
#define DR7_GD          (1ULL << 13)
#define DR6_BD          (1ULL << 13)
#define X86_EXC_DB      1

#define DR_ACCESSORS(n)                                                  \
static uint64_t read_dr##n(void)                                         \
{                                                                        \
    uint64_t v;                                                          \
    asm volatile ( "mov %%dr" #n ", %0" : "=r" (v) );                    \
    return v;                                                            \
}                                                                        \
static void write_dr##n(uint64_t v)                                      \
{                                                                        \
    asm volatile ( "mov %0, %%dr" #n :: "r" (v) );                       \
}
DR_ACCESSORS(0)
DR_ACCESSORS(1)
DR_ACCESSORS(2)
DR_ACCESSORS(3)

/* The hypervisor's DR7 has no breakpoint enabled: these are plain
 * register writes, for the CPU and for QEMU alike. */
static void write_addr_dr(unsigned int n, uint64_t val)
{
    switch ( n )
    {
    case 0: write_dr0(val); break;
    case 1: write_dr1(val); break;
    case 2: write_dr2(val); break;
    default: write_dr3(val); break;
    }
}

static void dr_load(struct vcpu *v)
{
    unsigned int n;

    for ( n = 0; n < 4; n++ )
        write_addr_dr(n, v->arch.dr[n]);
    v->arch.dr_loaded = true;
    v->arch.vmcb->dr_intercepts = DR_INTERCEPT_WRITES;
}

void svm_dr_init(struct vcpu *v)
{
    memset(v->arch.dr, 0, sizeof(v->arch.dr));
    v->arch.dr_loaded = false;
    v->arch.vmcb->dr_intercepts = DR_INTERCEPT_ALL;
}

/* MOV to DRn: 0, or the exception the CPU would raise. */
static int dr_write(struct vcpu *v, unsigned int n, uint64_t val)
{
    struct vmcb *vmcb = v->arch.vmcb;

    if ( n >= 8 || ((n == 4 || n == 5) && (vmcb->cr4 & X86_CR4_DE)) )
        return X86_EXC_UD;
    if ( vmcb->cpl )
        return X86_EXC_GP;
    if ( vmcb->dr7 & DR7_GD )
    {
        /* General detect: #DB before the access, GD cleared for the
         * handler, DR6 says why. */
        vmcb->dr7 &= ~DR7_GD;
        vmcb->dr6 |= DR6_BD;
        return X86_EXC_DB;
    }
    if ( n >= 4 && (val >> 32) )
        return X86_EXC_GP;
    if ( n < 4 )
        write_addr_dr(n, val);
    else if ( n == 4 || n == 6 )
        vmcb->dr6 = (val | DR6_ONES) & ~DR6_ZEROS;
    else
        vmcb->dr7 = (val | DR7_ONES) & ~DR7_ZEROS;
    return 0;
}

void svm_exit_dr_access(struct vcpu *v)
{
    struct vmcb *vmcb = v->arch.vmcb;
    struct svm_insn insn;
    int exc;

    if ( !v->arch.dr_loaded )
        dr_load(v);
    /* A read runs again, now natively: RIP stays on the MOV. */
    if ( vmcb->exitcode < VMEXIT_DR0_READ + 16 )
        return;
    if ( svm_insn_decode(v, &insn) || insn.op != INSN_MOV_TO_DR )
    {
        printk("d%u: DR write at rip %#lx not decoded\n",
               v->domain->domain_id, v->arch.regs.rip);
        domain_crash(v->domain, "undecodable debug register write");
        return;
    }
    exc = dr_write(v, insn.reg, insn.src);
    if ( exc )
        hvm_inject_exception(v, exc, exc == X86_EXC_GP, 0);
    else
        hvm_advance_rip(v, insn.len);
}

void svm_dr_switch_in(struct vcpu *v)
{
    if ( v->arch.vmcb->dr7 & X86_DR7_ENABLES )
        dr_load(v);
}

void svm_dr_switch_out(struct vcpu *v)
{
    if ( !v->arch.dr_loaded )
        return;
    v->arch.dr[0] = read_dr0();
    v->arch.dr[1] = read_dr1();
    v->arch.dr[2] = read_dr2();
    v->arch.dr[3] = read_dr3();
    v->arch.dr_loaded = false;
    v->arch.vmcb->dr_intercepts = DR_INTERCEPT_ALL;
}
