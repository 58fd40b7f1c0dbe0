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
};

#endif /* ASM_ARM_DOMAIN_H */
