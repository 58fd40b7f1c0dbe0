/*
 * Error numbers returned to guests (negated).  The values are part of the
 * guest ABI: they are Xen's, which are Linux's on x86.
 */
#ifndef XEN_ERRNO_H
#define XEN_ERRNO_H

#define EPERM       1
#define ENOENT      2
#define ESRCH       3
#define EINTR       4
#define EIO         5
#define ENXIO       6
#define E2BIG       7
#define ENOEXEC     8
#define EBADF       9
#define EAGAIN     11
#define ENOMEM     12
#define EACCES     13
#define EFAULT     14
#define EBUSY      16
#define EEXIST     17
#define EXDEV      18
#define ENODEV     19
#define EINVAL     22
#define ENFILE     23
#define ENOSPC     28
#define EDOM       33
#define ERANGE     34
#define EDEADLK    35
#define ENAMETOOLONG 36
#define ENOSYS     38
#define ENODATA    61
#define EOVERFLOW  75
#define EILSEQ     84
#define EOPNOTSUPP 95
#define EADDRINUSE 98
#define ETIMEDOUT 110
#define EALREADY  114

/* Internal only, never returned to a guest: "not done, call again". */
#define ERESTART   85

#endif /* XEN_ERRNO_H */
