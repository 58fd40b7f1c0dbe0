/*
 * FLASK policy loader: the bounded cursor and the format's building
 * blocks.  All integers are little-endian.  A "name" is a u32 length
 * followed by that many bytes, no terminating NUL.  A "bitmap" is u32 64,
 * u32 highbit, u32 count, then count nodes of u32 startbit + u64 bits,
 * startbits multiples of 64, increasing, below highbit.  A "level" is u32
 * sensitivity + bitmap of categories; a "range" is u32 n (1 or 2), n
 * sensitivities, n category bitmaps; a "context" is u32 user, role, type
 * + range.  MLS levels and ranges are checked and skipped.
 */
#include "policydb_private.h"

int pdb_rd_u16(struct pdb_rd *r, uint16_t *v)
{
    *v = 0;
    if ( pdb_left(r) < 2 )
        return -EINVAL;
    *v = r->d[r->pos] | (r->d[r->pos + 1] << 8);
    r->pos += 2;
    return 0;
}

int pdb_rd_u32(struct pdb_rd *r, uint32_t *v)
{
    const uint8_t *b = r->d + r->pos;

    *v = 0;
    if ( pdb_left(r) < 4 )
        return -EINVAL;
    *v = b[0] | (b[1] << 8) | (b[2] << 16) | ((uint32_t)b[3] << 24);
    r->pos += 4;
    return 0;
}

int pdb_rd_u64(struct pdb_rd *r, uint64_t *v)
{
    uint32_t lo, hi;

    *v = 0;
    if ( pdb_left(r) < 8 )
        return -EINVAL;
    pdb_rd_u32(r, &lo);
    pdb_rd_u32(r, &hi);
    *v = ((uint64_t)hi << 32) | lo;
    return 0;
}

/* Read n u32s into v[]. */
int pdb_rd_u32s(struct pdb_rd *r, uint32_t *v, unsigned int n)
{
    unsigned int i;

    if ( pdb_left(r) / 4 < n )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
        pdb_rd_u32(r, &v[i]);
    return 0;
}

int pdb_skip(struct pdb_rd *r, size_t n)
{
    if ( pdb_left(r) < n )
        return -EINVAL;
    r->pos += n;
    return 0;
}

/* A count of items of at least min_size bytes each must fit in what is
 * left: bounds every allocation by the image size. */
int pdb_check_count(const struct pdb_rd *r, uint32_t count,
                    size_t min_size)
{
    return count > pdb_left(r) / min_size ? -EINVAL : 0;
}

/* A name of len bytes, 1..max, no NUL inside; *out gets a copy (if out). */
int pdb_rd_name(struct pdb_rd *r, uint32_t len, uint32_t max, char **out)
{
    const uint8_t *s = r->d + r->pos;
    uint32_t i;
    char *c;

    if ( len == 0 || len > max || pdb_left(r) < len )
        return -EINVAL;
    for ( i = 0; i < len; i++ )
        if ( !s[i] )
            return -EINVAL;
    r->pos += len;
    if ( !out )
        return 0;
    c = xmalloc_bytes(len + 1);
    if ( !c )
        return -ENOMEM;
    memcpy(c, s, len);
    c[len] = '\0';
    *out = c;
    return 0;
}

/* Value sets built from bitmaps. */
struct vbuild {
    uint32_t n, cap;
    uint32_t *v;
};

static int vb_push(struct vbuild *b, uint32_t val)
{
    if ( b->n == b->cap )
    {
        uint32_t cap = b->cap ? b->cap * 2 : 8;
        uint32_t *nv = xmalloc_bytes(sizeof(*nv) * (size_t)cap);

        if ( !nv )
            return -ENOMEM;
        if ( b->n )
            memcpy(nv, b->v, sizeof(*nv) * (size_t)b->n);
        xfree(b->v);
        b->v = nv;
        b->cap = cap;
    }
    b->v[b->n++] = val;
    return 0;
}

/* One node: u32 startbit, u64 bits; set bits go to b (if b). */
static int rd_bitmap_node(struct pdb_rd *r, uint32_t limit, uint32_t highbit,
                          uint32_t *next, struct vbuild *b)
{
    uint32_t start;
    uint64_t map;
    unsigned int bit;
    int rc;

    /* The caller checked that the node is inside the image. */
    pdb_rd_u32(r, &start);
    pdb_rd_u64(r, &map);
    /* Aligned, increasing, inside highbit (so start + 64 fits). */
    if ( start % 64 || start < *next || start >= highbit )
        return -EINVAL;
    *next = start + 64;
    if ( !map )
        return 0;
    if ( limit && (start >= limit || (limit - start < 64 &&
                                      (map >> (limit - start)))) )
        return -EINVAL;
    if ( !b )
        return 0;
    for ( bit = 0; bit < 64; bit++ )
        if ( ((map >> bit) & 1) && (rc = vb_push(b, start + bit + 1)) )
            return rc;
    return 0;
}

/*
 * Read a bitmap.  With limit non-zero every set bit must be below it.
 * With set non-NULL the set bits, as values (bit + 1), ascending, go to
 * *set (which the caller frees even on error).
 */
int pdb_rd_bitmap(struct pdb_rd *r, uint32_t limit,
                  struct policydb_valset *set)
{
    uint32_t mapsize, highbit, count, i, next = 0;
    struct vbuild b = { 0 };
    int rc;

    if ( (rc = pdb_rd_u32(r, &mapsize)) || (rc = pdb_rd_u32(r, &highbit)) ||
         (rc = pdb_rd_u32(r, &count)) )
        return rc;
    if ( mapsize != 64 || highbit % 64 || pdb_check_count(r, count, 12) )
        return -EINVAL;
    for ( i = 0; i < count && !rc; i++ )
        rc = rd_bitmap_node(r, limit, highbit, &next, set ? &b : NULL);
    if ( set )
    {
        set->n = b.n;
        set->v = b.v;
    }
    return rc;
}

bool pdb_valset_has(const struct policydb_valset *s, uint32_t val)
{
    uint32_t lo = 0, hi = s->n;

    while ( lo < hi )
    {
        uint32_t mid = lo + (hi - lo) / 2;

        if ( s->v[mid] == val )
            return true;
        if ( s->v[mid] < val )
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

int pdb_skip_level(struct pdb_rd *r)
{
    int rc = pdb_skip(r, 4);

    return rc ?: pdb_rd_bitmap(r, 0, NULL);
}

int pdb_skip_range(struct pdb_rd *r)
{
    uint32_t n;
    int rc = pdb_rd_u32(r, &n);

    if ( rc )
        return rc;
    if ( n < 1 || n > 2 )
        return -EINVAL;
    if ( (rc = pdb_skip(r, 4 * n)) || (rc = pdb_rd_bitmap(r, 0, NULL)) )
        return rc;
    return n == 2 ? pdb_rd_bitmap(r, 0, NULL) : 0;
}

/* A context; with p non-NULL its values must name defined symbols. */
int pdb_rd_context(struct pdb_rd *r, const struct policydb *p,
                      struct policydb_context *c)
{
    uint32_t v[3];
    int rc = pdb_rd_u32s(r, v, 3);

    if ( rc || (rc = pdb_skip_range(r)) )
        return rc;
    if ( p && (v[0] < 1 || v[0] > p->nusers || !p->users[v[0] - 1].name ||
               v[1] < 1 || v[1] > p->nroles || !p->roles[v[1] - 1].name ||
               v[2] < 1 || v[2] > p->ntypes || !p->types[v[2] - 1].name) )
        return -EINVAL;
    if ( c )
    {
        c->user = v[0];
        c->role = v[1];
        c->type = v[2];
    }
    return 0;
}
