/* SPDX-License-Identifier: GPL-2.0-only */
/* The error numbers hypercalls return (negated): Xen's, Linux's on x86. */
#ifndef GUEST_ERRNO_H
#define GUEST_ERRNO_H

#define EPERM        1
#define ENOENT       2
#define ESRCH        3
#define EIO          5
#define ENXIO        6
#define E2BIG        7
#define EAGAIN      11
#define ENOMEM      12
#define EACCES      13
#define EFAULT      14
#define EBUSY       16
#define EEXIST      17
#define EINVAL      22
#define ENOSPC      28
#define EDOM        33
#define ERANGE      34
#define ENOSYS      38
#define EILSEQ      84
#define EOPNOTSUPP  95

#endif /* GUEST_ERRNO_H */
