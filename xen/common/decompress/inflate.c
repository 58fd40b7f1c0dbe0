/*
 * Deflate (RFC 1951), decoding into one buffer that is also the window.
 *
 * A stream is a sequence of blocks, each a final-block bit and a 2-bit
 * type: stored (after the next byte boundary: LEN, its complement NLEN,
 * LEN bytes), fixed Huffman codes, or dynamic codes sent first as code
 * lengths (themselves Huffman-coded).  Literal/length symbols 0-255 are
 * bytes, 256 ends the block, 257-285 give a match length (3-258) with
 * extra bits; a distance symbol (0-29) with extra bits gives how far back
 * (1-32768) the match starts.  Bits are taken from each byte least
 * significant first; Huffman codes are sent most significant bit first.
 *
 * Codes are canonical (RFC 1951 3.2.2): kept as the number of codes of
 * each length and the symbols in code order, and decoded a bit at a
 * time.  Over-subscribed lengths are refused, as are incomplete ones but
 * for the single one-bit code the format allows.
 *
 * Bounds: every input byte is read through next_byte(), which stops at
 * in_size; output goes only below out_size; a distance must lie within
 * what has been decoded.  Each symbol costs at most 15 + 13 bits of input
 * or writes a byte, so the time is linear in the input and output.
 */
#include "inflate.h"

#define MAX_BITS   15
#define END_BLOCK  256
#define NR_LENS    29
#define NR_DISTS   30

static const uint16_t len_base[NR_LENS] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
    59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};
static const uint8_t len_extra[NR_LENS] = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4,
    4, 5, 5, 5, 5, 0,
};
static const uint16_t dist_base[NR_DISTS] = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
    513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
};
static const uint8_t dist_extra[NR_DISTS] = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
    10, 11, 11, 12, 12, 13, 13,
};
/* The order in which code length code lengths are sent. */
static const uint8_t clen_order[19] = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
};

static int fail(struct inflate *s, int err, const char *detail)
{
    if ( !s->err )
    {
        s->err = err;
        s->detail = detail;
    }
    return err;
}

/* n bits (n <= 16), least significant first; 0 past the input's end. */
static unsigned int bits(struct inflate *s, unsigned int n)
{
    unsigned int v;

    while ( s->nbits < n )
    {
        if ( s->in_pos >= s->in_size )
        {
            fail(s, XZ_E_TRUNCATED, "deflate data");
            return 0;
        }
        s->bitbuf |= (uint32_t)s->in[s->in_pos++] << s->nbits;
        s->nbits += 8;
    }
    v = s->bitbuf & ((1u << n) - 1);
    s->bitbuf >>= n;
    s->nbits -= n;
    return v;
}

/*
 * Set up a code from the lengths of symbols 0..n-1; 0 or XZ_E_CORRUPT.
 * An incomplete code is allowed only if it has at most one code, of one
 * bit (a distance code with one symbol, or none), and never for the
 * code length code.
 */
static int build(struct inflate *s, struct huffman *h, const uint8_t *lens,
                 unsigned int n, bool allow_single)
{
    uint16_t next[MAX_BITS + 1];
    unsigned int i, len, max = 0;
    int left = 1;

    memset(h->count, 0, sizeof(h->count));
    for ( i = 0; i < n; i++ )
        h->count[lens[i]]++;
    for ( len = 1; len <= MAX_BITS; len++ )
    {
        left = 2 * left - h->count[len];
        if ( left < 0 )
            return fail(s, XZ_E_CORRUPT, "deflate: over-subscribed code");
        if ( h->count[len] )
            max = len;
    }
    if ( left > 0 && (max > 1 || !allow_single) )
        return fail(s, XZ_E_CORRUPT, "deflate: incomplete code");
    next[1] = 0;
    for ( len = 1; len < MAX_BITS; len++ )
        next[len + 1] = next[len] + h->count[len];
    for ( i = 0; i < n; i++ )
        if ( lens[i] )
            h->sym[next[lens[i]]++] = i;
    return 0;
}

/* One symbol: the code's bits one at a time, against each length's
 * range of codes. */
static int decode(struct inflate *s, const struct huffman *h)
{
    unsigned int len, code = 0, first = 0, index = 0;

    for ( len = 1; len <= MAX_BITS; len++ )
    {
        code |= bits(s, 1);
        if ( code - first < h->count[len] )
            return h->sym[index + code - first];
        index += h->count[len];
        first = (first + h->count[len]) << 1;
        code <<= 1;
    }
    return fail(s, XZ_E_CORRUPT, "deflate: invalid code");
}

static int stored(struct inflate *s)
{
    unsigned int len, nlen;

    s->bitbuf = 0;                      /* to the byte boundary */
    s->nbits = 0;
    if ( s->in_size - s->in_pos < 4 )
        return fail(s, XZ_E_TRUNCATED, "deflate: stored block header");
    len = s->in[s->in_pos] | s->in[s->in_pos + 1] << 8;
    nlen = s->in[s->in_pos + 2] | s->in[s->in_pos + 3] << 8;
    s->in_pos += 4;
    if ( len != (~nlen & 0xffff) )
        return fail(s, XZ_E_CORRUPT, "deflate: stored length check");
    if ( len > s->in_size - s->in_pos )
        return fail(s, XZ_E_TRUNCATED, "deflate: stored block");
    if ( len > s->out_size - s->out_pos )
        return fail(s, XZ_E_OUTPUT_SIZE, "deflate: stored block");
    memcpy(s->out + s->out_pos, s->in + s->in_pos, len);
    s->in_pos += len;
    s->out_pos += len;
    return 0;
}

/* Literals and matches up to the end-of-block symbol. */
static int codes(struct inflate *s)
{
    int sym;
    unsigned int len, dist;

    for ( ;; )
    {
        sym = decode(s, &s->w->lit);
        if ( s->err )
            return s->err;
        if ( sym < END_BLOCK )
        {
            if ( s->out_pos >= s->out_size )
                return fail(s, XZ_E_OUTPUT_SIZE, "deflate: literal");
            s->out[s->out_pos++] = sym;
            continue;
        }
        if ( sym == END_BLOCK )
            return 0;
        sym -= END_BLOCK + 1;
        if ( sym >= NR_LENS )
            return fail(s, XZ_E_CORRUPT, "deflate: bad length symbol");
        len = len_base[sym] + bits(s, len_extra[sym]);
        sym = decode(s, &s->w->dist);
        if ( s->err )
            return s->err;
        if ( sym >= NR_DISTS )
            return fail(s, XZ_E_CORRUPT, "deflate: bad distance symbol");
        dist = dist_base[sym] + bits(s, dist_extra[sym]);
        if ( s->err )
            return s->err;
        if ( dist > s->out_pos )
            return fail(s, XZ_E_CORRUPT, "deflate: distance beyond the data");
        if ( len > s->out_size - s->out_pos )
            return fail(s, XZ_E_OUTPUT_SIZE, "deflate: match");
        for ( ; len; len--, s->out_pos++ )
            s->out[s->out_pos] = s->out[s->out_pos - dist];
    }
}

static int fixed(struct inflate *s)
{
    uint8_t lens[288];
    unsigned int i;

    for ( i = 0; i < 288; i++ )
        lens[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    build(s, &s->w->lit, lens, 288, false);
    memset(lens, 5, NR_DISTS + 2);
    build(s, &s->w->dist, lens, NR_DISTS + 2, false);
    return s->err ? s->err : codes(s);
}

/* The code length code, then the literal/length and distance lengths. */
static int dynamic(struct inflate *s)
{
    uint8_t lens[286 + NR_DISTS];
    unsigned int nlit = bits(s, 5) + 257, ndist = bits(s, 5) + 1;
    unsigned int nclen = bits(s, 4) + 4, i, rep, prev;
    int sym;

    if ( nlit > 286 || ndist > NR_DISTS )
        return fail(s, XZ_E_CORRUPT, "deflate: too many code lengths");
    memset(lens, 0, sizeof(lens));
    for ( i = 0; i < nclen; i++ )
        lens[clen_order[i]] = bits(s, 3);
    if ( s->err || build(s, &s->w->lit, lens, 19, false) )
        return s->err;
    for ( i = 0; i < nlit + ndist; )
    {
        sym = decode(s, &s->w->lit);
        if ( s->err )
            return s->err;
        if ( sym < 16 )
        {
            lens[i++] = sym;
            continue;
        }
        if ( sym == 16 && i == 0 )
            return fail(s, XZ_E_CORRUPT, "deflate: repeat with no length");
        prev = sym == 16 ? lens[i - 1] : 0;
        rep = sym == 16 ? 3 + bits(s, 2) : sym == 17 ? 3 + bits(s, 3) :
              11 + bits(s, 7);
        if ( rep > nlit + ndist - i )
            return fail(s, XZ_E_CORRUPT, "deflate: too many code lengths");
        while ( rep-- )
            lens[i++] = prev;
    }
    if ( !lens[END_BLOCK] )
        return fail(s, XZ_E_CORRUPT, "deflate: no end-of-block code");
    if ( build(s, &s->w->lit, lens, nlit, true) ||
         build(s, &s->w->dist, lens + nlit, ndist, true) )
        return s->err;
    return codes(s);
}

int inflate_run(struct inflate *s)
{
    unsigned int last, type;

    do {
        last = bits(s, 1);
        type = bits(s, 2);
        if ( s->err )
            return s->err;
        if ( type == 0 )
            stored(s);
        else if ( type == 1 )
            fixed(s);
        else if ( type == 2 )
            dynamic(s);
        else
            fail(s, XZ_E_CORRUPT, "deflate: reserved block type");
    } while ( !s->err && !last );
    /* Unused bits of the last byte are dropped; whole bytes go back. */
    s->in_pos -= s->nbits / 8;
    return s->err;
}
