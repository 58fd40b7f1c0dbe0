/*
 * Hosted tests of the boot conventions: common/boot_modules.c (which
 * module becomes what), common/dom0_options.c (dom0_mem=,
 * dom0_max_vcpus=), the GUEST_OS note of common/pvh_elf.c and
 * domain_config_whole_cmdline().
 */
#include <stdio.h>
#include <string.h>

#include <xen/boot_modules.h>
#include <xen/dom0_options.h>
#include <xen/domain_config.h>
#include <xen/errno.h>
#include <xen/param.h>
#include <xen/pvh_elf.h>

#include "elfgen.h"
#include "unit.h"

#define MIB(n) ((unsigned long)(n) << 8)        /* in 4 KiB pages */

#define D BOOTMOD_DATA
#define P BOOTMOD_POLICY
#define K BOOTMOD_KERNEL
#define L BOOTMOD_LINUX

/* Plan kinds[0..n): each module's domid and initrd must be as given. */
static void check_plan(const char *name, const enum boot_module_kind *k,
                       unsigned int n, const int *domid, const int *initrd,
                       unsigned int nr_domains)
{
    struct boot_module_role r[8];
    unsigned int i, got = boot_modules_plan(k, n, r);
    bool ok = got == nr_domains;

    for ( i = 0; i < n; i++ )
        ok = ok && r[i].domid == domid[i] && r[i].initrd == initrd[i];
    unit_result(ok, name, "plan differs (%u domains)", got);
}

static void test_plans(void)
{
    /* QEMU -kernel xen -initrd "vmlinuz ARGS,initrd.gz" */
    check_plan("bootmod-xen-linux-initrd", (enum boot_module_kind[]){ L, D },
               2, (int[]){ 0, -1 }, (int[]){ 1, -1 }, 1);
    /* GRUB 20_linux_xen with a policy between (xenpolicy first) */
    check_plan("bootmod-policy-skipped",
               (enum boot_module_kind[]){ P, L, P, D }, 4,
               (int[]){ -1, 0, -1, -1 }, (int[]){ -1, 3, -1, -1 }, 1);
    /* ours: one domain a kernel */
    check_plan("bootmod-ours-three", (enum boot_module_kind[]){ K, K, K }, 3,
               (int[]){ 0, 1, 2 }, (int[]){ -1, -1, -1 }, 3);
    /* each kernel its own initramfs */
    check_plan("bootmod-two-initrds", (enum boot_module_kind[]){ K, D, L, D },
               4, (int[]){ 0, -1, 1, -1 }, (int[]){ 1, -1, 3, -1 }, 2);
    /* a second data module is a (bad) domain of its own */
    check_plan("bootmod-second-data", (enum boot_module_kind[]){ K, D, D }, 3,
               (int[]){ 0, -1, 1 }, (int[]){ 1, -1, -1 }, 2);
    /* data first: a domain, whose build will fail; no initramfs for it */
    check_plan("bootmod-data-first", (enum boot_module_kind[]){ D, D }, 2,
               (int[]){ 0, 1 }, (int[]){ -1, -1 }, 2);
    check_plan("bootmod-none", (enum boot_module_kind[]){ P }, 1,
               (int[]){ -1 }, (int[]){ -1 }, 0);
}

static enum boot_module_kind classify_elf(const char *guest_os)
{
    static uint8_t img[4096];
    struct elfgen_layout lay;
    struct elfgen g;
    size_t n;

    elfgen_default(&g, true);
    g.guest_os = guest_os;
    n = elfgen_build(&g, img, sizeof(img), &lay);
    return boot_module_classify(img, n);
}

static void test_classify(void)
{
    static uint8_t bz[0x300];
    struct pvh_elf_info info;
    static uint8_t img[4096];
    struct elfgen_layout lay;
    struct elfgen g;
    size_t n;

    CHECK_EQ("bootmod-elf-kernel", classify_elf(NULL), BOOTMOD_KERNEL);
    CHECK_EQ("bootmod-elf-other-os", classify_elf("xtf"), BOOTMOD_KERNEL);
    CHECK_EQ("bootmod-elf-linux-prefix", classify_elf("linuxish"),
             BOOTMOD_KERNEL);
    CHECK_EQ("bootmod-elf-linux", classify_elf("linux"), BOOTMOD_LINUX);
    /* A header alone makes a bzImage, even a broken one: building it
     * then says what is wrong. */
    memcpy(bz + 0x202, "HdrS", 4);
    CHECK_EQ("bootmod-bzimage", boot_module_classify(bz, sizeof(bz)),
             BOOTMOD_LINUX);
    CHECK_EQ("bootmod-bzimage-truncated", boot_module_classify(bz, 0x205),
             BOOTMOD_DATA);
    CHECK_EQ("bootmod-cpio", boot_module_classify("070701", 6), BOOTMOD_DATA);
    CHECK_EQ("bootmod-empty", boot_module_classify("", 0), BOOTMOD_DATA);
    CHECK_EQ("bootmod-elf-broken", boot_module_classify("\177ELF", 4),
             BOOTMOD_KERNEL);

    elfgen_default(&g, false);
    g.guest_os = "linux";
    n = elfgen_build(&g, img, sizeof(img), &lay);
    CHECK("pvh-elf-guest-os-linux", !pvh_elf_parse(img, n, &info) &&
          info.is_linux && info.entry == 0x100010);
    g.guest_os = NULL;
    n = elfgen_build(&g, img, sizeof(img), &lay);
    CHECK("pvh-elf-no-guest-os", !pvh_elf_parse(img, n, &info) &&
          !info.is_linux);
}

static unsigned long mem_pages(const char *s, unsigned long avail)
{
    struct dom0_mem_spec spec;

    if ( dom0_mem_parse(s, &spec) )
        return ~0ul;
    return dom0_mem_pages(&spec, avail);
}

static void test_dom0_mem(void)
{
    struct dom0_mem_spec spec;

    memset(&spec, 0, sizeof(spec));

    CHECK_EQ("dom0-mem-plain", mem_pages("512M", MIB(1024)), MIB(512));
    CHECK_EQ("dom0-mem-kib-default", mem_pages("524288", MIB(1024)),
             MIB(512));
    CHECK_EQ("dom0-mem-all-but", mem_pages("-256M", MIB(1024)), MIB(768));
    CHECK_EQ("dom0-mem-all-but-more", mem_pages("-2G", MIB(1024)), 0);
    CHECK_EQ("dom0-mem-pct", mem_pages("25%", MIB(1024)), MIB(256));
    CHECK_EQ("dom0-mem-size-pct", mem_pages("1G+25%", MIB(4096)),
             MIB(2048));
    CHECK_EQ("dom0-mem-capped", mem_pages("2G", MIB(1024)), MIB(1024));
    CHECK_EQ("dom0-mem-max", mem_pages("512M,max:256M", MIB(1024)),
             MIB(256));
    CHECK_EQ("dom0-mem-min", mem_pages("min:300M,128M", MIB(1024)),
             MIB(300));
    CHECK_EQ("dom0-mem-max-only", mem_pages("max:200M", MIB(1024)),
             MIB(200));
    /* No amount: all but 1/16, at most 128 MiB held back. */
    CHECK_EQ("dom0-mem-default-small", mem_pages("max:4G", MIB(1024)),
             MIB(960));
    CHECK_EQ("dom0-mem-default-big", mem_pages("min:1M", MIB(8192)),
             MIB(8064));
    CHECK_EQ("dom0-mem-bad-unit", mem_pages("512X", MIB(1024)), ~0ul);
    CHECK_EQ("dom0-mem-bad-pct", mem_pages("101%", MIB(1024)), ~0ul);
    CHECK_EQ("dom0-mem-bad-key", mem_pages("mid:1M", MIB(1024)), ~0ul);
    CHECK_EQ("dom0-mem-trailing-comma", mem_pages("1M,", MIB(1024)), ~0ul);
    CHECK_EQ("dom0-mem-empty-item", mem_pages("1M,,2M", MIB(1024)), ~0ul);
    CHECK_EQ("dom0-mem-too-long",
             mem_pages("123456789012345678901234567890123456789012345M",
                       MIB(1024)), ~0ul);
    /* A bad value changes nothing. */
    spec.amount.set = true;
    spec.amount.bytes = 7;
    CHECK("dom0-mem-bad-keeps", dom0_mem_parse("max:", &spec) == -EINVAL &&
          spec.amount.set && spec.amount.bytes == 7);
}

static void test_dom0_vcpus(void)
{
    unsigned int lo = 9, hi = 9;

    CHECK("dom0-vcpus-n", !dom0_vcpus_parse("4", &lo, &hi) && lo == 4 &&
          hi == 4);
    CHECK("dom0-vcpus-range", !dom0_vcpus_parse("1-8", &lo, &hi) &&
          lo == 1 && hi == 8);
    lo = hi = 9;
    CHECK("dom0-vcpus-bad", dom0_vcpus_parse("8-1", &lo, &hi) == -EINVAL &&
          dom0_vcpus_parse("0", &lo, &hi) == -EINVAL &&
          dom0_vcpus_parse("", &lo, &hi) == -EINVAL &&
          dom0_vcpus_parse("2-", &lo, &hi) == -EINVAL &&
          dom0_vcpus_parse("x", &lo, &hi) == -EINVAL && lo == 9 && hi == 9);
}

/* The options as the hypervisor's command line sets them. */
static void test_dom0_cmdline(void)
{
    CHECK("dom0-opts-unset", !dom0_mem_given() && !dom0_vcpus_given());
    cmdline_parse("dom0_mem=bogus dom0_max_vcpus=1-4 dom0=pvh,verbose");
    CHECK("dom0-opts-bad-mem-ignored", !dom0_mem_given());
    CHECK("dom0-opts-vcpus", dom0_vcpus_given() && dom0_vcpus(1) == 1 &&
          dom0_vcpus(2) == 2 && dom0_vcpus(16) == 4);
    cmdline_parse("dom0_mem=min:64M,-1G");
    CHECK("dom0-opts-mem", dom0_mem_given() &&
          dom0_mem_pages_of(MIB(1024)) == MIB(64) &&
          dom0_mem_pages_of(MIB(2048)) == MIB(1024));
}

static void test_whole_cmdline(void)
{
    const char *s = "/boot/vmlinuz-6.1 root=/dev/xvda mem=256 name=x ro";
    struct domain_config c;

    CHECK("domcfg-whole-rc", !domain_config_whole_cmdline(s, 0, &c));
    CHECK("domcfg-whole-cmdline", !strcmp(c.cmdline,
          "root=/dev/xvda mem=256 name=x ro") && c.image == s &&
          c.image_len == 17);
    CHECK("domcfg-whole-no-keys", c.mem_mb == 32 && !c.mem_given &&
          !strcmp(c.name, "d0") && c.whole_cmdline);
    CHECK_EQ("domcfg-whole-empty", domain_config_whole_cmdline("  ", 0, &c),
             -EINVAL);
    CHECK_EQ("domcfg-whole-null", domain_config_whole_cmdline(NULL, 0, &c),
             -EINVAL);
}

int main(void)
{
    test_plans();
    test_classify();
    test_dom0_mem();
    test_dom0_vcpus();
    test_dom0_cmdline();
    test_whole_cmdline();
    return unit_done();
}
