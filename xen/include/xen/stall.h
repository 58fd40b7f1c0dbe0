/*
 * A machine on which every vCPU has been blocked for STALL_SECONDS in a
 * row says so, once per such stall, with what each vCPU waits for (an
 * event, a poll, a device model's answer).  A guest that waits forever
 * (its own bug, or a notification lost on the way) then leaves the why
 * in the console log that a test runner shows on its timeout.
 *
 * The idle loop calls stall_note_idle() each time it finds nothing to
 * run and stall_note_busy() before it runs a vCPU.
 */
#ifndef XEN_STALL_H
#define XEN_STALL_H

#include <xen/types.h>

#define STALL_SECONDS 20

void stall_note_idle(void);
void stall_note_busy(void);

struct vcpu;
/* The arch's part of a stalled vCPU's line: ", " and what it knows
 * (on x86: RFLAGS.IF, the interrupt due), or nothing. */
void arch_vcpu_wait_info(struct vcpu *v, char *buf, size_t size);

#endif /* XEN_STALL_H */
