/*
 * Sorted arrays of disjoint inclusive ranges (see <xen/rangeset.h>).
 * Sets are small (ioreq servers allow 256 ranges per kind), so every
 * change rebuilds the array: simple, and all or nothing on failure.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/rangeset.h>

void rangeset_init(struct rangeset *rs, unsigned int limit)
{
    rs->r = NULL;
    rs->nr = 0;
    rs->limit = limit;
}

void rangeset_destroy(struct rangeset *rs)
{
    xfree(rs->r);
    rs->r = NULL;
    rs->nr = 0;
}

/* Install the ranges of out[0..n) as the set, if within the limit. */
static int commit(struct rangeset *rs, struct range *out, unsigned int n)
{
    if ( n > rs->limit )
    {
        xfree(out);
        return -ENOMEM;
    }
    xfree(rs->r);
    rs->r = out;
    rs->nr = n;
    return 0;
}

/* Append cur to out[0..*n), merging it into the last range it touches. */
static void append(struct range *out, unsigned int *n, struct range cur)
{
    struct range *last = *n ? &out[*n - 1] : NULL;

    if ( last && (last->end == UINT64_MAX || cur.start <= last->end + 1) )
    {
        if ( cur.end > last->end )
            last->end = cur.end;
    }
    else
        out[(*n)++] = cur;
}

int rangeset_add(struct rangeset *rs, uint64_t s, uint64_t e)
{
    struct range *out = xmalloc_array(struct range, rs->nr + 1);
    unsigned int i = 0, n = 0;

    if ( !out )
        return -ENOMEM;
    while ( i < rs->nr && rs->r[i].start < s )
        append(out, &n, rs->r[i++]);
    append(out, &n, (struct range){ s, e });
    while ( i < rs->nr )
        append(out, &n, rs->r[i++]);
    return commit(rs, out, n);
}

int rangeset_remove(struct rangeset *rs, uint64_t s, uint64_t e)
{
    struct range *out = xmalloc_array(struct range, rs->nr + 1);
    unsigned int i, n = 0;

    if ( !out )
        return -ENOMEM;
    for ( i = 0; i < rs->nr; i++ )
    {
        struct range cur = rs->r[i];

        if ( cur.end < s || cur.start > e )
        {
            out[n++] = cur;
            continue;
        }
        if ( cur.start < s )
            out[n++] = (struct range){ cur.start, s - 1 };
        if ( cur.end > e )
            out[n++] = (struct range){ e + 1, cur.end };
    }
    return commit(rs, out, n);
}

bool rangeset_contains(const struct rangeset *rs, uint64_t s, uint64_t e)
{
    unsigned int i;

    for ( i = 0; i < rs->nr; i++ )
        if ( rs->r[i].start <= s && e <= rs->r[i].end )
            return true;
    return false;
}

bool rangeset_overlaps(const struct rangeset *rs, uint64_t s, uint64_t e)
{
    unsigned int i;

    for ( i = 0; i < rs->nr; i++ )
        if ( rs->r[i].start <= e && s <= rs->r[i].end )
            return true;
    return false;
}
