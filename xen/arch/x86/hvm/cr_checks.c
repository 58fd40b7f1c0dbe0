/*
 * What the CPU checks when a guest writes CR0, CR4 or EFER, the same
 * under SVM and VMX (svm/cr.c and vmx/cr.c read the state from their
 * VMCB or VMCS, ask here, and then write the value and do what their
 * hardware needs): a value the CPU would refuse is -EINVAL, which the
 * guest gets as #GP(0) with nothing changed.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/x86-defns.h>

/* CR0 bits a guest can set; other bits 31:0 are ignored (as in Xen). */
#define CR0_GUEST_BITS (X86_CR0_PE | X86_CR0_MP | X86_CR0_EM | X86_CR0_TS | \
                        X86_CR0_ET | X86_CR0_NE | X86_CR0_WP | X86_CR0_AM | \
                        X86_CR0_NW | X86_CR0_CD | X86_CR0_PG)

/* May paging be turned on (or off) with long mode enabled? */
static int paging_switch_ok(const struct hvm_cr_state *s, bool on)
{
    if ( !(s->efer & X86_EFER_LME) )
        return 0;
    /* Long mode needs PAE; a CS with L and D both set is no mode at all
     * (VM entry would refuse it). */
    if ( on )
        return !(s->cr4 & X86_CR4_PAE) || (s->cs_l && s->cs_d) ? -EINVAL
                                                                : 0;
    /* 64-bit code cannot turn paging off, nor can PCID users. */
    return s->cs_l || (s->cr4 & X86_CR4_PCIDE) ? -EINVAL : 0;
}

int hvm_check_cr0(const struct hvm_cr_state *s, uint64_t *val)
{
    uint64_t v = *val;

    if ( v >> 32 )
        return -EINVAL;
    v = (v & CR0_GUEST_BITS) | X86_CR0_ET;
    if ( ((v & X86_CR0_NW) && !(v & X86_CR0_CD)) ||
         (v & (X86_CR0_PE | X86_CR0_PG)) == X86_CR0_PG )
        return -EINVAL;
    if ( ((v ^ s->cr0) & X86_CR0_PG) &&
         paging_switch_ok(s, v & X86_CR0_PG) )
        return -EINVAL;
    *val = v;
    return 0;
}

int hvm_check_cr4(const struct vcpu *v, const struct hvm_cr_state *s,
                  uint64_t val)
{
    bool lma = s->efer & X86_EFER_LMA;

    if ( val & ~hvm_cr4_guest_valid_bits(v) )
        return -EINVAL;
    if ( lma && !(val & X86_CR4_PAE) )
        return -EINVAL;
    if ( (val & X86_CR4_PCIDE) && !(s->cr4 & X86_CR4_PCIDE) &&
         (!lma || (s->cr3 & 0xfff)) )
        return -EINVAL;
    return 0;
}

int hvm_check_efer(const struct vcpu *v, const struct hvm_cr_state *s,
                   uint64_t *val)
{
    /* LMA is the CPU's: what the guest writes there is ignored. */
    uint64_t e = *val & ~X86_EFER_LMA;

    if ( e & ~hvm_efer_guest_valid_bits(v) )
        return -EINVAL;
    if ( ((e ^ s->efer) & X86_EFER_LME) && (s->cr0 & X86_CR0_PG) )
        return -EINVAL;
    *val = e;
    return 0;
}

void hvm_paging_switched(struct vcpu *v, bool on)
{
    if ( v->arch.guest_efer & X86_EFER_LME )
        v->arch.guest_efer = on ? v->arch.guest_efer | X86_EFER_LMA
                                : v->arch.guest_efer & ~X86_EFER_LMA;
}
