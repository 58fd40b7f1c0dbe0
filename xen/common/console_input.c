/*
 * Console input (the serial line) for the control domain, as Xen gives
 * it to dom0: bytes are drained from the UART into a ring on every tick
 * (the UART is polled and its FIFO holds 16 bytes), the control domain
 * is told with VIRQ_CONSOLE when new ones arrive, and it reads them with
 * CONSOLEIO_read.  A full ring drops what comes next, as Xen's does.
 *
 * The tick runs in interrupt context; CONSOLEIO_read runs with
 * interrupts off, so the two never interleave (one physical CPU).
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/event.h>
#include <xen/console.h>
#include <public/xen.h>
#include <asm/console.h>

#define RX_RING 512             /* a power of two */

static char rx_ring[RX_RING];
static unsigned int rx_prod, rx_cons;   /* free-running */
static unsigned long rx_dropped;

/* Who gets console input: the first control domain, as Xen's dom0. */
static struct domain *console_input_domain(void)
{
    struct domain *d;

    for ( d = domain_first(); d; d = d->next_in_list )
        if ( d->is_privileged )
            return d;
    return NULL;
}

void console_rx_poll(void)
{
    struct domain *d;
    bool got = false;
    int c;

    while ( (c = arch_console_getc()) >= 0 )
    {
        if ( rx_prod - rx_cons == RX_RING )
        {
            rx_dropped++;
            continue;
        }
        rx_ring[rx_prod++ % RX_RING] = (char)c;
        got = true;
    }
    if ( got && (d = console_input_domain()) )
        send_guest_global_virq(d, VIRQ_CONSOLE);
}

unsigned int console_rx_peek(char *buf, unsigned int len)
{
    unsigned int n;

    console_rx_poll();
    for ( n = 0; n < len && rx_cons + n != rx_prod; n++ )
        buf[n] = rx_ring[(rx_cons + n) % RX_RING];
    return n;
}

void console_rx_consume(unsigned int n)
{
    rx_cons += min(n, rx_prod - rx_cons);
}

unsigned long console_rx_dropped(void)
{
    return rx_dropped;
}
