/*
 * Instruction lengths of intercepted instructions: prefix counting and
 * NRIP-save (see asm/hvm/svm/insn_len.h for why a fixed size is wrong).
 * Bytes and numbers only: svm/insn.c and svm/insn_fetch.c bring the
 * bytes, the host tests bring their own.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <asm-x86/hvm/svm/insn_len.h>

struct svm_assists svm_assists_from_cpuid(uint32_t edx)
{
    struct svm_assists a = {
        .nrip_save = edx & CPUID_SVM_NRIP_SAVE,
        .decode = edx & CPUID_SVM_DECODE_ASSIST,
    };

    return a;
}

/* ES, CS, SS, DS, FS, GS overrides, in the encoding's order. */
static int seg_prefix(uint8_t b)
{
    static const uint8_t seg[] = { 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65 };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(seg); i++ )
        if ( b == seg[i] )
            return i;
    return -1;
}

int insn_prefixes(const uint8_t *buf, unsigned int have, bool mode64,
                  struct insn_prefixes *p)
{
    unsigned int i;

    p->rex = 0;
    p->seg = -1;
    p->addr_override = p->lock = false;
    for ( i = 0; i < INSN_MAX_LEN; i++ )
    {
        uint8_t b;

        if ( i == have )
            return -EFAULT;
        b = buf[i];
        if ( mode64 && (b & 0xf0) == 0x40 )
        {
            p->rex = b;
            continue;
        }
        if ( seg_prefix(b) >= 0 )
            p->seg = seg_prefix(b);
        else if ( b == 0x67 )
            p->addr_override = true;
        else if ( b == 0xf0 )
            p->lock = true;
        else if ( b != 0x66 && b != 0xf2 && b != 0xf3 )
            return i;               /* the opcode */
        p->rex = 0;                 /* a REX before a prefix is ignored */
    }
    return -EOPNOTSUPP;
}

int insn_len_if(const uint8_t *buf, unsigned int have, bool mode64,
                const uint8_t *op, unsigned int n)
{
    struct insn_prefixes p;
    int at = insn_prefixes(buf, have, mode64, &p);

    if ( at < 0 )
        return at;
    if ( at + n > INSN_MAX_LEN )
        return -EOPNOTSUPP;
    if ( at + n > have )
        return -EFAULT;
    if ( memcmp(buf + at, op, n) )
        return -EOPNOTSUPP;
    return at + n;
}

unsigned int insn_len_from_nrip(uint64_t rip, uint64_t nrip, bool mode64)
{
    uint64_t len = mode64 ? nrip - rip : (uint32_t)(nrip - rip);

    return len >= 1 && len <= INSN_MAX_LEN ? len : 0;
}
