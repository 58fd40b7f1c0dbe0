/*
 * The opcodes the emulator knows, and how their operands are encoded
 * (Intel SDM Vol. 2, AMD APM Vol. 3 opcode maps).  Anything not described
 * here is unhandleable.
 */
#include "private.h"

/* 00-3F: add, or, adc, sbb, and, sub, xor, cmp; r/m,r and r,r/m forms. */
static bool describe_alu(uint8_t b, struct opdesc *o)
{
    unsigned int op = b >> 3;
    bool mem_dst = !(b & 2);

    if ( b >= 0x40 || (b & 7) > 3 )
        return false;                /* accumulator, immediate or other */
    memset(o, 0, sizeof(*o));
    o->op = op;
    o->flags = F_MODRM | F_REG | ((b & 1) ? 0 : F_BYTE);
    o->access = X86EMUL_ACCESS_READ;
    if ( mem_dst )
    {
        o->flags |= F_MEM_DST;
        if ( op != X86EMUL_OP_CMP )
        {
            o->flags |= F_LOCK;
            o->access |= X86EMUL_ACCESS_WRITE;
        }
    }
    return true;
}

static const struct opdesc onebyte[] = {
    [0x80] = { 0, F_MODRM | F_BYTE | F_MEM_DST, IMM_8, 0, 0 },  /* group 1 */
    [0x81] = { 0, F_MODRM | F_MEM_DST, IMM_Z, 0, 0 },
    [0x82] = { 0, F_MODRM | F_BYTE | F_MEM_DST, IMM_8, 0, 0 }, /* not 64 */
    [0x83] = { 0, F_MODRM | F_MEM_DST, IMM_8S, 0, 0 },
    [0x84] = { X86EMUL_OP_TEST, F_MODRM | F_REG | F_BYTE | F_MEM_DST,
               IMM_NONE, X86EMUL_ACCESS_READ, 0 },
    [0x85] = { X86EMUL_OP_TEST, F_MODRM | F_REG | F_MEM_DST,
               IMM_NONE, X86EMUL_ACCESS_READ, 0 },
    [0x86] = { X86EMUL_OP_XCHG, F_MODRM | F_REG | F_BYTE | F_MEM_DST |
               F_LOCK, IMM_NONE,
               X86EMUL_ACCESS_READ | X86EMUL_ACCESS_WRITE, 0 },
    [0x87] = { X86EMUL_OP_XCHG, F_MODRM | F_REG | F_MEM_DST | F_LOCK,
               IMM_NONE, X86EMUL_ACCESS_READ | X86EMUL_ACCESS_WRITE, 0 },
    [0x88] = { X86EMUL_OP_MOV, F_MODRM | F_REG | F_BYTE | F_MEM_DST,
               IMM_NONE, X86EMUL_ACCESS_WRITE, 0 },
    [0x89] = { X86EMUL_OP_MOV, F_MODRM | F_REG | F_MEM_DST,
               IMM_NONE, X86EMUL_ACCESS_WRITE, 0 },
    [0x8a] = { X86EMUL_OP_MOV, F_MODRM | F_REG | F_BYTE,
               IMM_NONE, X86EMUL_ACCESS_READ, 0 },
    [0x8b] = { X86EMUL_OP_MOV, F_MODRM | F_REG, IMM_NONE,
               X86EMUL_ACCESS_READ, 0 },
    [0xa0] = { X86EMUL_OP_MOV, F_MOFFS | F_BYTE, IMM_NONE,
               X86EMUL_ACCESS_READ, 0 },
    [0xa1] = { X86EMUL_OP_MOV, F_MOFFS, IMM_NONE, X86EMUL_ACCESS_READ, 0 },
    [0xa2] = { X86EMUL_OP_MOV, F_MOFFS | F_BYTE | F_MEM_DST, IMM_NONE,
               X86EMUL_ACCESS_WRITE, 0 },
    [0xa3] = { X86EMUL_OP_MOV, F_MOFFS | F_MEM_DST, IMM_NONE,
               X86EMUL_ACCESS_WRITE, 0 },
    [0xc6] = { X86EMUL_OP_MOV, F_MODRM | F_BYTE | F_MEM_DST, IMM_8,
               X86EMUL_ACCESS_WRITE, 0 },                 /* /0 only */
    [0xc7] = { X86EMUL_OP_MOV, F_MODRM | F_MEM_DST, IMM_Z,
               X86EMUL_ACCESS_WRITE, 0 },                 /* /0 only */
    [0xf6] = { X86EMUL_OP_TEST, F_MODRM | F_BYTE | F_MEM_DST, IMM_8,
               X86EMUL_ACCESS_READ, 0 },                  /* /0 only */
    [0xf7] = { X86EMUL_OP_TEST, F_MODRM | F_MEM_DST, IMM_Z,
               X86EMUL_ACCESS_READ, 0 },                  /* /0 only */
};

static const struct opdesc twobyte[] = {
    [0xa3] = { X86EMUL_OP_BT, F_MODRM | F_REG | F_MEM_DST | F_BITREG,
               IMM_NONE, X86EMUL_ACCESS_READ, 0 },
    [0xab] = { X86EMUL_OP_BTS, F_MODRM | F_REG | F_MEM_DST | F_BITREG |
               F_LOCK, IMM_NONE,
               X86EMUL_ACCESS_READ | X86EMUL_ACCESS_WRITE, 0 },
    [0xb3] = { X86EMUL_OP_BTR, F_MODRM | F_REG | F_MEM_DST | F_BITREG |
               F_LOCK, IMM_NONE,
               X86EMUL_ACCESS_READ | X86EMUL_ACCESS_WRITE, 0 },
    [0xbb] = { X86EMUL_OP_BTC, F_MODRM | F_REG | F_MEM_DST | F_BITREG |
               F_LOCK, IMM_NONE,
               X86EMUL_ACCESS_READ | X86EMUL_ACCESS_WRITE, 0 },
    [0xba] = { 0, F_MODRM | F_MEM_DST, IMM_8, 0, 0 },     /* group 8 */
    [0xb6] = { X86EMUL_OP_MOVZX, F_MODRM | F_REG, IMM_NONE,
               X86EMUL_ACCESS_READ, 1 },
    [0xb7] = { X86EMUL_OP_MOVZX, F_MODRM | F_REG, IMM_NONE,
               X86EMUL_ACCESS_READ, 2 },
    [0xbe] = { X86EMUL_OP_MOVSX, F_MODRM | F_REG, IMM_NONE,
               X86EMUL_ACCESS_READ, 1 },
    [0xbf] = { X86EMUL_OP_MOVSX, F_MODRM | F_REG, IMM_NONE,
               X86EMUL_ACCESS_READ, 2 },
};

/* The descriptor of opcode (0x0fxx for two bytes); false if unsupported. */
bool x86emul_describe(const struct decoder *d, unsigned int opcode,
                      struct opdesc *o)
{
    const struct opdesc *table = onebyte;
    unsigned int b = opcode & 0xff, n = ARRAY_SIZE(onebyte);

    if ( opcode == 0x63 )            /* movsxd r64, r/m32 */
    {
        static const struct opdesc movsxd = { X86EMUL_OP_MOVSX,
            F_MODRM | F_REG, IMM_NONE, X86EMUL_ACCESS_READ, 4 };

        *o = movsxd;
        return d->mode == X86EMUL_MODE_64 && (d->insn->rex & 8);
    }
    if ( opcode < 0x100 && describe_alu(b, o) )
        return true;
    if ( opcode == 0x82 && d->mode == X86EMUL_MODE_64 )
        return false;
    if ( opcode >= 0x100 )
    {
        table = twobyte;
        n = ARRAY_SIZE(twobyte);
    }
    if ( b >= n || !table[b].flags )
        return false;
    *o = table[b];
    return true;
}

/* Groups, whose ModRM.reg picks the operation. */
bool x86emul_describe_group(unsigned int opcode, unsigned int reg,
                            struct opdesc *o)
{
    switch ( opcode )
    {
    case 0x80: case 0x81: case 0x82: case 0x83:
        o->op = reg;
        o->access = X86EMUL_ACCESS_READ;
        if ( reg != X86EMUL_OP_CMP )
        {
            o->flags |= F_LOCK;
            o->access |= X86EMUL_ACCESS_WRITE;
        }
        return true;
    case 0xc6: case 0xc7: case 0xf6: case 0xf7:
        return reg == 0;
    case 0x0fba:
        if ( reg < 4 )
            return false;
        o->op = X86EMUL_OP_BT + (reg - 4);
        o->access = X86EMUL_ACCESS_READ;
        if ( o->op != X86EMUL_OP_BT )
        {
            o->flags |= F_LOCK;
            o->access |= X86EMUL_ACCESS_WRITE;
        }
        return true;
    }
    return true;
}
