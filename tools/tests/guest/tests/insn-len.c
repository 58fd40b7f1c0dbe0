/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Intercepted instructions written with prefixes.  An intercept leaves
 * RIP on the instruction's first prefix, so the hypervisor must resume
 * after the whole instruction, not after its opcode's usual size
 * (xen/arch/x86/hvm/svm/insn.c; VMX has the length in the VMCS).
 *
 * CPUID leaf 0 is the probe: resumed inside its prefixes, the CPU runs
 * the CPUID again with EAX = the highest leaf, and the registers no
 * longer hold leaf 0's answer.  The bytes run from a buffer, so an
 * instruction can also straddle two pages.  RDMSR, WRMSR, INVD and the
 * hypercall instruction are run prefixed too; for the hypercall in
 * 64-bit mode a resume 3 bytes in would run "add %ebx, %ecx" (01 d9).
 * ref=xen417 on AMD (real Xen 4.17 under QEMU) leaves INVD out: Xen
 * gives #GP there.
 */
#include "guest.h"
#include "public/version.h"

const char test_title[] = "insn-len";

#define MSR_PAT 0x277

static uint8_t code[2 * 4096] __attribute__((aligned(4096)));

struct regs {
    unsigned long a, b, c, d, si, di;
};

/* insn[0, n) and a RET at code + at, called with r's registers. */
static void run(const uint8_t *insn, unsigned int n, unsigned int at,
                struct regs *r)
{
    memcpy(code + at, insn, n);
    code[at + n] = 0xc3;
    asm volatile ( "call *%[fn]"
                   : "+a" (r->a), "+b" (r->b), "+c" (r->c), "+d" (r->d),
                     "+S" (r->si), "+D" (r->di)
                   : [fn] "m" ((uint8_t *){ code + at })
                   : "memory", "cc" );
}

/* CPUID leaf 0 from insn (prefixes, 0f a2) placed at code + at. */
static void cpuid_case(const char *what, const uint8_t *insn, unsigned int n,
                       unsigned int at)
{
    struct regs r = { 0 };
    uint32_t a, b, c, d;

    cpuid(0, &a, &b, &c, &d);
    run(insn, n, at, &r);
    check(r.a == a && r.b == b && r.c == c && r.d == d, what,
          "eax %#lx ebx %#lx ecx %#lx edx %#lx, want %#x %#x %#x %#x",
          r.a, r.b, r.c, r.d, a, b, c, d);
}

static void prefixed_cpuid(void)
{
    static const uint8_t two[] = { 0x66, 0x66, 0x0f, 0xa2 };
    static const uint8_t seg[] = { 0x2e, 0x3e, 0x0f, 0xa2 };
    static const uint8_t rep[] = { 0xf3, 0x26, 0x0f, 0xa2 };
    uint8_t longest[15];

    cpuid_case("CPUID with 66 66", two, sizeof(two), 64);
    cpuid_case("CPUID with CS and DS overrides", seg, sizeof(seg), 128);
    cpuid_case("CPUID with REP and ES override", rep, sizeof(rep), 192);
    memset(longest, 0x66, 13);
    longest[13] = 0x0f;
    longest[14] = 0xa2;
    cpuid_case("CPUID with 13 prefixes (15 bytes)", longest, 15, 256);
#ifdef __x86_64__
    static const uint8_t rex[] = { 0x66, 0x48, 0x0f, 0xa2 };
    static const uint8_t rex2[] = { 0x41, 0x66, 0x4c, 0x0f, 0xa2 };

    cpuid_case("CPUID with 66 and REX.W", rex, sizeof(rex), 320);
    cpuid_case("CPUID with REX, 66, REX.WR", rex2, sizeof(rex2), 384);
#endif
    /* Across a page boundary: the prefixes on one page, the opcode (or
     * its last byte) on the next. */
    cpuid_case("CPUID straddling two pages (66 66 | 0f a2)", two, 4, 4096 - 2);
    cpuid_case("CPUID straddling two pages (66 66 0f | a2)", two, 4, 4096 - 3);
    cpuid_case("15-byte CPUID straddling two pages", longest, 15, 4096 - 7);
}

#ifdef __x86_64__
/*
 * The hypervisor caches where the guest's code is (hvm/insn_fetch.c):
 * the same linear page, remapped from one physical page to another
 * between two intercepted instructions, must be read afresh.  Linear
 * 1 GiB gets a 4 KiB page table of ours; its first entry points at page
 * A ("66 66 0f a2": CPUID, 4 bytes), then at page B ("3e 3e 3e 3e 0f
 * a2", 6 bytes).  Read from A's bytes, B's CPUID would resume 4 bytes
 * in and run CPUID again with the highest leaf.
 */
static uint64_t remap_pt[512] __attribute__((aligned(4096)));

static void remapped_code(void)
{
    static const uint8_t a[] = { 0x66, 0x66, 0x0f, 0xa2 };
    static const uint8_t b[] = { 0x3e, 0x3e, 0x3e, 0x3e, 0x0f, 0xa2 };
    uint64_t *pml4 = (uint64_t *)(read_cr3() & ~0xfffUL);
    uint64_t *pdpt = (uint64_t *)(pml4[0] & ~0xfffUL);
    uint64_t *pd = (uint64_t *)(pdpt[1] & ~0xfffUL);
    uint64_t saved = pd[0];
    uint8_t *page_a = code, *page_b = code + 4096;
    void *lin = (void *)(1UL << 30);
    uint32_t w, x, y, z;
    struct regs r = { 0 }, s = { 0 };

    cpuid(0, &w, &x, &y, &z);
    memcpy(page_a, a, sizeof(a));
    page_a[sizeof(a)] = 0xc3;
    memcpy(page_b, b, sizeof(b));
    page_b[sizeof(b)] = 0xc3;
    remap_pt[0] = (uint64_t)page_a | 3;
    pd[0] = (uint64_t)remap_pt | 3;
    asm volatile ( "invlpg (%0)" :: "r" (lin) : "memory" );
    /* No other intercepted instruction in between: no check, no print. */
    asm volatile ( "call *%[fn]" : "+a" (r.a), "=b" (r.b), "+c" (r.c),
                   "=d" (r.d) : [fn] "r" (lin) : "memory", "cc" );
    remap_pt[0] = (uint64_t)page_b | 3;
    asm volatile ( "invlpg (%0)" :: "r" (lin) : "memory" );
    asm volatile ( "call *%[fn]" : "+a" (s.a), "=b" (s.b), "+c" (s.c),
                   "=d" (s.d) : [fn] "r" (lin) : "memory", "cc" );
    check(r.a == w && r.b == x, "CPUID at linear 1 GiB on page A",
          "eax %#lx ebx %#lx", r.a, r.b);
    check(s.a == w && s.b == x, "  ... remapped to page B: B's length",
          "eax %#lx ebx %#lx", s.a, s.b);
    pd[0] = saved;
    asm volatile ( "invlpg (%0)" :: "r" (lin) : "memory" );
}
#endif

static void prefixed_msr_and_invd(void)
{
    static const uint8_t rdmsr_p[] = { 0x2e, 0x3e, 0x0f, 0x32 };
    static const uint8_t wrmsr_p[] = { 0x2e, 0x3e, 0x0f, 0x30 };
    static const uint8_t invd_p[] = { 0x66, 0x3e, 0x0f, 0x08 };
    uint64_t pat = rdmsr(MSR_PAT);
    struct regs r = { .c = MSR_PAT };

    run(rdmsr_p, sizeof(rdmsr_p), 512, &r);
    check((r.a | ((uint64_t)r.d << 32)) == pat && r.c == MSR_PAT,
          "RDMSR PAT with CS and DS overrides", "edx:eax %#lx:%#lx, "
          "want %#llx", r.d, r.a, (unsigned long long)pat);
    r = (struct regs){ .c = MSR_PAT, .a = (uint32_t)pat, .d = pat >> 32 };
    run(wrmsr_p, sizeof(wrmsr_p), 576, &r);
    check_eq("WRMSR PAT (same value) with CS and DS overrides",
             rdmsr(MSR_PAT), pat);
    if ( cmdline_get("ref", NULL, 0) && !cpu_is_intel() )
    {
        /* Xen 4.17's SVM INVD intercept looks for WBINVD's bytes (0f 09)
         * and answers any INVD with #GP(0) (docs/decisions.md). */
        printk("info: INVD not run on Xen 4.17 (its AMD intercept expects "
               "WBINVD and gives #GP)\n");
        return;
    }
    r = (struct regs){ .a = 0x1234 };
    run(invd_p, sizeof(invd_p), 640, &r);
    check_eq("INVD with 66 and DS override: EAX untouched", r.a, 0x1234);
}

static void prefixed_hypercall(void)
{
    uint8_t call[5] = { 0x2e, 0x3e, 0x0f, 0x01, 0xd9 };   /* vmmcall */
    long version = hypercall_xen_version(XENVER_version, NULL);
    struct regs r = {
        .a = __HYPERVISOR_xen_version,
        /* 64-bit: RDI = cmd, RSI = arg; 32-bit: EBX = cmd, ECX = arg. */
#ifdef __x86_64__
        .b = 0x10, .c = 0x1000,
#endif
    };

    if ( cpu_is_intel() )
        call[4] = 0xc1;                                   /* vmcall */
    run(call, sizeof(call), 704, &r);
    check_eq("xen_version through a prefixed hypercall instruction",
             (long)r.a, version);
#ifdef __x86_64__
    check_eq("  ... and resumed after it (ECX untouched)", r.c, 0x1000);
#endif
}

void test_main(void)
{
    prefixed_cpuid();
#ifdef __x86_64__
    remapped_code();
#endif
    prefixed_msr_and_invd();
    prefixed_hypercall();
}
