/*
 * FLASK policy loader: access vectors.
 *
 *   avtab        u32 n; n x (u16 source, target, class, specified;
 *                u32 data).  specified 1 = allowed permissions, 0x10 =
 *                type transition (data: the new type); audit, member
 *                and change rules are checked and skipped.
 *   conditionals u32 n; n x (u32 state, u32 nexpr, nexpr x (u32 op,
 *                u32 bool), avtab true list, avtab false list) -- the
 *                expression is evaluated on the booleans' defaults and
 *                the chosen list's allow rules join the avtab.
 *
 * The allow rules are sorted and merged by key once loaded; a rule may
 * name a type or an attribute on either side, so policydb_allowed() ORs
 * the rules of the types and of all their attributes.
 */
#include "policydb_private.h"

#define AV_ALLOWED      0x0001
#define AV_AUDITALLOW   0x0002
#define AV_AUDITDENY    0x0004
#define AV_TRANSITION   0x0010
#define AV_MEMBER       0x0020
#define AV_CHANGE       0x0040
#define AV_ENABLED      0x8000

#define COND_MAX_DEPTH  32

static int av_push_to(struct policydb_av **v, uint32_t *n, uint32_t *capp,
                      uint16_t s, uint16_t t, uint16_t c, uint32_t allowed)
{
    struct policydb_av *e;

    if ( *n == *capp )
    {
        uint32_t cap = *capp ? *capp * 2 : 64;
        struct policydb_av *nv = xmalloc_bytes(sizeof(*nv) * (size_t)cap);

        if ( !nv )
            return -ENOMEM;
        if ( *n )
            memcpy(nv, *v, sizeof(*nv) * (size_t)*n);
        xfree(*v);
        *v = nv;
        *capp = cap;
    }
    e = &(*v)[(*n)++];
    e->stype = s;
    e->ttype = t;
    e->tclass = c;
    e->allowed = allowed;
    return 0;
}

static int av_push(struct pdb_avbuild *b, uint16_t s, uint16_t t, uint16_t c,
                   uint32_t allowed)
{
    return av_push_to(&b->v, &b->n, &b->cap, s, t, c, allowed);
}

static int tt_push(struct pdb_avbuild *b, uint16_t s, uint16_t t, uint16_t c,
                   uint32_t newtype)
{
    return av_push_to(&b->tt, &b->ntt, &b->ttcap, s, t, c, newtype);
}

/* One avtab entry; allow rules and type transitions go to b when add is
 * set. */
static int rd_av_entry(struct pdb_rd *r, const struct policydb *p,
                       struct pdb_avbuild *b, bool add)
{
    uint16_t k[4], spec;
    uint32_t data;
    unsigned int i;

    for ( i = 0; i < 4; i++ )
        if ( pdb_rd_u16(r, &k[i]) )
            return -EINVAL;
    if ( pdb_rd_u32(r, &data) )
        return -EINVAL;
    if ( k[0] < 1 || k[0] > p->ntypes || k[1] < 1 || k[1] > p->ntypes ||
         k[2] < 1 || k[2] > p->nclasses )
        return -EINVAL;
    /* Exactly one kind; extended permissions are not written for Xen. */
    spec = k[3] & ~AV_ENABLED;
    switch ( spec )
    {
    case AV_ALLOWED:
        return add ? av_push(b, k[0], k[1], k[2], data) : 0;
    case AV_AUDITALLOW:
    case AV_AUDITDENY:
        return 0;
    case AV_TRANSITION:
        if ( data < 1 || data > p->ntypes )
            return -EINVAL;
        return add ? tt_push(b, k[0], k[1], k[2], data) : 0;
    case AV_MEMBER:
    case AV_CHANGE:
        return data >= 1 && data <= p->ntypes ? 0 : -EINVAL;
    default:
        return -EINVAL;
    }
}

/* u32 n, then n entries; allow rules go to b when add is set. */
int pdb_rd_avtab(struct pdb_rd *r, const struct policydb *p,
                 struct pdb_avbuild *b, bool add)
{
    uint32_t n, i;
    int rc = pdb_rd_u32(r, &n);

    if ( rc || pdb_check_count(r, n, 12) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
        if ( (rc = rd_av_entry(r, p, b, add)) )
            return rc;
    return 0;
}


/* Conditional expression operators (reverse Polish). */
enum { COND_BOOL = 1, COND_NOT, COND_OR, COND_AND, COND_XOR, COND_EQ,
       COND_NEQ };

/* Apply binary operator op to the top two of the stack. */
static void cond_binop(uint32_t op, bool *stack, unsigned int *sp)
{
    bool a, c;

    c = stack[--*sp];
    a = stack[*sp - 1];
    switch ( op )
    {
    case COND_OR:  a = a || c; break;
    case COND_AND: a = a && c; break;
    case COND_XOR: a = a != c; break;
    case COND_EQ:  a = a == c; break;
    default:       a = a != c; break;
    }
    stack[*sp - 1] = a;
}

/* Evaluate an expression of nexpr x (u32 op, u32 bool) on the booleans'
 * defaults into *val. */
static int cond_eval(struct pdb_rd *r, const struct policydb *p,
                     uint32_t nexpr, bool *val)
{
    bool stack[COND_MAX_DEPTH];
    unsigned int sp = 0;
    uint32_t j, e[2];

    if ( !nexpr || pdb_check_count(r, nexpr, 8) )
        return -EINVAL;
    for ( j = 0; j < nexpr; j++ )
    {
        pdb_rd_u32s(r, e, 2);
        if ( e[0] == COND_BOOL )
        {
            if ( e[1] < 1 || e[1] > p->nbools || !p->bools[e[1] - 1].name ||
                 sp == COND_MAX_DEPTH )
                return -EINVAL;
            stack[sp++] = p->bools[e[1] - 1].state;
        }
        else if ( e[0] == COND_NOT )
        {
            if ( sp < 1 )
                return -EINVAL;
            stack[sp - 1] = !stack[sp - 1];
        }
        else if ( e[0] >= COND_OR && e[0] <= COND_NEQ )
        {
            if ( sp < 2 )
                return -EINVAL;
            cond_binop(e[0], stack, &sp);
        }
        else
            return -EINVAL;
    }
    if ( sp != 1 )
        return -EINVAL;
    *val = stack[0];
    return 0;
}

/* u32 n; n x (u32 state, u32 nexpr, expression, true list, false list). */
int pdb_rd_conditionals(struct pdb_rd *r, const struct policydb *p,
                        struct pdb_avbuild *b)
{
    uint32_t n, i, nexpr;
    bool val;
    int rc;

    if ( pdb_rd_u32(r, &n) || pdb_check_count(r, n, 16) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
    {
        if ( (rc = pdb_skip(r, 4)) || (rc = pdb_rd_u32(r, &nexpr)) ||
             (rc = cond_eval(r, p, nexpr, &val)) )
            return rc;
        /* True list, then false list: keep the one the defaults pick. */
        if ( (rc = pdb_rd_avtab(r, p, b, val)) ||
             (rc = pdb_rd_avtab(r, p, b, !val)) )
            return rc;
    }
    return 0;
}

static int av_cmp(const struct policydb_av *a, const struct policydb_av *b)
{
    if ( a->stype != b->stype )
        return a->stype < b->stype ? -1 : 1;
    if ( a->ttype != b->ttype )
        return a->ttype < b->ttype ? -1 : 1;
    if ( a->tclass != b->tclass )
        return a->tclass < b->tclass ? -1 : 1;
    return 0;
}

static void av_sift(struct policydb_av *v, uint32_t root, uint32_t n)
{
    for ( ;; )
    {
        uint32_t child = 2 * root + 1;
        struct policydb_av t;

        if ( child >= n )
            return;
        if ( child + 1 < n && av_cmp(&v[child], &v[child + 1]) < 0 )
            child++;
        if ( av_cmp(&v[root], &v[child]) >= 0 )
            return;
        t = v[root];
        v[root] = v[child];
        v[child] = t;
        root = child;
    }
}

/* Heap sort by key, then merge equal keys (their permissions OR-ed, or
 * the first kept). */
uint32_t pdb_av_sort_merge(struct policydb_av *v, uint32_t n, bool merge_or)
{
    uint32_t i, out;

    if ( n < 2 )
        return n;
    for ( i = n / 2; i-- > 0; )
        av_sift(v, i, n);
    for ( i = n - 1; i > 0; i-- )
    {
        struct policydb_av t = v[0];

        v[0] = v[i];
        v[i] = t;
        av_sift(v, 0, i);
    }
    for ( out = 0, i = 1; i < n; i++ )
    {
        if ( !av_cmp(&v[out], &v[i]) )
        {
            if ( merge_or )
                v[out].allowed |= v[i].allowed;
        }
        else
            v[++out] = v[i];
    }
    return out + 1;
}

static uint32_t av_find_in(const struct policydb_av *v, uint32_t n,
                           uint32_t s, uint32_t t, uint32_t c)
{
    struct policydb_av key = { .stype = s, .ttype = t, .tclass = c };
    uint32_t lo = 0, hi = n;

    while ( lo < hi )
    {
        uint32_t mid = lo + (hi - lo) / 2;
        int d = av_cmp(&v[mid], &key);

        if ( !d )
            return v[mid].allowed;
        if ( d < 0 )
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static uint32_t av_find(const struct policydb *p, uint32_t s, uint32_t t,
                        uint32_t c)
{
    return av_find_in(p->av, p->nav, s, t, c);
}

uint32_t policydb_allowed(const struct policydb *p, unsigned int stype,
                          unsigned int ttype, unsigned int tclass)
{
    const struct policydb_valset *sa, *ta;
    uint32_t allowed, i, j;

    if ( stype < 1 || stype > p->ntypes || ttype < 1 || ttype > p->ntypes ||
         tclass < 1 || tclass > p->nclasses )
        return 0;
    sa = &p->types[stype - 1].attrs;
    ta = &p->types[ttype - 1].attrs;
    /* The type itself, then each of its attributes, on both sides. */
    allowed = av_find(p, stype, ttype, tclass);
    for ( i = 0; i <= sa->n; i++ )
    {
        uint32_t s = i < sa->n ? sa->v[i] : stype;

        for ( j = 0; j <= ta->n; j++ )
        {
            uint32_t t = j < ta->n ? ta->v[j] : ttype;

            if ( (s != stype || t != ttype) )
                allowed |= av_find(p, s, t, tclass);
        }
    }
    return allowed;
}

/*
 * checkpolicy writes type rules expanded to types, so the exact key is
 * looked up first; a rule kept on an attribute (source's, then
 * target's) is used only when no rule names the types themselves.
 */
uint32_t policydb_transition(const struct policydb *p, unsigned int stype,
                             unsigned int ttype, unsigned int tclass)
{
    const struct policydb_valset *sa, *ta;
    uint32_t i, j, nt;

    if ( stype < 1 || stype > p->ntypes || ttype < 1 || ttype > p->ntypes ||
         tclass < 1 || tclass > p->nclasses )
        return 0;
    if ( (nt = av_find_in(p->tt, p->ntt, stype, ttype, tclass)) )
        return nt;
    sa = &p->types[stype - 1].attrs;
    ta = &p->types[ttype - 1].attrs;
    for ( i = 0; i <= sa->n; i++ )
    {
        uint32_t s = i < sa->n ? sa->v[i] : stype;

        for ( j = 0; j <= ta->n; j++ )
        {
            uint32_t t = j < ta->n ? ta->v[j] : ttype;

            if ( (s != stype || t != ttype) &&
                 (nt = av_find_in(p->tt, p->ntt, s, t, tclass)) )
                return nt;
        }
    }
    return 0;
}
