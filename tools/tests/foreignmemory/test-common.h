/* SPDX-License-Identifier: LGPL-2.1-only */
/* Helpers shared by the unit tests that run against the fake driver. */
#ifndef FM_TEST_COMMON_H
#define FM_TEST_COMMON_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include <xentoollog.h>
#include <xenforeignmemory.h>
/* The kernel's numbers, from Debian's header: an independent oracle. */
#include <xen/sys/privcmd.h>

#include "fake-privcmd.h"
#include "harness.h"

#define IOCTL_BATCH     IOCTL_PRIVCMD_MMAPBATCH
#define IOCTL_BATCH_V2  IOCTL_PRIVCMD_MMAPBATCH_V2
#define IOCTL_RESTRICT  IOCTL_PRIVCMD_RESTRICT
#define IOCTL_RESOURCE  IOCTL_PRIVCMD_MMAP_RESOURCE

/* Counts at the start of the current check: a failed check that leaks
 * must not make the following ones fail too. */
static int fds_at_start, privcmd_at_start, maps_at_start;

static int count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;

    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/* A logger that swallows the library's messages for expected failures. */
static xentoollog_logger *quiet_logger(void)
{
    static xentoollog_logger *lg;

    if (!lg)
        lg = (xentoollog_logger *)xtl_createlogger_stdiostream(
            fopen("/dev/null", "w"), XTL_PROGRESS, 0);
    return lg;
}

static inline xenforeignmemory_handle *open_quiet(void)
{
    return xenforeignmemory_open(quiet_logger(), 0);
}

/* Start each check from the default world with a fresh log. */
static inline void begin_check(void)
{
    quiet_logger();
    fp_reset();
    fds_at_start = count_fds();
    privcmd_at_start = fp_open_fds();
    maps_at_start = fp_live_maps();
}

static inline int log_has(const char *s)
{
    return strstr(fp_log(), s) != NULL;
}

/* The tag the fake wrote at the start of page i of a mapping. */
static inline uint64_t tag_at(const void *p, size_t i)
{
    uint64_t t;

    memcpy(&t, (const char *)p + i * FP_PAGE_SIZE, sizeof(t));
    return t;
}

/* NULL if nothing leaked since begin_check(), else the reason. */
static inline const char *leaks(void)
{
    static char why[96];
    int fds = count_fds();

    if (fp_open_fds() != privcmd_at_start ||
        fp_live_maps() != maps_at_start || fds != fds_at_start) {
        snprintf(why, sizeof(why), "leak: %d privcmd fds, %d mappings, "
                 "%d fds (were %d, %d, %d)", fp_open_fds(), fp_live_maps(),
                 fds, privcmd_at_start, maps_at_start, fds_at_start);
        return why;
    }
    return NULL;
}

#endif
