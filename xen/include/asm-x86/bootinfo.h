/*
 * What the boot loader told us, in one loader-neutral form.
 */
#ifndef ASM_X86_BOOTINFO_H
#define ASM_X86_BOOTINFO_H

#include <xen/types.h>

#define BOOT_MAX_MODULES 16
#define BOOT_MAX_MEMMAP  64

struct boot_module {
    paddr_t start, end;       /* [start, end) */
    const char *string;       /* "IMAGE key=value ..." */
};

struct boot_mem_range {
    uint64_t base, len;
    uint32_t type;            /* 1 = RAM, as in E820 */
};

struct boot_info {
    const char *cmdline;
    unsigned int nr_modules;
    struct boot_module modules[BOOT_MAX_MODULES];
    unsigned int nr_mem;
    struct boot_mem_range mem[BOOT_MAX_MEMMAP];
    const char *loader;
};

/* Fill bi from a multiboot1 or multiboot2 information block. */
int multiboot_parse(uint32_t magic, paddr_t info, struct boot_info *bi);

#endif /* ASM_X86_BOOTINFO_H */
