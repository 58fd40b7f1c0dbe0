/*
 * The hypervisor's command line: split it into options and apply each to
 * the kernel_param registered for it (see xen/param.h for the syntax).
 *
 * The line comes from the boot loader; nothing in it may stop the boot.
 * Every problem is logged and the option skipped.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>

/* Longest single option ("name=value") we handle; longer ones are skipped. */
#define OPT_MAX 256

extern const struct kernel_param __start_xen_params[], __stop_xen_params[];

/* Option names match with '-' and '_' treated as the same character. */
static bool name_eq(const char *a, const char *b)
{
    for ( ; *a && *b; a++, b++ )
    {
        char x = *a == '_' ? '-' : *a, y = *b == '_' ? '-' : *b;

        if ( x != y )
            return false;
    }
    return *a == *b;
}

static const struct kernel_param *find_param(const char *name)
{
    const struct kernel_param *p;

    for ( p = __start_xen_params; p < __stop_xen_params; p++ )
        if ( name_eq(p->name, name) )
            return p;
    return NULL;
}

static int set_uint(const struct kernel_param *p, const char *val)
{
    unsigned long v;
    int rc = parse_ulong(val, 0, 0xffffffffUL, &v);

    if ( !rc )
        *p->var.u = v;
    return rc;
}

static int set_size(const struct kernel_param *p, const char *val)
{
    uint64_t v;
    int rc = parse_size(val, 10, &v);

    if ( !rc )
        *p->var.size = v;
    return rc;
}

static int set_string(const struct kernel_param *p, const char *val)
{
    if ( strlcpy(p->var.str, val, p->len) >= p->len )
        printk("boot option '%s' truncated to %u characters\n",
               p->name, p->len - 1);
    return 0;
}

/* Apply val (NULL when the option had no '=') to p. */
static int set_param(const struct kernel_param *p, const char *val)
{
    int b;

    switch ( p->type )
    {
    case PARAM_BOOL:
        b = val ? parse_bool(val) : 1;
        if ( b < 0 )
            return b;
        *p->var.b = b;
        return 0;
    case PARAM_UINT:
        return val ? set_uint(p, val) : -EINVAL;
    case PARAM_SIZE:
        return val ? set_size(p, val) : -EINVAL;
    case PARAM_STRING:
        return set_string(p, val ? val : "");
    case PARAM_CUSTOM:
        return p->var.fn(val ? val : "");
    }
    return -EINVAL;
}

/* "no-name" / "noname": the negation of a boolean option, or NULL. */
static const struct kernel_param *find_negated(const char *name)
{
    const struct kernel_param *p = NULL;

    if ( strncmp(name, "no", 2) )
        return NULL;
    if ( name[2] == '-' || name[2] == '_' )
        p = find_param(name + 3);
    if ( !p )
        p = find_param(name + 2);
    return p && p->type == PARAM_BOOL ? p : NULL;
}

/* opt is one option, NUL-terminated and writable. */
static void handle_option(char *opt)
{
    char *val = strchr(opt, '=');
    const struct kernel_param *p;
    int rc;

    if ( val )
        *val++ = '\0';

    p = find_param(opt);
    if ( p )
        rc = set_param(p, val);
    else if ( (p = find_negated(opt)) != NULL )
    {
        /* "no-foo=1" is contradictory: refuse rather than guess. */
        rc = val ? -EINVAL : 0;
        if ( !rc )
            *p->var.b = false;
    }
    else
    {
        printk("unknown boot option '%s'\n", opt);
        return;
    }

    if ( rc )
        printk("bad value for boot option '%s': '%s' (%d)\n",
               opt, val ? val : "", rc);
}

/* Boot loaders may pass tabs or line ends; treat them all as spaces. */
static bool is_sep(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Copy the option starting at *pos into buf (size OPT_MAX), removing
 * double quotes, and advance *pos past it.  Returns false if it did not
 * fit; the option is then consumed but must be skipped.
 */
static bool next_option(const char **pos, char *buf)
{
    const char *s = *pos;
    bool quoted = false, fits = true;
    size_t n = 0;

    for ( ; *s && (quoted || !is_sep(*s)); s++ )
    {
        if ( *s == '"' )
            quoted = !quoted;
        else if ( n < OPT_MAX - 1 )
            buf[n++] = *s;
        else
            fits = false;
    }
    buf[n] = '\0';
    *pos = s;
    return fits;
}

void cmdline_parse(const char *cmdline)
{
    char opt[OPT_MAX];
    const char *s = cmdline;

    if ( !s )
        return;

    for ( ; ; )
    {
        while ( is_sep(*s) )
            s++;
        if ( !*s )
            break;
        if ( !next_option(&s, opt) )
        {
            printk("boot option '%.32s...' too long, ignored\n", opt);
            continue;
        }
        if ( !strcmp(opt, "--") )
            break;              /* the rest is not the hypervisor's */
        if ( opt[0] )
            handle_option(opt);
    }
}
