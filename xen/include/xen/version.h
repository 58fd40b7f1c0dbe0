/*
 * Build identity, filled in by the build (xen/Makefile).
 */
#ifndef XEN_VERSION_H
#define XEN_VERSION_H

#include <generated/compile.h>

#define XEN_VERSION_MAJOR 4
#define XEN_VERSION_MINOR 17

/* The hypervisor's command line as booted (arch/x86/setup.c). */
const char *boot_command_line(void);

#endif /* XEN_VERSION_H */
