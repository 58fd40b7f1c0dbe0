/*
 * Run in a Linux control domain (on our hypervisor or on Xen): talks to
 * the hypervisor through Linux's /dev/xen devices, as toolstacks do, and
 * prints one "PASS: linux/<name>" or "FAIL: linux/<name>: why" line per
 * check.
 *
 *   dom0-probe hypercall   IOCTL_PRIVCMD_HYPERCALL with user-memory
 *                          arguments (xen_version)
 *   dom0-probe evtchn      /dev/xen/evtchn: an interdomain channel from
 *                          dom0 to itself, notified and read back
 *   dom0-probe tsc         print the TSC and CLOCK_BOOTTIME (make bench:
 *                          under QEMU -icount, instructions since the
 *                          machine started, and since Linux did)
 *   dom0-probe poweroff    SCHEDOP_shutdown(poweroff) through privcmd:
 *                          the hypervisor ends the domain (Linux's own
 *                          poweroff needs ACPI sleep states)
 */
/* The current interface: __HYPERVISOR_sched_op is 29, not the old 6. */
#define __XEN_TOOLS__ 1

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <xen/xen.h>
#include <xen/version.h>
#include <xen/sched.h>
#include <xen/sys/privcmd.h>
#include <xen/sys/evtchn.h>

static int failures;

static void check(const char *name, int ok, const char *fmt, long val)
{
    if ( ok )
    {
        printf("PASS: linux/%s\n", name);
        return;
    }
    printf("FAIL: linux/%s: ", name);
    printf(fmt, val);
    printf("\n");
    failures++;
}

static long hypercall(int fd, unsigned long op, unsigned long a1,
                      unsigned long a2)
{
    privcmd_hypercall_t h = { .op = op, .arg = { a1, a2 } };

    return ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &h);
}

static int open_privcmd(void)
{
    int fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);

    check("privcmd-open", fd >= 0, "errno %ld", errno);
    return fd;
}

static void probe_hypercall(void)
{
    char extra[XEN_EXTRAVERSION_LEN + 1] = { 0 };
    int fd = open_privcmd();
    long v;

    if ( fd < 0 )
        return;
    v = hypercall(fd, __HYPERVISOR_xen_version, XENVER_version, 0);
    check("privcmd-xen-version", v == ((4 << 16) | 17), "got %#lx", v);
    v = hypercall(fd, __HYPERVISOR_xen_version, XENVER_extraversion,
                  (unsigned long)extra);
    check("privcmd-user-buffer", v == 0 && extra[0] == '.', "rc %ld", v);
    printf("info: Xen %d.%d%s\n", 4, 17, extra);
    /* A bad user pointer is the hypervisor's -EFAULT, not a crash. */
    v = hypercall(fd, __HYPERVISOR_xen_version, XENVER_extraversion, 16);
    check("privcmd-efault", v == -1 && errno == EFAULT, "errno %ld", errno);
    close(fd);
}

static void probe_evtchn(void)
{
    struct ioctl_evtchn_bind_unbound_port unbound = { .remote_domain = 0 };
    struct ioctl_evtchn_bind_interdomain inter = { .remote_domain = 0 };
    struct ioctl_evtchn_notify notify;
    struct pollfd pfd;
    int fd = open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC);
    int a, b, n;
    uint32_t ports[4];
    bool got_a = false;

    check("evtchn-open", fd >= 0, "errno %ld", errno);
    if ( fd < 0 )
        return;
    a = ioctl(fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &unbound);
    check("evtchn-bind-unbound", a > 0, "rc %ld", a);
    inter.remote_port = a;
    b = ioctl(fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &inter);
    check("evtchn-bind-interdomain", b > 0 && b != a, "rc %ld", b);
    printf("info: evtchn ports %d (unbound) and %d (interdomain)\n", a, b);
    notify.port = b;
    check("evtchn-notify", ioctl(fd, IOCTL_EVTCHN_NOTIFY, &notify) == 0,
          "errno %ld", errno);
    /* Binding also raised the new port (as Xen does, in case a send to
     * the unbound end was lost): the unbound end's event may come
     * second. */
    for ( int i = 0; i < 2 && !got_a; i++ )
    {
        pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
        if ( poll(&pfd, 1, 5000) != 1 )
            break;
        n = read(fd, ports, sizeof(ports));
        for ( int j = 0; j < n / 4; j++ )
            got_a |= ports[j] == (uint32_t)a;
    }
    check("evtchn-event-arrives", got_a, "no event on port %ld", a);
    close(fd);
}

static void probe_poweroff(void)
{
    struct sched_shutdown s = { .reason = SHUTDOWN_poweroff };
    int fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);

    fflush(stdout);
    if ( fd >= 0 )
        hypercall(fd, __HYPERVISOR_sched_op, SCHEDOP_shutdown,
                  (unsigned long)&s);
    printf("FAIL: linux/poweroff: still running (errno %d)\n", errno);
}

static uint64_t rdtsc64(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return (uint64_t)hi << 32 | lo;
}

static void probe_tsc(void)
{
    struct timespec t;
    uint64_t tsc = rdtsc64(), t0, t1;
    unsigned long n = 1024;

    clock_gettime(CLOCK_BOOTTIME, &t);
    /* The TSC's rate in instructions (2048 more of them: dec + jnz,
     * 1024 more times): under QEMU -icount ours counts one per
     * instruction. */
    /* Two loop lengths, so that a trapped RDTSC's own cost cancels. */
    t0 = rdtsc64();
    asm volatile ( "1: dec %0; jnz 1b" : "+r" (n) );
    t0 = rdtsc64() - t0;
    n = 9216;
    t1 = rdtsc64();
    asm volatile ( "1: dec %0; jnz 1b" : "+r" (n) );
    t1 = rdtsc64() - t1;
    printf("bench: tsc-per-2048-instructions %llu\n",
           (unsigned long long)((t1 - t0) / 8));
    printf("bench: tsc-at-userspace %llu\n", (unsigned long long)tsc);
    printf("bench: linux-uptime-at-userspace %llu\n",
           (unsigned long long)t.tv_sec * 1000000000ull + t.tv_nsec);
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";

    if ( !strcmp(what, "hypercall") )
        probe_hypercall();
    else if ( !strcmp(what, "evtchn") )
        probe_evtchn();
    else if ( !strcmp(what, "tsc") )
        probe_tsc();
    else if ( !strcmp(what, "poweroff") )
        probe_poweroff();
    else
    {
        fprintf(stderr, "usage: dom0-probe hypercall|evtchn|tsc|poweroff\n");
        return 2;
    }
    fflush(stdout);
    return failures != 0;
}
