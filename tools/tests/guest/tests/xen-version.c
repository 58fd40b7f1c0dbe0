/* SPDX-License-Identifier: GPL-2.0-only */
/* xen_version: every sub-op a guest may use answers sensibly. */
#include "guest.h"
#include "public/version.h"

const char test_title[] = "xen-version";

/* A string sub-op: must succeed and leave a NUL inside the buffer. */
static void string_op(unsigned int cmd, const char *name, char *buf,
                      size_t len)
{
    long rc;
    char what[64];

    memset(buf, 0xff, len);
    rc = hypercall_xen_version(cmd, buf);
    snprintf(what, sizeof(what), "%s returns 0", name);
    if ( !check(rc == 0, what, "rc %ld", rc) )
        return;
    snprintf(what, sizeof(what), "%s is NUL-terminated", name);
    if ( check(strnlen(buf, len) < len, what, "no NUL in %zu bytes", len) )
        printk("info: %s \"%s\"\n", name, buf);
}

void test_main(void)
{
    static char buf[1024];
    xen_compile_info_t ci;
    xen_feature_info_t fi = { .submap_idx = 0 };
    xen_platform_parameters_t pp;
    long rc;

    rc = hypercall_xen_version(XENVER_version, NULL);
    printk("info: version %ld.%ld\n", rc >> 16, rc & 0xffff);
    check(rc >> 16 >= 3, "XENVER_version major >= 3", "rc %#lx", rc);

    string_op(XENVER_extraversion, "extraversion", buf,
              sizeof(xen_extraversion_t));
    string_op(XENVER_capabilities, "capabilities", buf,
              sizeof(xen_capabilities_info_t));
    check(strstr(buf, BITS_PER_LONG == 64 ? "hvm-3.0-x86_64"
                                          : "hvm-3.0-x86_32"),
          "capabilities name this guest's kind", "\"%s\"", buf);
    string_op(XENVER_changeset, "changeset", buf,
              sizeof(xen_changeset_info_t));

    memset(&ci, 0xff, sizeof(ci));
    rc = hypercall_xen_version(XENVER_compile_info, &ci);
    if ( check(rc == 0, "compile_info returns 0", "rc %ld", rc) )
    {
        check(strnlen(ci.compiler, sizeof(ci.compiler)) < sizeof(ci.compiler)
              && strnlen(ci.compile_by, sizeof(ci.compile_by)) <
                 sizeof(ci.compile_by)
              && strnlen(ci.compile_domain, sizeof(ci.compile_domain)) <
                 sizeof(ci.compile_domain)
              && strnlen(ci.compile_date, sizeof(ci.compile_date)) <
                 sizeof(ci.compile_date),
              "compile_info strings NUL-terminated", "overrun");
        printk("info: compiled by %.16s@%.32s on %.32s with %.64s\n",
               ci.compile_by, ci.compile_domain, ci.compile_date,
               ci.compiler);
    }

    rc = hypercall_xen_version(XENVER_platform_parameters, &pp);
    check(rc == 0, "platform_parameters returns 0", "rc %ld", rc);
    printk("info: virt_start %#lx\n", (unsigned long)pp.virt_start);

    rc = hypercall_xen_version(XENVER_get_features, &fi);
    if ( check(rc == 0, "get_features submap 0", "rc %ld", rc) )
    {
        printk("info: features submap 0: %#x\n", fi.submap);
        /* Xen 4.17's answer to an HVM/PVH domain without PIRQs (0x12b05
         * for its PVH dom0); dom0 only for the hardware domain.  Linux
         * uses the pvclock timer only with hvm_callback_vector and
         * hvm_safe_pvclock. */
        check_eq("features as Xen 4.17 (dom0 bit aside)",
                 fi.submap & ~(1u << XENFEAT_dom0), 0x12305);
        check_eq("XENFEAT_dom0 iff SIF_INITDOMAIN",
                 !!(fi.submap & (1u << XENFEAT_dom0)),
                 !!(start_info->flags & SIF_INITDOMAIN));
    }
    fi.submap_idx = XENFEAT_NR_SUBMAPS;
    rc = hypercall_xen_version(XENVER_get_features, &fi);
    check_eq("get_features past the last submap is -EINVAL", rc, -22);

    rc = hypercall_xen_version(XENVER_pagesize, NULL);
    check_eq("pagesize", rc, PAGE_SIZE);

    memset(buf, 0xff, 16);
    rc = hypercall_xen_version(XENVER_guest_handle, buf);
    if ( check(rc == 0, "guest_handle returns 0", "rc %ld", rc) )
    {
        const uint8_t *h = (const void *)buf;

        printk("info: handle %02x%02x%02x%02x-...-%02x%02x\n",
               h[0], h[1], h[2], h[3], h[14], h[15]);
    }

    /* Privileged callers only; just record what we get. */
    memset(buf, 0, sizeof(buf));
    rc = hypercall_xen_version(XENVER_commandline, buf);
    buf[sizeof(buf) - 1] = '\0';
    printk("info: commandline rc %ld \"%s\"\n", rc, rc ? "" : buf);
    ((xen_build_id_t *)buf)->len = sizeof(buf) - sizeof(xen_build_id_t);
    rc = hypercall_xen_version(XENVER_build_id, buf);
    printk("info: build_id rc %ld\n", rc);

    rc = hypercall_xen_version(63, NULL);
    check_eq("unknown sub-op 63 is -ENOSYS", rc, -38);
}
