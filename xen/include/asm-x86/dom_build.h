/*
 * Building domains from boot modules (arch/x86/dom_build.c).
 */
#ifndef ASM_X86_DOM_BUILD_H
#define ASM_X86_DOM_BUILD_H

#include <xen/types.h>

struct domain;

/* Populate d's RAM, load the PVH ELF image and set up its vCPU. */
int pvh_build_domain(struct domain *d, const void *image, size_t size);

#endif /* ASM_X86_DOM_BUILD_H */
