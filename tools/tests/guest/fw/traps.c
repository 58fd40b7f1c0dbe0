/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The IDT: the 32 exception vectors, and interrupt gates others install
 * (idt_set_gate(): the upcall, fw/irq.c).  An exception at an instruction
 * listed in the exception table (include/x86.h) is expected: resume at
 * its fixup with the exception in %edi/%rdi.  Any other is a bug in the
 * test (or in the hypervisor under it): dump the state, report ERROR.
 */
#include "guest.h"

extern const unsigned long trap_entries[NR_EXCEPTIONS];

#ifdef __x86_64__
struct idt_gate {
    uint16_t off_lo, sel;
    uint8_t ist, type;          /* type: present, DPL 0, interrupt gate */
    uint16_t off_mid;
    uint32_t off_hi, rsvd;
};
# define CODE_SEL SEL_CODE64
#else
struct idt_gate {
    uint16_t off_lo, sel;
    uint8_t zero, type;
    uint16_t off_hi;
};
# define CODE_SEL SEL_CODE32
#endif

static struct idt_gate idt[256] __attribute__((aligned(16)));

static const char *const names[NR_EXCEPTIONS] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
    "#DF", "CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "#15",
    "#MF", "#AC", "#MC", "#XM", "#VE", "#CP",
};

/* Present, DPL 0, interrupt gate (IF cleared on entry). */
void idt_set_gate(unsigned int vector, unsigned long entry)
{
    struct idt_gate *g = &idt[vector & 0xff];

    g->off_lo = entry & 0xffff;
    g->sel = CODE_SEL;
    g->type = 0x8e;
#ifdef __x86_64__
    g->off_mid = (entry >> 16) & 0xffff;
    g->off_hi = (uint64_t)entry >> 32;
#else
    g->off_hi = entry >> 16;
#endif
}

void traps_init(void)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        unsigned long base;
    } ptr = { sizeof(idt) - 1, (unsigned long)idt };

    for ( unsigned int v = 0; v < NR_EXCEPTIONS; v++ )
        idt_set_gate(v, trap_entries[v]);
    asm volatile ("lidt %0" :: "m" (ptr));
}

extern const struct extable_entry __start_ex_table[], __stop_ex_table[];

unsigned long extable_find(unsigned long ip)
{
    for ( const struct extable_entry *e = __start_ex_table;
          e < __stop_ex_table; e++ )
        if ( e->from == ip )
            return e->to;
    return 0;
}

void trap_handler(struct trap_frame *f)
{
    unsigned long cr2, fixup = extable_find(f->ip);
    const char *name = f->vector < NR_EXCEPTIONS && names[f->vector]
                       ? names[f->vector] : "?";

    if ( fixup )
    {
        f->di = EXC(f->vector, f->error_code);
        f->ip = fixup;
        return;
    }

    asm volatile ("mov %%cr2, %0" : "=r" (cr2));
    printk("ERROR - unexpected exception %lu %s, error code %#lx\n",
           f->vector, name, f->error_code);
    printk("  ip %#lx cs %#lx flags %#lx cr2 %#lx\n",
           f->ip, f->cs, f->flags, cr2);
#ifdef __x86_64__
    printk("  rax %#llx rbx %#llx rcx %#llx rdx %#llx\n",
           (unsigned long long)f->ax, (unsigned long long)f->bx,
           (unsigned long long)f->cx, (unsigned long long)f->dx);
    printk("  rsi %#llx rdi %#llx rbp %#llx rsp %#lx\n",
           (unsigned long long)f->si, (unsigned long long)f->di,
           (unsigned long long)f->bp, f->sp);
#else
    printk("  eax %#x ebx %#x ecx %#x edx %#x\n", f->ax, f->bx, f->cx, f->dx);
    printk("  esi %#x edi %#x ebp %#x\n", f->si, f->di, f->bp);
#endif
    test_error("exception %s at %#lx", name, f->ip);
    test_finish();
}
