/*
 * The hypervisor console: printk with the "(XEN) " prefix, rate limiting
 * for messages a guest can provoke, guest output through console_io
 * (shown line by line as "(dN) ..."), and panic.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/time.h>
#include <xen/shutdown.h>
#include <xen/console.h>
#include <xen/param.h>
#include <public/xen.h>
#include <asm/console.h>

#define PRINTK_BUF      512
#define RATELIMIT_BURST 10      /* messages per window */
#define RATELIMIT_TICKS TICKS_PER_SECOND   /* window length: one second */
#define CONSOLE_IO_CHUNK 128    /* bytes copied from a guest at a time */

static bool at_line_start = true;

/*
 * Xen's console options, accepted so that Xen command lines work as they
 * are.  COM1 is the only console.
 */
static char opt_console[32] = "com1";
string_param("console", opt_console);
static char opt_com1[64];
string_param("com1", opt_com1);
static char opt_loglvl[32];
string_param("loglvl", opt_loglvl);
static char opt_guest_loglvl[32];
string_param("guest_loglvl", opt_guest_loglvl);
static bool opt_sync_console;
boolean_param("sync_console", opt_sync_console);

static void emit(const char *s)
{
    for ( ; *s; s++ )
    {
        if ( at_line_start )
        {
            const char *p;

            for ( p = "(XEN) "; *p; p++ )
                arch_console_putc(*p);
            at_line_start = false;
        }
        if ( *s == '\n' )
        {
            arch_console_putc('\r');
            at_line_start = true;
        }
        arch_console_putc(*s);
    }
}

/*
 * Log levels, as Xen's.  A message may start with XENLOG_ERR, _WARNING,
 * _INFO or _DEBUG (xen/lib.h); one without is a warning.  loglvl= says
 * which hypervisor messages are shown, guest_loglvl= the same for the
 * rate-limited messages guests provoke: none, error, warning, info, debug
 * or all (a "/..." rate-limit part is accepted and ignored).  Without the
 * option: CONFIG_LOGLVL and CONFIG_GUEST_LOGLVL (xen/.config, 0 = none to
 * 4 = all).  A panic is always shown.
 */
#ifndef CONFIG_LOGLVL
#define CONFIG_LOGLVL 4
#endif
#ifndef CONFIG_GUEST_LOGLVL
#define CONFIG_GUEST_LOGLVL 4
#endif
#define LOG_DEFAULT_LEVEL 1     /* XENLOG_WARNING */
static bool log_everything;

/* How many levels an option lets through (0: none .. 4: all). */
static int log_threshold(const char *opt, int dflt)
{
    static const char *const names[] = {
        "none", "error", "warning", "info", "debug", "all" };
    size_t len = 0;
    unsigned int i;

    while ( opt[len] && opt[len] != '/' )
        len++;
    if ( !len )
        return dflt;
    for ( i = 0; i < ARRAY_SIZE(names); i++ )
        if ( strlen(names[i]) == len && !strncmp(opt, names[i], len) )
            return min(i, 4u);
    return dflt;
}

/* The level of a message (its tag is removed), and whether it shows. */
static bool log_shown(char **msg, bool guest)
{
    int level = LOG_DEFAULT_LEVEL;
    char *m = *msg;

    if ( m[0] == '<' && m[1] >= '0' && m[1] <= '3' && m[2] == '>' )
    {
        level = m[1] - '0';
        *msg = m + 3;
    }
    if ( log_everything )
        return true;
    if ( guest )
        return level < log_threshold(opt_guest_loglvl, CONFIG_GUEST_LOGLVL);
    return level < log_threshold(opt_loglvl, CONFIG_LOGLVL);
}

static void vprintk_level(bool guest, const char *fmt, va_list ap)
{
    char buf[PRINTK_BUF], *msg = buf;

    vsnprintf(buf, sizeof(buf), fmt, ap);
    if ( log_shown(&msg, guest) )
        emit(msg);
}

static void vprintk(const char *fmt, va_list ap)
{
    vprintk_level(false, fmt, ap);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void printk_ratelimited(const char *fmt, ...)
{
    static unsigned long window_start;
    static unsigned int in_window, suppressed;
    unsigned long now = ticks_now();
    va_list ap;

    if ( now - window_start >= RATELIMIT_TICKS )
    {
        if ( suppressed )
            printk("%u messages suppressed\n", suppressed);
        window_start = now;
        in_window = suppressed = 0;
    }
    if ( in_window++ >= RATELIMIT_BURST )
    {
        suppressed++;
        return;
    }
    va_start(ap, fmt);
    vprintk_level(true, fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...)
{
    va_list ap;

    log_everything = true;
    printk("\n****************************************\n");
    printk("Panic: ");
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n****************************************\n");
    machine_halt(HALT_PANIC);
}

/* Guest output is collected per domain and printed a whole line at once,
 * so lines from several domains never interleave mid-line. */
static void guest_console_flush(struct domain *d)
{
    char prefix[16];
    unsigned int i;

    if ( !d->console_len )
        return;
    if ( !at_line_start )
        emit("\n");
    snprintf(prefix, sizeof(prefix), "(d%u) ", d->domain_id);
    for ( i = 0; prefix[i]; i++ )
        arch_console_putc(prefix[i]);
    for ( i = 0; i < d->console_len; i++ )
        arch_console_putc(d->console_buf[i]);
    arch_console_putc('\r');
    arch_console_putc('\n');
    at_line_start = true;
    d->console_len = 0;
}

void guest_console_putc(struct domain *d, char c)
{
    if ( c == '\n' )
    {
        guest_console_flush(d);
        return;
    }
    if ( c == '\r' )
        return;
    /* Keep output printable: control characters are shown as '.'. */
    if ( (unsigned char)c < 0x20 && c != '\t' )
        c = '.';
    d->console_buf[d->console_len++] = c;
    if ( d->console_len >= sizeof(d->console_buf) - 1 )
        guest_console_flush(d);
}

void guest_console_finish(struct domain *d)
{
    guest_console_flush(d);
}

/* Long writes continue themselves, so a guest cannot hold the CPU. */
static long console_write(unsigned int count, guest_ptr_t buffer)
{
    struct domain *d = current_domain();
    char chunk[CONSOLE_IO_CHUNK];
    bool first = true;

    while ( count )
    {
        unsigned int n = min(count, (unsigned int)sizeof(chunk)), i;

        if ( !first && hypercall_preempt_check() )
        {
            unsigned long a[3] = { CONSOLEIO_write, count, buffer.va };

            return hypercall_create_continuation(__HYPERVISOR_console_io, 3, a);
        }
        first = false;
        if ( copy_from_guest(chunk, buffer, n) )
            return -EFAULT;
        for ( i = 0; i < n; i++ )
            guest_console_putc(d, chunk[i]);
        buffer = guest_ptr_add(buffer, n);
        count -= n;
    }
    return 0;
}

/*
 * Serial input, for the control domain only (Xen: the hardware domain):
 * as many waiting bytes as fit, taken only once copied.
 */
static long console_read(unsigned int count, guest_ptr_t buffer)
{
    char chunk[CONSOLE_IO_CHUNK];
    unsigned int done = 0, n;

    if ( !current_domain()->is_privileged )
        return -EPERM;
    while ( done < count &&
            (n = console_rx_peek(chunk, min(count - done,
                                            (unsigned int)sizeof(chunk)))) )
    {
        if ( copy_to_guest(guest_ptr_add(buffer, done), chunk, n) )
            return -EFAULT;
        console_rx_consume(n);
        done += n;
    }
    return done;
}

long do_console_io(unsigned int cmd, unsigned int count, guest_ptr_t buffer)
{
    switch ( cmd )
    {
    case CONSOLEIO_write:
        return console_write(count, buffer);
    case CONSOLEIO_read:
        return console_read(count, buffer);
    default:
        return -ENOSYS;
    }
}
