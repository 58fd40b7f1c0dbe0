/*
 * Fake arch per-domain and per-vCPU state for hosted tests: the fake
 * P2M, the domain's "guest memory" (a byte buffer that guest pointers
 * index, see fake/fake_guest.c) and the continuation a hypercall asked
 * for, which the test re-issues as the guest would.
 */
#ifndef ASM_FAKE_DOMAIN_H
#define ASM_FAKE_DOMAIN_H

#include <xen/types.h>
#include <asm/p2m.h>

struct arch_domain {
    struct p2m_domain p2m;
    uint8_t *gmem;                /* FAKE_GMEM_SIZE bytes */
};

struct arch_vcpu {
    unsigned int upcalls;         /* arch_evtchn_upcall() calls */
};

#endif /* ASM_FAKE_DOMAIN_H */
