/*
 * Value parsers for boot options and domain configuration strings.
 * The strings are untrusted: every function checks that the whole value
 * was consumed and that the number fits, and never reads past the NUL.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>

int parse_bool(const char *s)
{
    static const char *const yes[] = { "1", "yes", "true", "on", "enable" };
    static const char *const no[] = { "0", "no", "false", "off", "disable" };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(yes); i++ )
    {
        if ( !strcmp(s, yes[i]) )
            return 1;
        if ( !strcmp(s, no[i]) )
            return 0;
    }
    return -EINVAL;
}

static bool is_digit_in(char c, unsigned int base)
{
    if ( c >= '0' && c <= '9' )
        return (unsigned int)(c - '0') < base;
    c |= 0x20;                                /* lower case */
    return base == 16 && c >= 'a' && c <= 'f';
}

/* Like simple_strtoul, but insists on at least one digit. */
static int parse_number(const char *s, unsigned int base, unsigned long *out,
                        const char **end)
{
    unsigned int b = base;

    if ( !b )
        b = (s[0] == '0' && (s[1] | 0x20) == 'x') ? 16 : 10;
    if ( !is_digit_in(s[0], b) )
        return -EINVAL;
    *out = simple_strtoul(s, end, base);
    /* simple_strtoul saturates; a saturated value is out of range. */
    return *out == ~0UL ? -ERANGE : 0;
}

int parse_ulong(const char *s, unsigned int base, unsigned long max,
                unsigned long *out)
{
    const char *end;
    unsigned long v;
    int rc = parse_number(s, base, &v, &end);

    if ( rc )
        return rc;
    if ( *end )
        return -EINVAL;
    if ( v > max )
        return -ERANGE;
    *out = v;
    return 0;
}

static int unit_shift(char c, unsigned int default_shift)
{
    switch ( c | 0x20 )
    {
    case 'b': return 0;
    case 'k': return 10;
    case 'm': return 20;
    case 'g': return 30;
    case 't': return 40;
    }
    return c ? -1 : (int)default_shift;
}

int parse_size(const char *s, unsigned int default_shift, uint64_t *bytes)
{
    const char *end;
    unsigned long v;
    int shift, rc = parse_number(s, 10, &v, &end);

    if ( rc )
        return rc;
    shift = unit_shift(*end, default_shift);
    if ( shift < 0 || shift > 63 || (*end && end[1]) )
        return -EINVAL;
    if ( (uint64_t)v > (~(uint64_t)0 >> shift) )
        return -ERANGE;
    *bytes = (uint64_t)v << shift;
    return 0;
}
