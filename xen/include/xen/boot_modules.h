/*
 * Which boot module becomes what.  Two conventions share one rule
 * (docs/boot.md, "Two module conventions"):
 *
 *  - Xen's, what QEMU's -kernel/-initrd and GRUB's 20_linux_xen write:
 *    the first module is the dom0 kernel, the next its initramfs.
 *  - ours: one domain per kernel module, configured by its keys.
 *
 * Each kernel module (an ELF or bzImage) is a domain, numbered from 0 in
 * module order; a data module right after a kernel (XSM policies
 * skipped) is that kernel's initramfs; any other data module is a domain
 * of its own, whose build then says why it is not a kernel.  A Linux
 * kernel (a bzImage, or an ELF whose XEN_ELFNOTE_GUEST_OS says "linux")
 * takes Xen's convention: its module string is only its command line.
 */
#ifndef XEN_BOOT_MODULES_H
#define XEN_BOOT_MODULES_H

#include <xen/types.h>

enum boot_module_kind {
    BOOTMOD_DATA,           /* neither kernel nor policy */
    BOOTMOD_POLICY,         /* an XSM policy: XSM's, not a domain */
    BOOTMOD_KERNEL,         /* an ELF image: our convention */
    BOOTMOD_LINUX,          /* a Linux kernel: Xen's convention */
};

struct boot_module_role {
    int domid;              /* the domain it builds, or -1 */
    int initrd;             /* a domain's initramfs module, or -1 */
};

/*
 * Classify a module from its first bytes (it reads inside [p, p+size)
 * only): an XSM policy is told apart by the caller, which knows XSM.
 */
enum boot_module_kind boot_module_classify(const void *p, size_t size);

/* Fill roles[0..n) from kinds[0..n); returns the number of domains. */
unsigned int boot_modules_plan(const enum boot_module_kind *kinds,
                               unsigned int n,
                               struct boot_module_role *roles);

#endif /* XEN_BOOT_MODULES_H */
