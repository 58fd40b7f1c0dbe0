/*
 * Hypercall dispatch through the generated tables.  The arch decides
 * whether the caller is a 32-bit (compat) one and collects the arguments.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/hypercall.h>

long hypercall_dispatch(unsigned long nr, const unsigned long args[5],
                        bool compat)
{
    const hypercall_fn_t *table = compat ? compat_hypercall_table
                                         : native_hypercall_table;

    if ( nr >= NR_HYPERCALLS || !table[nr] )
        return -ENOSYS;
    return table[nr](args);
}
