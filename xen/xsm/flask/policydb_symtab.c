/*
 * FLASK policy loader: the eight symbol tables.  Each is u32 nprim
 * (highest value), u32 nel (entries), then nel entries:
 *
 *   commons  u32 len, value, nprim, nel; name; nel x (u32 len, value;
 *            name) permissions
 *   classes  u32 len, common-name len, value, nprim, nel, nconstraints;
 *            name; common name; permissions as above; constraints;
 *            u32 n + n validatetrans constraints; from 27 three u32
 *            defaults, from 28 one more              (constraints and
 *            defaults skipped)
 *   roles    u32 len, value, bounds; name; bitmap dominates; bitmap types
 *   types    u32 len, value, properties (1 primary, 2 attribute),
 *            bounds; name.  A non-primary entry is an alias.
 *   users    u32 len, value, bounds; name; bitmap roles; range;
 *            default level                           (MLS skipped)
 *   booleans u32 value, state, len; name
 *   sensitivities u32 len, isalias; name; level      (skipped)
 *   categories    u32 len, value, isalias; name      (skipped)
 *
 * Values are 1-based; each value is defined once.
 */
#include "policydb_private.h"

#define TYPE_PRIMARY    1
#define TYPE_ATTRIBUTE  2

/* Permissions: nel x (u32 len, value; name) into perms[] by bit. */
static int rd_perms(struct pdb_rd *r, uint32_t nel, uint32_t nprim,
                    char *perms[POLICYDB_MAX_PERMS])
{
    uint32_t i, v[2];
    int rc;

    if ( pdb_check_count(r, nel, 9) )
        return -EINVAL;
    for ( i = 0; i < nel; i++ )
    {
        if ( (rc = pdb_rd_u32s(r, v, 2)) )
            return rc;
        if ( v[1] < 1 || v[1] > nprim || perms[v[1] - 1] )
            return -EINVAL;
        if ( (rc = pdb_rd_name(r, v[0], POLICYDB_MAX_NAME, &perms[v[1] - 1])) )
            return rc;
    }
    return 0;
}

static int rd_common(struct pdb_rd *r, struct policydb *p)
{
    uint32_t v[4];
    struct policydb_common *c;
    int rc = pdb_rd_u32s(r, v, 4);

    if ( rc )
        return rc;
    if ( v[1] < 1 || v[1] > p->ncommons || p->commons[v[1] - 1].name ||
         v[2] > POLICYDB_MAX_PERMS || v[3] > v[2] )
        return -EINVAL;
    c = &p->commons[v[1] - 1];
    if ( (rc = pdb_rd_name(r, v[0], POLICYDB_MAX_NAME, &c->name)) )
        return rc;
    c->nprim = v[2];
    return rd_perms(r, v[3], v[2], c->perms);
}


/* The name (len bytes) of the common a class inherits; it must exist. */
static int rd_class_common(struct pdb_rd *r, const struct policydb *p,
                           uint32_t len, struct policydb_class *c)
{
    const uint8_t *ckey = r->d + r->pos;
    uint32_t i;
    int rc = pdb_rd_name(r, len, POLICYDB_MAX_NAME, NULL);

    if ( rc )
        return rc;
    for ( i = 0; i < p->ncommons; i++ )
    {
        const char *name = p->commons[i].name;

        if ( name && strlen(name) == len && !memcmp(name, ckey, len) )
            break;
    }
    if ( i == p->ncommons || p->commons[i].nprim > c->nprim )
        return -EINVAL;
    c->common = &p->commons[i];
    return 0;
}

static int rd_class(struct pdb_rd *r, struct policydb *p)
{
    uint32_t v[6], n;
    struct policydb_class *c;
    int rc = pdb_rd_u32s(r, v, 6);

    if ( rc )
        return rc;
    if ( v[2] < 1 || v[2] > p->nclasses || p->classes[v[2] - 1].name ||
         v[3] > POLICYDB_MAX_PERMS || v[4] > v[3] )
        return -EINVAL;
    c = &p->classes[v[2] - 1];
    if ( (rc = pdb_rd_name(r, v[0], POLICYDB_MAX_NAME, &c->name)) )
        return rc;
    c->nprim = v[3];
    if ( v[1] && (rc = rd_class_common(r, p, v[1], c)) )
        return rc;
    if ( (rc = rd_perms(r, v[4], v[3], c->perms)) ||
         (rc = pdb_skip_constraints(r, v[5])) )
        return rc;
    /* validatetrans constraints */
    if ( (rc = pdb_rd_u32(r, &n)) || (rc = pdb_skip_constraints(r, n)) )
        return rc;
    if ( r->version >= V_OBJ_DEFAULTS && (rc = pdb_skip(r, 12)) )
        return rc;
    if ( r->version >= V_DEFAULT_TYPE && (rc = pdb_skip(r, 4)) )
        return rc;
    return 0;
}

static int rd_role(struct pdb_rd *r, struct policydb *p)
{
    uint32_t v[3];
    struct policydb_role *role;
    int rc = pdb_rd_u32s(r, v, 3);

    if ( rc )
        return rc;
    if ( v[1] < 1 || v[1] > p->nroles || p->roles[v[1] - 1].name )
        return -EINVAL;
    role = &p->roles[v[1] - 1];
    if ( (rc = pdb_rd_name(r, v[0], POLICYDB_MAX_NAME, &role->name)) ||
         (rc = pdb_rd_bitmap(r, p->nroles, NULL)) )
        return rc;
    /* Types are checked against the type count once that is known. */
    return pdb_rd_bitmap(r, 0, &role->types);
}

static int rd_type(struct pdb_rd *r, struct policydb *p)
{
    uint32_t v[4];
    char **name;
    int rc = pdb_rd_u32s(r, v, 4);

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
    return pdb_rd_name(r, v[0], POLICYDB_MAX_NAME, name);
}

static int rd_user(struct pdb_rd *r, struct policydb *p)
{
    uint32_t v[3];
    struct policydb_user *u;
    int rc = pdb_rd_u32s(r, v, 3);

    if ( rc )
        return rc;
    if ( v[1] < 1 || v[1] > p->nusers || p->users[v[1] - 1].name )
        return -EINVAL;
    u = &p->users[v[1] - 1];
    if ( (rc = pdb_rd_name(r, v[0], POLICYDB_MAX_NAME, &u->name)) ||
         (rc = pdb_rd_bitmap(r, p->nroles, &u->roles)) ||
         (rc = pdb_skip_range(r)) )
        return rc;
    return pdb_skip_level(r);
}

static int rd_bool(struct pdb_rd *r, struct policydb *p)
{
    uint32_t v[3];
    int rc = pdb_rd_u32s(r, v, 3);

    if ( rc )
        return rc;
    if ( v[0] < 1 || v[0] > p->nbools || p->bools[v[0] - 1].name ||
         v[1] > 1 )
        return -EINVAL;
    p->bools[v[0] - 1].state = v[1];
    return pdb_rd_name(r, v[2], POLICYDB_MAX_NAME, &p->bools[v[0] - 1].name);
}

static int rd_level(struct pdb_rd *r, struct policydb *p)
{
    uint32_t v[2];
    int rc = pdb_rd_u32s(r, v, 2);

    (void)p;
    if ( rc || (rc = pdb_rd_name(r, v[0], POLICYDB_MAX_NAME, NULL)) )
        return rc;
    return pdb_skip_level(r);
}

static int rd_cat(struct pdb_rd *r, struct policydb *p)
{
    uint32_t v[3];
    int rc = pdb_rd_u32s(r, v, 3);

    (void)p;
    return rc ?: pdb_rd_name(r, v[0], POLICYDB_MAX_NAME, NULL);
}

/*
 * Size table s for nprim values (and, for types, nel entries of which
 * some may be aliases).  Levels and categories are not kept.
 */
static int symtab_alloc(struct policydb *p, unsigned int s, uint32_t nprim,
                        uint32_t nel)
{
/* Set the count, then allocate that many zeroed entries (if any). */
#define ALLOC(arr, cnt)                                                   \
    ((cnt) = nprim,                                                       \
     nprim && !((arr) = xzalloc_array(typeof(*(arr)), nprim)) ? -ENOMEM : 0)

    switch ( s )
    {
    case SYM_COMMONS:
        return ALLOC(p->commons, p->ncommons);
    case SYM_CLASSES:
        return ALLOC(p->classes, p->nclasses);
    case SYM_ROLES:
        return ALLOC(p->roles, p->nroles);
    case SYM_TYPES:
        if ( ALLOC(p->types, p->ntypes) ||
             (nel && !(p->aliases = xzalloc_array(struct policydb_alias,
                                                  nel))) )
            return -ENOMEM;
        return 0;
    case SYM_USERS:
        return ALLOC(p->users, p->nusers);
    case SYM_BOOLS:
        return ALLOC(p->bools, p->nbools);
    }
    return 0;
#undef ALLOC
}

/* Alias targets and role types can be checked once all are read. */
static int symtab_check(const struct policydb *p)
{
    uint32_t i;

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

int pdb_rd_symtabs(struct pdb_rd *r, struct policydb *p)
{
    static int (*const rd_entry[SYM_NUM])(struct pdb_rd *,
                                          struct policydb *) = {
        rd_common, rd_class, rd_role, rd_type, rd_user, rd_bool,
        rd_level, rd_cat,
    };
    unsigned int s;
    uint32_t nprim, nel, i;
    int rc;

    for ( s = 0; s < SYM_NUM; s++ )
    {
        if ( (rc = pdb_rd_u32(r, &nprim)) || (rc = pdb_rd_u32(r, &nel)) )
            return rc;
        /* Each entry takes at least 9 bytes; each value at least one. */
        if ( pdb_check_count(r, nel, 9) || pdb_check_count(r, nprim, 1) )
            return -EINVAL;
        if ( s < SYM_LEVELS && nprim > POLICYDB_MAX_SYMS )
            return -EINVAL;
        if ( (rc = symtab_alloc(p, s, nprim, nel)) )
            return rc;
        for ( i = 0; i < nel; i++ )
            if ( (rc = rd_entry[s](r, p)) )
                return rc;
    }
    return symtab_check(p);
}
