/*
 * FLASK policy loader: object contexts, which label the initial SIDs and
 * the machine's resources.
 *
 *   ocontexts  per kind (5 kinds; 6 from version 30): u32 n; n x (key,
 *              context).  Keys: ISID u32 sid, PIRQ u32, IOPORT 2 x u32,
 *              IOMEM 2 x u32 (2 x u64 from 30), PCIDEVICE u32,
 *              DEVICETREE name.
 *
 * All kinds go into one array, in image order.
 */
#include "policydb_private.h"

/* Check one key of the given kind and step over it. */
static int skip_ocon_key(struct pdb_rd *r, uint32_t kind)
{
    uint32_t len;

    switch ( kind )
    {
    case POLICYDB_OCON_IOPORT:
        return pdb_skip(r, 8);
    case POLICYDB_OCON_IOMEM:
        return pdb_skip(r, r->version >= V_DEVICETREE ? 16 : 8);
    case POLICYDB_OCON_DEVICETREE:
        return pdb_rd_u32(r, &len) ?: pdb_rd_name(r, len, POLICYDB_MAX_PATH,
                                                  NULL);
    default:
        return pdb_skip(r, 4);
    }
}

/* A pass that only parses and counts (the entries, into *total). */
static int count_ocons(struct pdb_rd *r, const struct policydb *p,
                       uint32_t nkinds, size_t *total)
{
    uint32_t kind, n, i;
    int rc;

    for ( kind = 0; kind < nkinds; kind++ )
    {
        if ( pdb_rd_u32(r, &n) || pdb_check_count(r, n, 20) )
            return -EINVAL;
        *total += n;
        for ( i = 0; i < n; i++ )
            if ( (rc = skip_ocon_key(r, kind)) ||
                 (rc = pdb_rd_context(r, p, NULL)) )
                return rc;
    }
    return 0;
}

/* Read the key of o (whose kind is set); the image was checked. */
static int rd_ocon_key(struct pdb_rd *r, struct policydb_ocon *o)
{
    uint32_t a[2], len;

    switch ( o->kind )
    {
    case POLICYDB_OCON_IOPORT:
        pdb_rd_u32s(r, a, 2);
        o->low = a[0];
        o->high = a[1];
        return 0;
    case POLICYDB_OCON_IOMEM:
        if ( r->version >= V_DEVICETREE )
        {
            pdb_rd_u64(r, &o->low);
            pdb_rd_u64(r, &o->high);
            return 0;
        }
        pdb_rd_u32s(r, a, 2);
        o->low = a[0];
        o->high = a[1];
        return 0;
    case POLICYDB_OCON_DEVICETREE:
        pdb_rd_u32(r, &len);
        return pdb_rd_name(r, len, POLICYDB_MAX_PATH, &o->name);
    default:
        pdb_rd_u32(r, &a[0]);
        o->low = o->high = a[0];
        return 0;
    }
}

/* The entry just stored: a range, and initial SIDs few, non-zero and
 * unique. */
static int check_ocon(const struct policydb *p, const struct policydb_ocon *o)
{
    uint32_t j;

    if ( o->low > o->high )
        return -EINVAL;
    if ( o->kind != POLICYDB_OCON_ISID )
        return 0;
    if ( !o->low || p->nocons > POLICYDB_MAX_ISIDS )
        return -EINVAL;
    for ( j = 0; j + 1 < p->nocons; j++ )
        if ( p->ocons[j].low == o->low )
            return -EINVAL;
    return 0;
}

int pdb_rd_ocontexts(struct pdb_rd *r, struct policydb *p, uint32_t nkinds)
{
    uint32_t kind, n, i;
    size_t start = r->pos, total = 0;
    struct policydb_ocon *o;
    int rc;

    /* Count first so that one array holds them all: a pass that only
     * parses, then one that stores. */
    if ( (rc = count_ocons(r, p, nkinds, &total)) )
        return rc;
    if ( !total )
        return 0;
    if ( !(p->ocons = xzalloc_array(struct policydb_ocon, total)) )
        return -ENOMEM;

    r->pos = start;
    for ( kind = 0; kind < nkinds; kind++ )
    {
        pdb_rd_u32(r, &n);
        for ( i = 0; i < n; i++ )
        {
            o = &p->ocons[p->nocons++];
            o->kind = kind;
            if ( (rc = rd_ocon_key(r, o)) )
                return rc;
            pdb_rd_context(r, p, &o->context);
            if ( (rc = check_ocon(p, o)) )
                return rc;
        }
    }
    return 0;
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
