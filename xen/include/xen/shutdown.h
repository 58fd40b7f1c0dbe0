/*
 * Stopping the machine.
 */
#ifndef XEN_SHUTDOWN_H
#define XEN_SHUTDOWN_H

#include <xen/lib.h>

/*
 * Why the hypervisor stops.  With the debug-exit boot option the value is
 * written to QEMU's isa-debug-exit device, and scripts/qemu-boot exits
 * with the same number: these values are rows of its exit-code table
 * (EXIT_CODES there, docs/qemu-boot.md), which leaves the codes between
 * them to the runner (1 usage, 4 timeout, 7 QEMU failed).  The runner's
 * tests (scripts/test-runner) check that the three agree.
 */
enum halt_reason {
    HALT_ALL_POWEROFF = 0,  /* every domain shut down with poweroff */
    HALT_DOMAIN_CRASH = 2,  /* a domain crashed or could not be built */
    HALT_PANIC = 3,         /* the hypervisor itself failed (or leaked) */
    HALT_OTHER = 5,         /* some domain shut down another way */
    HALT_NO_DOMAINS = 6,    /* no domain module was given */
};

void machine_halt(enum halt_reason why) __noreturn;

#endif /* XEN_SHUTDOWN_H */
