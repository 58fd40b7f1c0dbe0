/*
 * A PVH domain's ACPI tables in its RAM (asm-x86/acpi_tables.h).
 *
 * They take whole pages at the top of the RAM below 4 GiB, as Xen takes
 * a PVH dom0's from there: the kernel, its modules and start_info are
 * loaded upwards from low addresses and never meet them, and every
 * address in them fits the 32-bit fields.  The memory map says so: RAM
 * below them, the tables as ACPI (E820 type 3), RAM from 4 GiB on if
 * the domain has any.  The pages stay the domain's RAM pages, counted
 * once; the map only tells the guest not to use them before it has read
 * the tables.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/mm.h>
#include <xen/memmap.h>
#include <asm/hvm.h>
#include <asm/acpi_tables.h>

#define GB4 (1ULL << 32)

int pvh_acpi_place(struct domain *d, uint64_t mem_bytes, uint64_t *base)
{
    uint64_t size = ROUNDUP((uint64_t)acpi_tables_size(d->max_vcpus),
                            PAGE_SIZE);
    uint64_t low_end = min(mem_bytes, GB4);

    if ( !size || low_end <= size )
        return -ENOMEM;
    *base = low_end - size;
    d->memmap.nr = 0;
    if ( memmap_add(d, 0, *base, MEMMAP_RAM) ||
         memmap_add(d, *base, size, MEMMAP_ACPI) ||
         (mem_bytes > GB4 &&
          memmap_add(d, GB4, mem_bytes - GB4, MEMMAP_RAM)) )
        return -ENOMEM;
    return 0;
}

int pvh_acpi_write(struct domain *d, uint64_t base)
{
    size_t size = acpi_tables_size(d->max_vcpus);
    void *buf = xmalloc_bytes(size);
    long len = buf ? acpi_build_tables(buf, size, base, d->max_vcpus)
                   : -ENOMEM;
    int rc = len < 0 ? (int)len : hvm_copy_gpa(d, base, buf, len, true);

    xfree(buf);
    if ( rc )
        printk("d%u: ACPI tables not written (%d)\n", d->domain_id, rc);
    else
        printk(XENLOG_INFO "d%u: ACPI tables at %#lx, %ld bytes, %u vCPUs\n",
               d->domain_id, (unsigned long)base, len, d->max_vcpus);
    return rc;
}
