/*
 * Stopping the machine.
 */
#ifndef XEN_SHUTDOWN_H
#define XEN_SHUTDOWN_H

#include <xen/lib.h>

/* Why the hypervisor stops; with the debug-exit boot option it becomes
 * QEMU's exit status (see docs/qemu-boot.md). */
enum halt_reason {
    HALT_ALL_POWEROFF = 0,  /* every domain shut down with poweroff */
    HALT_DOMAIN_CRASH = 1,  /* at least one domain crashed */
    HALT_PANIC = 2,         /* the hypervisor itself failed */
    HALT_OTHER = 3,         /* some domain shut down another way */
    HALT_NO_DOMAINS = 4,    /* nothing to run was given */
};

void machine_halt(enum halt_reason why) __noreturn;

#endif /* XEN_SHUTDOWN_H */
