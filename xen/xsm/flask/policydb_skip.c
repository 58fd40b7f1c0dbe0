/*
 * FLASK policy loader: sections that access checks do not need.  They are
 * still parsed and bounds-checked, so that what follows them is found and
 * a malformed image is refused.
 *
 *   constraints  (inside each class) u32 n; n x (u32 permissions, u32
 *                nexpr, nexpr x (u32 type, attr, op; for type 5 (names)
 *                a bitmap, and from version 29 a type set: two bitmaps
 *                and a u32 flags))
 *   role transitions u32 n; n x 4 u32 (3 before version 26)
 *   role allows      u32 n; n x 2 u32
 *   filename transitions (from 25) u32 n; n x (name, 4 u32)
 *   genfs      u32 n; n x (name, u32 m, m x (name, u32 class, context))
 *   range transitions u32 n; n x (u32 source, target, class; range)
 */
#include "policydb_private.h"

#define CEXPR_NAMES     5

/* One constraint expression: u32 type, attr, op [+ names]. */
static int skip_cexpr(struct pdb_rd *r)
{
    uint32_t e[3];
    int rc = pdb_rd_u32s(r, e, 3);

    if ( rc )
        return rc;
    if ( e[0] < 1 || e[0] > CEXPR_NAMES )
        return -EINVAL;
    if ( e[0] != CEXPR_NAMES )
        return 0;
    if ( (rc = pdb_rd_bitmap(r, 0, NULL)) )
        return rc;
    /* From version 29 the names also come as a type set. */
    if ( r->version >= V_CONS_NAMES &&
         ((rc = pdb_rd_bitmap(r, 0, NULL)) ||
          (rc = pdb_rd_bitmap(r, 0, NULL)) || (rc = pdb_skip(r, 4))) )
        return rc;
    return 0;
}

/* ncons constraints: u32 permissions, u32 nexpr, nexpr expressions. */
int pdb_skip_constraints(struct pdb_rd *r, uint32_t ncons)
{
    uint32_t i, j, nexpr;
    int rc;

    if ( pdb_check_count(r, ncons, 8) )
        return -EINVAL;
    for ( i = 0; i < ncons; i++ )
    {
        if ( (rc = pdb_skip(r, 4)) || (rc = pdb_rd_u32(r, &nexpr)) )
            return rc;
        if ( pdb_check_count(r, nexpr, 12) )
            return -EINVAL;
        for ( j = 0; j < nexpr; j++ )
            if ( (rc = skip_cexpr(r)) )
                return rc;
    }
    return 0;
}

/* Everything between the conditionals and the object contexts. */
int pdb_skip_rules(struct pdb_rd *r)
{
    uint32_t n, i, len;
    size_t each = r->version >= V_ROLETRANS ? 16 : 12;
    int rc;

    /* role transitions */
    if ( pdb_rd_u32(r, &n) || pdb_check_count(r, n, each) )
        return -EINVAL;
    r->pos += n * each;
    /* role allows */
    if ( pdb_rd_u32(r, &n) || pdb_check_count(r, n, 8) )
        return -EINVAL;
    r->pos += (size_t)n * 8;
    if ( r->version < V_FILENAME )
        return 0;
    /* filename transitions */
    if ( pdb_rd_u32(r, &n) || pdb_check_count(r, n, 21) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
        if ( (rc = pdb_rd_u32(r, &len)) ||
             (rc = pdb_rd_name(r, len, POLICYDB_MAX_PATH, NULL)) ||
             (rc = pdb_skip(r, 16)) )
            return rc;
    return 0;
}

/* Everything between the object contexts and the type->attribute map. */
int pdb_skip_genfs_ranges(struct pdb_rd *r)
{
    uint32_t n, m, i, j, len;
    int rc;

    if ( pdb_rd_u32(r, &n) || pdb_check_count(r, n, 9) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
    {
        if ( (rc = pdb_rd_u32(r, &len)) ||
             (rc = pdb_rd_name(r, len, POLICYDB_MAX_PATH, NULL)) ||
             (rc = pdb_rd_u32(r, &m)) )
            return rc;
        if ( pdb_check_count(r, m, 9) )
            return -EINVAL;
        for ( j = 0; j < m; j++ )
            if ( (rc = pdb_rd_u32(r, &len)) ||
                 (rc = pdb_rd_name(r, len, POLICYDB_MAX_PATH, NULL)) ||
                 (rc = pdb_skip(r, 4)) ||
                 (rc = pdb_rd_context(r, NULL, NULL)) )
                return rc;
    }

    /* range transitions (every supported version has the class) */
    if ( pdb_rd_u32(r, &n) || pdb_check_count(r, n, 16) )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
        if ( (rc = pdb_skip(r, 12)) || (rc = pdb_skip_range(r)) )
            return rc;
    return 0;
}
