/* Hosted tests of common/domain_config.c. */
#include <stdio.h>
#include <string.h>

#include <xen/domain_config.h>
#include <xen/errno.h>
#include <xen/lib.h>

#include "unit.h"

struct unknowns {
    unsigned int n;
    char words[8][64];
};

static void record(void *ctx, const char *key, size_t len)
{
    struct unknowns *u = ctx;

    if ( u->n < 8 )
        snprintf(u->words[u->n], sizeof(u->words[0]), "%.*s", (int)len, key);
    u->n++;
}

static void test_defaults(void)
{
    struct domain_config c;
    const char *s = "guest64";

    CHECK_EQ("domcfg-defaults-rc", domain_config_parse(s, 3, &c, NULL, NULL),
             0);
    CHECK("domcfg-defaults", !strcmp(c.name, "d3") && c.mem_mb == 32 &&
          c.vcpus == 1 && c.role == DOMROLE_PLAIN && c.target == -1 &&
          c.gnttab_frames == 0 && c.gnttab_version_max == 0 && !c.label[0]);
    CHECK("domcfg-image", c.image == s && c.image_len == 7);
    CHECK("domcfg-cmdline-empty", c.cmdline == s + 7 && !*c.cmdline);
}

static void test_all_keys(void)
{
    const char *s = "  /boot/tg-64   name=dm0 mem=128 vcpus=4 role=control "
                    "target=2 gnttab-frames=64 gnttab_version=2 "
                    "label=system_u:system_r:dm_dom_t console=hvc0";
    struct unknowns u = { 0 };
    struct domain_config c;

    CHECK_EQ("domcfg-all-rc", domain_config_parse(s, 1, &c, record, &u), 0);
    CHECK("domcfg-all-name", !strcmp(c.name, "dm0"));
    CHECK("domcfg-all-values", c.mem_mb == 128 && c.vcpus == 4 &&
          c.role == DOMROLE_CONTROL && c.target == 2 &&
          c.gnttab_frames == 64 && c.gnttab_version_max == 2);
    CHECK("domcfg-all-label", !strcmp(c.label, "system_u:system_r:dm_dom_t"));
    CHECK("domcfg-all-image", c.image == s + 2 && c.image_len == 11);
    CHECK("domcfg-all-cmdline", c.cmdline == strstr(s, "name=dm0"));
    CHECK("domcfg-all-unknown", u.n == 1 && !strcmp(u.words[0],
                                                    "console=hvc0"));
}

static void test_unknown_passthrough(void)
{
    const char *s = "img quiet console=\"hvc0 x\" mem=64M foo=bar=baz ";
    struct unknowns u = { 0 };
    struct domain_config c;

    CHECK_EQ("domcfg-unknown-rc", domain_config_parse(s, 4, &c, record, &u),
             0);
    CHECK("domcfg-unknown-words", u.n == 3 && !strcmp(u.words[0], "quiet") &&
          !strcmp(u.words[1], "console=\"hvc0 x\"") &&
          !strcmp(u.words[2], "foo=bar=baz"));
    CHECK("domcfg-mem-suffix", c.mem_mb == 64);
    CHECK("domcfg-unknown-null-cb",
          domain_config_parse(s, 4, &c, NULL, NULL) == 0);
    CHECK("domcfg-mem-g", domain_config_parse("i mem=2G", 1, &c, NULL, NULL)
          == 0 && c.mem_mb == 2048);
    CHECK("domcfg-quoted-known",
          domain_config_parse("i name=\"web\"", 1, &c, NULL, NULL) == 0 &&
          !strcmp(c.name, "web"));
}

static void test_malformed(void)
{
    static const char *const bad[] = {
        "i mem=0", "i mem=65537", "i mem=1x", "i mem=", "i mem",
        "i mem=1500K", "i mem=-1", "i vcpus=0", "i vcpus=129",
        "i vcpus=two", "i role=admin", "i role=", "i target=-1",
        "i target=32752", "i target=x", "i gnttab-frames=0",
        "i gnttab-frames=1025", "i gnttab-version=3", "i name=",
        "i name=a/b", "i name=0123456789012345678901234567890123",
        "i label=", "i label=has;semi", "i mem=99999999999999999999999",
        "i label=" "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "i target=5",  /* its own device model: domid 5 below */
        "", "   ",
    };
    struct domain_config c;
    unsigned int i;
    char name[40];
    int rc;

    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        rc = domain_config_parse(bad[i], 5, &c, NULL, NULL);
        snprintf(name, sizeof(name), "domcfg-malformed-%u", i);
        unit_result(rc == -EINVAL, name, "\"%s\": rc %d", bad[i], rc);
    }

    rc = domain_config_parse("i vcpus=2 mem=zz vcpus=3", 5, &c, NULL, NULL);
    CHECK("domcfg-bad-key-reported", rc == -EINVAL && c.bad_key &&
          c.bad_key_len == 6 && !strncmp(c.bad_key, "mem=zz", 6));
    CHECK("domcfg-null", domain_config_parse(NULL, 0, &c, NULL, NULL) ==
          -EINVAL);
    CHECK("domcfg-name-max", domain_config_parse(
          "i name=0123456789012345678901234567890", 5, &c, NULL, NULL) == 0
          && strlen(c.name) == 31);
    CHECK("domcfg-last-wins", domain_config_parse(
          "i vcpus=2 vcpus=3", 5, &c, NULL, NULL) == 0 && c.vcpus == 3);
}

int main(void)
{
    test_defaults();
    test_all_keys();
    test_unknown_passthrough();
    test_malformed();
    return unit_done();
}
