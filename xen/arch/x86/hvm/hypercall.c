/*
 * Hypercalls from HVM/PVH guests: the hypercall page a guest asks for
 * through the MSR, and VMMCALL (AMD) / VMCALL (Intel) dispatch.
 *
 * 64-bit callers pass the number in RAX and arguments in RDI, RSI, RDX,
 * R10, R8; 32-bit (compat) callers in EAX and EBX, ECX, EDX, ESI, EDI.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/shared.h>
#include <asm/hvm.h>

#define HYPERCALL_STUB_SIZE 32

/*
 * Each 32-byte slot: "mov $nr, %eax; vmmcall; ret" (vmcall on Intel),
 * the rest int3.  The same bytes serve 32-bit and 64-bit callers.
 */
int hvm_write_hypercall_page(struct domain *d, gfn_t gfn)
{
    uint8_t page[PAGE_SIZE];
    unsigned int nr;

    /* As Xen: the guest's mode now says its shared_info layout. */
    if ( current && current->domain == d )
        shinfo_latch_width(d, hvm_guest_is_64bit(current));
    memset(page, 0xcc, sizeof(page));
    for ( nr = 0; nr < PAGE_SIZE / HYPERCALL_STUB_SIZE; nr++ )
    {
        uint8_t *p = page + nr * HYPERCALL_STUB_SIZE;

        p[0] = 0xb8;                        /* mov $imm32, %eax */
        memcpy(p + 1, &nr, 4);
        memcpy(p + 5, hvm_funcs.hypercall_insn, 3); /* vmmcall/vmcall */
        p[8] = 0xc3;                        /* ret */
    }
    return hvm_copy_gpa(d, (uint64_t)gfn_x(gfn) << PAGE_SHIFT, page,
                        sizeof(page), true);
}

bool hypercall_preempt_check(void)
{
    local_irq_window();         /* a pending timer tick ends the slice */
    return sched_should_preempt();
}

/* Back to the VMMCALL at rip and the continuation's arguments. */
static void apply_continuation(struct vcpu *v, bool compat, unsigned long nr,
                               uint64_t rip)
{
    struct guest_gprs *r = &v->arch.regs;
    uint64_t *regs64[5] = { &r->rdi, &r->rsi, &r->rdx, &r->r10, &r->r8 };
    uint64_t *regs32[5] = { &r->rbx, &r->rcx, &r->rdx, &r->rsi, &r->rdi };
    unsigned int i;

    v->cont.active = false;
    r->rip = rip;
    r->rax = nr;
    for ( i = 0; i < v->cont.nargs; i++ )
        *(compat ? regs32 : regs64)[i] =
            compat ? (uint32_t)v->cont.args[i] : v->cont.args[i];
}

void hvm_hypercall(struct vcpu *v, unsigned int len)
{
    struct guest_gprs *r = &v->arch.regs;
    uint64_t rip = r->rip;
    bool compat = !hvm_guest_is_64bit(v);
    unsigned long nr = compat ? (uint32_t)r->rax : r->rax;
    unsigned long args[5];
    long rc;

    if ( hvm_get_cpl(v) != 0 )
    {
        /* Only the guest kernel may make hypercalls. */
        hvm_inject_exception(v, X86_EXC_UD, false, 0);
        return;
    }
    if ( compat )
    {
        args[0] = (uint32_t)r->rbx; args[1] = (uint32_t)r->rcx;
        args[2] = (uint32_t)r->rdx; args[3] = (uint32_t)r->rsi;
        args[4] = (uint32_t)r->rdi;
    }
    else
    {
        args[0] = r->rdi; args[1] = r->rsi; args[2] = r->rdx;
        args[3] = r->r10; args[4] = r->r8;
    }

    /* Advance first: a handler may stop or block the vCPU. */
    hvm_advance_rip(v, len);
    v->cont.active = false;
    rc = hypercall_dispatch(nr, args, compat);
    if ( v->cont.active )
    {
        apply_continuation(v, compat, nr, rip);
        return;
    }
    /* What a guest was refused is logged (rate-limited). */
    if ( rc == -ENOSYS )
        printk_ratelimited("d%u: hypercall %lu not implemented\n",
                           v->domain->domain_id, nr);
    else if ( rc < 0 )
        printk_ratelimited("d%u: %s(%#lx, %#lx, ...) refused: %ld\n",
                           v->domain->domain_id, hypercall_names[nr],
                           args[0], args[1], rc);
    r->rax = compat ? (uint32_t)rc : (uint64_t)rc;
}
