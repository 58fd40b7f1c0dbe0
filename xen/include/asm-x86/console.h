/*
 * The arch side of the console: one polled character device.
 */
#ifndef ASM_X86_CONSOLE_H
#define ASM_X86_CONSOLE_H

void arch_console_init(void);
void arch_console_putc(char c);
/* Returns the next input byte, or -1 when none is waiting. */
int arch_console_getc(void);

#endif /* ASM_X86_CONSOLE_H */
