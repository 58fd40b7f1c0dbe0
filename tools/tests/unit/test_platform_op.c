/*
 * platform_op (xen/arch/x86/platform_op.c) issued as a guest issues it,
 * with a fake physical CPU: the order of Xen 4.17's refusals (-EFAULT,
 * then -EACCES for another interface version, then XSM's -EPERM for a
 * plain domain), each command's answer and what it writes back (its
 * part of the structure only), settime moving every domain's wall
 * clock, -ENOSYS for the rest; the layout, the same for 32-bit callers;
 * under FLASK, the permission of each command (xen:settime, firmware,
 * getcpuinfo), allowed to dom0_t and refused to isolated_t.
 */
#include <string.h>
#include "mem_harness.h"
#include "flask_harness.h"
#include <xen/time.h>
#include <xen/shared.h>
#include <generated/hypercall-prototypes.h>
#include <public/platform.h>
#include <asm-x86/pcpu.h>
#include "unit.h"

#define ARG  MH_ARG_VA
#define FAKE_APIC_ID 0x2a

/* The layout: u at 8 and 128 bytes, as Xen's for both widths (no
 * member of the structures answered here needs more than 4-byte
 * alignment in a 32-bit caller, so the offsets are the same there). */
_Static_assert(sizeof(struct xen_platform_op) == 136, "layout");
_Static_assert(offsetof(struct xen_platform_op, u) == 8, "layout");
_Static_assert(sizeof(struct xenpf_settime32) == 16, "layout");
_Static_assert(sizeof(struct xenpf_settime64) == 24, "layout");
_Static_assert(offsetof(struct xenpf_settime64, system_time) == 16, "layout");
_Static_assert(sizeof(struct xenpf_pcpuinfo) == 20, "layout");
_Static_assert(sizeof(struct xenpf_pcpu_version) == 32, "layout");
_Static_assert(offsetof(struct xenpf_pcpu_version, family) == 20, "layout");
_Static_assert(offsetof(struct xenpf_firmware_info, u) == 8, "layout");

/* The arch's half, faked: an AMD family 0x17 CPU. */
void pcpu_identify(unsigned int cpu, struct pcpu_identity *id)
{
    CHECK_EQ("platform-identify-cpu-0-only", cpu, 0);
    memcpy(id->vendor, "AuthenticAMD", 12);
    id->family = 0x17;
    id->model = 0x31;
    id->stepping = 0;
    id->apic_id = FAKE_APIC_ID;
}

static struct xen_platform_op *arg_op(void)
{
    return fake_gmem(current->domain, ARG, sizeof(struct xen_platform_op));
}

/* platform_op with op at ARG, the rest of ARG's page filled with 0xaa. */
static long pf(uint32_t cmd, const void *u, size_t len)
{
    struct xen_platform_op *g = arg_op();

    memset(g, 0xaa, sizeof(*g) + 64);
    g->cmd = cmd;
    g->interface_version = XENPF_INTERFACE_VERSION;
    if ( len )
        memcpy(&g->u, u, len);
    return do_platform_op(guest_ptr(ARG));
}

static bool untouched(const void *p, size_t n)
{
    const uint8_t *b = p;

    while ( n-- )
        if ( *b++ != 0xaa )
            return false;
    return true;
}

static void test_refusals(struct domain *ctl, struct domain *plain)
{
    struct xen_platform_op *g;
    struct xenpf_pcpuinfo p = { .xen_cpuid = 0 };

    fake_set_current(ctl);
    CHECK_EQ("platform-efault",
             do_platform_op(guest_ptr(FAKE_GMEM_HOLE - 8)), -EFAULT);
    pf(XENPF_get_cpuinfo, &p, sizeof(p));
    g = arg_op();
    memset(&g->u, 0xaa, sizeof(g->u));
    g->interface_version = XENPF_INTERFACE_VERSION - 1;
    CHECK_EQ("platform-old-version-eacces", do_platform_op(guest_ptr(ARG)),
             -EACCES);
    g->interface_version = 0;
    CHECK_EQ("platform-version-0-eacces", do_platform_op(guest_ptr(ARG)),
             -EACCES);
    CHECK("platform-refused-writes-nothing", untouched(&g->u, 128));
    fake_set_current(plain);
    pf(XENPF_get_cpuinfo, &p, sizeof(p));
    g = arg_op();
    memset(&g->u, 0xaa, sizeof(g->u));
    g->interface_version = 1;
    CHECK_EQ("platform-plain-bad-version-eacces",
             do_platform_op(guest_ptr(ARG)), -EACCES);
    CHECK_EQ("platform-plain-eperm", pf(XENPF_get_cpuinfo, &p, sizeof(p)),
             -EPERM);
    CHECK_EQ("platform-plain-unknown-eperm", pf(1000, NULL, 0), -EPERM);
    CHECK("platform-plain-writes-nothing", untouched(&arg_op()->u, 128));
    fake_set_current(ctl);
}

static uint64_t shinfo_wc_sec(struct domain *d)
{
    const uint8_t *s = shared_info_va(d);
    uint32_t lo, hi;

    if ( shinfo_is_32bit(d) )
    {
        memcpy(&lo, s + SHINFO32_WC_VERSION + 4, 4);
        memcpy(&hi, s + SHINFO32_WC_SEC_HI, 4);
    }
    else
    {
        memcpy(&lo, s + SHINFO_WC_VERSION + 4, 4);
        memcpy(&hi, s + SHINFO_WC_SEC_HI, 4);
    }
    return ((uint64_t)hi << 32) | lo;
}

static void test_settime(struct domain *other)
{
    struct xenpf_settime64 t64 = {
        .secs = 0x123456789ULL, .nsecs = 300000000,
        .system_time = 1500000000ULL,   /* 1.5 s after boot */
    };
    struct xenpf_settime32 t32 = { 1700000000u, 0, 2000000000ULL };
    uint64_t sec, sec0;
    uint32_t nsec, nsec0;

    wallclock_get_boot(&sec0, &nsec0);
    t64.mbz = 1;
    CHECK_EQ("platform-settime64-mbz", pf(XENPF_settime64, &t64, sizeof(t64)),
             -EINVAL);
    wallclock_get_boot(&sec, &nsec);
    CHECK("platform-settime64-mbz-changes-nothing",
          sec == sec0 && nsec == nsec0);
    t64.mbz = 0;
    CHECK_EQ("platform-settime64", pf(XENPF_settime64, &t64, sizeof(t64)), 0);
    wallclock_get_boot(&sec, &nsec);
    CHECK("platform-settime64-boot-time",
          sec == 0x123456789ULL - 2 && nsec == 800000000);
    CHECK_EQ("platform-settime64-caller-shinfo", shinfo_wc_sec(current->domain),
             sec);
    CHECK_EQ("platform-settime64-other-shinfo", shinfo_wc_sec(other), sec);
    CHECK("platform-settime-writes-nothing",
          untouched((uint8_t *)&arg_op()->u + sizeof(t64), 104));
    CHECK_EQ("platform-settime32", pf(XENPF_settime32, &t32, sizeof(t32)), 0);
    wallclock_get_boot(&sec, &nsec);
    CHECK("platform-settime32-boot-time", sec == 1700000000u - 2 && nsec == 0);
    CHECK_EQ("platform-settime32-other-shinfo", shinfo_wc_sec(other), sec);
    wallclock_set_boot(sec0, nsec0);
}

static void test_firmware_info(void)
{
    struct xenpf_firmware_info fw = { .type = XEN_FW_KBD_SHIFT_FLAGS };
    struct xen_platform_op *g;

    CHECK_EQ("platform-fw-kbd", pf(XENPF_firmware_info, &fw, 8), 0);
    g = arg_op();
    CHECK_EQ("platform-fw-kbd-flags-0", g->u.firmware_info.u.kbd_shift_flags,
             0);
    CHECK("platform-fw-kbd-writes-one-byte",
          g->u.firmware_info.type == XEN_FW_KBD_SHIFT_FLAGS &&
          untouched(g->u.pad + 9, 128 - 9));
    fw.index = 1;
    CHECK_EQ("platform-fw-kbd-index-1", pf(XENPF_firmware_info, &fw, 8),
             -ESRCH);
    fw.index = 0;
    fw.type = XEN_FW_EFI_INFO;
    CHECK_EQ("platform-fw-efi-enosys", pf(XENPF_firmware_info, &fw, 8),
             -ENOSYS);
    for ( fw.type = XEN_FW_DISK_INFO; fw.type <= XEN_FW_VBEDDC_INFO;
          fw.type++ )
        if ( pf(XENPF_firmware_info, &fw, 8) != -ESRCH )
            break;
    CHECK_EQ("platform-fw-disk-mbr-edid-esrch", fw.type, XEN_FW_EFI_INFO);
    fw.type = 0;
    CHECK_EQ("platform-fw-type-0", pf(XENPF_firmware_info, &fw, 8), -EINVAL);
    fw.type = 6;
    CHECK_EQ("platform-fw-type-6", pf(XENPF_firmware_info, &fw, 8), -EINVAL);
    CHECK("platform-fw-refusals-write-nothing",
          untouched(arg_op()->u.pad + 8, 120));
}

static void test_pcpu(void)
{
    struct xenpf_pcpuinfo p = { .xen_cpuid = 0, .apic_id = 7, .acpi_id = 9 };
    struct xenpf_pcpu_version v = { .xen_cpuid = 0 };
    struct xen_platform_op *g;

    CHECK_EQ("platform-cpuinfo-0", pf(XENPF_get_cpuinfo, &p, sizeof(p)), 0);
    g = arg_op();
    CHECK("platform-cpuinfo-0-values",
          g->u.pcpu_info.flags == XEN_PCPU_FLAGS_ONLINE &&
          g->u.pcpu_info.apic_id == FAKE_APIC_ID &&
          g->u.pcpu_info.acpi_id == 0 && g->u.pcpu_info.max_present == 0);
    CHECK("platform-cpuinfo-writes-20-bytes",
          untouched(g->u.pad + 20, 128 - 20));
    p.xen_cpuid = 1;
    CHECK_EQ("platform-cpuinfo-1", pf(XENPF_get_cpuinfo, &p, sizeof(p)), 0);
    g = arg_op();
    CHECK("platform-cpuinfo-1-invalid",
          g->u.pcpu_info.flags == XEN_PCPU_FLAGS_INVALID &&
          g->u.pcpu_info.apic_id == 7 && g->u.pcpu_info.acpi_id == 9 &&
          g->u.pcpu_info.max_present == 0);
    p.xen_cpuid = ~0u;
    CHECK_EQ("platform-cpuinfo-huge", pf(XENPF_get_cpuinfo, &p, sizeof(p)), 0);
    CHECK_EQ("platform-cpuinfo-huge-invalid", arg_op()->u.pcpu_info.flags,
             XEN_PCPU_FLAGS_INVALID);

    CHECK_EQ("platform-cpuversion-0",
             pf(XENPF_get_cpu_version, &v, sizeof(v)), 0);
    g = arg_op();
    CHECK("platform-cpuversion-0-values",
          !memcmp(g->u.pcpu_version.vendor_id, "AuthenticAMD", 12) &&
          g->u.pcpu_version.family == 0x17 &&
          g->u.pcpu_version.model == 0x31 &&
          g->u.pcpu_version.stepping == 0 &&
          g->u.pcpu_version.max_present == 0);
    CHECK("platform-cpuversion-writes-32-bytes",
          untouched(g->u.pad + 32, 128 - 32));
    v.xen_cpuid = 3;
    CHECK_EQ("platform-cpuversion-3", pf(XENPF_get_cpu_version, &v, sizeof(v)),
             0);
    g = arg_op();
    CHECK("platform-cpuversion-3-zeros",
          !memcmp(g->u.pcpu_version.vendor_id, "\0\0\0\0\0\0\0\0\0\0\0\0",
                  12) && !g->u.pcpu_version.family &&
          !g->u.pcpu_version.model && !g->u.pcpu_version.stepping &&
          g->u.pcpu_version.max_present == 0);
}

static void test_enosys(void)
{
    static const uint32_t cmds[] = {
        0, XENPF_add_memtype, XENPF_microcode_update, XENPF_efi_runtime_call,
        XENPF_enter_acpi_sleep, XENPF_getidletime, XENPF_set_processor_pminfo,
        XENPF_cpu_online, XENPF_core_parking, XENPF_resource_op,
        XENPF_get_symbol, 64, 65, 1000, ~0u,
    };
    unsigned int i, bad = 0;

    for ( i = 0; i < ARRAY_SIZE(cmds); i++ )
        bad += pf(cmds[i], NULL, 0) != -ENOSYS;
    CHECK_EQ("platform-others-enosys", bad, 0);
    CHECK("platform-enosys-writes-nothing", untouched(&arg_op()->u, 128));
}

/* FLASK with the real policy: dom0_t may, isolated_t may not. */
static void test_flask(void)
{
    struct domain *c, *iso;
    struct xenpf_pcpuinfo p = { .xen_cpuid = 0 };
    struct xenpf_firmware_info fw = { .type = XEN_FW_KBD_SHIFT_FLAGS };
    struct xenpf_settime64 t = { .secs = 1, .system_time = 0 };
    uint64_t sec0;
    uint32_t nsec0;
    bool loaded = fh_load(FLASK_POLICY, true);

    CHECK("platform-flask-load", loaded);
    if ( !loaded )
        return;
    wallclock_get_boot(&sec0, &nsec0);
    c = fh_domain(50, true, -1, "");
    iso = fh_domain(51, true, -1, "system_u:system_r:isolated_t");
    CHECK("platform-flask-domains", c && iso);
    if ( !c || !iso )
        goto out;
    fake_set_current(c);
    CHECK_EQ("platform-flask-dom0-cpuinfo",
             pf(XENPF_get_cpuinfo, &p, sizeof(p)), 0);
    CHECK_EQ("platform-flask-dom0-firmware", pf(XENPF_firmware_info, &fw, 8),
             0);
    CHECK_EQ("platform-flask-dom0-settime", pf(XENPF_settime64, &t, sizeof(t)),
             0);
    fake_set_current(iso);
    CHECK_EQ("platform-flask-isolated-cpuinfo",
             pf(XENPF_get_cpuinfo, &p, sizeof(p)), -EACCES);
    CHECK_EQ("platform-flask-isolated-cpuversion",
             pf(XENPF_get_cpu_version, &p, sizeof(p)), -EACCES);
    CHECK_EQ("platform-flask-isolated-firmware",
             pf(XENPF_firmware_info, &fw, 8), -EACCES);
    CHECK_EQ("platform-flask-isolated-settime",
             pf(XENPF_settime64, &t, sizeof(t)), -EACCES);
    CHECK_EQ("platform-flask-isolated-sleep",
             pf(XENPF_enter_acpi_sleep, NULL, 0), -EACCES);
    CHECK_EQ("platform-flask-isolated-hotplug-enosys",
             pf(XENPF_cpu_online, NULL, 0), -ENOSYS);
    CHECK("platform-flask-refused-writes-nothing",
          untouched(&arg_op()->u.pad[24], 104));
 out:
    wallclock_set_boot(sec0, nsec0);
    fake_set_current(NULL);
    fh_unload();
}

int main(void)
{
    struct domain *ctl, *plain;

    fake_machine_init(2048, 0);
    ctl = mh_domain(0, true, -1, 1, 16);
    plain = mh_domain(1, false, -1, 1, 16);
    CHECK("platform-domains", ctl && plain);
    if ( !ctl || !plain )
        return unit_done();
    shinfo_latch_width(plain, false);
    test_refusals(ctl, plain);
    test_settime(plain);
    test_firmware_info();
    test_pcpu();
    test_enosys();
    current = NULL;
    mh_destroy_all();
    test_flask();
    mh_destroy_all();
    fake_machine_fini();
    return unit_done();
}
