/*
 * Building a PVH domain from a boot module: RAM from 0, ACPI tables at
 * its top below 4 GiB (dom_acpi.c), the ELF image (or the one a bzImage
 * carries, decompressed) loaded at its physical addresses, its initramfs
 * (if any) on the next page boundary, and a struct hvm_start_info (with
 * the RSDP, the memory map, the module list and the command lines) on
 * the page after that.  The vCPU starts at the image's PHYS32_ENTRY with
 * %ebx pointing at start_info.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/pvh_elf.h>
#include <xen/bzimage.h>
#include <xen/xz.h>
#include <xen/mm.h>
#include <public/xen.h>
#include <public/hvm/start_info.h>
#include <asm/hvm.h>
#include <asm/dom_build.h>
#include <asm/acpi_tables.h>

/* Where start_info's pieces go, relative to its page: the structure,
 * room for 8 memory map entries, one module, then the command lines. */
#define SI_MEMMAP_OFF   0x40
#define SI_MODLIST_OFF  0x100
#define SI_CMDLINE_OFF  0x120

static int load_copy(void *ctx, uint64_t gpa, const void *src, size_t len)
{
    return hvm_copy_gpa(ctx, gpa, (void *)src, len, true);
}

static int load_zero(void *ctx, uint64_t gpa, size_t len)
{
    static const uint8_t zeroes[256];

    while ( len )
    {
        size_t n = min(len, sizeof(zeroes));
        int rc = hvm_copy_gpa(ctx, gpa, (void *)zeroes, n, true);

        if ( rc )
            return rc;
        gpa += n;
        len -= n;
    }
    return 0;
}

/* start_info's copy of the domain's memory map (xen/memmap.h). */
static int write_memmap(struct domain *d, uint64_t gpa)
{
    struct hvm_memmap_table_entry e[DOMAIN_MEMMAP_MAX] = {};
    unsigned int i;

    BUILD_BUG_ON(SI_MEMMAP_OFF + sizeof(e) > SI_MODLIST_OFF);
    for ( i = 0; i < d->memmap.nr; i++ )
        e[i] = (struct hvm_memmap_table_entry){
            .addr = d->memmap.e[i].addr, .size = d->memmap.e[i].size,
            .type = d->memmap.e[i].type,
        };
    return hvm_copy_gpa(d, gpa, e, d->memmap.nr * sizeof(e[0]), true);
}

/* Where the initramfs went in the guest; size 0 for none. */
struct placed_initrd {
    uint64_t gpa, size;
    const char *cmdline;
};

/* ram_end: where the RAM a loader may fill ends (the ACPI tables). */
static int write_start_info(struct domain *d, uint64_t si_gpa,
                            uint64_t ram_end,
                            const struct placed_initrd *initrd)
{
    const char *cmdline = d->cfg.cmdline ? d->cfg.cmdline : "";
    size_t cmd_len = strlen(cmdline) + 1;
    const char *mod_cmd = initrd->cmdline ? initrd->cmdline : "";
    size_t mod_cmd_len = *mod_cmd ? strlen(mod_cmd) + 1 : 0;
    struct hvm_start_info si = {
        .magic = XEN_HVM_START_MAGIC_VALUE,
        .version = 1,
        .cmdline_paddr = si_gpa + SI_CMDLINE_OFF,
        .rsdp_paddr = ram_end,
        .memmap_paddr = si_gpa + SI_MEMMAP_OFF,
        .memmap_entries = d->memmap.nr,
    };
    struct hvm_modlist_entry mod = {
        .paddr = initrd->gpa, .size = initrd->size,
        .cmdline_paddr = mod_cmd_len ? si_gpa + SI_CMDLINE_OFF + cmd_len : 0,
    };
    int rc;

    BUILD_BUG_ON(sizeof(si) > SI_MEMMAP_OFF);
    BUILD_BUG_ON(SI_MODLIST_OFF + sizeof(mod) > SI_CMDLINE_OFF);
    if ( SI_CMDLINE_OFF + cmd_len + mod_cmd_len > PAGE_SIZE ||
         si_gpa + PAGE_SIZE > ram_end )
        return -ENOMEM;
    if ( d->is_privileged )
        si.flags = SIF_PRIVILEGED | SIF_INITDOMAIN;
    if ( initrd->size )
    {
        si.nr_modules = 1;
        si.modlist_paddr = si_gpa + SI_MODLIST_OFF;
    }

    rc = hvm_copy_gpa(d, si_gpa, &si, sizeof(si), true);
    if ( !rc )
        rc = write_memmap(d, si_gpa + SI_MEMMAP_OFF);
    if ( !rc && initrd->size )
        rc = hvm_copy_gpa(d, si_gpa + SI_MODLIST_OFF, &mod, sizeof(mod),
                          true);
    if ( !rc )
        rc = hvm_copy_gpa(d, si_gpa + SI_CMDLINE_OFF, (void *)cmdline,
                          cmd_len, true);
    if ( !rc && mod_cmd_len )
        rc = hvm_copy_gpa(d, si_gpa + SI_CMDLINE_OFF + cmd_len,
                          (void *)mod_cmd, mod_cmd_len, true);
    return rc;
}

/* Copy the initramfs to the first page boundary at or above *next;
 * it and start_info's page must end below ram_end. */
static int load_initrd(struct domain *d, const struct boot_initrd *initrd,
                       uint64_t ram_end, uint64_t *next,
                       struct placed_initrd *placed)
{
    uint64_t gpa = ROUNDUP(*next, (uint64_t)PAGE_SIZE);
    int rc;

    *placed = (struct placed_initrd){ 0 };
    if ( !initrd )
        return 0;
    /* Its end, then start_info's page, must fit. */
    if ( initrd->size > ram_end || gpa > ram_end - initrd->size ||
         ROUNDUP(gpa + initrd->size, (uint64_t)PAGE_SIZE) + PAGE_SIZE >
         ram_end )
    {
        printk("d%u: the initramfs (%zu bytes) does not fit in memory after "
               "the kernel (%#lx of %lu MiB): raise the domain's memory\n",
               d->domain_id, initrd->size, (unsigned long)gpa,
               (unsigned long)((uint64_t)d->max_pages >> (20 - PAGE_SHIFT)));
        return -ENOMEM;
    }
    rc = hvm_copy_gpa(d, gpa, (void *)initrd->data, initrd->size, true);
    if ( rc )
        return rc;
    *placed = (struct placed_initrd){ gpa, initrd->size, initrd->cmdline };
    *next = gpa + initrd->size;
    printk("d%u: initramfs of %zu bytes at %#lx\n", d->domain_id,
           initrd->size, (unsigned long)gpa);
    return 0;
}

static int build_from_elf(struct domain *d, const void *image, size_t size,
                          const struct boot_initrd *initrd)
{
    struct pvh_elf_info info;
    struct placed_initrd placed;
    uint64_t mem_bytes = (uint64_t)d->max_pages << PAGE_SHIFT;
    uint64_t si_gpa, next, ram_end = 0;
    int rc;

    rc = pvh_elf_parse(image, size, &info);
    if ( rc == -ENOENT )
        printk("d%u: the ELF image has no XEN_ELFNOTE_PHYS32_ENTRY note "
               "(a Linux kernel needs CONFIG_PVH)\n", d->domain_id);
    else if ( rc )
        printk("d%u: not a PVH ELF image (%d)\n", d->domain_id, rc);
    if ( rc )
        return rc;
    pvh_acpi_place(d, mem_bytes, &ram_end);     /* if not, ram_end is 0 */
    if ( info.load_end > ram_end )
    {
        printk("d%u: the kernel needs memory up to %#lx, more than its "
               "%lu MiB: raise %s\n", d->domain_id,
               (unsigned long)info.load_end, (unsigned long)(mem_bytes >> 20),
               d->cfg.whole_cmdline ? "dom0_mem=" : "mem=");
        return -ENOMEM;
    }
    rc = domain_populate_ram(d, d->max_pages);
    if ( rc && !d->arch.p2m.pool_avail )
    {
        printk("d%u: its P2M pool (%lu pages) cannot map %lu pages of RAM: "
               "raise shadow-memory=\n", d->domain_id,
               d->arch.p2m.pool_total, d->max_pages);
        return rc;
    }
    if ( rc )
    {
        printk("d%u: no memory for %lu pages (%d)\n", d->domain_id,
               d->max_pages, rc);
        return rc;
    }
    rc = pvh_elf_load(&info, image, ram_end, load_copy, load_zero, d);
    if ( rc )
    {
        printk("d%u: image does not fit its memory (%d)\n", d->domain_id, rc);
        return rc;
    }
    next = info.load_end;
    rc = load_initrd(d, initrd, ram_end, &next, &placed);
    if ( rc )
        return rc;
    si_gpa = ROUNDUP(next, (uint64_t)PAGE_SIZE);
    rc = write_start_info(d, si_gpa, ram_end, &placed);
    if ( rc )
    {
        printk("d%u: no room for start_info (%d)\n", d->domain_id, rc);
        return rc;
    }
    rc = pvh_acpi_write(d, ram_end);
    if ( rc )
        return rc;
    hvm_vcpu_set_pvh_entry(d->vcpu[0], info.entry, si_gpa);
    printk("d%u: %s, ELF%u, entry %#x, %lu MiB, start_info at %#lx\n",
           d->domain_id, d->name, info.elf_class, info.entry,
           (unsigned long)(mem_bytes >> 20), (unsigned long)si_gpa);
    return 0;
}

/*
 * A bzImage module (xen/bzimage.h): its ELF, decompressed into a
 * temporary buffer of 2^*order pages that the caller frees once the ELF
 * is loaded (*buf stays NULL for an uncompressed payload).  Anything that
 * is not a bzImage passes through unchanged.
 */
static int unpack_bzimage(struct domain *d, const void **image, size_t *size,
                          void **buf, unsigned int *order)
{
    struct bzimage_info bi;
    char why[160];
    void *work;
    int rc = bzimage_parse(*image, *size, &bi, why, sizeof(why));

    if ( rc == -ENOEXEC )
        return 0;
    if ( rc )
    {
        printk("d%u: bzImage not loadable: %s\n", d->domain_id, why);
        return rc;
    }
    printk("d%u: bzImage, boot protocol %u.%02u, %s payload of %zu bytes, "
           "ELF of %zu\n", d->domain_id, bi.version >> 8, bi.version & 0xff,
           bi.format, bi.payload_len, bi.elf_size);
    if ( !bi.compressed )
    {
        *image = bi.elf;
        *size = bi.elf_size;
        return 0;
    }
    for ( *order = 0; (PAGE_SIZE << *order) < bi.elf_size; ++*order )
        ;
    *buf = alloc_xenheap_pages(*order);
    work = xmalloc_bytes(XZ_WORK_SIZE);
    rc = *buf && work ? bzimage_unpack(&bi, *image, *buf, bi.elf_size, work,
                                       why, sizeof(why)) : -ENOMEM;
    xfree(work);
    if ( rc == -ENOMEM )
        printk("d%u: no memory to decompress the kernel (%zu MiB)\n",
               d->domain_id, bi.elf_size >> 20);
    else if ( rc )
        printk("d%u: bzImage payload does not decompress: %s\n",
               d->domain_id, why);
    *image = *buf;
    *size = bi.elf_size;
    return rc;
}

int pvh_build_domain(struct domain *d, const void *image, size_t size,
                     const struct boot_initrd *initrd)
{
    void *buf = NULL;
    unsigned int order = 0;
    int rc = unpack_bzimage(d, &image, &size, &buf, &order);

    if ( !rc )
        rc = build_from_elf(d, image, size, initrd);
    free_xenheap_pages(buf, order);
    return rc;
}
