/*
 * Hosted tests of arch/x86/hvm/svm/insn_len.c: the length of an
 * intercepted instruction written with prefixes (legacy, REX where it
 * counts), across every shape the CPU accepts and the ones it does not,
 * NRIP-save's length with RIP wrapping, and the assists CPUID reports.
 */
#include <string.h>

#include <xen/lib.h>
#include <xen/errno.h>
#include <asm-x86/hvm/svm/insn_len.h>

#include "unit.h"

static const uint8_t CPUID[] = { 0x0f, 0xa2 };
static const uint8_t VMMCALL[] = { 0x0f, 0x01, 0xd9 };
static const uint8_t HLT[] = { 0xf4 };

static int len64(const uint8_t *buf, unsigned int have, const uint8_t *op,
                 unsigned int n)
{
    return insn_len_if(buf, have, true, op, n);
}

static void test_plain(void)
{
    static const uint8_t cpuid[] = { 0x0f, 0xa2, 0xcc };
    static const uint8_t hlt[] = { 0xf4 };
    static const uint8_t vmm[] = { 0x0f, 0x01, 0xd9 };

    CHECK_EQ("len-cpuid", len64(cpuid, 3, CPUID, 2), 2);
    CHECK_EQ("len-hlt", len64(hlt, 1, HLT, 1), 1);
    CHECK_EQ("len-vmmcall", len64(vmm, 3, VMMCALL, 3), 3);
    CHECK_EQ("len-cpuid-32", insn_len_if(cpuid, 3, false, CPUID, 2), 2);
}

/* Every legacy prefix counts, in any order and number. */
static void test_legacy_prefixes(void)
{
    static const uint8_t legacy[] = { 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65,
                                      0x66, 0x67, 0xf0, 0xf2, 0xf3 };
    uint8_t buf[INSN_MAX_LEN];
    unsigned int i, bad = 0;

    for ( i = 0; i < ARRAY_SIZE(legacy); i++ )
    {
        buf[0] = legacy[i];
        memcpy(buf + 1, CPUID, 2);
        bad += len64(buf, 3, CPUID, 2) != 3;
        bad += insn_len_if(buf, 3, false, CPUID, 2) != 3;
    }
    CHECK_EQ("len-each-legacy-prefix", bad, 0);
    memset(buf, 0x66, 13);
    memcpy(buf + 13, CPUID, 2);
    CHECK_EQ("len-13-prefixes-15-bytes", len64(buf, 15, CPUID, 2), 15);
    memset(buf, 0x3e, 14);
    buf[14] = 0xf4;
    CHECK_EQ("len-14-prefixes-hlt", len64(buf, 15, HLT, 1), 15);
}

/* Past 15 bytes the CPU raises #GP itself: never an intercept. */
static void test_too_long(void)
{
    uint8_t buf[INSN_MAX_LEN];
    struct insn_prefixes p;

    memset(buf, 0x66, 14);
    buf[14] = 0x0f;
    CHECK_EQ("len-16-bytes-refused", len64(buf, 15, CPUID, 2), -EOPNOTSUPP);
    memset(buf, 0x2e, 15);
    CHECK_EQ("prefixes-all-15", insn_prefixes(buf, 15, true, &p),
             -EOPNOTSUPP);
}

/* REX: only in 64-bit mode, only right before the opcode. */
static void test_rex(void)
{
    static const uint8_t rex_w[] = { 0x48, 0x0f, 0xa2 };
    static const uint8_t rex_then_66[] = { 0x41, 0x66, 0x0f, 0xa2 };
    static const uint8_t inc_eax[] = { 0x40, 0x0f, 0xa2 };
    struct insn_prefixes p;

    CHECK_EQ("len-rex-w", len64(rex_w, 3, CPUID, 2), 3);
    CHECK_EQ("prefixes-rex-kept", insn_prefixes(rex_w, 3, true, &p), 1);
    CHECK_EQ("prefixes-rex-value", p.rex, 0x48);
    CHECK_EQ("len-rex-before-66", len64(rex_then_66, 4, CPUID, 2), 4);
    insn_prefixes(rex_then_66, 4, true, &p);
    CHECK_EQ("prefixes-rex-before-legacy-ignored", p.rex, 0);
    /* In 32-bit mode 0x40 is INC EAX: another instruction. */
    CHECK_EQ("len-40-is-inc-in-32-bit",
             insn_len_if(inc_eax, 3, false, CPUID, 2), -EOPNOTSUPP);
}

static void test_prefix_record(void)
{
    static const uint8_t b[] = { 0x67, 0x64, 0xf0, 0x0f, 0x22 };
    struct insn_prefixes p;

    CHECK_EQ("prefixes-count", insn_prefixes(b, 5, false, &p), 3);
    CHECK("prefixes-record", p.addr_override && p.lock && p.seg == 4 &&
          p.rex == 0);
    CHECK_EQ("prefixes-none", insn_prefixes(b + 3, 2, false, &p), 0);
    CHECK("prefixes-none-record", !p.addr_override && !p.lock &&
          p.seg == -1);
}

/* Another opcode, or bytes that stop too soon. */
static void test_mismatch_and_short(void)
{
    static const uint8_t rdmsr[] = { 0x66, 0x0f, 0x32 };
    static const uint8_t vmcall[] = { 0x0f, 0x01, 0xc1 };

    CHECK_EQ("len-other-opcode", len64(rdmsr, 3, CPUID, 2), -EOPNOTSUPP);
    CHECK_EQ("len-vmcall-is-not-vmmcall", len64(vmcall, 3, VMMCALL, 3),
             -EOPNOTSUPP);
    CHECK_EQ("len-short-prefix-only", len64(rdmsr, 1, CPUID, 2), -EFAULT);
    CHECK_EQ("len-short-mid-opcode", len64(rdmsr, 2, CPUID, 2), -EFAULT);
    CHECK_EQ("len-nothing", len64(rdmsr, 0, CPUID, 2), -EFAULT);
}

static void test_nrip(void)
{
    CHECK_EQ("nrip-2", insn_len_from_nrip(0x1000, 0x1002, true), 2);
    CHECK_EQ("nrip-15", insn_len_from_nrip(0x1000, 0x100f, true), 15);
    CHECK_EQ("nrip-16-refused", insn_len_from_nrip(0x1000, 0x1010, true), 0);
    CHECK_EQ("nrip-0-refused", insn_len_from_nrip(0x1000, 0x1000, true), 0);
    CHECK_EQ("nrip-behind-refused", insn_len_from_nrip(0x1000, 0xfff, true),
             0);
    /* A 32-bit guest's RIP wraps at 4 GiB. */
    CHECK_EQ("nrip-32-bit-wrap",
             insn_len_from_nrip(0xfffffffe, 0x1, false), 3);
    CHECK_EQ("nrip-64-bit-no-wrap",
             insn_len_from_nrip(0xfffffffe, 0x1, true), 0);
    CHECK_EQ("nrip-64-bit-canonical-edge",
             insn_len_from_nrip(0xffffffffffffffffull, 0x2, true), 3);
}

static void test_assists(void)
{
    struct svm_assists a = svm_assists_from_cpuid(0);

    CHECK("assists-none", !a.nrip_save && !a.decode);
    /* QEMU 7.2's TCG: NPT (bit 0) only. */
    a = svm_assists_from_cpuid(1u << 0);
    CHECK("assists-qemu", !a.nrip_save && !a.decode);
    a = svm_assists_from_cpuid(CPUID_SVM_NRIP_SAVE);
    CHECK("assists-nrip", a.nrip_save && !a.decode);
    /* A Zen CPU's 0x8000000A EDX has both and more. */
    a = svm_assists_from_cpuid(0x1ebfbcff);
    CHECK("assists-zen", a.nrip_save && a.decode);
}

int main(void)
{
    test_plain();
    test_legacy_prefixes();
    test_too_long();
    test_rex();
    test_prefix_record();
    test_mismatch_and_short();
    test_nrip();
    test_assists();
    return unit_done();
}
