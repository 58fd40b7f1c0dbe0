/*
 * Time as the hypervisor counts it: timer ticks since boot.
 */
#ifndef XEN_TIME_H
#define XEN_TIME_H

#define TICKS_PER_SECOND 1000

/* Ticks of the scheduler timer since boot (arch). */
unsigned long ticks_now(void);

#endif /* XEN_TIME_H */
