/*
 * Arithmetic and its flags, as the Intel SDM and AMD APM define them for
 * add, or, adc, sbb, and, sub, xor, cmp, test and the bit tests.
 *
 * Carries and borrows out of each bit are computed for all bits at once
 * from the operands and the result (a full adder's carry-out is
 * majority(a, b, carry-in), and carry-in = a ^ b ^ result), so one
 * formula serves every operand size and the carry-in of adc and sbb.
 *
 * Flags the manuals leave undefined: AF after and/or/xor/test is cleared
 * (as the CPUs we know do); OF, SF, AF and PF after bt* are left as they
 * were.
 */
#include "private.h"

/* PF: set when the low byte has an even number of ones. */
static uint64_t parity_flag(uint64_t v)
{
    v &= 0xff;
    v ^= v >> 4;
    v ^= v >> 2;
    v ^= v >> 1;
    return (v & 1) ? 0 : RFLAGS_PF;
}

/* ZF, SF and PF of a result. */
static uint64_t result_flags(uint64_t r, uint64_t sign)
{
    uint64_t f = parity_flag(r);

    if ( r == 0 )
        f |= RFLAGS_ZF;
    if ( r & sign )
        f |= RFLAGS_SF;
    return f;
}

/* CF and OF from per-bit carries (or borrows); AF from bit 3's. */
static uint64_t carry_flags(uint64_t carries, uint64_t overflow,
                            uint64_t sign)
{
    uint64_t f = 0;

    if ( carries & sign )
        f |= RFLAGS_CF;
    if ( overflow & sign )
        f |= RFLAGS_OF;
    if ( carries & 0x08 )
        f |= RFLAGS_AF;
    return f;
}

uint64_t x86emul_alu(unsigned int op, uint64_t a, uint64_t b,
                     unsigned int bytes, uint64_t *rflags)
{
    uint64_t mask = size_mask(bytes), sign = 1ULL << (8 * bytes - 1);
    uint64_t cf = *rflags & RFLAGS_CF, r, flags = 0;

    a &= mask;
    b &= mask;
    switch ( op )
    {
    case X86EMUL_OP_ADD:
    case X86EMUL_OP_ADC:
        r = (a + b + (op == X86EMUL_OP_ADC ? cf : 0)) & mask;
        flags = carry_flags((a & b) | ((a | b) & ~r),
                            (a ^ r) & (b ^ r), sign);
        break;
    case X86EMUL_OP_SUB:
    case X86EMUL_OP_SBB:
    case X86EMUL_OP_CMP:
        r = (a - b - (op == X86EMUL_OP_SBB ? cf : 0)) & mask;
        flags = carry_flags((~a & b) | ((~a | b) & r),
                            (a ^ b) & (a ^ r), sign);
        break;
    case X86EMUL_OP_OR:
        r = a | b;
        break;
    case X86EMUL_OP_XOR:
        r = a ^ b;
        break;
    default:                         /* AND, TEST */
        r = a & b;
        break;
    }
    flags |= result_flags(r, sign);
    *rflags = (*rflags & ~RFLAGS_ARITH) | flags;
    return r;
}

uint64_t x86emul_bit_op(unsigned int op, uint64_t v, unsigned int bit,
                        uint64_t *rflags)
{
    uint64_t m = 1ULL << bit;

    *rflags = (*rflags & ~RFLAGS_CF) | ((v & m) ? RFLAGS_CF : 0);
    switch ( op )
    {
    case X86EMUL_OP_BTS: return v | m;
    case X86EMUL_OP_BTR: return v & ~m;
    case X86EMUL_OP_BTC: return v ^ m;
    }
    return v;
}
