/*
 * The LZMA decoder: a binary range decoder with adaptive 11-bit
 * probabilities, and the symbols it codes (literals, matches with a new
 * distance, and repeats of one of the last four distances), as the LZMA
 * format defines them.
 *
 * Bounds: output goes only to [out->pos, end), with end <= out->size
 * checked by the caller; a match reads only [dict_start, pos), checked
 * for each match; input is read only below rc->end (a byte wanted past
 * it reads as 0 and sets rc->overrun, which is an error).  Every symbol
 * writes at least one byte, so the loop runs at most end - pos times.
 */
#include "xz_private.h"

#define PROB_BITS   11
#define PROB_ONE    (1u << PROB_BITS)
#define MOVE_BITS   5
#define RC_TOP      (1u << 24)
#define MATCH_MIN   2

/* --- the range decoder -------------------------------------------------- */

/* Keep range at or above 2^24 by shifting in the next input byte. */
static inline void rc_normalize(struct rc_dec *rc)
{
    if ( rc->range >= RC_TOP )
        return;
    rc->range <<= 8;
    rc->code <<= 8;
    if ( rc->pos < rc->end )
        rc->code |= rc->in[rc->pos++];
    else
        rc->overrun = true;
}

/* One bit coded with probability *prob (of a 0), which then adapts. */
static inline unsigned int rc_bit(struct rc_dec *rc, uint16_t *prob)
{
    uint32_t bound;

    rc_normalize(rc);
    bound = (rc->range >> PROB_BITS) * *prob;
    if ( rc->code < bound )
    {
        rc->range = bound;
        *prob += (PROB_ONE - *prob) >> MOVE_BITS;
        return 0;
    }
    rc->range -= bound;
    rc->code -= bound;
    *prob -= *prob >> MOVE_BITS;
    return 1;
}

/* A symbol of `bits` bits, most significant first, through a tree of
 * probabilities indexed from 1. */
static unsigned int rc_tree(struct rc_dec *rc, uint16_t *probs,
                            unsigned int bits)
{
    unsigned int node = 1;

    while ( node < (1u << bits) )
        node = (node << 1) | rc_bit(rc, &probs[node]);
    return node - (1u << bits);
}

/* The same, least significant bit first. */
static unsigned int rc_tree_reverse(struct rc_dec *rc, uint16_t *probs,
                                    unsigned int bits)
{
    unsigned int node = 1, sym = 0, i, b;

    for ( i = 0; i < bits; i++ )
    {
        b = rc_bit(rc, &probs[node]);
        node = (node << 1) | b;
        sym |= b << i;
    }
    return sym;
}

/* Bits of fixed probability one half, most significant first. */
static uint32_t rc_direct(struct rc_dec *rc, unsigned int bits)
{
    uint32_t v = 0;

    while ( bits-- )
    {
        rc_normalize(rc);
        rc->range >>= 1;
        v <<= 1;
        if ( rc->code >= rc->range )
        {
            rc->code -= rc->range;
            v |= 1;
        }
    }
    return v;
}

/* --- LZMA symbols -------------------------------------------------------- */

void lzma_reset(struct lzma_dec *s)
{
    uint16_t *p = (uint16_t *)&s->p;
    size_t i;

    BUILD_BUG_ON(sizeof(s->p) % sizeof(uint16_t));
    for ( i = 0; i < sizeof(s->p) / sizeof(uint16_t); i++ )
        p[i] = PROB_ONE / 2;
    s->state = 0;
    s->rep[0] = s->rep[1] = s->rep[2] = s->rep[3] = 0;
}

/* States 0-6 follow a literal, 7-11 a match or repeat. */
#define LIT_STATES 7

static unsigned int next_after_literal(unsigned int st)
{
    return st < 4 ? 0 : st < 10 ? st - 3 : st - 6;
}

/* A match length, minus MATCH_MIN: 0-7, 8-15 or 16-271. */
static unsigned int decode_len(struct rc_dec *rc, struct lzma_len_probs *l,
                               unsigned int pos_state)
{
    if ( !rc_bit(rc, &l->choice) )
        return rc_tree(rc, l->low[pos_state], 3);
    if ( !rc_bit(rc, &l->choice2) )
        return 8 + rc_tree(rc, l->mid[pos_state], 3);
    return 16 + rc_tree(rc, l->high, 8);
}

/* The distance (minus one) of a new match of length len + MATCH_MIN. */
static uint32_t decode_dist(struct lzma_dec *s, struct rc_dec *rc,
                            unsigned int len)
{
    unsigned int slot, nbits;
    uint32_t dist;

    slot = rc_tree(rc, s->p.dist_slot[min(len, LZMA_DIST_STATES - 1u)], 6);
    if ( slot < 4 )
        return slot;
    nbits = (slot >> 1) - 1;
    dist = (2u | (slot & 1)) << nbits;
    if ( slot < LZMA_DIST_MODEL_END )
        return dist + rc_tree_reverse(rc, s->p.dist_special + dist - slot,
                                      nbits);
    dist += rc_direct(rc, nbits - LZMA_ALIGN_BITS) << LZMA_ALIGN_BITS;
    return dist + rc_tree_reverse(rc, s->p.dist_align, LZMA_ALIGN_BITS);
}

static uint8_t decode_literal(struct lzma_dec *s, struct rc_dec *rc,
                              const struct xz_out *o)
{
    size_t pos = o->pos - o->dict_start;
    unsigned int prev = pos ? o->buf[o->pos - 1] : 0, sym = 1, mbit, bit;
    unsigned int ctx = ((pos & ((1u << s->lp) - 1)) << s->lc) +
                       (prev >> (8 - s->lc));
    uint16_t *probs = s->p.literal[ctx];
    unsigned int match;

    if ( s->state >= LIT_STATES )
    {
        /* Guided by the byte at the last distance, until they differ. */
        match = o->buf[o->pos - s->rep[0] - 1];
        do {
            mbit = (match >> 7) & 1;
            match <<= 1;
            bit = rc_bit(rc, &probs[((1 + mbit) << 8) + sym]);
            sym = (sym << 1) | bit;
        } while ( bit == mbit && sym < 0x100 );
    }
    while ( sym < 0x100 )
        sym = (sym << 1) | rc_bit(rc, &probs[sym]);
    s->state = next_after_literal(s->state);
    return sym & 0xff;
}

/*
 * A match or repeat after the is_match bit: sets rep[0] and returns its
 * length, or 0 for a short repeat (one byte at rep[0]).
 */
static unsigned int decode_match(struct lzma_dec *s, struct rc_dec *rc,
                                 unsigned int ps)
{
    unsigned int st = s->state, len;
    uint32_t d;

    if ( !rc_bit(rc, &s->p.is_rep[st]) )
    {
        /* A new distance. */
        len = decode_len(rc, &s->p.match_len, ps);
        s->rep[3] = s->rep[2];
        s->rep[2] = s->rep[1];
        s->rep[1] = s->rep[0];
        s->rep[0] = decode_dist(s, rc, len);
        s->state = st < LIT_STATES ? 7 : 10;
        return len + MATCH_MIN;
    }
    if ( !rc_bit(rc, &s->p.is_rep0[st]) )
    {
        if ( !rc_bit(rc, &s->p.is_rep0_long[st][ps]) )
        {
            s->state = st < LIT_STATES ? 9 : 11;
            return 0;
        }
    }
    else
    {
        /* rep[1..3] moves to the front; those before it shift down. */
        if ( !rc_bit(rc, &s->p.is_rep1[st]) )
            d = s->rep[1];
        else
        {
            if ( !rc_bit(rc, &s->p.is_rep2[st]) )
                d = s->rep[2];
            else
            {
                d = s->rep[3];
                s->rep[3] = s->rep[2];
            }
            s->rep[2] = s->rep[1];
        }
        s->rep[1] = s->rep[0];
        s->rep[0] = d;
    }
    s->state = st < LIT_STATES ? 8 : 11;
    return decode_len(rc, &s->p.rep_len, ps) + MATCH_MIN;
}

int lzma_decode(struct xz_dec *x, struct rc_dec *rc, struct xz_out *o,
                size_t end)
{
    struct lzma_dec *s = &x->w->lzma;
    unsigned int pb_mask = (1u << s->pb) - 1, ps, len;
    uint8_t *buf = o->buf;
    size_t src;

    while ( o->pos < end )
    {
        if ( rc->overrun )
            break;
        ps = (o->pos - o->dict_start) & pb_mask;
        /* A matched literal reads at rep[0]: it must be in the data. */
        if ( s->state >= LIT_STATES &&
             s->rep[0] >= o->pos - o->dict_start )
            return xz_fail(x, XZ_E_CORRUPT, "LZMA: bad state");
        if ( !rc_bit(rc, &s->p.is_match[s->state][ps]) )
        {
            buf[o->pos] = decode_literal(s, rc, o);
            o->pos++;
            continue;
        }
        len = decode_match(s, rc, ps);
        if ( s->rep[0] >= o->pos - o->dict_start )
            return xz_fail(x, XZ_E_CORRUPT, s->rep[0] == ~0u ?
                           "LZMA: end marker inside LZMA2" :
                           "LZMA: distance beyond the data decoded");
        if ( len == 0 )
            len = 1;                        /* the short repeat */
        if ( len > end - o->pos )
            return xz_fail(x, XZ_E_CORRUPT, "LZMA: match past chunk end");
        /* Byte by byte: the source may overlap what is being written. */
        src = o->pos - s->rep[0] - 1;
        while ( len-- )
            buf[o->pos++] = buf[src++];
    }
    /* The encoder's flush leaves the decoder normalized at chunk end. */
    rc_normalize(rc);
    if ( rc->overrun )
        return xz_fail(x, XZ_E_CORRUPT, "LZMA: data past chunk end");
    return XZ_OK;
}
