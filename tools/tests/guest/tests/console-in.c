/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console input for the control domain, as a Linux dom0's hvc0 uses it:
 * VIRQ_CONSOLE when bytes arrive on the serial line, CONSOLEIO_read to
 * take them.  The runner types "want=TEXT" (qemu-boot --console-input)
 * once it sees "console-in: type now".  Command line: want=TEXT.
 * A plain domain: CONSOLEIO_read is -EPERM (Xen: only the hardware
 * domain reads the console).  overflow=N: the runner types N (> 512)
 * bytes while this guest sleeps 2 s; the hypervisor's 512-byte ring
 * keeps the first 512, drops the rest (as Xen's), and reads them all.
 */
#include "guest.h"
#include "hypercall.h"
#include "events.h"
#include "pvclock.h"
#include "public/sched.h"

const char test_title[] = "console-in";

static long poll1(evtchn_port_t *port, uint64_t timeout)
{
    struct sched_poll sp = { .nr_ports = 1, .timeout = timeout };

    set_xen_guest_handle(sp.ports, port);
    return hypercall_sched_op(SCHEDOP_poll, &sp);
}

/* 2-level ABI (events_init's): take the port's pending bit. */
static void port_pending_clear(evtchn_port_t port)
{
    __atomic_fetch_and(&shinfo->evtchn_pending[port / BITS_PER_LONG],
                       ~(1UL << (port % BITS_PER_LONG)), __ATOMIC_SEQ_CST);
}

/* Read until len bytes came or VIRQ_CONSOLE stops coming for 10 s. */
static unsigned int read_input(evtchn_port_t port, char *buf,
                               unsigned int len)
{
    unsigned int got = 0, virqs = 0;
    long n;

    while ( got < len )
    {
        n = hypercall_console_io(CONSOLEIO_read, len - got, buf + got);
        if ( n < 0 )
        {
            check(false, "CONSOLEIO_read", "rc %ld", n);
            break;
        }
        got += n;
        if ( got == len )
            break;
        /* Wait for the next VIRQ_CONSOLE (a 10 s timeout, absolute). */
        if ( poll1(&port, 0) || !port_pending(port) )
            break;
        virqs++;
        port_pending_clear(port);
    }
    printk("info: %u bytes after %u VIRQ_CONSOLE events\n", got, virqs);
    return got;
}

/* overflow=N: read after a 2 s sleep; the ring kept exactly 512. */
static void overflow(evtchn_port_t port, unsigned long typed)
{
    static char big[1024];
    unsigned long got = 0;
    long n;

    uint64_t until;

    poll1(&port, 0);                /* the first byte's VIRQ_CONSOLE */
    until = pvclock_now(&shinfo->vcpu_info[0].time) + 2000000000ull;
    while ( pvclock_now(&shinfo->vcpu_info[0].time) < until )
    {
        port_pending_clear(port);   /* sleep 2 s whatever arrives */
        poll1(&port, until);
    }
    while ( (n = hypercall_console_io(CONSOLEIO_read, sizeof(big), big)) > 0 )
        got += n;
    printk("info: typed %lu, read %lu\n", typed, got);
    check_eq("a full ring keeps 512 bytes", got, 512);
}

void test_main(void)
{
    char want[64], buf[64] = { 0 };
    evtchn_port_t port;
    unsigned int n;
    long rc;

    if ( !(start_info->flags & SIF_PRIVILEGED) )
    {
        check_eq("CONSOLEIO_read in a plain domain",
                 hypercall_console_io(CONSOLEIO_read, sizeof(buf), buf), -1);
        return;
    }
    if ( !cmdline_get("want", want, sizeof(want)) )
    {
        test_error("no want= on the command line");
        return;
    }
    check_eq("map shared_info", events_init(false), 0);
    rc = evtchn_bind_virq(VIRQ_CONSOLE, 0, &port);
    check_eq("bind_virq(VIRQ_CONSOLE)", rc, 0);
    port_mask(port, true);          /* taken by SCHEDOP_poll, not upcalls */
    check_eq("nothing typed yet: CONSOLEIO_read gives 0",
             hypercall_console_io(CONSOLEIO_read, sizeof(buf), buf), 0);
    printk("console-in: type now\n");
    if ( cmdline_ulong("overflow", 0) )
    {
        overflow(port, cmdline_ulong("overflow", 0));
        return;
    }
    n = read_input(port, buf, strlen(want));
    check(n == strlen(want) && !memcmp(buf, want, n), "the typed text",
          "got \"%.*s\"", (int)n, buf);
    /* Nothing is waiting: even a bad buffer is not touched (0). */
    check_eq("nothing waiting, bad buffer: 0",
             hypercall_console_io(CONSOLEIO_read, 1, (void *)0xdeadb000), 0);
}
