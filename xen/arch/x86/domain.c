/*
 * The x86 side of a domain's and a vCPU's life: a P2M per domain, the
 * vendor's state (VMCB or VMCS) and a local APIC per vCPU.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/hvm/vlapic.h>

int arch_domain_create(struct domain *d)
{
    return p2m_init(d);
}

int arch_domain_relinquish(struct domain *d, unsigned long *budget)
{
    return p2m_teardown(d, budget);
}

int arch_vcpu_create(struct vcpu *v)
{
    int rc = hvm_vcpu_create(v);

    return rc ? rc : vlapic_vcpu_init(v);
}

void arch_vcpu_destroy(struct vcpu *v)
{
    vlapic_vcpu_destroy(v);
    hvm_vcpu_destroy(v);
}
