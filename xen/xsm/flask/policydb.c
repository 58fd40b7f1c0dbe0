/*
 * FLASK policy database loader: parses the binary policy that checkpolicy
 * writes for the Xen target and keeps what access checks need.
 *
 * The format as we read it (all integers little-endian; a "name" is a
 * u32 length followed by that many bytes, no terminating NUL; a
 * "bitmap" is u32 64, u32 highbit, u32 count, then count nodes of
 * u32 startbit + u64 bits, startbits multiples of 64, increasing, below
 * highbit; a "level" is u32 sensitivity + bitmap of categories; a
 * "range" is u32 n (1 or 2), n sensitivities, n category bitmaps; a
 * "context" is u32 user, role, type + range):
 *
 *   header     u32 magic 0xf97cff8c, name "XenFlask", u32 version,
 *              u32 config (bit 0 MLS, bits 1-2 handle_unknown),
 *              u32 symbol table count (8), u32 ocontext count (5; 6 from
 *              version 30)
 *   bitmap     policy capabilities                       (skipped)
 *   bitmap     permissive types                          (skipped)
 *   8 symbol tables, each u32 nprim (highest value), u32 nel (entries):
 *     commons  u32 len, value, nprim, nel; name; nel x (u32 len, value;
 *              name) permissions
 *     classes  u32 len, common-name len, value, nprim, nel, nconstraints;
 *              name; common name; permissions as above; constraints;
 *              u32 n + n validatetrans constraints; from 27 three u32
 *              defaults, from 28 one more                (constraints
 *              and defaults skipped)
 *     roles    u32 len, value, bounds; name; bitmap dominates;
 *              bitmap types
 *     types    u32 len, value, properties (1 primary, 2 attribute),
 *              bounds; name.  A non-primary entry is an alias.
 *     users    u32 len, value, bounds; name; bitmap roles; range;
 *              default level                             (MLS skipped)
 *     booleans u32 value, state, len; name
 *     sensitivities u32 len, isalias; name; level        (skipped)
 *     categories    u32 len, value, isalias; name        (skipped)
 *   avtab      u32 n; n x (u16 source, target, class, specified;
 *              u32 data).  specified 1 = allowed permissions; audit and
 *              type rules are skipped.
 *   conditionals u32 n; n x (u32 state, u32 nexpr, nexpr x (u32 op,
 *              u32 bool), avtab true list, avtab false list) -- the
 *              expression is evaluated on the booleans' defaults and
 *              the chosen list's allow rules join the avtab.
 *   role transitions u32 n; n x 4 u32 (3 before version 26) (skipped)
 *   role allows      u32 n; n x 2 u32                     (skipped)
 *   filename transitions (from 25) u32 n; n x (name, 4 u32) (skipped)
 *   ocontexts  per kind: u32 n; n x (key, context).  Keys: ISID u32 sid,
 *              PIRQ u32, IOPORT 2 x u32, IOMEM 2 x u32 (2 x u64 from 30),
 *              PCIDEVICE u32, DEVICETREE name.
 *   genfs      u32 n; n x (name, u32 m, m x (name, u32 class,
 *              context))                                  (skipped)
 *   range transitions u32 n; n x (u32 source, target, class; range)
 *                                                         (skipped)
 *   type->attribute map: one bitmap per type value.
 *
 * Versions 24..30 are parsed (checkpolicy writes 24 and 30 for Xen);
 * features newer than 24 are keyed on their own version numbers.
 * Everything is bounds-checked against the image; counts are checked
 * against the bytes left before anything is allocated; trailing bytes
 * are an error.  Any failure frees all that was built and gives -EINVAL
 * (-ENOMEM when out of memory, -EOPNOTSUPP for another version).
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xsm/flask/policydb.h>

#define SYM_COMMONS 0
#define SYM_CLASSES 1
#define SYM_ROLES   2
#define SYM_TYPES   3
#define SYM_USERS   4
#define SYM_BOOLS   5
#define SYM_LEVELS  6
#define SYM_CATS    7
#define SYM_NUM     8

/* Features by version. */
#define V_POLCAP        22
#define V_PERMISSIVE    23
#define V_FILENAME      25
#define V_ROLETRANS     26
#define V_OBJ_DEFAULTS  27
#define V_DEFAULT_TYPE  28
#define V_CONS_NAMES    29
#define V_DEVICETREE    30

#define TYPE_PRIMARY    1
#define TYPE_ATTRIBUTE  2

#define AV_ALLOWED      0x0001
#define AV_AUDITALLOW   0x0002
#define AV_AUDITDENY    0x0004
#define AV_TRANSITION   0x0010
#define AV_MEMBER       0x0020
#define AV_CHANGE       0x0040
#define AV_ENABLED      0x8000

#define CEXPR_NAMES     5
#define COND_MAX_DEPTH  32

struct rd {
    const uint8_t *d;
    size_t len, pos;
    uint32_t version;
};

static size_t left(const struct rd *r)
{
    return r->len - r->pos;
}

static int rd_u16(struct rd *r, uint16_t *v)
{
    *v = 0;
    if ( left(r) < 2 )
        return -EINVAL;
    *v = r->d[r->pos] | (r->d[r->pos + 1] << 8);
    r->pos += 2;
    return 0;
}

static int rd_u32(struct rd *r, uint32_t *v)
{
    const uint8_t *b = r->d + r->pos;

    *v = 0;
    if ( left(r) < 4 )
        return -EINVAL;
    *v = b[0] | (b[1] << 8) | (b[2] << 16) | ((uint32_t)b[3] << 24);
    r->pos += 4;
    return 0;
}

static int rd_u64(struct rd *r, uint64_t *v)
{
    uint32_t lo, hi;

    *v = 0;
    if ( left(r) < 8 )
        return -EINVAL;
    rd_u32(r, &lo);
    rd_u32(r, &hi);
    *v = ((uint64_t)hi << 32) | lo;
    return 0;
}

/* Read n u32s into v[]. */
static int rd_u32s(struct rd *r, uint32_t *v, unsigned int n)
{
    unsigned int i;

    if ( left(r) / 4 < n )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
        rd_u32(r, &v[i]);
    return 0;
}

static int skip(struct rd *r, size_t n)
{
    if ( left(r) < n )
        return -EINVAL;
    r->pos += n;
    return 0;
}

/* A count of items of at least min_size bytes each must fit in what is
 * left: bounds every allocation by the image size. */
static int check_count(const struct rd *r, uint32_t count, size_t min_size)
{
    return count > left(r) / min_size ? -EINVAL : 0;
}

/* A name of len bytes, 1..max, no NUL inside; *out gets a copy (if out). */
static int rd_name(struct rd *r, uint32_t len, uint32_t max, char **out)
{
    const uint8_t *s = r->d + r->pos;
    uint32_t i;
    char *c;

    if ( len == 0 || len > max || left(r) < len )
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

/* ------------------------------------------------------------------ */
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

/*
 * Read a bitmap.  With limit non-zero every set bit must be below it.
 * With set non-NULL the set bits, as values (bit + 1), ascending, go to
 * *set (which the caller frees even on error).
 */
static int rd_bitmap(struct rd *r, uint32_t limit, struct policydb_valset *set)
{
    uint32_t mapsize, highbit, count, i, start, next = 0;
    uint64_t map;
    struct vbuild b = { 0 };
    int rc;

    if ( (rc = rd_u32(r, &mapsize)) || (rc = rd_u32(r, &highbit)) ||
         (rc = rd_u32(r, &count)) )
        return rc;
    if ( mapsize != 64 || highbit % 64 || check_count(r, count, 12) )
        return -EINVAL;
    for ( i = 0; i < count; i++ )
    {
        unsigned int bit;

        rd_u32(r, &start);
        rd_u64(r, &map);
        /* Aligned, increasing, inside highbit (so start + 64 fits). */
        if ( start % 64 || start < next || start >= highbit )
            goto bad;
        next = start + 64;
        if ( !map )
            continue;
        if ( limit && (start >= limit || (limit - start < 64 &&
                                          (map >> (limit - start)))) )
            goto bad;
        if ( !set )
            continue;
        for ( bit = 0; bit < 64; bit++ )
            if ( (map >> bit) & 1 )
            {
                rc = vb_push(&b, start + bit + 1);
                if ( rc )
                    goto out;
            }
    }
    rc = 0;
    goto out;
 bad:
    rc = -EINVAL;
 out:
    if ( set )
    {
        set->n = b.n;
        set->v = b.v;
    }
    else
        xfree(b.v);
    return rc;
}

static bool valset_has(const struct policydb_valset *s, uint32_t val)
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

static int skip_level(struct rd *r)
{
    int rc = skip(r, 4);

    return rc ?: rd_bitmap(r, 0, NULL);
}

static int skip_range(struct rd *r)
{
    uint32_t n;
    int rc = rd_u32(r, &n);

    if ( rc )
        return rc;
    if ( n < 1 || n > 2 )
        return -EINVAL;
    if ( (rc = skip(r, 4 * n)) || (rc = rd_bitmap(r, 0, NULL)) )
        return rc;
    return n == 2 ? rd_bitmap(r, 0, NULL) : 0;
}

/* A context; with p non-NULL its values must name defined symbols. */
static int rd_context(struct rd *r, const struct policydb *p,
                      struct policydb_context *c)
{
    uint32_t v[3];
    int rc = rd_u32s(r, v, 3);

    if ( rc || (rc = skip_range(r)) )
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

/* ------------------------------------------------------------------ */
/* Symbol tables. */

/* Permissions: nel x (u32 len, value; name) into perms[] by bit. */
static int rd_perms(struct rd *r, uint32_t nel, uint32_t nprim,
                    char *perms[POLICYDB_MAX_PERMS])
{
    uint32_t i, v[2];
    int rc;

    if ( check_count(r, nel, 9) )
        return -EINVAL;
    for ( i = 0; i < nel; i++ )
    {
        if ( (rc = rd_u32s(r, v, 2)) )
            return rc;
        if ( v[1] < 1 || v[1] > nprim || perms[v[1] - 1] )
            return -EINVAL;
        if ( (rc = rd_name(r, v[0], POLICYDB_MAX_NAME, &perms[v[1] - 1])) )
            return rc;
    }
    return 0;
}

static int rd_common(struct rd *r, struct policydb *p)
{
    uint32_t v[4];
    struct policydb_common *c;
    int rc = rd_u32s(r, v, 4);

    if ( rc )
        return rc;
    if ( v[1] < 1 || v[1] > p->ncommons || p->commons[v[1] - 1].name ||
         v[2] > POLICYDB_MAX_PERMS || v[3] > v[2] )
        return -EINVAL;
    c = &p->commons[v[1] - 1];
    if ( (rc = rd_name(r, v[0], POLICYDB_MAX_NAME, &c->name)) )
        return rc;
    c->nprim = v[2];
    return rd_perms(r, v[3], v[2], c->perms);
}

static int skip_constraints(struct rd *r, uint32_t ncons)
{
    uint32_t i, j, nexpr, e[3];
    int rc;

    if ( check_count(r, ncons, 8) )
        return -EINVAL;
    for ( i = 0; i < ncons; i++ )
    {
        if ( (rc = skip(r, 4)) || (rc = rd_u32(r, &nexpr)) )
            return rc;
        if ( check_count(r, nexpr, 12) )
            return -EINVAL;
        for ( j = 0; j < nexpr; j++ )
        {
            rd_u32s(r, e, 3);
            if ( e[0] < 1 || e[0] > CEXPR_NAMES )
                return -EINVAL;
            if ( e[0] != CEXPR_NAMES )
                continue;
            if ( (rc = rd_bitmap(r, 0, NULL)) )
                return rc;
            /* From version 29 the names also come as a type set. */
            if ( r->version >= V_CONS_NAMES &&
                 ((rc = rd_bitmap(r, 0, NULL)) ||
                  (rc = rd_bitmap(r, 0, NULL)) || (rc = skip(r, 4))) )
                return rc;
        }
    }
    return 0;
}

static int rd_class(struct rd *r, struct policydb *p)
{
    uint32_t v[6], i, n;
    struct policydb_class *c;
    const uint8_t *ckey;
    int rc = rd_u32s(r, v, 6);

    if ( rc )
        return rc;
    if ( v[2] < 1 || v[2] > p->nclasses || p->classes[v[2] - 1].name ||
         v[3] > POLICYDB_MAX_PERMS || v[4] > v[3] )
        return -EINVAL;
    c = &p->classes[v[2] - 1];
    if ( (rc = rd_name(r, v[0], POLICYDB_MAX_NAME, &c->name)) )
        return rc;
    c->nprim = v[3];
    if ( v[1] )
    {
        ckey = r->d + r->pos;
        if ( (rc = rd_name(r, v[1], POLICYDB_MAX_NAME, NULL)) )
            return rc;
        for ( i = 0; i < p->ncommons; i++ )
        {
            const char *name = p->commons[i].name;

            if ( name && strlen(name) == v[1] && !memcmp(name, ckey, v[1]) )
                break;
        }
        if ( i == p->ncommons || p->commons[i].nprim > c->nprim )
            return -EINVAL;
        c->common = &p->commons[i];
    }
    if ( (rc = rd_perms(r, v[4], v[3], c->perms)) ||
         (rc = skip_constraints(r, v[5])) )
        return rc;
    /* validatetrans constraints */
    if ( (rc = rd_u32(r, &n)) || (rc = skip_constraints(r, n)) )
        return rc;
    if ( r->version >= V_OBJ_DEFAULTS && (rc = skip(r, 12)) )
        return rc;
    if ( r->version >= V_DEFAULT_TYPE && (rc = skip(r, 4)) )
        return rc;
    return 0;
}

static int rd_role(struct rd *r, struct policydb *p)
{
    uint32_t v[3];
    struct policydb_role *role;
    int rc = rd_u32s(r, v, 3);

    if ( rc )
        return rc;
    if ( v[1] < 1 || v[1] > p->nroles || p->roles[v[1] - 1].name )
        return -EINVAL;
    role = &p->roles[v[1] - 1];
    if ( (rc = rd_name(r, v[0], POLICYDB_MAX_NAME, &role->name)) ||
         (rc = rd_bitmap(r, p->nroles, NULL)) )
        return rc;
    /* Types are checked against the type count once that is known. */
    return rd_bitmap(r, 0, &role->types);
}

static int rd_type(struct rd *r, struct policydb *p)
{
    uint32_t v[4];
    char **name;
    int rc = rd_u32s(r, v, 4);

    if ( rc )
        return rc;
    if ( v[1] < 1 || v[1] > p->ntypes ||
         (v[2] & ~(TYPE_PRIMARY | TYPE_ATTRIBUTE)) )
        return -EINVAL;
    if ( v[2] & TYPE_PRIMARY )
    {
        if ( p->types[v[1] - 1].name )
            return -EINVAL;
        p->types[v[1] - 1].attribute = v[2] & TYPE_ATTRIBUTE;
        name = &p->types[v[1] - 1].name;
    }
    else
    {
        /* An alias: the table's nel bounds naliases. */
        if ( v[2] & TYPE_ATTRIBUTE )
            return -EINVAL;
        p->aliases[p->naliases].value = v[1];
        name = &p->aliases[p->naliases++].name;
    }
    return rd_name(r, v[0], POLICYDB_MAX_NAME, name);
}

static int rd_user(struct rd *r, struct policydb *p)
{
    uint32_t v[3];
    struct policydb_user *u;
    int rc = rd_u32s(r, v, 3);

    if ( rc )
        return rc;
    if ( v[1] < 1 || v[1] > p->nusers || p->users[v[1] - 1].name )
        return -EINVAL;
    u = &p->users[v[1] - 1];
    if ( (rc = rd_name(r, v[0], POLICYDB_MAX_NAME, &u->name)) ||
         (rc = rd_bitmap(r, p->nroles, &u->roles)) ||
         (rc = skip_range(r)) )
        return rc;
    return skip_level(r);
}

static int rd_bool(struct rd *r, struct policydb *p)
{
    uint32_t v[3];
    int rc = rd_u32s(r, v, 3);

    if ( rc )
        return rc;
    if ( v[0] < 1 || v[0] > p->nbools || p->bools[v[0] - 1].name ||
         v[1] > 1 )
        return -EINVAL;
    p->bools[v[0] - 1].state = v[1];
    return rd_name(r, v[2], POLICYDB_MAX_NAME, &p->bools[v[0] - 1].name);
}

static int rd_level(struct rd *r, struct policydb *p)
{
    uint32_t v[2];
    int rc = rd_u32s(r, v, 2);

    (void)p;
    if ( rc || (rc = rd_name(r, v[0], POLICYDB_MAX_NAME, NULL)) )
        return rc;
    return skip_level(r);
}

static int rd_cat(struct rd *r, struct policydb *p)
{
    uint32_t v[3];
    int rc = rd_u32s(r, v, 3);

    (void)p;
    return rc ?: rd_name(r, v[0], POLICYDB_MAX_NAME, NULL);
}

static int rd_symtabs(struct rd *r, struct policydb *p)
{
    static int (*const rd_entry[SYM_NUM])(struct rd *, struct policydb *) = {
        rd_common, rd_class, rd_role, rd_type, rd_user, rd_bool,
        rd_level, rd_cat,
    };
    unsigned int s;
    uint32_t nprim, nel, i;
    int rc;

    for ( s = 0; s < SYM_NUM; s++ )
    {
        if ( (rc = rd_u32(r, &nprim)) || (rc = rd_u32(r, &nel)) )
            return rc;
        /* Each entry takes at least 9 bytes; each value at least one. */
        if ( check_count(r, nel, 9) || check_count(r, nprim, 1) )
            return -EINVAL;
        if ( s < SYM_LEVELS && nprim > POLICYDB_MAX_SYMS )
            return -EINVAL;
        rc = -ENOMEM;
        switch ( s )
        {
        case SYM_COMMONS:
            p->ncommons = nprim;
            if ( nprim && !(p->commons = xzalloc_array(struct policydb_common,
                                                       nprim)) )
                return rc;
            break;
        case SYM_CLASSES:
            p->nclasses = nprim;
            if ( nprim && !(p->classes = xzalloc_array(struct policydb_class,
                                                       nprim)) )
                return rc;
            break;
        case SYM_ROLES:
            p->nroles = nprim;
            if ( nprim && !(p->roles = xzalloc_array(struct policydb_role,
                                                     nprim)) )
                return rc;
            break;
        case SYM_TYPES:
            p->ntypes = nprim;
            if ( nprim && !(p->types = xzalloc_array(struct policydb_type,
                                                     nprim)) )
                return rc;
            if ( nel && !(p->aliases = xzalloc_array(struct policydb_alias,
                                                     nel)) )
                return rc;
            break;
        case SYM_USERS:
            p->nusers = nprim;
            if ( nprim && !(p->users = xzalloc_array(struct policydb_user,
                                                     nprim)) )
                return rc;
            break;
        case SYM_BOOLS:
            p->nbools = nprim;
            if ( nprim && !(p->bools = xzalloc_array(struct policydb_bool,
                                                     nprim)) )
                return rc;
            break;
        }
        for ( i = 0; i < nel; i++ )
            if ( (rc = rd_entry[s](r, p)) )
                return rc;
    }

    /* Alias targets and role types can be checked now. */
    for ( i = 0; i < p->naliases; i++ )
        if ( !p->types[p->aliases[i].value - 1].name ||
             p->types[p->aliases[i].value - 1].attribute )
            return -EINVAL;
    for ( i = 0; i < p->nroles; i++ )
    {
        const struct policydb_valset *t = &p->roles[i].types;

        if ( t->n && t->v[t->n - 1] > p->ntypes )
            return -EINVAL;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Access vectors. */

struct avbuild {
    uint32_t n, cap;
    struct policydb_av *v;
};

static int av_push(struct avbuild *b, uint16_t s, uint16_t t, uint16_t c,
                   uint32_t allowed)
{
    struct policydb_av *e;

    if ( b->n == b->cap )
    {
        uint32_t cap = b->cap ? b->cap * 2 : 64;
        struct policydb_av *nv = xmalloc_bytes(sizeof(*nv) * (size_t)cap);

        if ( !nv )
            return -ENOMEM;
        if ( b->n )
            memcpy(nv, b->v, sizeof(*nv) * (size_t)b->n);
        xfree(b->v);
        b->v = nv;
        b->cap = cap;
    }
    e = &b->v[b->n++];
    e->stype = s;
    e->ttype = t;
    e->tclass = c;
    e->allowed = allowed;
    return 0;
}

/* One avtab entry; allow rules go to b when add is set. */
static int rd_av_entry(struct rd *r, const struct policydb *p,
                       struct avbuild *b, bool add)
{
    uint16_t k[4], spec;
    uint32_t data;
    unsigned int i;

    for ( i = 0; i < 4; i++ )
        if ( rd_u16(r, &k[i]) )
            return -EINVAL;
    if ( rd_u32(r, &data) )
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
    case AV_MEMBER:
    case AV_CHANGE:
        return data >= 1 && data <= p->ntypes ? 0 : -EINVAL;
    default:
        return -EINVAL;
    }
}

static int rd_avtab(struct rd *r, const struct policydb *p,
                    struct avbuild *b, bool add)
{
    uint32_t n, i;
    int rc = rd_u32(r, &n);

    if ( rc || check_count(r, n, 12) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
        if ( (rc = rd_av_entry(r, p, b, add)) )
            return rc;
    return 0;
}

/* Conditional expression operators (reverse Polish). */
enum { COND_BOOL = 1, COND_NOT, COND_OR, COND_AND, COND_XOR, COND_EQ,
       COND_NEQ };

static int rd_conditionals(struct rd *r, const struct policydb *p,
                           struct avbuild *b)
{
    uint32_t n, i, j, nexpr, e[2];
    bool stack[COND_MAX_DEPTH];
    unsigned int sp;
    int rc;

    if ( rd_u32(r, &n) || check_count(r, n, 16) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
    {
        if ( (rc = skip(r, 4)) || (rc = rd_u32(r, &nexpr)) )
            return rc;
        if ( !nexpr || check_count(r, nexpr, 8) )
            return -EINVAL;
        sp = 0;
        for ( j = 0; j < nexpr; j++ )
        {
            rd_u32s(r, e, 2);
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
                bool a, c;

                if ( sp < 2 )
                    return -EINVAL;
                c = stack[--sp];
                a = stack[sp - 1];
                switch ( e[0] )
                {
                case COND_OR:  a = a || c; break;
                case COND_AND: a = a && c; break;
                case COND_XOR: a = a != c; break;
                case COND_EQ:  a = a == c; break;
                default:       a = a != c; break;
                }
                stack[sp - 1] = a;
            }
            else
                return -EINVAL;
        }
        if ( sp != 1 )
            return -EINVAL;
        /* True list, then false list: keep the one the defaults pick. */
        if ( (rc = rd_avtab(r, p, b, stack[0])) ||
             (rc = rd_avtab(r, p, b, !stack[0])) )
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

/* Heap sort by key, then merge equal keys (their permissions OR-ed). */
static uint32_t av_sort_merge(struct policydb_av *v, uint32_t n)
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
            v[out].allowed |= v[i].allowed;
        else
            v[++out] = v[i];
    }
    return out + 1;
}

/* ------------------------------------------------------------------ */
/* Everything after the conditionals. */

static int skip_rules(struct rd *r)
{
    uint32_t n, i, len;
    size_t each = r->version >= V_ROLETRANS ? 16 : 12;
    int rc;

    /* role transitions */
    if ( rd_u32(r, &n) || check_count(r, n, each) )
        return -EINVAL;
    r->pos += n * each;
    /* role allows */
    if ( rd_u32(r, &n) || check_count(r, n, 8) )
        return -EINVAL;
    r->pos += (size_t)n * 8;
    if ( r->version < V_FILENAME )
        return 0;
    /* filename transitions */
    if ( rd_u32(r, &n) || check_count(r, n, 21) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
        if ( (rc = rd_u32(r, &len)) ||
             (rc = rd_name(r, len, POLICYDB_MAX_PATH, NULL)) ||
             (rc = skip(r, 16)) )
            return rc;
    return 0;
}

static int rd_ocontexts(struct rd *r, struct policydb *p, uint32_t nkinds)
{
    uint32_t kind, n, i, j, a[2], len;
    size_t start = r->pos, total = 0;
    struct policydb_ocon *o;
    int rc;

    /* Count first so that one array holds them all: a pass that only
     * parses, then one that stores. */
    for ( kind = 0; kind < nkinds; kind++ )
    {
        if ( rd_u32(r, &n) || check_count(r, n, 20) )
            return -EINVAL;
        total += n;
        for ( i = 0; i < n; i++ )
        {
            switch ( kind )
            {
            case POLICYDB_OCON_IOPORT:
                rc = skip(r, 8);
                break;
            case POLICYDB_OCON_IOMEM:
                rc = skip(r, r->version >= V_DEVICETREE ? 16 : 8);
                break;
            case POLICYDB_OCON_DEVICETREE:
                rc = rd_u32(r, &len) ?: rd_name(r, len, POLICYDB_MAX_PATH,
                                                NULL);
                break;
            default:
                rc = skip(r, 4);
                break;
            }
            if ( rc || (rc = rd_context(r, p, NULL)) )
                return rc;
        }
    }
    if ( !total )
        return 0;
    if ( !(p->ocons = xzalloc_array(struct policydb_ocon, total)) )
        return -ENOMEM;

    r->pos = start;
    for ( kind = 0; kind < nkinds; kind++ )
    {
        rd_u32(r, &n);
        for ( i = 0; i < n; i++ )
        {
            o = &p->ocons[p->nocons++];
            o->kind = kind;
            switch ( kind )
            {
            case POLICYDB_OCON_IOPORT:
                rd_u32s(r, a, 2);
                o->low = a[0];
                o->high = a[1];
                break;
            case POLICYDB_OCON_IOMEM:
                if ( r->version >= V_DEVICETREE )
                {
                    rd_u64(r, &o->low);
                    rd_u64(r, &o->high);
                }
                else
                {
                    rd_u32s(r, a, 2);
                    o->low = a[0];
                    o->high = a[1];
                }
                break;
            case POLICYDB_OCON_DEVICETREE:
                rd_u32(r, &len);
                if ( (rc = rd_name(r, len, POLICYDB_MAX_PATH, &o->name)) )
                    return rc;
                break;
            default:
                rd_u32(r, &a[0]);
                o->low = o->high = a[0];
                break;
            }
            rd_context(r, p, &o->context);
            if ( o->low > o->high )
                return -EINVAL;
            /* Initial SIDs are few, non-zero and unique. */
            if ( kind == POLICYDB_OCON_ISID )
            {
                if ( !o->low || p->nocons > POLICYDB_MAX_ISIDS )
                    return -EINVAL;
                for ( j = 0; j + 1 < p->nocons; j++ )
                    if ( p->ocons[j].low == o->low )
                        return -EINVAL;
            }
        }
    }
    return 0;
}

static int skip_genfs_ranges(struct rd *r)
{
    uint32_t n, m, i, j, len;
    int rc;

    if ( rd_u32(r, &n) || check_count(r, n, 9) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
    {
        if ( (rc = rd_u32(r, &len)) ||
             (rc = rd_name(r, len, POLICYDB_MAX_PATH, NULL)) ||
             (rc = rd_u32(r, &m)) )
            return rc;
        if ( check_count(r, m, 9) )
            return -EINVAL;
        for ( j = 0; j < m; j++ )
            if ( (rc = rd_u32(r, &len)) ||
                 (rc = rd_name(r, len, POLICYDB_MAX_PATH, NULL)) ||
                 (rc = skip(r, 4)) || (rc = rd_context(r, NULL, NULL)) )
                return rc;
    }

    /* range transitions (every supported version has the class) */
    if ( rd_u32(r, &n) || check_count(r, n, 16) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
        if ( (rc = skip(r, 12)) || (rc = skip_range(r)) )
            return rc;
    return 0;
}

static int rd_type_attr_map(struct rd *r, struct policydb *p)
{
    uint32_t i;
    int rc;

    for ( i = 0; i < p->ntypes; i++ )
        if ( (rc = rd_bitmap(r, p->ntypes, &p->types[i].attrs)) )
            return rc;
    return 0;
}

/* ------------------------------------------------------------------ */

static int rd_header(struct rd *r, struct policydb *p, uint32_t *nocon)
{
    uint32_t v[4];
    int rc;

    if ( rd_u32s(r, v, 2) || v[0] != POLICYDB_MAGIC ||
         v[1] != sizeof(POLICYDB_TARGET_XEN) - 1 ||
         left(r) < v[1] || memcmp(r->d + r->pos, POLICYDB_TARGET_XEN, v[1]) )
        return -EINVAL;
    r->pos += v[1];
    if ( rd_u32s(r, v, 4) )
        return -EINVAL;
    if ( v[0] < POLICYDB_VERSION_MIN || v[0] > POLICYDB_VERSION_MAX )
    {
        printk("flask: policy version %u not supported (%u..%u)\n",
               v[0], POLICYDB_VERSION_MIN, POLICYDB_VERSION_MAX);
        return -EOPNOTSUPP;
    }
    p->version = r->version = v[0];
    p->config = v[1];
    p->mls = v[1] & POLICYDB_CONFIG_MLS;
    p->handle_unknown = v[1] & POLICYDB_CONFIG_UNKNOWN;
    if ( v[1] & ~(POLICYDB_CONFIG_MLS | POLICYDB_CONFIG_UNKNOWN) ||
         v[2] != SYM_NUM ||
         v[3] != (v[0] >= V_DEVICETREE ? POLICYDB_OCON_NUM
                                       : POLICYDB_OCON_DEVICETREE) )
        return -EINVAL;
    *nocon = v[3];
    if ( (rc = rd_bitmap(r, 0, NULL)) ||       /* capabilities */
         (rc = rd_bitmap(r, 0, NULL)) )        /* permissive types */
        return rc;
    return 0;
}

int policydb_load(struct policydb *p, const void *data, size_t len)
{
    struct rd r = { .d = data, .len = data ? len : 0 };
    struct avbuild av = { 0 };
    uint32_t nocon;
    int rc;

    BUILD_BUG_ON(POLICYDB_VERSION_MIN < V_PERMISSIVE);
    memset(p, 0, sizeof(*p));

    if ( (rc = rd_header(&r, p, &nocon)) ||
         (rc = rd_symtabs(&r, p)) ||
         (rc = rd_avtab(&r, p, &av, true)) ||
         (rc = rd_conditionals(&r, p, &av)) ||
         (rc = skip_rules(&r)) ||
         (rc = rd_ocontexts(&r, p, nocon)) ||
         (rc = skip_genfs_ranges(&r)) ||
         (rc = rd_type_attr_map(&r, p)) )
        goto fail;
    if ( left(&r) )
    {
        rc = -EINVAL;
        goto fail;
    }
    p->nav = av_sort_merge(av.v, av.n);
    p->av = av.v;
    return 0;

 fail:
    xfree(av.v);
    policydb_destroy(p);
    return rc;
}

void policydb_destroy(struct policydb *p)
{
    uint32_t i, j;

    for ( i = 0; i < p->ncommons && p->commons; i++ )
    {
        xfree(p->commons[i].name);
        for ( j = 0; j < POLICYDB_MAX_PERMS; j++ )
            xfree(p->commons[i].perms[j]);
    }
    for ( i = 0; i < p->nclasses && p->classes; i++ )
    {
        xfree(p->classes[i].name);
        for ( j = 0; j < POLICYDB_MAX_PERMS; j++ )
            xfree(p->classes[i].perms[j]);
    }
    for ( i = 0; i < p->nroles && p->roles; i++ )
    {
        xfree(p->roles[i].name);
        xfree(p->roles[i].types.v);
    }
    for ( i = 0; i < p->ntypes && p->types; i++ )
    {
        xfree(p->types[i].name);
        xfree(p->types[i].attrs.v);
    }
    for ( i = 0; i < p->naliases; i++ )
        xfree(p->aliases[i].name);
    for ( i = 0; i < p->nusers && p->users; i++ )
    {
        xfree(p->users[i].name);
        xfree(p->users[i].roles.v);
    }
    for ( i = 0; i < p->nbools && p->bools; i++ )
        xfree(p->bools[i].name);
    for ( i = 0; i < p->nocons; i++ )
        xfree(p->ocons[i].name);
    xfree(p->commons);
    xfree(p->classes);
    xfree(p->roles);
    xfree(p->types);
    xfree(p->aliases);
    xfree(p->users);
    xfree(p->bools);
    xfree(p->av);
    xfree(p->ocons);
    memset(p, 0, sizeof(*p));
}

/* ------------------------------------------------------------------ */
/* Lookups. */

static bool name_eq(const char *name, const char *s, size_t n)
{
    return name && !strncmp(name, s, n) && name[n] == '\0';
}

/* Value of the n-byte name s in an array of structs with a name first. */
#define FIND(arr, count, s, n) ({                                         \
    int v_ = -ENOENT;                                                     \
    uint32_t i_;                                                          \
    for ( i_ = 0; (arr) && i_ < (count); i_++ )                           \
        if ( name_eq((arr)[i_].name, (s), (n)) )                          \
        {                                                                 \
            v_ = i_ + 1;                                                  \
            break;                                                        \
        }                                                                 \
    v_;                                                                   \
})

static int type_value(const struct policydb *p, const char *s, size_t n)
{
    int v = FIND(p->types, p->ntypes, s, n);
    uint32_t i;

    if ( v > 0 )
        return v;
    for ( i = 0; i < p->naliases; i++ )
        if ( name_eq(p->aliases[i].name, s, n) )
            return p->aliases[i].value;
    return -ENOENT;
}

int policydb_type_value(const struct policydb *p, const char *name)
{
    return type_value(p, name, strlen(name));
}

int policydb_class_value(const struct policydb *p, const char *name)
{
    return FIND(p->classes, p->nclasses, name, strlen(name));
}

int policydb_role_value(const struct policydb *p, const char *name)
{
    return FIND(p->roles, p->nroles, name, strlen(name));
}

int policydb_user_value(const struct policydb *p, const char *name)
{
    return FIND(p->users, p->nusers, name, strlen(name));
}

int policydb_bool_value(const struct policydb *p, const char *name)
{
    return FIND(p->bools, p->nbools, name, strlen(name));
}

int policydb_perm_bit(const struct policydb *p, unsigned int tclass,
                      const char *perm)
{
    const struct policydb_class *c;
    unsigned int i;

    if ( tclass < 1 || tclass > p->nclasses || !p->classes[tclass - 1].name )
        return -ENOENT;
    c = &p->classes[tclass - 1];
    for ( i = 0; i < POLICYDB_MAX_PERMS; i++ )
        if ( (c->perms[i] && !strcmp(c->perms[i], perm)) ||
             (c->common && c->common->perms[i] &&
              !strcmp(c->common->perms[i], perm)) )
            return i;
    return -ENOENT;
}

const char *policydb_type_name(const struct policydb *p, unsigned int type)
{
    return type >= 1 && type <= p->ntypes ? p->types[type - 1].name : NULL;
}

const char *policydb_class_name(const struct policydb *p, unsigned int tclass)
{
    return tclass >= 1 && tclass <= p->nclasses ? p->classes[tclass - 1].name
                                                : NULL;
}

static uint32_t av_find(const struct policydb *p, uint32_t s, uint32_t t,
                        uint32_t c)
{
    struct policydb_av key = { .stype = s, .ttype = t, .tclass = c };
    uint32_t lo = 0, hi = p->nav;

    while ( lo < hi )
    {
        uint32_t mid = lo + (hi - lo) / 2;
        int d = av_cmp(&p->av[mid], &key);

        if ( !d )
            return p->av[mid].allowed;
        if ( d < 0 )
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
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

int policydb_context_type(const struct policydb *p, const char *context)
{
    const char *f[3], *end;
    size_t n[3];
    int user, role, type;
    unsigned int i;

    for ( i = 0; i < 3; i++ )
    {
        f[i] = context;
        end = strchr(context, ':');
        if ( i < 2 && !end )
            return -EINVAL;
        n[i] = end ? (size_t)(end - context) : strlen(context);
        if ( !n[i] || n[i] > POLICYDB_MAX_NAME )
            return -EINVAL;
        context = end ? end + 1 : context + n[i];
    }
    /* Whatever follows the type is the MLS part. */
    if ( f[2][n[2]] == ':' && (!p->mls || !f[2][n[2] + 1]) )
        return -EINVAL;

    user = FIND(p->users, p->nusers, f[0], n[0]);
    role = FIND(p->roles, p->nroles, f[1], n[1]);
    type = type_value(p, f[2], n[2]);
    if ( user < 0 || role < 0 || type < 0 )
        return -ENOENT;
    if ( p->types[type - 1].attribute ||
         !valset_has(&p->users[user - 1].roles, role) ||
         (strcmp(p->roles[role - 1].name, "object_r") &&
          !valset_has(&p->roles[role - 1].types, type)) )
        return -EINVAL;
    return type;
}

int policydb_isid(const struct policydb *p, uint32_t sid,
                  struct policydb_context *ctx)
{
    uint32_t i;

    for ( i = 0; i < p->nocons; i++ )
        if ( p->ocons[i].kind == POLICYDB_OCON_ISID && p->ocons[i].low == sid )
        {
            *ctx = p->ocons[i].context;
            return 0;
        }
    return -ENOENT;
}

int policydb_ocon_type(const struct policydb *p, unsigned int kind,
                       uint64_t value)
{
    uint32_t i;

    if ( kind == POLICYDB_OCON_ISID || kind == POLICYDB_OCON_DEVICETREE )
        return -EINVAL;
    for ( i = 0; i < p->nocons; i++ )
        if ( p->ocons[i].kind == kind && p->ocons[i].low <= value &&
             value <= p->ocons[i].high )
            return p->ocons[i].context.type;
    return -ENOENT;
}

int policydb_devicetree_type(const struct policydb *p, const char *path)
{
    uint32_t i;

    for ( i = 0; i < p->nocons; i++ )
        if ( p->ocons[i].kind == POLICYDB_OCON_DEVICETREE &&
             !strcmp(p->ocons[i].name, path) )
            return p->ocons[i].context.type;
    return -ENOENT;
}
