/*
 * Domain control internals shared by common/domctl*.c.
 */
#ifndef XEN_DOMCTL_H
#define XEN_DOMCTL_H

#include <public/domctl.h>

/*
 * XEN_DOMCTL_createdomain after the version check: XSM, the domain id
 * (op->domain 0 or reserved: the next free one after the last given;
 * another in use: -EEXIST), the configuration checked as Xen 4.17 checks
 * it on x86 without PV, then the domain, paused and without vCPUs.
 * op->domain gets its id.  0 or -errno; nothing is left on failure.
 */
long domctl_createdomain(struct xen_domctl *op);

#endif /* XEN_DOMCTL_H */
