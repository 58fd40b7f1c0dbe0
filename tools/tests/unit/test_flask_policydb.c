/*
 * Hosted tests of xen/xsm/flask/policydb.c: the FLASK binary policy
 * loader, over small policies (the .conf files in flask/) that checkpolicy compiles
 * for the Xen target at build time, at policy versions 24 and 30.
 *
 * xmalloc is put on the C library's malloc here (with a count of live
 * blocks and optional failure injection), so that ASan sees every
 * overflow and leak of the parser.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/mm.h>
#include <xsm/flask/policydb.h>

#include "unit.h"

#ifndef FLASK_BIN_DIR
#define FLASK_BIN_DIR "build/flask"
#endif

/* ---- xmalloc on malloc ---- */
static long live;
static long fail_after = -1;    /* fail the allocation after this many */

void *xmalloc_bytes(size_t size)
{
    void *p;

    if ( fail_after == 0 )
        return NULL;
    if ( fail_after > 0 )
        fail_after--;
    p = malloc(size ? size : 1);
    if ( p )
        live++;
    return p;
}

void *xzalloc_bytes(size_t size)
{
    void *p = xmalloc_bytes(size);

    if ( p )
        memset(p, 0, size);
    return p;
}

void xfree(void *p)
{
    if ( p )
        live--;
    free(p);
}

/* ---- helpers ---- */
struct image {
    unsigned char *d;
    size_t len;
};

static struct image load_bin(const char *name)
{
    char path[512];
    struct image im = { NULL, 0 };
    FILE *f;
    long n;

    snprintf(path, sizeof(path), "%s/%s.bin", FLASK_BIN_DIR, name);
    f = fopen(path, "rb");
    if ( !f )
    {
        unit_result(false, "flask-read-policy", "cannot open %s", path);
        return im;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    im.d = malloc(n > 0 ? n : 1);
    if ( n > 0 && fread(im.d, 1, n, f) == (size_t)n )
        im.len = n;
    fclose(f);
    return im;
}

static uint32_t rnd(void)
{
    static uint32_t s = 0x2545f491u;        /* fixed seed */

    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
}

/* Permission mask from names, looked up through the API. */
static uint32_t perms(const struct policydb *p, int cls, const char *a,
                      const char *b, const char *c)
{
    const char *n[3] = { a, b, c };
    uint32_t m = 0;
    unsigned int i;

    for ( i = 0; i < 3; i++ )
        if ( n[i] )
        {
            int bit = policydb_perm_bit(p, cls, n[i]);

            if ( bit < 0 )
                return 0xdeadbeef;      /* shows up in the failure */
            m |= 1u << bit;
        }
    return m;
}

#define T(name) policydb_type_value(&p, name)
#define C(name) policydb_class_value(&p, name)

static void test_rich(const char *name, unsigned int version)
{
    struct image im = load_bin(name);
    struct policydb p;
    struct policydb_context ctx;
    char n[96];
    int xen, dom, ev, res, dom0, domU, xen_t;
    long base = live;

#define NAME(s) (snprintf(n, sizeof(n), "flask-%s-%s", name, s), n)
    if ( !im.len )
        return;
    CHECK_EQ(NAME("load"), policydb_load(&p, im.d, im.len), 0);
    CHECK_EQ(NAME("version"), p.version, version);
    CHECK(NAME("not-mls"), !p.mls);

    /* names -> values: classes in declaration order */
    xen = C("xen"), dom = C("domain"), ev = C("event"), res = C("resource");
    CHECK(NAME("class-values"), xen == 1 && dom == 2 && ev == 3 && res == 4 &&
          p.nclasses == 4 && C("nope") == -ENOENT);
    CHECK(NAME("class-name"), !strcmp(policydb_class_name(&p, 3), "event") &&
          !policydb_class_name(&p, 5) && !policydb_class_name(&p, 0));
    /* own permissions count on from the common's */
    CHECK(NAME("perm-bits"), policydb_perm_bit(&p, xen, "settime") == 0 &&
          policydb_perm_bit(&p, xen, "physinfo") == 2 &&
          policydb_perm_bit(&p, dom, "getattr") == 0 &&
          policydb_perm_bit(&p, dom, "setattr") == 1 &&
          policydb_perm_bit(&p, dom, "create") == 2 &&
          policydb_perm_bit(&p, dom, "destroy") == 5);
    CHECK(NAME("perm-missing"), policydb_perm_bit(&p, xen, "getattr") ==
          -ENOENT && policydb_perm_bit(&p, 99, "create") == -ENOENT &&
          policydb_perm_bit(&p, dom, "send") == -ENOENT);

    dom0 = T("dom0_t"), domU = T("domU_t"), xen_t = T("xen_t");
    CHECK(NAME("type-values"), dom0 > 0 && domU > 0 && xen_t > 0 &&
          dom0 != domU && T("nope_t") == -ENOENT &&
          !strcmp(policydb_type_name(&p, dom0), "dom0_t"));
    CHECK_EQ(NAME("type-alias"), T("guest_t"), domU);
    CHECK(NAME("type-attribute"), T("domain_type") > 0 &&
          p.types[T("domain_type") - 1].attribute &&
          !p.types[dom0 - 1].attribute);
    CHECK(NAME("role-user-values"),
          policydb_role_value(&p, "system_r") > 0 &&
          policydb_role_value(&p, "vm_r") > 0 &&
          policydb_user_value(&p, "system_u") > 0 &&
          policydb_user_value(&p, "guest_u") > 0 &&
          policydb_user_value(&p, "root") == -ENOENT);
    CHECK(NAME("bools"), policydb_bool_value(&p, "allow_bind") > 0 &&
          p.bools[policydb_bool_value(&p, "allow_bind") - 1].state &&
          !p.bools[policydb_bool_value(&p, "allow_unpause") - 1].state);

    /* access vectors */
    CHECK_EQ(NAME("allow-direct"), policydb_allowed(&p, dom0, xen_t, xen),
             perms(&p, xen, "settime", "physinfo", NULL));
    CHECK_EQ(NAME("deny-dontaudit"), policydb_allowed(&p, domU, xen_t, xen), 0);
    CHECK_EQ(NAME("deny-other-class"),
             policydb_allowed(&p, dom0, xen_t, dom), 0);
    /* direct + attribute (setattr) + common perms + the else branch of
     * allow_unpause (false by default) */
    CHECK_EQ(NAME("allow-attr-common-cond"),
             policydb_allowed(&p, dom0, domU, dom),
             perms(&p, dom, "create", "pause", "getattr") |
             perms(&p, dom, "setattr", "destroy", NULL));
    CHECK_EQ(NAME("allow-attr-only"), policydb_allowed(&p, domU, domU, dom),
             perms(&p, dom, "setattr", NULL, NULL));
    CHECK_EQ(NAME("allow-attr-and-cond"), policydb_allowed(&p, domU, dom0, ev),
             perms(&p, ev, "send", "bind", NULL));
    CHECK_EQ(NAME("allow-attr-event"), policydb_allowed(&p, dom0, domU, ev),
             perms(&p, ev, "send", NULL, NULL));
    CHECK_EQ(NAME("deny-not-in-attr"), policydb_allowed(&p, xen_t, dom0, ev),
             0);
    CHECK_EQ(NAME("allow-target-attr"),
             policydb_allowed(&p, dom0, T("iomem_t"), res),
             perms(&p, res, "add", "remove", NULL));
    CHECK_EQ(NAME("deny-target-attr-rev"),
             policydb_allowed(&p, T("iomem_t"), dom0, res), 0);
    CHECK(NAME("allowed-bad-values"), !policydb_allowed(&p, 0, dom0, dom) &&
          !policydb_allowed(&p, dom0, p.ntypes + 1, dom) &&
          !policydb_allowed(&p, dom0, domU, 0) &&
          !policydb_allowed(&p, dom0, domU, 5));

    /* initial SIDs, in declaration order */
    CHECK(NAME("isid-dom0"), !policydb_isid(&p, 2, &ctx) &&
          ctx.type == (uint32_t)dom0 &&
          ctx.user == (uint32_t)policydb_user_value(&p, "system_u") &&
          ctx.role == (uint32_t)policydb_role_value(&p, "system_r"));
    CHECK(NAME("isid-xen"), !policydb_isid(&p, 1, &ctx) &&
          ctx.type == (uint32_t)xen_t);
    CHECK(NAME("isid-unlabeled"), !policydb_isid(&p, 4, &ctx) &&
          ctx.type == (uint32_t)T("unlabeled_t"));
    CHECK(NAME("isid-missing"), policydb_isid(&p, 5, &ctx) == -ENOENT &&
          policydb_isid(&p, 0, &ctx) == -ENOENT);

    /* contexts */
    CHECK_EQ(NAME("ctx-ok"),
             policydb_context_type(&p, "system_u:system_r:dom0_t"), dom0);
    CHECK_EQ(NAME("ctx-alias"),
             policydb_context_type(&p, "guest_u:vm_r:guest_t"), domU);
    CHECK_EQ(NAME("ctx-role-not-for-user"),
             policydb_context_type(&p, "guest_u:system_r:xen_t"), -EINVAL);
    CHECK_EQ(NAME("ctx-type-not-for-role"),
             policydb_context_type(&p, "system_u:vm_r:xen_t"), -EINVAL);
    CHECK_EQ(NAME("ctx-attribute"),
             policydb_context_type(&p, "system_u:system_r:domain_type"),
             -EINVAL);
    CHECK_EQ(NAME("ctx-unknown"),
             policydb_context_type(&p, "system_u:system_r:nope_t"), -ENOENT);
    CHECK_EQ(NAME("ctx-unknown-user"),
             policydb_context_type(&p, "nobody:system_r:xen_t"), -ENOENT);
    CHECK(NAME("ctx-malformed"),
          policydb_context_type(&p, "system_u:system_r") == -EINVAL &&
          policydb_context_type(&p, "") == -EINVAL &&
          policydb_context_type(&p, "::") == -EINVAL &&
          policydb_context_type(&p, "system_u::xen_t") == -EINVAL &&
          policydb_context_type(&p, "system_u:system_r:xen_t:s0") ==
          -EINVAL);

    /* type_transition dom0_t domU_t:event domU_t */
    CHECK_EQ(NAME("transition"),
             policydb_transition(&p, dom0, domU, C("event")), domU);
    CHECK(NAME("transition-none"),
          policydb_transition(&p, domU, dom0, C("event")) == 0 &&
          policydb_transition(&p, dom0, domU, C("domain")) == 0 &&
          policydb_transition(&p, 0, domU, C("event")) == 0 &&
          policydb_transition(&p, dom0, domU, 999) == 0);

    /* other Xen object contexts */
    CHECK_EQ(NAME("ocon-pirq"), policydb_ocon_type(&p, POLICYDB_OCON_PIRQ, 33),
             T("irq_t"));
    CHECK_EQ(NAME("ocon-pirq-none"),
             policydb_ocon_type(&p, POLICYDB_OCON_PIRQ, 34), -ENOENT);
    CHECK(NAME("ocon-ioport"),
          policydb_ocon_type(&p, POLICYDB_OCON_IOPORT, 0x60) == T("irq_t") &&
          policydb_ocon_type(&p, POLICYDB_OCON_IOPORT, 0x64) == T("irq_t") &&
          policydb_ocon_type(&p, POLICYDB_OCON_IOPORT, 0x65) == -ENOENT);
    CHECK_EQ(NAME("ocon-iomem"),
             policydb_ocon_type(&p, POLICYDB_OCON_IOMEM, 0xfee10),
             T("iomem_t"));
    CHECK_EQ(NAME("ocon-pci"),
             policydb_ocon_type(&p, POLICYDB_OCON_PCIDEVICE, 0x1800),
             T("irq_t"));
    /* version 24 has no devicetree contexts: checkpolicy drops them */
    CHECK_EQ(NAME("ocon-devicetree"),
             policydb_devicetree_type(&p, "/soc/uart@1000"),
             version >= 30 ? T("dt_t") : -ENOENT);

    policydb_destroy(&p);
    CHECK_EQ(NAME("no-leak"), live, base);
    free(im.d);
#undef NAME
}

static void test_mls(const char *name)
{
    struct image im = load_bin(name);
    struct policydb p;
    struct policydb_context ctx;
    char n[96];
    int vm;
    long base = live;

#define NAME(s) (snprintf(n, sizeof(n), "flask-%s-%s", name, s), n)
    if ( !im.len )
        return;
    CHECK_EQ(NAME("load"), policydb_load(&p, im.d, im.len), 0);
    CHECK(NAME("is-mls"), p.mls && (p.config & POLICYDB_CONFIG_MLS));
    vm = T("vm_t");
    CHECK_EQ(NAME("allow-attr"),
             policydb_allowed(&p, vm, T("xen_t"), C("xen")), 1);
    CHECK_EQ(NAME("allow-direct"),
             policydb_allowed(&p, T("dom0_t"), vm, C("domain")), 1);
    CHECK_EQ(NAME("deny"), policydb_allowed(&p, vm, T("dom0_t"), C("domain")),
             0);
    CHECK(NAME("isid"), !policydb_isid(&p, 2, &ctx) &&
          ctx.type == (uint32_t)T("dom0_t"));
    CHECK_EQ(NAME("ctx-range"),
             policydb_context_type(&p, "system_u:system_r:vm_t:s0-s1:c0"), vm);
    CHECK_EQ(NAME("ctx-no-range"),
             policydb_context_type(&p, "system_u:system_r:vm_t"), vm);
    CHECK_EQ(NAME("ctx-empty-range"),
             policydb_context_type(&p, "system_u:system_r:vm_t:"), -EINVAL);
    CHECK_EQ(NAME("ocon-pirq"), policydb_ocon_type(&p, POLICYDB_OCON_PIRQ, 9),
             T("xen_t"));
    policydb_destroy(&p);
    CHECK_EQ(NAME("no-leak"), live, base);
    free(im.d);
#undef NAME
}

static void test_tiny(const char *name)
{
    struct image im = load_bin(name);
    struct policydb p;
    char n[96];

#define NAME(s) (snprintf(n, sizeof(n), "flask-%s-%s", name, s), n)
    if ( !im.len )
        return;
    CHECK_EQ(NAME("load"), policydb_load(&p, im.d, im.len), 0);
    CHECK(NAME("counts"), p.nclasses == 1 && p.ntypes == 1 && !p.ncommons &&
          !p.nbools && p.nav == 1);
    CHECK_EQ(NAME("allow"), policydb_allowed(&p, 1, 1, 1), 1);
    policydb_destroy(&p);
    free(im.d);
#undef NAME
}

static void put32(unsigned char *d, uint32_t v)
{
    d[0] = v, d[1] = v >> 8, d[2] = v >> 16, d[3] = v >> 24;
}

/* Header offsets: magic 0, name length 4, "XenFlask" 8, version 16,
 * config 20, symbol table count 24, ocontext count 28. */
static void test_header(const char *name)
{
    struct image im = load_bin(name);
    struct policydb p;
    unsigned char *c;
    static const uint32_t bad_versions[] = { 0, 15, 23, 31, 33, 0xffffffff };
    unsigned int i;
    bool ok = true;
    char n[96];
    long base = live;

#define NAME(s) (snprintf(n, sizeof(n), "flask-%s-%s", name, s), n)
    if ( !im.len )
        return;
    c = malloc(im.len + 1);

    for ( i = 0; i < sizeof(bad_versions) / sizeof(bad_versions[0]); i++ )
    {
        memcpy(c, im.d, im.len);
        put32(c + 16, bad_versions[i]);
        ok &= policydb_load(&p, c, im.len) == -EOPNOTSUPP;
    }
    CHECK(NAME("version-refused"), ok);

    memcpy(c, im.d, im.len);
    c[0] ^= 1;
    CHECK_EQ(NAME("bad-magic"), policydb_load(&p, c, im.len), -EINVAL);
    memcpy(c, im.d, im.len);
    memcpy(c + 8, "SE Linux", 8);
    CHECK_EQ(NAME("selinux-target"), policydb_load(&p, c, im.len), -EINVAL);
    memcpy(c, im.d, im.len);
    put32(c + 4, 9);
    CHECK_EQ(NAME("bad-target-len"), policydb_load(&p, c, im.len), -EINVAL);
    memcpy(c, im.d, im.len);
    put32(c + 20, 0x10);
    CHECK_EQ(NAME("bad-config"), policydb_load(&p, c, im.len), -EINVAL);
    memcpy(c, im.d, im.len);
    put32(c + 24, 7);
    CHECK_EQ(NAME("bad-symtab-count"), policydb_load(&p, c, im.len), -EINVAL);
    memcpy(c, im.d, im.len);
    put32(c + 28, c[16] >= 30 ? 5 : 6);
    CHECK_EQ(NAME("bad-ocon-count"), policydb_load(&p, c, im.len), -EINVAL);
    /* the other supported version's layout does not match this image */
    memcpy(c, im.d, im.len);
    put32(c + 16, c[16] >= 30 ? 24 : 30);
    put32(c + 28, c[16] >= 30 ? 5 : 6);
    CHECK_EQ(NAME("other-version-layout"), policydb_load(&p, c, im.len),
             -EINVAL);
    memcpy(c, im.d, im.len);
    c[im.len] = 0;
    CHECK_EQ(NAME("trailing-byte"), policydb_load(&p, c, im.len + 1),
             -EINVAL);
    CHECK_EQ(NAME("empty"), policydb_load(&p, im.d, 0), -EINVAL);
    CHECK_EQ(NAME("null"), policydb_load(&p, NULL, 100), -EINVAL);

    /* every proper prefix */
    ok = true;
    for ( i = 0; i < im.len; i++ )
    {
        unsigned char *t = malloc(i ? i : 1);   /* exact size for ASan */
        int rc;

        memcpy(t, im.d, i);
        rc = policydb_load(&p, t, i);
        if ( rc != -EINVAL )
        {
            unit_result(false, NAME("prefix"), "prefix %u: rc %d", i, rc);
            ok = false;
        }
        free(t);
    }
    CHECK(NAME("every-prefix-einval"), ok);
    CHECK_EQ(NAME("prefix-no-leak"), live, base);

    /* allocation failures at every point: -ENOMEM, nothing leaked */
    ok = true;
    for ( i = 0; ; i++ )
    {
        int rc;

        fail_after = i;
        rc = policydb_load(&p, im.d, im.len);
        fail_after = -1;
        if ( !rc )
        {
            policydb_destroy(&p);
            break;
        }
        if ( rc != -ENOMEM || live != base )
        {
            unit_result(false, NAME("alloc-fail"), "fail after %u: rc %d",
                        i, rc);
            ok = false;
            break;
        }
    }
    CHECK(NAME("alloc-failures-enomem"), ok && i > 10);
    CHECK_EQ(NAME("alloc-no-leak"), live, base);
    free(c);
    free(im.d);
#undef NAME
}

/* Random byte changes (fixed seed): never a crash or leak; a result that
 * loads must answer queries within its own bounds. */
static void test_flips(const char *name, unsigned int rounds)
{
    struct image im = load_bin(name);
    struct policydb p;
    unsigned int i, j, k, loaded = 0, refused = 0, bad = 0;
    char n[96];
    long base = live;

#define NAME(s) (snprintf(n, sizeof(n), "flask-%s-%s", name, s), n)
    if ( !im.len )
        return;
    /* FLASK_FLIP_ROUNDS=n runs n rounds instead (a longer fuzz by hand). */
    if ( getenv("FLASK_FLIP_ROUNDS") )
        rounds = strtoul(getenv("FLASK_FLIP_ROUNDS"), NULL, 0);
    for ( i = 0; i < rounds; i++ )
    {
        unsigned char *c = malloc(im.len);
        unsigned int nflips = 1 + rnd() % 4;
        int rc;

        memcpy(c, im.d, im.len);
        for ( j = 0; j < nflips; j++ )
        {
            size_t at = rnd() % im.len;

            /* Half single-bit flips, half small or random values. */
            switch ( rnd() % 4 )
            {
            case 0:  c[at] ^= 1u << (rnd() % 8); break;
            case 1:  c[at] = rnd(); break;
            case 2:  c[at] = 0xff; break;
            default: c[at] = rnd() % 3; break;
            }
        }
        rc = policydb_load(&p, c, im.len);
        if ( rc == 0 )
        {
            uint32_t sum = 0;

            loaded++;
            for ( j = 0; j <= p.ntypes + 1; j++ )
                for ( k = 0; k <= p.ntypes + 1; k++ )
                    sum += policydb_allowed(&p, j, k, 1 + rnd() % 5);
            for ( j = 0; j < p.nclasses; j++ )
                sum += policydb_perm_bit(&p, j + 1, "create");
            sum += policydb_context_type(&p, "system_u:system_r:xen_t");
            (void)sum;
            policydb_destroy(&p);
        }
        else if ( rc == -EINVAL || rc == -EOPNOTSUPP )
            refused++;
        else
            bad++;
        free(c);
    }
    printf("flask-%s: %u random changes: %u loaded, %u refused\n", name,
           rounds, loaded, refused);
    CHECK_EQ(NAME("flips-rc"), bad, 0);
    CHECK(NAME("flips-mostly-refused"), refused >= rounds / 2);
    CHECK_EQ(NAME("flips-no-leak"), live, base);
    free(im.d);
#undef NAME
}

#undef T
#undef C

int main(void)
{
    test_rich("rich-30", 30);
    test_rich("rich-24", 24);
    test_mls("mls-30");
    test_mls("mls-24");
    test_tiny("tiny-30");
    test_tiny("tiny-24");
    test_header("rich-30");
    test_header("rich-24");
    test_header("mls-30");
    test_header("tiny-24");
    test_flips("rich-30", 3000);
    test_flips("rich-24", 2000);
    test_flips("mls-30", 2000);
    test_flips("tiny-30", 1000);
    return unit_done();
}
