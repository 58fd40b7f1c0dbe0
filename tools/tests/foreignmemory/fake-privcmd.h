/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Control interface of the fake privcmd driver (libfakeprivcmd.so).
 *
 * The fake interposes open/openat/ioctl/mmap/munmap/close.  Opening
 * /dev/xen/privcmd or /proc/xen/privcmd gives a real fd (on /dev/null)
 * that the fake tracks; ioctls and mmaps on it are checked the way the
 * Linux driver checks them and answered from a small model of Xen:
 * domains with numbered pages and resources with numbered frames, each
 * page backed by a memfd so two mappings of it really share memory.
 * Every request is appended to a text log with addresses made relative,
 * so logs from two runs (or two libraries) can be compared.
 */
#ifndef FAKE_PRIVCMD_H
#define FAKE_PRIVCMD_H

#include <stddef.h>
#include <stdint.h>

#define FP_PAGE_SIZE 4096UL

/* Forget everything and install the default world:
 * domain 1 with 16 pages, its grant table (type 1, id 0) of 4 frames,
 * domain 2 with 4 pages.  Open fds/mappings stay tracked. */
void fp_reset(void);

/*
 * Replace the domains and resources with those of spec, a list of
 * "DOM:PAGES[:GNTFRAMES]" separated by spaces or commas (the default world
 * is "1:16:4 2:4").  Returns -1, changing nothing, if spec is malformed.
 * The environment variable FAKE_PRIVCMD_WORLD, read at load time, does
 * the same; FAKE_PRIVCMD_LOG=file appends the request log to file.
 */
int fp_set_world(const char *spec);

/* Model. */
void fp_add_domain(uint16_t dom, unsigned pages);
void fp_add_resource(uint16_t dom, unsigned type, unsigned id,
                     unsigned frames);
/* First 8 bytes of every page/frame hold its tag. */
uint64_t fp_page_tag(uint16_t dom, uint64_t gfn);
uint64_t fp_frame_tag(uint16_t dom, unsigned type, unsigned id,
                      uint64_t frame);

/* Error injection (err: positive errno value). */
void fp_fail_open(const char *path, int err);            /* every open */
/* Let `skip` calls of `req` pass, then fail `count` (<0: all). */
void fp_fail_ioctl(unsigned long req, int err, int skip, int count);
void fp_fail_mmap(int err, int count);
/* Page gfn of dom fails with -err for its next `count` (<0: all) maps. */
void fp_page_error(uint16_t dom, uint64_t gfn, int err, int count);
/* What IOCTL_PRIVCMD_UNIMPLEMENTED fails with; 0: it "succeeds". */
void fp_set_unimplemented_errno(int err);

/* Observation. */
int fp_open_fds(void);          /* privcmd fds open right now */
int fp_live_maps(void);         /* privcmd mappings alive right now */
int fp_last_fd(void);           /* real number of the last privcmd fd */
int fp_ioctl_count(unsigned long req);
int fp_mmap_count(void);
const char *fp_log(void);
void fp_log_clear(void);
/* Addresses inside [base, base+len) are logged as H+offset. */
void fp_set_hint_base(void *base, size_t len);

#endif
