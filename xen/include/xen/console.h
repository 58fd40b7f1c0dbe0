/*
 * Guest console output (common/console.c).
 */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

struct domain;

/* Add one byte of guest output (port 0xe9, console_io). */
void guest_console_putc(struct domain *d, char c);
/* Print what is left of a domain's last, unterminated output line. */
void guest_console_finish(struct domain *d);

#endif /* XEN_CONSOLE_H */
