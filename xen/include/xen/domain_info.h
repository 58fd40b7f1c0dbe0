/*
 * A domain as the toolstack sees it (common/domain_info.c): the record
 * of XEN_DOMCTL_getdomaininfo, also the entries of
 * XEN_SYSCTL_getdomaininfolist.
 */
#ifndef XEN_DOMAIN_INFO_H
#define XEN_DOMAIN_INFO_H

#include <public/domctl.h>

struct domain;

/* Fill *info (every field; unused ones 0) as Xen 4.17 does. */
void domain_get_info(const struct domain *d,
                     struct xen_domctl_getdomaininfo *info);

#endif /* XEN_DOMAIN_INFO_H */
