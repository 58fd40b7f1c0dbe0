/*
 * COM1 (16550 UART at I/O port 0x3f8), polled.  The console is the only
 * user; a UART that is absent simply swallows output.
 */
#include <xen/lib.h>
#include <asm/processor.h>
#include <asm/console.h>

#define COM1_BASE 0x3f8
#define UART_THR  0   /* transmit holding */
#define UART_RBR  0   /* receive buffer */
#define UART_IER  1
#define UART_FCR  2
#define UART_LCR  3
#define UART_MCR  4
#define UART_LSR  5
#define LSR_DR    0x01
#define LSR_THRE  0x20

static bool uart_enabled;

void arch_console_init(void)
{
    outb(COM1_BASE + UART_IER, 0x00);  /* polled: no interrupts */
    outb(COM1_BASE + UART_LCR, 0x80);  /* divisor latch */
    outb(COM1_BASE + 0, 0x01);         /* 115200 baud */
    outb(COM1_BASE + 1, 0x00);
    outb(COM1_BASE + UART_LCR, 0x03);  /* 8n1 */
    outb(COM1_BASE + UART_FCR, 0x07);  /* FIFOs on, cleared */
    outb(COM1_BASE + UART_MCR, 0x03);  /* DTR, RTS */
    uart_enabled = true;
}

void arch_console_putc(char c)
{
    unsigned int spins = 100000;

    if ( !uart_enabled )
        return;
    while ( !(inb(COM1_BASE + UART_LSR) & LSR_THRE) && --spins )
        cpu_relax();
    outb(COM1_BASE + UART_THR, (uint8_t)c);
}

int arch_console_getc(void)
{
    if ( !uart_enabled || !(inb(COM1_BASE + UART_LSR) & LSR_DR) )
        return -1;
    return inb(COM1_BASE + UART_RBR);
}
