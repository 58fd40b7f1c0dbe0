/*
 * ARM (stub): per-domain and per-vCPU arch state, as far as common code
 * needs it.  See asm-arm/p2m.h.
 */
#ifndef ASM_ARM_DOMAIN_H
#define ASM_ARM_DOMAIN_H

#include <xen/types.h>
#include <asm/p2m.h>

struct arch_domain {
    struct p2m_domain p2m;
};

struct arch_vcpu {
    /* Set by hypercall_create_continuation(): re-issue with these. */
    bool continuation;
    unsigned int cont_nargs;
    unsigned long cont_args[5];
};

struct domain;
struct vcpu;

int arch_domain_create(struct domain *d);
void arch_domain_destroy(struct domain *d);
int arch_vcpu_create(struct vcpu *v);
void arch_vcpu_destroy(struct vcpu *v);

#endif /* ASM_ARM_DOMAIN_H */
