/*
 * The x86 BCJ filter, decoding side.
 *
 * The encoder made the 32-bit displacement of CALL (e8) and JMP (e9)
 * absolute by adding the stream position just after the instruction, so
 * that calls to one function compress alike; decoding subtracts it
 * again.  Which e8/e9 bytes carry such an operand is decided from the
 * data alone, the same way on both sides, scanning forward:
 *
 *  - the operand's last byte must be 0x00 or 0xff (a target within
 *    16 MiB either way);
 *  - of the three bytes before the opcode, at most one may be an e8/e9
 *    that was left alone, and no e8/e9 left alone there may itself have
 *    had a last operand byte of 0x00 or 0xff;
 *  - a converted instruction is skipped whole (5 bytes) and forgets the
 *    bytes before it; the last four bytes of the data are never an
 *    opcode (no room for the operand).
 *
 * When an unconverted opcode lies 1, 2 or 3 bytes back, its own "last
 * operand byte" is byte 3-k of this operand.  If the decoded value has
 * 0x00/0xff there, the encoder will have met an ambiguity and flipped
 * the bytes below it, so the decoder flips them back and subtracts once
 * more.  Once is enough: that byte of the new result is the complement
 * of the original operand's byte, which was not 0x00/0xff.
 *
 * The whole block is converted in one pass after LZMA2 has decoded it
 * (the filter's state does not outlive a block), in place, inside
 * buf[0, size).
 */
#include "xz_private.h"

#define OPCODE_MASK 0xfe
#define OPCODE      0xe8                /* e8 or e9 */

static bool near_byte(uint8_t b)
{
    return b == 0x00 || b == 0xff;
}

/* Decode the operand at op[1..4] of the instruction at pos (from start). */
static void convert(uint8_t *op, uint32_t pc_after, unsigned int back)
{
    uint32_t v = xz_le32(op + 1) - pc_after;
    unsigned int shift;

    if ( back )
    {
        shift = 8 * (3 - back);
        if ( near_byte((v >> shift) & 0xff) )
            v = (v ^ ((1u << (shift + 8)) - 1)) - pc_after;
    }
    op[1] = v;
    op[2] = v >> 8;
    op[3] = v >> 16;
    op[4] = (v >> 24) & 1 ? 0xff : 0x00;
}

void bcj_x86_decode(uint8_t *buf, size_t size, uint32_t start)
{
    /*
     * Unconverted opcodes seen lately, as of position prev: bit j of ops
     * means one at prev - j (j = 0..2); bit j of nears means that one's
     * last operand byte was 0x00/0xff.
     */
    unsigned int ops = 0, nears = 0, d_ops, d_nears, back;
    size_t i = 0, prev = 0, gap;

    while ( size >= 5 && i <= size - 5 )
    {
        if ( (buf[i] & OPCODE_MASK) != OPCODE )
        {
            i++;
            continue;
        }
        /* The same, as distances 1..3 from i (bit k - 1). */
        gap = min(i - prev, (size_t)4);
        d_ops = gap ? (ops << (gap - 1)) & 7 : 0;
        d_nears = gap ? (nears << (gap - 1)) & 7 : 0;
        prev = i;
        if ( near_byte(buf[i + 4]) && !d_nears && !(d_ops & (d_ops - 1)) )
        {
            back = d_ops ? 1 + (d_ops >= 2) + (d_ops >= 4) : 0;
            convert(buf + i, start + (uint32_t)i + 5, back);
            ops = nears = 0;
            i += 5;
            continue;
        }
        ops = ((d_ops << 1) | 1) & 7;
        nears = ((d_nears << 1) | near_byte(buf[i + 4])) & 7;
        i++;
    }
}
