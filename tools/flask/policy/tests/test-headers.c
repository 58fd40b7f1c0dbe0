/*
 * Compile-and-run check of the generated FLASK headers.
 *
 * The expected numbers below are the Xen 4.17 ABI written down a second
 * time, on purpose: if the policy sources get reordered, the headers
 * still agree with the sources but no longer with Xen, and this fails.
 *
 * With --dump, prints "class CLASS VALUE" and "perm CLASS PERM MASK"
 * lines for check-policy.py to compare with the binary policy.
 */
#include <stdio.h>
#include <string.h>

#include "flask.h"
#include "av_permissions.h"

static const char *const class_names[] = {
#define S_(name) name,
#include "class_to_string.h"
#undef S_
};

struct perm_name {
    unsigned int cls;
    unsigned long mask;
    const char *name;
};

static const struct perm_name perm_names[] = {
#define S_(cls, mask, name) { cls, mask, name },
#include "av_perm_to_string.h"
#undef S_
};

static const char *const sid_names[] = {
#include "initial_sid_to_string.h"
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int failed;

static void check(int ok, const char *name)
{
    printf("%s: flask/headers-%s\n", ok ? "PASS" : "FAIL", name);
    failed |= !ok;
}

static void dump(void)
{
    size_t i;

    for ( i = 1; i < N(class_names); i++ )
        printf("class %s %zu\n", class_names[i], i);
    for ( i = 0; i < N(perm_names); i++ )
        printf("perm %s %s %#lx\n", class_names[perm_names[i].cls],
               perm_names[i].name, perm_names[i].mask);
    for ( i = 1; i < N(sid_names); i++ )
        printf("sid %s %zu\n", sid_names[i], i);
}

/*
 * The table lists the classes in order, each from 1UL << 0 upwards with
 * no gap, and ends with the last class.
 */
static int masks_well_formed(void)
{
    size_t i;
    unsigned int cls = 0, bit = 0;

    for ( i = 0; i < N(perm_names); i++ )
    {
        const struct perm_name *p = &perm_names[i];

        if ( p->cls != cls )
        {
            if ( p->cls != cls + 1 )
                return 0;
            cls = p->cls;
            bit = 0;
        }
        if ( bit >= 32 || p->mask != (1UL << bit) )
            return 0;
        bit++;
    }
    return cls == SECCLASS_NUM;
}

int main(int argc, char **argv)
{
    if ( argc > 1 && !strcmp(argv[1], "--dump") )
    {
        dump();
        return 0;
    }

    /* The mapping permission of the seed patch: bit 21 of domain2. */
    check(SECCLASS_DOMAIN2 == 4 && DOMAIN2__RESOURCE_MAP == (1UL << 21),
          "domain2-resource_map");
    check(SECCLASS_XEN == 1 && XEN__SETTIME == 1UL &&
          XEN__SETSCHEDULER == (1UL << 30), "xen");
    check(SECCLASS_DOMAIN == 3 && DOMAIN__SETPAGINGMEMPOOL == (1UL << 29) &&
          DOMAIN__SET_TARGET == (1UL << 19), "domain");
    check(SECCLASS_HVM == 5 && HVM__DM == (1UL << 11), "hvm");
    check(SECCLASS_MMU == 6 && SECCLASS_RESOURCE == 7 &&
          SECCLASS_EVENT == 9 && SECCLASS_GRANT == 10 &&
          SECCLASS_ARGO == 13 && SECCLASS_NUM == 13, "class-order");
    check(SECINITSID_XENBOOT == 1 && SECINITSID_DOM0 == 3 &&
          SECINITSID_DOMIO == 4 && SECINITSID_DOMU == 12 &&
          SECINITSID_DOMDM == 13 && SECINITSID_NUM == 13, "initial-sids");
    check(N(class_names) == SECCLASS_NUM + 1 &&
          !strcmp(class_names[SECCLASS_DOMAIN2], "domain2") &&
          !strcmp(class_names[0], "null"), "class_to_string");
    check(N(sid_names) == SECINITSID_NUM + 1 &&
          !strcmp(sid_names[SECINITSID_DOMDM], "domDM"),
          "initial_sid_to_string");
    check(N(perm_names) == 175 && masks_well_formed(), "av_perm_to_string");
    return failed;
}
