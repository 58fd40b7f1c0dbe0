/* SPDX-License-Identifier: LGPL-2.1-only */
/* Shared state of the fake privcmd driver; see fake-privcmd.h. */
#ifndef FAKE_INTERNAL_H
#define FAKE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "fake-privcmd.h"

#define FP_MAX_FDS     16
#define FP_MAX_MAPS    64
#define FP_MAX_PAGES   4096      /* per mapping */
#define FP_MAX_DOMS    8
#define FP_MAX_RES     8
#define FP_MAX_FAULTS  16

struct fp_fd {
    int used, fd, seq;
    int restricted;               /* domid, or -1 */
};

struct fp_map {
    int used, seq;
    char *start;
    size_t len;
    int prot, flags;
    int locked;                   /* first batch call has been made */
    uint8_t filled[FP_MAX_PAGES / 8];
};

struct fp_dom { int used; uint16_t dom; unsigned pages; int memfd; };
struct fp_res {
    int used; uint16_t dom; unsigned type, id, frames; int memfd;
};
struct fp_page_fault { int used; uint16_t dom; uint64_t gfn; int err, count; };
struct fp_ioctl_fault { int used; unsigned long req; int err, skip, count; };

struct fp_state {
    struct fp_fd fds[FP_MAX_FDS];
    struct fp_map maps[FP_MAX_MAPS];
    struct fp_dom doms[FP_MAX_DOMS];
    struct fp_res res[FP_MAX_RES];
    struct fp_page_fault pfaults[FP_MAX_FAULTS];
    struct fp_ioctl_fault ifaults[FP_MAX_FAULTS];
    char fail_path[2][64];
    int fail_path_err[2];
    int mmap_err, mmap_count;
    int unimpl_errno;
    int fd_seq, map_seq;
    int n_ioctl[256], n_mmap;
    char *hint_base;
    size_t hint_len;
};

extern struct fp_state fp;

/* Raw system calls: the fake must not call its own interposers. */
long fp_sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
                 long off);
int fp_sys_munmap(void *addr, size_t len);

struct fp_fd *fp_find_fd(int fd);
struct fp_map *fp_find_map(const void *addr);
struct fp_dom *fp_find_dom(uint16_t dom);
void fp_logf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Describe an address for the log: NULL, m<seq>+off, H+off or other. */
const char *fp_addr_name(const void *addr, char *buf, size_t len);

/* Install memfd-backed page `idx` of memfd at page `pg` of map. */
int fp_fill_page(struct fp_map *m, size_t pg, int memfd, uint64_t idx);
int fp_page_filled(const struct fp_map *m, size_t pg);

/* ioctl emulation: returns 0 / -errno. */
long fp_do_ioctl(struct fp_fd *f, unsigned long req, void *arg);

#endif
