/*
 * A domain's memory map (xen/memmap.h): kept by the builder, handed out
 * by XENMEM_memory_map.  The native and compat front ends (memory.c,
 * compat/memory.c) only read and write their own structure around
 * memmap_copy_to_guest().
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/memmap.h>

BUILD_BUG_ON(sizeof(struct e820_entry) != 20);

int memmap_add(struct domain *d, uint64_t addr, uint64_t size, uint32_t type)
{
    struct domain_memmap *m = &d->memmap;
    const struct memmap_entry *last = m->nr ? &m->e[m->nr - 1] : NULL;

    if ( !size || addr + size < addr ||
         (last && addr < last->addr + last->size) )
        return -EINVAL;
    if ( m->nr == DOMAIN_MEMMAP_MAX )
        return -ENOSPC;
    m->e[m->nr++] = (struct memmap_entry){ addr, size, type };
    return 0;
}

long memmap_copy_to_guest(struct domain *d, unsigned int *nr_entries,
                          guest_ptr_t buffer)
{
    const struct domain_memmap *m = &d->memmap;
    struct e820_entry out[DOMAIN_MEMMAP_MAX];
    unsigned int i, n = min(*nr_entries, m->nr);

    /* Xen: a domain given no map (none was set) has no such op. */
    if ( !m->nr )
        return -ENOSYS;
    for ( i = 0; i < n; i++ )
        out[i] = (struct e820_entry){ m->e[i].addr, m->e[i].size,
                                      m->e[i].type };
    /* Refusals are logged where every hypercall's are (hypercall.c). */
    if ( copy_to_guest(buffer, out, n * sizeof(out[0])) )
        return -EFAULT;
    *nr_entries = n;
    return 0;
}
