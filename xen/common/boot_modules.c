/*
 * Which boot module becomes what (see xen/boot_modules.h).
 */
#include <xen/boot_modules.h>
#include <xen/bzimage.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pvh_elf.h>

static bool is_elf(const uint8_t *p, size_t size)
{
    return size >= 4 && !memcmp(p, "\177ELF", 4);
}

enum boot_module_kind boot_module_classify(const void *p, size_t size)
{
    struct pvh_elf_info info;

    if ( bzimage_is_bzimage(p, size) )
        return BOOTMOD_LINUX;
    if ( !is_elf(p, size) )
        return BOOTMOD_DATA;
    /* An ELF that does not parse is still meant as a kernel: building
     * it says what is wrong. */
    if ( !pvh_elf_parse(p, size, &info) && info.is_linux )
        return BOOTMOD_LINUX;
    return BOOTMOD_KERNEL;
}

static bool is_kernel(enum boot_module_kind k)
{
    return k == BOOTMOD_KERNEL || k == BOOTMOD_LINUX;
}

unsigned int boot_modules_plan(const enum boot_module_kind *kinds,
                               unsigned int n,
                               struct boot_module_role *roles)
{
    unsigned int i, nr_domains = 0;
    int last = -1;          /* the module of the latest domain */

    for ( i = 0; i < n; i++ )
    {
        roles[i] = (struct boot_module_role){ .domid = -1, .initrd = -1 };
        if ( kinds[i] == BOOTMOD_POLICY )
            continue;
        if ( kinds[i] == BOOTMOD_DATA && last >= 0 &&
             is_kernel(kinds[last]) && roles[last].initrd < 0 )
        {
            roles[last].initrd = i;
            continue;
        }
        roles[i].domid = nr_domains++;
        last = i;
    }
    return nr_domains;
}
