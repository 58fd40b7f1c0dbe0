/*
 * Choosing the XSM module at boot: xsm=dummy (the default) or xsm=flask
 * with a policy boot module (flask=enforcing|permissive).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xsm/xsm.h>
#include <xsm/flask/policydb.h>
#include <xsm/flask/hooks.h>

/* CONFIG_XSM_FLASK_DEFAULT (xen/.config): FLASK unless xsm=dummy. */
#ifdef CONFIG_XSM_FLASK_DEFAULT
static char opt_xsm[16] = "flask";
#else
static char opt_xsm[16] = "dummy";
#endif
string_param("xsm", opt_xsm);
static char opt_flask[16] = "enforcing";
string_param("flask", opt_flask);

const struct xsm_ops *xsm_ops = &xsm_dummy_ops;

static bool flask_active(void)
{
    return xsm_ops == &xsm_flask_ops;
}

bool xsm_is_policy_module(const void *data, size_t len)
{
    const uint8_t *b = data;
    uint32_t magic, n;

    if ( !data || len < 8 + sizeof(POLICYDB_TARGET_XEN) - 1 )
        return false;
    magic = b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
    n = b[4] | b[5] << 8 | b[6] << 16 | (uint32_t)b[7] << 24;
    return magic == POLICYDB_MAGIC &&
           n == sizeof(POLICYDB_TARGET_XEN) - 1 &&
           !memcmp(b + 8, POLICYDB_TARGET_XEN, n);
}

static void flask_start(const void *policy, size_t len)
{
    bool enforcing = true;
    int rc;

    if ( !strcmp(opt_flask, "permissive") )
        enforcing = false;
    else if ( strcmp(opt_flask, "enforcing") )
        printk("XSM: flask=%s not understood; enforcing\n", opt_flask);
    if ( !policy )
    {
        printk("XSM: flask: no policy module; using dummy\n");
        return;
    }
    rc = flask_init(policy, len, enforcing);
    if ( rc )
        printk("XSM: flask: policy refused (%d); using dummy\n", rc);
    else
        printk("XSM: flask: policy loaded (%zu bytes), %s\n", len,
               enforcing ? "enforcing" : "permissive");
}

void xsm_init(const void *policy, size_t len)
{
    xsm_ops = &xsm_dummy_ops;
    if ( !strcmp(opt_xsm, "flask") )
        flask_start(policy, len);
    else
    {
        if ( strcmp(opt_xsm, "dummy") )
            printk("XSM: module '%s' is not available; using dummy\n",
                   opt_xsm);
        if ( policy )
            printk("XSM: FLASK policy module ignored (xsm=%s)\n", opt_xsm);
    }
    printk("XSM: %s policy\n", xsm_ops->name);
}

int xsm_domain_config_label(const struct domain_config *cfg, uint32_t *type)
{
    int t;

    *type = 0;
    if ( !flask_active() )
        return 0;
    t = flask_config_type(cfg);
    if ( t < 0 )
        return t;
    *type = t;
    return 0;
}

void xsm_domain_labelled(struct domain *d, uint32_t type)
{
    if ( flask_active() )
        flask_domain_label(d, type);
}

void xsm_domain_target_set(struct domain *d)
{
    if ( flask_active() )
        flask_domain_target(d);
}
