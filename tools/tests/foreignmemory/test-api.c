/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Unit tests of libxenforeignmemory against the fake privcmd driver:
 * what each call asks the kernel for, and what it does with every
 * answer the kernel or Xen can give.  Every check also verifies that no
 * privcmd fd or mapping is left behind.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xentoollog.h>
#include <xentoolcore.h>
#include <xenforeignmemory.h>

#include "fake-privcmd.h"
#include "harness.h"
#include "test-common.h"

/* ---- open / close ---- */

static const char *t_open_dev(void)
{
    xenforeignmemory_handle *h = xenforeignmemory_open(NULL, 0);
    int fd;

    EXPECT(h, "open failed: %s", strerror(errno));
    EXPECT(log_has("open /dev/xen/privcmd flags=0x80002 -> fd1\n"
                   "ioctl fd1 UNIMPLEMENTED\n"),
           "unexpected requests:\n%s", fp_log());
    fd = fp_last_fd();
    EXPECT(fcntl(fd, F_GETFD) & FD_CLOEXEC, "fd lacks FD_CLOEXEC");
    EXPECT(fp_open_fds() == 1, "expected one privcmd fd");
    EXPECT(xenforeignmemory_close(h) == 0, "close failed");
    return leaks();
}

static const char *fallback_on(int err)
{
    xenforeignmemory_handle *h;

    fp_reset();
    fp_fail_open("/dev/xen/privcmd", err);
    h = open_quiet();
    EXPECT(h, "no fallback for %s", strerrorname_np(err));
    EXPECT(log_has("open /proc/xen/privcmd flags=0x80002 -> fd1"),
           "procfs node not used:\n%s", fp_log());
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_open_proc_fallback(void)
{
    const char *why = fallback_on(ENOENT);

    if (!why)
        why = fallback_on(ENXIO);
    if (!why)
        why = fallback_on(ENODEV);
    return why;
}

static const char *t_open_eacces_no_fallback(void)
{
    xenforeignmemory_handle *h;

    fp_fail_open("/dev/xen/privcmd", EACCES);
    h = open_quiet();
    EXPECT(!h && errno == EACCES, "got %p errno %s", (void *)h,
           strerrorname_np(errno));
    EXPECT(!log_has("/proc/xen/privcmd"), "fell back on EACCES");
    return leaks();
}

static const char *t_open_no_driver(void)
{
    xenforeignmemory_handle *h;

    fp_fail_open("/dev/xen/privcmd", ENOENT);
    fp_fail_open("/proc/xen/privcmd", ENOENT);
    h = open_quiet();
    EXPECT(!h && errno == ENOENT, "got %p errno %s", (void *)h,
           strerrorname_np(errno));
    return leaks();
}

static const char *t_open_probe_accepted(void)
{
    xenforeignmemory_handle *h;

    fp_set_unimplemented_errno(0);  /* a driver we do not understand */
    h = open_quiet();
    EXPECT(!h, "accepted a driver that answers unknown ioctls");
    EXPECT(log_has("close fd1"), "fd not closed:\n%s", fp_log());
    return leaks();
}

static const char *t_open_logs_to_caller_logger(void)
{
    FILE *f = tmpfile();
    xentoollog_logger *lg = (xentoollog_logger *)
        xtl_createlogger_stdiostream(f, XTL_DEBUG, 0);
    char buf[256] = "";

    fp_fail_open("/dev/xen/privcmd", EPERM);
    EXPECT(!xenforeignmemory_open(lg, 0), "open succeeded");
    xtl_logger_destroy(lg);
    rewind(f);
    EXPECT(fgets(buf, sizeof(buf), f), "nothing logged");
    fclose(f);
    EXPECT(strstr(buf, "xenforeignmemory") && strstr(buf, "privcmd"),
           "unexpected log line: %s", buf);
    return leaks();
}

static const char *t_close_null(void)
{
    EXPECT(xenforeignmemory_close(NULL) == 0, "close(NULL) failed");
    return leaks();
}

/* ---- map / map2 / unmap ---- */

static const char *t_map_basic(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[3] = { 1, 2, 7 };
    int err[3] = { 99, 99, 99 };
    char *p = xenforeignmemory_map(h, 1, PROT_READ | PROT_WRITE, 3, arr, err);

    EXPECT(p, "map failed: %s", strerrorname_np(errno));
    EXPECT(log_has("mmap fd1 addr=NULL len=0x3000 prot=0x3 flags=0x1 "
                   "off=0 -> m1\n"
                   "ioctl fd1 MMAPBATCH_V2 dom=1 addr=m1+0 num=3 "
                   "gfns=0x1,0x2,0x7\n"), "requests:\n%s", fp_log());
    EXPECT(!err[0] && !err[1] && !err[2], "err not cleared");
    EXPECT(tag_at(p, 0) == fp_page_tag(1, 1) &&
           tag_at(p, 1) == fp_page_tag(1, 2) &&
           tag_at(p, 2) == fp_page_tag(1, 7), "wrong pages mapped");
    EXPECT(xenforeignmemory_unmap(h, p, 3) == 0, "unmap failed");
    EXPECT(log_has("munmap addr=m1+0 len=0x3000"), "bad munmap:\n%s",
           fp_log());
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_partial_with_err(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[3] = { 0, 100, 3 };   /* gfn 100 is outside dom 1 */
    int err[3];
    char *p;

    fp_page_error(1, 3, EFAULT, -1);
    p = xenforeignmemory_map(h, 1, PROT_READ, 3, arr, err);
    EXPECT(p, "partial map must still return the mapping");
    EXPECT(err[0] == 0 && err[1] == -EINVAL && err[2] == -EFAULT,
           "err = %d %d %d", err[0], err[1], err[2]);
    EXPECT(tag_at(p, 0) == fp_page_tag(1, 0), "good page not mapped");
    xenforeignmemory_unmap(h, p, 3);
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_all_or_nothing(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[4] = { 0, 1, 2, 3 };
    void *p;

    fp_page_error(1, 2, EFAULT, -1);
    fp_page_error(1, 3, ESRCH, -1);
    p = xenforeignmemory_map(h, 1, PROT_READ, 4, arr, NULL);
    EXPECT(!p, "map without err array must fail when a page fails");
    EXPECT(errno == EFAULT, "errno %s, want the first page's EFAULT",
           strerrorname_np(errno));
    EXPECT(fp_live_maps() == 0, "failed map left a mapping");
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_unknown_domain(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[1] = { 0 };
    void *p = xenforeignmemory_map(h, 9, PROT_READ, 1, arr, NULL);

    EXPECT(!p && errno == ESRCH, "got %p %s", p, strerrorname_np(errno));
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_mmap_fails(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[1] = { 0 };
    int err[1];
    void *p;

    fp_fail_mmap(ENOMEM, 1);
    p = xenforeignmemory_map(h, 1, PROT_READ, 1, arr, err);
    EXPECT(!p && errno == ENOMEM, "got %p %s", p, strerrorname_np(errno));
    EXPECT(fp_ioctl_count(IOCTL_BATCH_V2) == 0, "ioctl after failed mmap");
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_ioctl_fails(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[2] = { 0, 1 };
    int err[2];
    void *p;

    fp_fail_ioctl(IOCTL_BATCH_V2, EFAULT, 0, 1);
    p = xenforeignmemory_map(h, 1, PROT_READ, 2, arr, err);
    EXPECT(!p && errno == EFAULT, "got %p %s", p, strerrorname_np(errno));
    EXPECT(fp_ioctl_count(IOCTL_BATCH) == 0, "fell back on EFAULT");
    EXPECT(log_has("munmap addr=m1+0 len=0x2000"), "mapping not removed");
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_enosys_no_fallback(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[1] = { 0 };
    void *p;

    /* Debian's 4.17 library only falls back on EINVAL; so do we. */
    fp_fail_ioctl(IOCTL_BATCH_V2, ENOSYS, 0, -1);
    p = xenforeignmemory_map(h, 1, PROT_READ, 1, arr, NULL);
    EXPECT(!p && errno == ENOSYS, "got %p %s", p, strerrorname_np(errno));
    EXPECT(fp_ioctl_count(IOCTL_BATCH) == 0, "used the old ioctl");
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_paged_retry(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[6] = { 0, 1, 2, 3, 4, 5 };
    int err[6];
    char *p;

    /* gfns 1-2 and 4 are paged out: two runs, the first back after 2 tries */
    fp_page_error(1, 1, ENOENT, 2);
    fp_page_error(1, 2, ENOENT, 2);
    fp_page_error(1, 4, ENOENT, 1);
    p = xenforeignmemory_map(h, 1, PROT_READ, 6, arr, err);
    EXPECT(p, "map failed: %s", strerrorname_np(errno));
    EXPECT(log_has("ioctl fd1 MMAPBATCH_V2 dom=1 addr=m1+0x1000 num=2 "
                   "gfns=0x1,0x2\n  -> ENOENT\n"
                   "ioctl fd1 MMAPBATCH_V2 dom=1 addr=m1+0x4000 num=1 "
                   "gfns=0x4\n"
                   "ioctl fd1 MMAPBATCH_V2 dom=1 addr=m1+0x1000 num=2 "
                   "gfns=0x1,0x2\n"), "retries:\n%s", fp_log());
    EXPECT(fp_ioctl_count(IOCTL_BATCH_V2) == 4, "%d V2 calls, want 4",
           fp_ioctl_count(IOCTL_BATCH_V2));
    EXPECT(!err[1] && !err[2] && !err[4], "err %d %d %d", err[1], err[2],
           err[4]);
    EXPECT(tag_at(p, 4) == fp_page_tag(1, 4), "retried page wrong");
    xenforeignmemory_unmap(h, p, 6);
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_paged_retry_fails(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[2] = { 0, 1 };
    int err[2];
    void *p;

    fp_page_error(1, 1, ENOENT, -1);
    fp_fail_ioctl(IOCTL_BATCH_V2, EFAULT, 1, 1);   /* the retry fails */
    p = xenforeignmemory_map(h, 1, PROT_READ, 2, arr, err);
    EXPECT(!p && errno == EFAULT, "got %p %s", p, strerrorname_np(errno));
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_v1_fallback(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[3] = { 3, 100, 5 };
    xen_pfn_t copy[3];
    int err[3];
    char *p;

    memcpy(copy, arr, sizeof(arr));
    fp_fail_ioctl(IOCTL_BATCH_V2, EINVAL, 0, -1);   /* pre-V2 kernel */
    p = xenforeignmemory_map(h, 1, PROT_READ, 3, arr, err);
    EXPECT(p, "map failed: %s", strerrorname_np(errno));
    EXPECT(log_has("ioctl fd1 MMAPBATCH dom=1 addr=m1+0 num=3 "
                   "gfns=0x3,0x64,0x5\n"), "requests:\n%s", fp_log());
    EXPECT(!memcmp(copy, arr, sizeof(arr)), "caller's const array changed");
    EXPECT(err[0] == 0 && err[1] == -EINVAL && err[2] == 0,
           "err %d %d %d", err[0], err[1], err[2]);
    EXPECT(tag_at(p, 2) == fp_page_tag(1, 5), "wrong page");
    xenforeignmemory_unmap(h, p, 3);
    EXPECT(!xenforeignmemory_map(h, 1, PROT_READ, 3, arr, NULL) &&
           errno == EINVAL, "all-or-nothing over V1: %s",
           strerrorname_np(errno));
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_v1_paged(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[3] = { 0, 1, 2 };
    int err[3] = { 7, 7, 7 };
    char *p;

    fp_fail_ioctl(IOCTL_BATCH_V2, EINVAL, 0, -1);
    fp_page_error(1, 1, ENOENT, 2);
    p = xenforeignmemory_map(h, 1, PROT_READ, 3, arr, err);
    EXPECT(p, "map failed: %s", strerrorname_np(errno));
    EXPECT(log_has("ioctl fd1 MMAPBATCH dom=1 addr=m1+0x1000 num=1 "
                   "gfns=0x1\n  -> ENOENT\n"
                   "ioctl fd1 MMAPBATCH dom=1 addr=m1+0x1000 num=1 "
                   "gfns=0x1\n"), "single-page retries:\n%s", fp_log());
    EXPECT(!err[0] && !err[1] && !err[2], "err %d %d %d", err[0], err[1],
           err[2]);
    EXPECT(tag_at(p, 1) == fp_page_tag(1, 1), "retried page wrong");
    xenforeignmemory_unmap(h, p, 3);
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_v1_fails(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[2] = { 0, 1 };
    int err[2];
    void *p;

    fp_fail_ioctl(IOCTL_BATCH_V2, EINVAL, 0, -1);
    fp_fail_ioctl(IOCTL_BATCH, EFAULT, 0, -1);
    p = xenforeignmemory_map(h, 1, PROT_READ, 2, arr, err);
    EXPECT(!p && errno == EFAULT, "got %p %s", p, strerrorname_np(errno));
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map2_fixed_hint(void)
{
    xenforeignmemory_handle *h = open_quiet();
    char *area = mmap(NULL, 8 * 4096, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    xen_pfn_t arr[2] = { 4, 5 };
    char *p;

    fp_set_hint_base(area, 8 * 4096);
    p = xenforeignmemory_map2(h, 1, area + 2 * 4096, PROT_READ, MAP_FIXED,
                              2, arr, NULL);
    EXPECT(p == area + 2 * 4096, "MAP_FIXED not honoured: %p vs %p",
           (void *)p, (void *)(area + 2 * 4096));
    EXPECT(log_has("mmap fd1 addr=H+0x2000 len=0x2000 prot=0x1 "
                   "flags=0x11 off=0"), "mmap:\n%s", fp_log());
    EXPECT(tag_at(p, 1) == fp_page_tag(1, 5), "wrong page");
    xenforeignmemory_unmap(h, p, 2);
    munmap(area, 8 * 4096);
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_map_bad_args(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[1] = { 0 };

    EXPECT(!xenforeignmemory_map(h, 0x10001, PROT_READ, 1, arr, NULL) &&
           errno == EINVAL, "domid above 16 bits accepted");
    EXPECT(!xenforeignmemory_map(h, 1, PROT_READ, (size_t)1 << 31, arr,
                                 NULL) && errno == E2BIG,
           "page count above INT_MAX accepted");
    EXPECT(fp_mmap_count() == 0, "kernel asked despite bad arguments");
    EXPECT(!xenforeignmemory_map(h, 1, PROT_READ, 0, arr, NULL) &&
           errno == EINVAL, "zero pages: %s", strerrorname_np(errno));
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_unmap_errors(void)
{
    xenforeignmemory_handle *h = open_quiet();

    EXPECT(xenforeignmemory_unmap(h, (void *)1, 1) == -1 && errno == EINVAL,
           "unaligned unmap: %s", strerrorname_np(errno));
    xenforeignmemory_close(h);
    return leaks();
}

/* ---- restrict ---- */

static const char *t_restrict(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[1] = { 0 };
    void *p;

    EXPECT(xenforeignmemory_restrict(h, 2) == 0, "restrict failed");
    EXPECT(log_has("ioctl fd1 RESTRICT dom=2"), "requests:\n%s", fp_log());
    p = xenforeignmemory_map(h, 1, PROT_READ, 1, arr, NULL);
    EXPECT(!p && errno == EPERM, "map of other domain: %p %s", p,
           strerrorname_np(errno));
    p = xenforeignmemory_map(h, 2, PROT_READ, 1, arr, NULL);
    EXPECT(p, "map of own domain failed: %s", strerrorname_np(errno));
    xenforeignmemory_unmap(h, p, 1);
    EXPECT(xenforeignmemory_restrict(h, 1) == -1 && errno == EINVAL,
           "re-restrict to another domain: %s", strerrorname_np(errno));
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_restrict_unsupported(void)
{
    xenforeignmemory_handle *h = open_quiet();

    fp_fail_ioctl(IOCTL_RESTRICT, ENOTTY, 0, -1);
    EXPECT(xenforeignmemory_restrict(h, 1) == -1 && errno == ENOTTY,
           "errno %s", strerrorname_np(errno));
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_restrict_all_toolcore(void)
{
    xenforeignmemory_handle *a = open_quiet(), *b = open_quiet();

    EXPECT(xentoolcore_restrict_all(1) == 0, "restrict_all failed");
    EXPECT(log_has("ioctl fd1 RESTRICT dom=1") &&
           log_has("ioctl fd2 RESTRICT dom=1"),
           "not every handle restricted:\n%s", fp_log());
    xenforeignmemory_close(b);
    fp_log_clear();
    fp_fail_ioctl(IOCTL_RESTRICT, EPERM, 0, 1);
    EXPECT(xentoolcore_restrict_all(2) == -1 && errno == EPERM,
           "failure not reported: %s", strerrorname_np(errno));
    EXPECT(!log_has("fd2"), "closed handle still registered");
    xenforeignmemory_close(a);
    return leaks();
}

/* ---- fork ---- */

static const char *t_fork_child_close(void)
{
    xenforeignmemory_handle *h = open_quiet();
    xen_pfn_t arr[1] = { 3 };
    int status, fd = fp_last_fd();
    char *p;
    pid_t pid;

    pid = fork();
    if (pid == 0)   /* child: closing is the one thing allowed */
        _exit(xenforeignmemory_close(h) == 0 ? 0 : 1);
    EXPECT(pid > 0 && waitpid(pid, &status, 0) == pid, "fork/wait failed");
    EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "close in child failed");
    EXPECT(fcntl(fd, F_GETFD) & FD_CLOEXEC, "parent's fd disturbed");
    p = xenforeignmemory_map(h, 1, PROT_READ, 1, arr, NULL);
    EXPECT(p && tag_at(p, 0) == fp_page_tag(1, 3),
           "parent's handle broken after child closed it");
    xenforeignmemory_unmap(h, p, 1);
    xenforeignmemory_close(h);
    return leaks();
}

static const char *t_fork_exec_drops_fd(void)
{
    xenforeignmemory_handle *h = open_quiet();
    char cmd[64];
    int status;
    pid_t pid;

    snprintf(cmd, sizeof(cmd), "test ! -e /proc/self/fd/%d", fp_last_fd());
    pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    EXPECT(pid > 0 && waitpid(pid, &status, 0) == pid, "fork/wait failed");
    EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "privcmd fd survived exec (status %#x)", status);
    xenforeignmemory_close(h);
    return leaks();
}

int main(void)
{
    static const struct { const char *name; fm_check_fn *fn; } checks[] = {
        { "open-dev", t_open_dev },
        { "open-proc-fallback", t_open_proc_fallback },
        { "open-eacces-no-fallback", t_open_eacces_no_fallback },
        { "open-no-driver", t_open_no_driver },
        { "open-probe-accepted", t_open_probe_accepted },
        { "open-logs-to-caller-logger", t_open_logs_to_caller_logger },
        { "close-null", t_close_null },
        { "map-basic", t_map_basic },
        { "map-partial-with-err", t_map_partial_with_err },
        { "map-all-or-nothing", t_map_all_or_nothing },
        { "map-unknown-domain", t_map_unknown_domain },
        { "map-mmap-fails", t_map_mmap_fails },
        { "map-ioctl-fails", t_map_ioctl_fails },
        { "map-enosys-no-fallback", t_map_enosys_no_fallback },
        { "map-paged-retry", t_map_paged_retry },
        { "map-paged-retry-fails", t_map_paged_retry_fails },
        { "map-v1-fallback", t_map_v1_fallback },
        { "map-v1-paged", t_map_v1_paged },
        { "map-v1-fails", t_map_v1_fails },
        { "map2-fixed-hint", t_map2_fixed_hint },
        { "map-bad-args", t_map_bad_args },
        { "unmap-errors", t_unmap_errors },
        { "restrict", t_restrict },
        { "restrict-unsupported", t_restrict_unsupported },
        { "restrict-all-toolcore", t_restrict_all_toolcore },
        { "fork-child-close", t_fork_child_close },
        { "fork-exec-drops-fd", t_fork_exec_drops_fd },
    };
    size_t i;

    for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
        begin_check();
        fm_run(checks[i].name, checks[i].fn);
    }
    return fm_failures ? 1 : 0;
}
