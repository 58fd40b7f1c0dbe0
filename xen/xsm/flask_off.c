/*
 * Built instead of xen/xsm/flask/ when the hypervisor is configured
 * without FLASK (CONFIG_XSM_FLASK=n in xen/.config): xsm=flask is then
 * refused at boot and the dummy module stays.  A policy boot module is
 * still recognised (xsm_is_policy_module), so it never becomes a domain.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xsm/xsm.h>
#include <xsm/flask/hooks.h>

/* Never installed: flask_init() below always fails. */
const struct xsm_ops xsm_flask_ops = { .name = "flask" };

int flask_init(const void *policy, size_t len, bool enforcing)
{
    (void)policy;
    (void)len;
    (void)enforcing;
    printk("XSM: flask: not built into this hypervisor (CONFIG_XSM_FLASK=n)\n");
    return -EOPNOTSUPP;
}

void flask_reset(void)
{
}

bool flask_enforcing(void)
{
    return false;
}

int flask_config_type(const struct domain_config *cfg)
{
    (void)cfg;
    return 0;
}

void flask_domain_label(struct domain *d, uint32_t type)
{
    (void)d;
    (void)type;
}

void flask_domain_target(struct domain *d)
{
    (void)d;
}
