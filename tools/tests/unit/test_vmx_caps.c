/*
 * Hosted tests of arch/x86/hvm/vmx/vmx_caps.c: the VMX capability MSRs
 * of Bochs's CPU models (as the hypervisor logged them under Bochs 2.7
 * with loglvl=all) and altered copies decode into the right features,
 * the right missing requirement, and the right boot line.
 */
#include <string.h>

#include <xen/lib.h>
#include <asm-x86/hvm/vmx/vmx_caps.h>

#include "unit.h"

/* cpu: model=corei7_skylake_x: everything we need. */
static const struct vmx_msrs skylake = {
    .feature_control = 0x5,
    .basic = 0xd810000000002bull,
    .pinbased_ctls = 0x7f00000016ull,
    .procbased_ctls = 0xf7f9fffe0401e172ull,
    .procbased_ctls2 = 0x2177fff00000000ull,
    .ept_vpid_cap = 0xf0106334141ull,
};
/* corei5_lynnfield_750: EPT and VPID, no unrestricted guest. */
static const struct vmx_msrs lynnfield = {
    .feature_control = 0x5,
    .basic = 0xd810000000002bull,
    .pinbased_ctls = 0x7f00000016ull,
    .procbased_ctls = 0xf7f9fffe0401e172ull,
    .procbased_ctls2 = 0x7f00000000ull,
    .ept_vpid_cap = 0xf0106114141ull,
};
/* core2_penryn_t9600: secondary controls without EPT or VPID, so no
 * EPT/VPID capability MSR (the reader leaves it 0). */
static const struct vmx_msrs penryn = {
    .feature_control = 0x5,
    .basic = 0xd810000000002bull,
    .pinbased_ctls = 0x3f00000016ull,
    .procbased_ctls = 0xf7f9fffe0401e172ull,
    .procbased_ctls2 = 0x4100000000ull,
};

static const char *missing_of(const struct vmx_msrs *m)
{
    struct vmx_caps c;

    vmx_caps_decode(m, &c);
    return vmx_caps_missing(&c);
}

static bool missing_says(const struct vmx_msrs *m, const char *words)
{
    const char *why = missing_of(m);

    return why && strstr(why, words);
}

static void test_models(void)
{
    struct vmx_caps c;
    char line[128];

    vmx_caps_decode(&skylake, &c);
    CHECK_EQ("vmx-skylake-revision", c.revision, 0x2b);
    CHECK_EQ("vmx-skylake-vmcs-size", c.vmcs_size, 4096);
    CHECK("vmx-skylake-features", c.ept && c.ept_2m && c.ept_1g && c.ept_ad &&
          c.vpid && c.unrestricted && c.preemption_timer && c.true_ctls &&
          c.vmcs_wb && !c.phys_32bit && c.firmware == VMX_FW_ENABLED);
    CHECK("vmx-skylake-nothing-missing", vmx_caps_missing(&c) == NULL);
    vmx_caps_describe(&c, line, sizeof(line));
    unit_result(!strcmp(line, "EPT (2M/1G pages), VPID, unrestricted guest, "
                              "preemption timer, revision 0x2b"),
                "vmx-skylake-line", "got \"%s\"", line);

    vmx_caps_decode(&lynnfield, &c);
    CHECK("vmx-lynnfield-features", c.ept && c.ept_2m && !c.ept_1g &&
          c.vpid && !c.unrestricted);
    CHECK("vmx-lynnfield-missing-unrestricted",
          missing_says(&lynnfield, "no unrestricted guest"));
    vmx_caps_describe(&c, line, sizeof(line));
    unit_result(!strcmp(line, "EPT (2M pages), VPID, preemption timer, "
                              "revision 0x2b"),
                "vmx-lynnfield-line", "got \"%s\"", line);

    vmx_caps_decode(&penryn, &c);
    CHECK("vmx-penryn-secondary-only", c.secondary && !c.ept && !c.vpid &&
          !c.unrestricted && !c.preemption_timer);
    CHECK("vmx-penryn-missing-ept", missing_says(&penryn, "no EPT"));
    vmx_caps_describe(&c, line, sizeof(line));
    unit_result(!strcmp(line, "revision 0x2b"), "vmx-penryn-line",
                "got \"%s\"", line);
}

/* Which MSRs the reader may touch: reading an absent one faults. */
static void test_msr_presence(void)
{
    struct vmx_msrs m = skylake;

    CHECK("vmx-skylake-has-both", vmx_has_procbased_ctls2(&m) &&
          vmx_has_ept_vpid_cap(&m));
    CHECK("vmx-penryn-no-ept-vpid-msr", vmx_has_procbased_ctls2(&penryn) &&
          !vmx_has_ept_vpid_cap(&penryn));
    m.procbased_ctls &= ~(1ull << 63);
    CHECK("vmx-no-secondary-no-msrs", !vmx_has_procbased_ctls2(&m) &&
          !vmx_has_ept_vpid_cap(&m));
    m = skylake;
    m.procbased_ctls2 &= ~(1ull << 33);          /* EPT, VPID left */
    CHECK("vmx-vpid-alone-has-cap-msr", vmx_has_ept_vpid_cap(&m));
}

/* Values an absent MSR holds are ignored, whatever they are. */
static void test_absent_msrs_ignored(void)
{
    struct vmx_msrs m = skylake;
    struct vmx_caps c;

    m.procbased_ctls &= ~(1ull << 63);
    vmx_caps_decode(&m, &c);
    CHECK("vmx-absent-secondary-ignored", !c.secondary && !c.ept &&
          !c.vpid && !c.unrestricted);
    CHECK("vmx-absent-secondary-missing",
          missing_says(&m, "no secondary processor-based controls"));
    m = penryn;
    m.ept_vpid_cap = skylake.ept_vpid_cap;
    vmx_caps_decode(&m, &c);
    CHECK("vmx-absent-ept-cap-ignored", !c.ept && !c.vpid);
}

/* Each requirement missing on its own gives its own words. */
static void test_each_requirement(void)
{
    static const struct {
        const char *name;
        int msr;                 /* 0 fc, 1 basic, 2 proc2, 3 ept cap */
        uint64_t clear, set;
        const char *words;
    } t[] = {
        { "vmx-firmware-disabled", 0, 0x4, 0x1, "disabled by the firmware" },
        { "vmx-vmcs-size-0", 1, 0x1fffull << 32, 0, "VMCS size" },
        { "vmx-vmcs-size-8k", 1, 0x1fffull << 32, 0x2000ull << 32, "VMCS size" },
        { "vmx-vmcs-uncached", 1, 0xfull << 50, 0, "write-back" },
        { "vmx-32bit-addresses", 1, 0, 1ull << 48, "32-bit physical" },
        { "vmx-no-ept-control", 2, 1ull << 33, 0, "no EPT" },
        { "vmx-ept-no-4-level", 3, 1ull << 6, 0, "no EPT" },
        { "vmx-ept-no-wb", 3, 1ull << 14, 0, "no EPT" },
        { "vmx-ept-no-invept", 3, 1ull << 20, 0, "no EPT" },
        { "vmx-ept-no-invept-type", 3, 3ull << 25, 0, "no EPT" },
        { "vmx-no-unrestricted", 2, 1ull << 39, 0, "no unrestricted guest" },
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(t); i++ )
    {
        struct vmx_msrs m = skylake;
        uint64_t *v = t[i].msr == 0 ? &m.feature_control :
                      t[i].msr == 1 ? &m.basic :
                      t[i].msr == 2 ? &m.procbased_ctls2 : &m.ept_vpid_cap;
        const char *why;

        *v = (*v & ~t[i].clear) | t[i].set;
        why = missing_of(&m);
        unit_result(why && strstr(why, t[i].words), t[i].name,
                    "missing: %s, want \"%s\"", why ? why : "(nothing)",
                    t[i].words);
    }
}

static void test_firmware_and_optional(void)
{
    struct vmx_msrs m = skylake;
    struct vmx_caps c;

    m.feature_control = 0;                       /* not locked: we may */
    vmx_caps_decode(&m, &c);
    CHECK("vmx-firmware-unlocked", c.firmware == VMX_FW_UNLOCKED &&
          vmx_caps_missing(&c) == NULL);
    m = skylake;
    m.ept_vpid_cap &= ~(1ull << 32);             /* no INVVPID */
    m.pinbased_ctls &= ~(1ull << 38);            /* no preemption timer */
    vmx_caps_decode(&m, &c);
    CHECK("vmx-optional-absent-still-enough", !c.vpid &&
          !c.preemption_timer && vmx_caps_missing(&c) == NULL);
}

static void test_describe_truncates(void)
{
    struct vmx_caps c;
    char buf[16];

    vmx_caps_decode(&skylake, &c);
    memset(buf, 'x', sizeof(buf));
    vmx_caps_describe(&c, buf, 10);
    CHECK("vmx-describe-truncated", strlen(buf) == 9 && buf[10] == 'x');
    vmx_caps_describe(&c, buf, 1);
    CHECK("vmx-describe-len-1", buf[0] == '\0');
    buf[0] = 'x';
    vmx_caps_describe(&c, buf, 0);
    CHECK("vmx-describe-len-0-untouched", buf[0] == 'x');
}

int main(void)
{
    test_models();
    test_msr_presence();
    test_absent_msrs_ignored();
    test_each_requirement();
    test_firmware_and_optional();
    test_describe_truncates();
    return unit_done();
}
