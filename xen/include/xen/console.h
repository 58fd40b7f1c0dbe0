/*
 * Guest console output (common/console.c) and console input
 * (common/console_input.c).
 */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

struct domain;

/* Add one byte of guest output (port 0xe9, console_io). */
void guest_console_putc(struct domain *d, char c);
/* Print what is left of a domain's last, unterminated output line. */
void guest_console_finish(struct domain *d);

/*
 * Console input (common/console_input.c).  console_rx_poll() drains the
 * serial line into a ring and raises VIRQ_CONSOLE in the control domain
 * when bytes arrived; the timer tick calls it.  console_rx_peek() copies
 * up to len waiting bytes without taking them; console_rx_consume()
 * takes n of them.
 */
void console_rx_poll(void);
unsigned int console_rx_peek(char *buf, unsigned int len);
void console_rx_consume(unsigned int n);
unsigned long console_rx_dropped(void);

#endif /* XEN_CONSOLE_H */
