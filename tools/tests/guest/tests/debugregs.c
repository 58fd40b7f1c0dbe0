/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug registers are each guest's own.  Boot two or more of these with
 * different drval=N: each reads its DR0-3 at reset values while another
 * guest's are in the CPU, then, round after round, writes its own
 * values, yields to the others (who write theirs) and reads its own
 * back.  With bp=1 it also arms a data breakpoint in DR0/DR7, lets the
 * others run (and arm theirs), and writes the watched variable without
 * touching a debug register in between: on hardware that is #DB (DR0-3
 * come back at switch-in when DR7 enables a breakpoint).  QEMU's SVM
 * fires no breakpoint a hypervisor loads with VMRUN (and used to crash
 * when guests armed their own, hvm/svm/dr.c), so the #DB is reported,
 * not required: what must hold is that DR7 and DR6 read back, the
 * machine lives on, and DR0-3 stay each guest's own.
 *
 * Also: MOV to DR4 (DR6's alias with CR4.DE clear) and DR6/DR7's
 * reserved bits, which the hypervisor emulates.
 */
#include "guest.h"
#include "public/sched.h"

const char test_title[] = "debugregs";

#define ROUNDS      8
#define YIELDS      4
#define DR6_RESET   0xffff0ff0ul
#define DR7_RESET   0x400ul
/* DR7: L0, breakpoint 0 on data writes (RW0 = 01), 4 bytes (LEN0 = 11). */
#define DR7_L0_W4   (DR7_RESET | 1ul | (1ul << 16) | (3ul << 18))

static volatile uint32_t watched;

static void yield_n(unsigned int n)
{
    while ( n-- )
        hypercall_sched_op(SCHEDOP_yield, NULL);
}

static unsigned long pattern(unsigned long n, unsigned int round,
                             unsigned int i)
{
    return (n << 20) | (round << 8) | (i << 4);
}

static void write_all(unsigned long n, unsigned int round)
{
    write_dr0_safe(pattern(n, round, 0));
    write_dr1_safe(pattern(n, round, 1));
    write_dr2_safe(pattern(n, round, 2));
    write_dr3_safe(pattern(n, round, 3));
}

/* How many of DR0-3 differ from this round's values. */
static unsigned int mismatches(unsigned long n, unsigned int round)
{
    unsigned long got[4] = { read_dr0(), read_dr1(), read_dr2(), read_dr3() };
    unsigned int bad = 0;

    for ( unsigned int i = 0; i < 4; i++ )
        if ( got[i] != pattern(n, round, i) )
        {
            printk("info: round %u: DR%u is %#lx, want %#lx\n", round, i,
                   got[i], pattern(n, round, i));
            bad++;
        }
    return bad;
}

/* A write to the watched variable, expected to trap with #DB after it. */
static uint32_t write_watched(void)
{
    unsigned long fault = 0;

    asm volatile ("movl $1, %1\n\t"
                  "2:\n\t" ASM_EXTABLE(2b, 2b)
                  : "+D" (fault), "=m" (watched) :: "memory");
    return fault;
}

static void breakpoint(void)
{
    uint32_t fault;

    check_eq("DR0 = &watched", write_dr0_safe((unsigned long)&watched), 0);
    check_eq("DR7 arms a 4-byte write breakpoint",
             write_dr7_safe(DR7_L0_W4), 0);
    check_eq("  ... DR7 reads back", read_dr7(), DR7_L0_W4);
    /* The others run and arm their own breakpoints. */
    yield_n(YIELDS);
    check_eq("DR7 still armed after the others ran", read_dr7(), DR7_L0_W4);
    check_eq("DR0 still &watched", read_dr0(), (unsigned long)&watched);
    fault = write_watched();
    printk("info: write to the watched variable: %s (DR6 %#lx)\n",
           fault == EXC_DB ? "#DB" : fault ? "another exception"
                           : "no #DB (QEMU fires none)", read_dr6());
    check(fault == 0 || fault == EXC_DB, "no exception but #DB", "%#x",
          fault);
    check_eq("DR7 disarmed", write_dr7_safe(DR7_RESET), 0);
    check_eq("DR6 reset", write_dr6_safe(DR6_RESET), 0);
    check_eq("  ... reads back", read_dr6(), DR6_RESET);
    check_eq("disarmed: no #DB", write_watched(), 0);
}

static void reserved_bits(void)
{
    unsigned long cr4 = read_cr4();

    write_cr4(cr4 & ~(unsigned long)CR4_DE);
    check_eq("MOV to DR4 (DR6's alias)",
             write_dr4_safe(DR6_RESET | 1), 0);
    check_eq("  ... lands in DR6", read_dr6(), DR6_RESET | 1);
    check_eq("DR6 reset", write_dr6_safe(0), 0);
    check_eq("  ... its fixed bits read as 1", read_dr6(), DR6_RESET);
    check_eq("DR7 = 0", write_dr7_safe(0), 0);
    check_eq("  ... bit 10 reads as 1", read_dr7(), DR7_RESET);
    /* Bits 11, 12, 14 and 15 read as 0 here (Xen's adjustment); QEMU's
     * own MOV keeps them. */
    check_eq("DR7 with its reserved bits set: no #GP",
             write_dr7_safe(0xd800), 0);
    printk("info: DR7 now %#lx\n", read_dr7());
    write_dr7_safe(DR7_RESET);
#ifdef __x86_64__
    check_eq("DR7 bit 63: #GP", write_dr7_safe(1ul << 63), EXC_GP0);
    check_eq("DR6 bit 32: #GP", write_dr6_safe(1ul << 32), EXC_GP0);
#endif
    write_cr4(cr4);
}

void test_main(void)
{
    unsigned long n = cmdline_ulong("drval", 1);
    unsigned int bad = 0;

    check_eq("DR0 at reset", read_dr0(), 0);
    check_eq("DR1 at reset", read_dr1(), 0);
    check_eq("DR2 at reset", read_dr2(), 0);
    check_eq("DR3 at reset", read_dr3(), 0);
    check_eq("DR6 at reset", read_dr6(), DR6_RESET);
    check_eq("DR7 at reset", read_dr7(), DR7_RESET);

    for ( unsigned int round = 0; round < ROUNDS; round++ )
    {
        write_all(n, round);
        yield_n(YIELDS);
        bad += mismatches(n, round);
    }
    check_eq("DR0-3 read back as written after every round of yields",
             bad, 0);
    if ( cmdline_ulong("bp", 0) )
        breakpoint();
    reserved_bits();
    /* Give the others a last chance to see these values, then clear. */
    yield_n(YIELDS);
    write_all(0, 0);
}
