/*
 * FLASK policy database loader: parses the binary policy that checkpolicy
 * writes for the Xen target and keeps what access checks need.
 *
 * The image, in order (each part is described where it is read; see
 * policydb_private.h for the files):
 *
 *   header     u32 magic 0xf97cff8c, name "XenFlask", u32 version,
 *              u32 config (bit 0 MLS, bits 1-2 handle_unknown),
 *              u32 symbol table count (8), u32 ocontext count (5; 6 from
 *              version 30)
 *   bitmap     policy capabilities                       (skipped)
 *   bitmap     permissive types                          (skipped)
 *   8 symbol tables                                      policydb_symtab.c
 *   avtab, conditionals                                  policydb_avtab.c
 *   role transitions, role allows, filename transitions  policydb_skip.c
 *   ocontexts                                            policydb_ocon.c
 *   genfs, range transitions                             policydb_skip.c
 *   type->attribute map: one bitmap per type value.
 *
 * Versions 24..30 are parsed (checkpolicy writes 24 and 30 for Xen);
 * features newer than 24 are keyed on their own version numbers.
 * Everything is bounds-checked against the image; counts are checked
 * against the bytes left before anything is allocated; trailing bytes
 * are an error.  Any failure frees all that was built and gives -EINVAL
 * (-ENOMEM when out of memory, -EOPNOTSUPP for another version).
 */
#include "policydb_private.h"

/* One bitmap per type value: the attributes it has. */
static int rd_type_attr_map(struct pdb_rd *r, struct policydb *p)
{
    uint32_t i;
    int rc;

    for ( i = 0; i < p->ntypes; i++ )
        if ( (rc = pdb_rd_bitmap(r, p->ntypes, &p->types[i].attrs)) )
            return rc;
    return 0;
}

/* The header, up to and including the two bitmaps that follow it. */
static int rd_header(struct pdb_rd *r, struct policydb *p, uint32_t *nocon)
{
    uint32_t v[4];
    int rc;

    if ( pdb_rd_u32s(r, v, 2) || v[0] != POLICYDB_MAGIC ||
         v[1] != sizeof(POLICYDB_TARGET_XEN) - 1 ||
         pdb_left(r) < v[1] ||
         memcmp(r->d + r->pos, POLICYDB_TARGET_XEN, v[1]) )
        return -EINVAL;
    r->pos += v[1];
    if ( pdb_rd_u32s(r, v, 4) )
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
    if ( (rc = pdb_rd_bitmap(r, 0, NULL)) ||       /* capabilities */
         (rc = pdb_rd_bitmap(r, 0, NULL)) )        /* permissive types */
        return rc;
    return 0;
}

int policydb_load(struct policydb *p, const void *data, size_t len)
{
    struct pdb_rd r = { .d = data, .len = data ? len : 0 };
    struct pdb_avbuild av = { 0 };
    uint32_t nocon;
    int rc;

    BUILD_BUG_ON(POLICYDB_VERSION_MIN < V_PERMISSIVE);
    memset(p, 0, sizeof(*p));

    if ( (rc = rd_header(&r, p, &nocon)) ||
         (rc = pdb_rd_symtabs(&r, p)) ||
         (rc = pdb_rd_avtab(&r, p, &av, true)) ||
         (rc = pdb_rd_conditionals(&r, p, &av)) ||
         (rc = pdb_skip_rules(&r)) ||
         (rc = pdb_rd_ocontexts(&r, p, nocon)) ||
         (rc = pdb_skip_genfs_ranges(&r)) ||
         (rc = rd_type_attr_map(&r, p)) )
        goto fail;
    if ( pdb_left(&r) )
    {
        rc = -EINVAL;
        goto fail;
    }
    p->nav = pdb_av_sort_merge(av.v, av.n, true);
    p->av = av.v;
    p->ntt = pdb_av_sort_merge(av.tt, av.ntt, false);
    p->tt = av.tt;
    return 0;

 fail:
    xfree(av.v);
    xfree(av.tt);
    policydb_destroy(p);
    return rc;
}

/* Names and sets of the symbol tables; the arrays go in the caller. */
static void destroy_symbols(struct policydb *p)
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
}

void policydb_destroy(struct policydb *p)
{
    uint32_t i;

    destroy_symbols(p);
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
    xfree(p->tt);
    xfree(p->ocons);
    memset(p, 0, sizeof(*p));
}
