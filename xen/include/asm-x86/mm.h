/*
 * x86 memory setup (arch/x86/mm/init.c).
 */
#ifndef ASM_X86_MM_H
#define ASM_X86_MM_H

struct boot_info;

/* Build the frame table and give every free RAM frame to the allocator. */
void memory_init(const struct boot_info *bi);

#endif /* ASM_X86_MM_H */
