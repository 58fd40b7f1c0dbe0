/*
 * Building domains from boot modules (arch/x86/dom_build.c).
 */
#ifndef ASM_X86_DOM_BUILD_H
#define ASM_X86_DOM_BUILD_H

#include <xen/types.h>

struct domain;

/* A kernel's initramfs: its bytes and its module's command line. */
struct boot_initrd {
    const void *data;
    size_t size;
    const char *cmdline;        /* "" for none */
};

/*
 * Populate d's RAM, load the PVH ELF image (and initrd, if not NULL:
 * start_info's module 0) and set up its vCPU.
 */
int pvh_build_domain(struct domain *d, const void *image, size_t size,
                     const struct boot_initrd *initrd);

#endif /* ASM_X86_DOM_BUILD_H */
