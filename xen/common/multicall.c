/*
 * multicall (hypercall 13): run a list of hypercalls, each entry's result
 * written back into it, as Xen 4.17 does for HVM/PVH callers.  Debian's
 * libxenctrl sends every memory_op as a one-entry multicall, so a Linux
 * control domain's toolstack needs it.
 *
 *   an entry whose op has no handler        result -ENOSYS
 *   a multicall inside a multicall          result -EINVAL
 *   an unreadable entry, an unwritable result   -EFAULT (entries before
 *                                           it are done, their results
 *                                           written)
 *   a time slice ending between entries     continued from that entry
 *   an entry's own continuation             its arguments written back
 *                                           into the entry, the
 *                                           multicall continued from it
 * 64-bit callers have 64-byte entries (xen_ulong_t fields), 32-bit ones
 * 32-byte entries; each uses its own hypercall table.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/guest_access.h>
#include <public/xen.h>

#define ENTRY_ARGS 6

/* One entry, whichever the caller's width. */
struct mc_entry {
    unsigned long op, result, args[ENTRY_ARGS];
};

struct compat_mc_entry {
    uint32_t op, result, args[ENTRY_ARGS];
};

static bool in_multicall;          /* one physical CPU: one at a time */

static size_t entry_size(bool compat)
{
    return compat ? sizeof(struct compat_mc_entry)
                  : sizeof(struct multicall_entry);
}

static int read_entry(guest_ptr_t p, bool compat, struct mc_entry *e)
{
    struct compat_mc_entry c;
    struct multicall_entry n;
    unsigned int i;

    if ( compat ? copy_from_guest(&c, p, sizeof(c))
                : copy_from_guest(&n, p, sizeof(n)) )
        return -EFAULT;
    e->op = compat ? c.op : n.op;
    for ( i = 0; i < ENTRY_ARGS; i++ )
        e->args[i] = compat ? c.args[i] : n.args[i];
    return 0;
}

/* The result field only (Xen writes nothing else back). */
static int write_result(guest_ptr_t p, bool compat, long result)
{
    uint32_t r32 = result;
    uint64_t r64 = result;

    return compat ? copy_to_guest(guest_ptr_add(p, 4), &r32, sizeof(r32))
                  : copy_to_guest(guest_ptr_add(p, 8), &r64, sizeof(r64));
}

/* An entry's continuation: its new arguments go back into the entry. */
static int write_args(guest_ptr_t p, bool compat, const struct vcpu *v)
{
    uint32_t a32[ENTRY_ARGS] = { 0 };
    uint64_t a64[ENTRY_ARGS] = { 0 };
    unsigned int i;

    for ( i = 0; i < v->cont.nargs && i < ARRAY_SIZE(v->cont.args); i++ )
    {
        a32[i] = v->cont.args[i];
        a64[i] = v->cont.args[i];
    }
    return compat ? copy_to_guest(guest_ptr_add(p, 8), a32, sizeof(a32))
                  : copy_to_guest(guest_ptr_add(p, 16), a64, sizeof(a64));
}

static long run_entry(const struct mc_entry *e, bool compat)
{
    if ( e->op == __HYPERVISOR_multicall )
        return -EINVAL;
    return hypercall_dispatch(e->op, e->args, compat);
}

static long multicall(guest_ptr_t list, unsigned int nr, bool compat)
{
    size_t size = entry_size(compat);
    struct vcpu *v = current;
    struct mc_entry e;
    unsigned long cargs[2];
    unsigned int i;
    long result;

    for ( i = 0; i < nr; i++ )
    {
        guest_ptr_t p = guest_ptr_add(list, (uint64_t)i * size);

        if ( i && hypercall_preempt_check() )
            break;
        if ( read_entry(p, compat, &e) )
            return -EFAULT;
        v->cont.active = false;
        result = run_entry(&e, compat);
        if ( v->cont.active )
        {
            if ( write_args(p, compat, v) )
                return -EFAULT;
            break;
        }
        if ( result == -ENOSYS )
            printk_ratelimited("d%u: hypercall %lu (in a multicall) not "
                               "implemented\n", v->domain->domain_id, e.op);
        if ( write_result(p, compat, result) )
            return -EFAULT;
    }
    if ( i == nr )
        return 0;
    cargs[0] = guest_ptr_add(list, (uint64_t)i * size).va;
    cargs[1] = nr - i;
    return hypercall_create_continuation(__HYPERVISOR_multicall, 2, cargs);
}

static long multicall_once(guest_ptr_t list, unsigned int nr, bool compat)
{
    long rc;

    if ( in_multicall )
        return -EINVAL;
    in_multicall = true;
    rc = multicall(list, nr, compat);
    in_multicall = false;
    return rc;
}

long do_multicall(guest_ptr_t call_list, unsigned int nr_calls)
{
    return multicall_once(call_list, nr_calls, false);
}

long compat_multicall(guest_ptr_t call_list, unsigned int nr_calls)
{
    return multicall_once(call_list, nr_calls, true);
}
