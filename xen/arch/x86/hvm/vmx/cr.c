/*
 * Control and debug registers under VMX.  Every CR0 and CR4 bit is
 * owned by the hypervisor (guest/host masks all ones): the guest reads
 * what it wrote from the read shadows, and each write that changes a
 * bit exits here, where it is checked as the CPU and Xen check it (as
 * svm/cr.c does): a value the CPU would refuse is #GP(0); otherwise the
 * shadow gets the guest's value and the VMCS the value VMX requires
 * (CR0.NE and CR4.VMXE set; with unrestricted guest PE and PG may be
 * clear).  Turning paging on with EFER.LME enters long mode here (LMA
 * and the "IA-32e mode guest" entry control); PAE paging outside long
 * mode gets its PDPTEs loaded into the VMCS, as MOV to CR0 would.
 * CR8 reads and writes go to the local APIC's TPR.
 *
 * Debug registers: every MOV to or from DRn exits and is emulated on
 * software copies (DR7 in the VMCS); DR0-3 never reach the CPU, so a
 * guest's breakpoints do not fire (as under QEMU's SVM).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/x86-defns.h>
#include <asm/domain.h>
#include <asm/hvm/vlapic.h>
#include <asm/hvm/vmx/vmx.h>

#define AR_L            (1u << 13)
#define AR_DB           (1u << 14)
#define DR6_ONES        0xffff0ff0ULL
#define DR6_ZEROS       (1ULL << 12)
#define DR7_ONES        0x400ULL
#define DR7_ZEROS       ((1ULL << 11) | (1ULL << 12) | (3ULL << 14))
#define DR7_GD          (1ULL << 13)
#define DR6_BD          (1ULL << 13)
#define X86_EXC_DB      1

uint64_t *vmx_gpr(struct vcpu *v, unsigned int n)
{
    struct guest_gprs *r = &v->arch.regs;
    uint64_t *regs[16] = {
        &r->rax, &r->rcx, &r->rdx, &r->rbx, &r->rsp, &r->rbp, &r->rsi,
        &r->rdi, &r->r8, &r->r9, &r->r10, &r->r11, &r->r12, &r->r13,
        &r->r14, &r->r15,
    };

    return regs[n & 15];
}

void vmx_write_cr0(struct vcpu *v, uint64_t cr0)
{
    uint64_t must = vmx_ctls.cr0_fixed0 & ~(X86_CR0_PE | X86_CR0_PG);

    v->arch.vmx.cr0 = cr0;
    vmwrite(VMCS_CR0_SHADOW, cr0);
    vmwrite(VMCS_GUEST_CR0, (cr0 | must) & vmx_ctls.cr0_fixed1);
}

void vmx_write_cr4(struct vcpu *v, uint64_t cr4)
{
    v->arch.vmx.cr4 = cr4;
    vmwrite(VMCS_CR4_SHADOW, cr4);
    vmwrite(VMCS_GUEST_CR4, (cr4 | vmx_ctls.cr4_fixed0) &
                            vmx_ctls.cr4_fixed1);
}

void vmx_sync_efer(struct vcpu *v)
{
    uint64_t efer = v->arch.guest_efer;
    uint32_t entry = vmread(VMCS_ENTRY_CTLS) & ~ENTRY_IA32E;

    vmwrite(VMCS_GUEST_EFER, efer);
    vmwrite(VMCS_ENTRY_CTLS, entry | ((efer & X86_EFER_LMA) ? ENTRY_IA32E
                                                            : 0));
}

/* PAE paging outside long mode: the CPU takes the PDPTEs from the VMCS. */
static int load_pdptes(struct vcpu *v)
{
    uint64_t pdpte[4];
    unsigned int i;

    if ( !(v->arch.vmx.cr0 & X86_CR0_PG) || !(v->arch.vmx.cr4 & X86_CR4_PAE) ||
         (v->arch.guest_efer & X86_EFER_LMA) )
        return 0;
    if ( hvm_copy_gpa(v->domain, vmread(VMCS_GUEST_CR3) & ~0x1fULL, pdpte,
                      sizeof(pdpte), false) )
        return -EFAULT;
    for ( i = 0; i < 4; i++ )
        vmwrite(VMCS_GUEST_PDPTE(i), pdpte[i]);
    return 0;
}

/* What hvm_check_*() need, from the VMCS (loaded) and our copies. */
static struct hvm_cr_state cr_state(const struct vcpu *v)
{
    uint32_t cs = vmread(VMCS_GUEST_AR(VMX_SEG_CS));

    return (struct hvm_cr_state){
        .cr0 = v->arch.vmx.cr0, .cr3 = vmread(VMCS_GUEST_CR3),
        .cr4 = v->arch.vmx.cr4, .efer = v->arch.guest_efer,
        .cs_l = cs & AR_L, .cs_d = cs & AR_DB,
    };
}

static int set_cr0(struct vcpu *v, uint64_t val)
{
    struct hvm_cr_state s = cr_state(v);

    if ( hvm_check_cr0(&s, &val) )
        return -EINVAL;
    vmx_write_cr0(v, val);
    if ( ((val ^ s.cr0) & X86_CR0_PG) &&
         (v->arch.guest_efer & X86_EFER_LME) )
    {
        hvm_paging_switched(v, val & X86_CR0_PG);
        vmx_sync_efer(v);
    }
    return 0;
}

static int set_cr4(struct vcpu *v, uint64_t val)
{
    struct hvm_cr_state s = cr_state(v);

    if ( hvm_check_cr4(v, &s, val) )
        return -EINVAL;
    vmx_write_cr4(v, val);
    return 0;
}

int vmx_set_efer(struct vcpu *v, uint64_t val)
{
    uint64_t old = v->arch.guest_efer;
    struct hvm_cr_state s;

    vmx_load_vmcs(v);
    s = cr_state(v);
    if ( hvm_check_efer(v, &s, &val) )
        return -EINVAL;
    /* As svm_set_efer(): a CS with L set outside long mode must not make
     * the paging switch enter long mode in 64-bit mode. */
    if ( (val & X86_EFER_LME) && !(old & X86_EFER_LME) )
        vmwrite(VMCS_GUEST_AR(VMX_SEG_CS),
                vmread(VMCS_GUEST_AR(VMX_SEG_CS)) & ~AR_L);
    v->arch.guest_efer = val | (old & X86_EFER_LMA);
    vmx_sync_efer(v);
    return 0;
}

/* MOV to CRn, CLTS, LMSW: 0, or -EINVAL for #GP. */
static int cr_write(struct vcpu *v, unsigned int cr, unsigned int type,
                    uint64_t val, uint64_t qual)
{
    uint64_t cr0 = v->arch.vmx.cr0;
    int rc;

    if ( !hvm_guest_is_64bit(v) )
        val = (uint32_t)val;
    if ( type == CR_CLTS )
        rc = set_cr0(v, cr0 & ~X86_CR0_TS);
    else if ( type == CR_LMSW )
        rc = set_cr0(v, (cr0 & ~(X86_CR0_MP | X86_CR0_EM | X86_CR0_TS)) |
                        (CR_QUAL_LMSW_DATA(qual) & 0xf));
    else if ( cr == 0 )
        rc = set_cr0(v, val);
    else if ( cr == 4 )
        rc = set_cr4(v, val);
    else if ( cr == 8 && !(val >> 4) )
    {
        vlapic_set_cr8(v, val);
        return 0;
    }
    else
        return -EINVAL;
    if ( !rc && load_pdptes(v) )
        rc = -EINVAL;
    if ( !rc )
        vmx_flush_vcpu_tlb(v);      /* paging may have changed */
    return rc;
}

void vmx_exit_cr_access(struct vcpu *v, uint64_t qual, unsigned int len)
{
    unsigned int cr = CR_QUAL_CR(qual), type = CR_QUAL_TYPE(qual);
    uint64_t *gpr = vmx_gpr(v, CR_QUAL_GPR(qual));

    if ( type == CR_MOV_FROM )
    {
        if ( cr != 8 )
        {
            domain_crash(v->domain, "unexpected control register read");
            return;
        }
        *gpr = vlapic_cr8(v);
    }
    else if ( cr_write(v, cr, type, *gpr, qual) )
    {
        printk_ratelimited("d%u: CR%u write of %#lx refused (#GP)\n",
                           v->domain->domain_id, cr, (unsigned long)*gpr);
        hvm_inject_exception(v, X86_EXC_GP, true, 0);
        return;
    }
    hvm_advance_rip(v, len);
}

/* MOV from or to DRn: 0, or the exception the CPU would raise. */
static int dr_access(struct vcpu *v, unsigned int n, bool from, uint64_t *gpr)
{
    uint64_t dr7 = vmread(VMCS_GUEST_DR7);

    if ( (n == 4 || n == 5) && (v->arch.vmx.cr4 & X86_CR4_DE) )
        return X86_EXC_UD;
    n = n == 4 ? 6 : n == 5 ? 7 : n;
    if ( vmx_get_cpl(v) )
        return X86_EXC_GP;
    if ( dr7 & DR7_GD )
    {
        /* General detect: #DB before the access, GD cleared. */
        vmwrite(VMCS_GUEST_DR7, dr7 & ~DR7_GD);
        v->arch.vmx.dr6 |= DR6_BD;
        return X86_EXC_DB;
    }
    if ( from )
    {
        *gpr = n < 4 ? v->arch.dr[n] : n == 6 ? v->arch.vmx.dr6 : dr7;
        if ( !hvm_guest_is_64bit(v) )
            *gpr = (uint32_t)*gpr;
        return 0;
    }
    if ( n >= 6 && hvm_guest_is_64bit(v) && (*gpr >> 32) )
        return X86_EXC_GP;
    if ( n < 4 )
        v->arch.dr[n] = hvm_guest_is_64bit(v) ? *gpr : (uint32_t)*gpr;
    else if ( n == 6 )
        v->arch.vmx.dr6 = ((uint32_t)*gpr | DR6_ONES) & ~DR6_ZEROS;
    else
        vmwrite(VMCS_GUEST_DR7, ((uint32_t)*gpr | DR7_ONES) & ~DR7_ZEROS);
    return 0;
}

void vmx_exit_dr_access(struct vcpu *v, uint64_t qual, unsigned int len)
{
    int exc = dr_access(v, DR_QUAL_DR(qual), qual & DR_QUAL_FROM,
                        vmx_gpr(v, DR_QUAL_GPR(qual)));

    if ( exc )
        hvm_inject_exception(v, exc, exc == X86_EXC_GP, 0);
    else
        hvm_advance_rip(v, len);
}
