/*
 * Hypercall continuations: a long operation records how the guest should
 * re-issue the call (the same hypercall with updated arguments); the arch
 * applies the record when the handler returns (it rewinds the guest to
 * the hypercall instruction and loads the arguments).
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/hypercall.h>

long hypercall_create_continuation(unsigned int nr, unsigned int nargs,
                                   const unsigned long args[])
{
    struct hypercall_continuation *c = &current->cont;
    unsigned int i;

    ASSERT(nargs <= ARRAY_SIZE(c->args));
    c->active = true;
    c->nargs = nargs;
    for ( i = 0; i < nargs; i++ )
        c->args[i] = args[i];
    return nr;
}
