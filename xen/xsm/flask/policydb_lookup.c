/*
 * FLASK policy database: lookups by name -- symbols to values,
 * permissions to bits, and security context strings to types.  Names
 * are compared in full; a type may also be found by one of its aliases.
 */
#include "policydb_private.h"

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


/* Split "user:role:type[:mls]" into its first three fields f[], n[]. */
static int split_context(const char *context, const char *f[3], size_t n[3])
{
    const char *end;
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
    return 0;
}

int policydb_context_type(const struct policydb *p, const char *context)
{
    const char *f[3];
    size_t n[3];
    int user, role, type;

    if ( split_context(context, f, n) )
        return -EINVAL;
    /* Whatever follows the type is the MLS part. */
    if ( f[2][n[2]] == ':' && (!p->mls || !f[2][n[2] + 1]) )
        return -EINVAL;

    user = FIND(p->users, p->nusers, f[0], n[0]);
    role = FIND(p->roles, p->nroles, f[1], n[1]);
    type = type_value(p, f[2], n[2]);
    if ( user < 0 || role < 0 || type < 0 )
        return -ENOENT;
    if ( p->types[type - 1].attribute ||
         !pdb_valset_has(&p->users[user - 1].roles, role) ||
         (strcmp(p->roles[role - 1].name, "object_r") &&
          !pdb_valset_has(&p->roles[role - 1].types, type)) )
        return -EINVAL;
    return type;
}
