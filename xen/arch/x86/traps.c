/*
 * The hypervisor's own IDT and TSS.  An exception in the hypervisor is a
 * hypervisor bug: it is dumped and the machine stops.  The only interrupts
 * we take are the local APIC timer (scheduling) and spurious ones.
 */
#include <xen/lib.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/apic.h>

struct idt_entry {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, rsvd;
} __packed;

struct tss64 {
    uint32_t rsvd0;
    uint64_t rsp[3];
    uint64_t rsvd1;
    uint64_t ist[7];
    uint64_t rsvd2;
    uint16_t rsvd3, iomap_base;
} __packed;

extern char trap_stubs[];
extern uint64_t boot_gdt[];
extern char boot_stack[];

static struct idt_entry idt[256] __attribute__((aligned(16)));
static struct tss64 tss __attribute__((aligned(16)));
/* Double faults get their own stack, so a stack overflow still dumps. */
static char df_stack[4096] __attribute__((aligned(16)));

static const char *const exception_names[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "CSO",
    "#TS", "#NP", "#SS", "#GP", "#PF", "rsvd", "#MF", "#AC", "#MC", "#XM",
    "#VE", "#CP",
};

static void set_gate(unsigned int v, void *handler, unsigned int ist)
{
    uint64_t a = (uint64_t)handler;

    idt[v] = (struct idt_entry){
        .off_lo = a & 0xffff, .sel = BOOT_CS64, .ist = ist,
        .type = 0x8e,                   /* present, DPL0, interrupt gate */
        .off_mid = (a >> 16) & 0xffff, .off_hi = a >> 32,
    };
}

static void load_tss(void)
{
    uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;

    tss.ist[0] = (uint64_t)(df_stack + sizeof(df_stack));
    tss.iomap_base = sizeof(tss);
    /* 16-byte available 64-bit TSS descriptor in GDT slots 3 and 4. */
    boot_gdt[BOOT_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
                             (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
                             (((base >> 24) & 0xff) << 56);
    boot_gdt[BOOT_TSS / 8 + 1] = base >> 32;
    asm volatile ( "ltr %w0" :: "r" (BOOT_TSS) );
}

void traps_init(void)
{
    struct { uint16_t limit; uint64_t base; } __packed idtr = {
        sizeof(idt) - 1, (uint64_t)idt
    };
    unsigned int v;

    for ( v = 0; v < 256; v++ )
        set_gate(v, trap_stubs + v * 16, v == 8 ? 1 : 0);
    asm volatile ( "lidt %0" :: "m" (idtr) );
    load_tss();
}

static void dump_regs(const struct cpu_regs *r)
{
    printk("RIP: %016lx  RFLAGS: %016lx  CS: %04lx  SS: %04lx\n",
           r->rip, r->rflags, r->cs, r->ss);
    printk("RAX: %016lx  RBX: %016lx  RCX: %016lx\n", r->rax, r->rbx, r->rcx);
    printk("RDX: %016lx  RSI: %016lx  RDI: %016lx\n", r->rdx, r->rsi, r->rdi);
    printk("RBP: %016lx  RSP: %016lx  R8:  %016lx\n", r->rbp, r->rsp, r->r8);
    printk("R9:  %016lx  R10: %016lx  R11: %016lx\n", r->r9, r->r10, r->r11);
    printk("R12: %016lx  R13: %016lx  R14: %016lx\n", r->r12, r->r13, r->r14);
    printk("R15: %016lx  CR2: %016lx  CR3: %016lx\n", r->r15, read_cr2(),
           read_cr3());
}

void do_trap(struct cpu_regs *regs)
{
    if ( regs->vector == TIMER_VECTOR )
    {
        apic_timer_interrupt();
        return;
    }
    if ( regs->vector == SPURIOUS_VECTOR ||
         (regs->vector >= PIC_VECTOR_BASE &&
          regs->vector < PIC_VECTOR_BASE + 16) )
        return;                         /* nothing to acknowledge */
    if ( regs->vector >= 32 )
    {
        printk("unexpected interrupt vector %lu\n", regs->vector);
        apic_eoi();
        return;
    }
    printk("hypervisor exception %s (vector %lu), error code %lx\n",
           exception_names[regs->vector] ? exception_names[regs->vector] : "?",
           regs->vector, regs->error_code);
    dump_regs(regs);
    panic("fatal exception in the hypervisor");
}
