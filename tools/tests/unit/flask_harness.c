/*
 * Helpers of the hosted FLASK tests: see flask_harness.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem_harness.h"
#include "flask_harness.h"
#include <xen/domain_config.h>
#include <xsm/xsm.h>
#include <xsm/flask/hooks.h>
#include <xsm/flask/policydb.h>

/* Our own copy of the policy, to look names up. */
static struct policydb names;
static bool names_loaded;

static void *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    void *buf = NULL;
    long n;

    *len = 0;
    if ( !f )
        return NULL;
    if ( !fseek(f, 0, SEEK_END) && (n = ftell(f)) > 0 &&
         !fseek(f, 0, SEEK_SET) && (buf = malloc(n)) &&
         fread(buf, 1, n, f) == (size_t)n )
        *len = n;
    fclose(f);
    if ( !*len )
    {
        free(buf);
        buf = NULL;
    }
    return buf;
}

bool fh_load(const char *path, bool enforcing)
{
    size_t len;
    void *p = read_file(path, &len);
    bool ok = p && !flask_init(p, len, enforcing);

    if ( names_loaded )
        policydb_destroy(&names);
    names_loaded = ok && !policydb_load(&names, p, len);
    free(p);
    return ok && names_loaded;
}

void fh_unload(void)
{
    flask_reset();
    if ( names_loaded )
        policydb_destroy(&names);
    names_loaded = false;
}

struct domain *fh_domain(domid_t id, bool control, int target,
                         const char *label)
{
    struct domain_config cfg;
    struct domain *d;
    uint32_t type;

    memset(&cfg, 0, sizeof(cfg));
    cfg.role = control ? DOMROLE_CONTROL : DOMROLE_PLAIN;
    snprintf(cfg.label, sizeof(cfg.label), "%s", label);
    if ( xsm_domain_config_label(&cfg, &type) )
        return NULL;
    d = mh_domain(id, control, target, 4, 16);
    if ( !d )
        return NULL;
    xsm_domain_labelled(d, type);
    if ( d->target )
        xsm_domain_target_set(d);
    return d;
}

uint32_t fh_type(const char *name)
{
    int t = names_loaded ? policydb_type_value(&names, name) : -ENOENT;

    return t > 0 ? t : 0;
}
