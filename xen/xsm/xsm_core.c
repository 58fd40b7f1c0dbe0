/*
 * Choosing the XSM module at boot: xsm=dummy (the default) or xsm=flask.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xsm/xsm.h>

static char opt_xsm[16] = "dummy";
string_param("xsm", opt_xsm);

const struct xsm_ops *xsm_ops = &xsm_dummy_ops;

void xsm_init(void)
{
    if ( strcmp(opt_xsm, "dummy") )
        printk("XSM: module '%s' is not available; using dummy\n", opt_xsm);
    xsm_ops = &xsm_dummy_ops;
    printk("XSM: %s policy\n", xsm_ops->name);
}
