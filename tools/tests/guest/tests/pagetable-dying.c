/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HVMOP_pagetable_dying (hvm_op 9), which Linux tries once at boot
 * ("HVMOP_pagetable_dying not supported" when refused): a hint for
 * shadow paging, so Xen 4.17 answers a guest on nested paging (HAP)
 * -EINVAL for itself (DOMID_SELF or its own id) and -EOPNOTSUPP for
 * another domain (other=<domid>); -ESRCH for no such domain, -EFAULT for
 * an unreadable argument.
 */
#include "guest.h"
#include "errno.h"
#include "public/hvm/hvm_op.h"

const char test_title[] = "pagetable-dying";

#define NOT_RAM 0xc0000000UL

static long dying(domid_t domid)
{
    struct xen_hvm_pagetable_dying a = { .domid = domid, .gpa = 0x1000 };

    return hypercall_hvm_op(HVMOP_pagetable_dying, &a);
}

void test_main(void)
{
    char other[8];

    check_eq("DOMID_SELF: -EINVAL (nested paging)", dying(DOMID_SELF),
             -EINVAL);
    check_eq("its own id (0 in every run): -EINVAL", dying(0), -EINVAL);
    check_eq("no such domain: -ESRCH", dying(0x7000), -ESRCH);
    check_eq("an argument at 3 GiB: -EFAULT",
             hypercall_hvm_op(HVMOP_pagetable_dying, (void *)NOT_RAM),
             -EFAULT);
    if ( cmdline_get("other", other, sizeof(other)) )
        check_eq("another domain: -EOPNOTSUPP", dying(other[0] - '0'),
                 -EOPNOTSUPP);
}
