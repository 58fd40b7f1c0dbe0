/*
 * Parse a boot module's string into a struct domain_config (see
 * xen/domain_config.h for the syntax).  The string is untrusted input
 * from the boot loader: every word is bounded by the string's NUL, values
 * are copied into a fixed buffer before they are parsed, and nothing is
 * written outside *cfg.
 */
#include <xen/domain_config.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>

/* Longest value of a known key (label is the longest legal one). */
#define VAL_MAX 128

struct word {
    const char *s;
    size_t len;         /* whole word */
    size_t key_len;     /* up to '=' (== len when there is none) */
};

typedef int (*key_fn)(struct domain_config *cfg, const char *val);

static bool is_sep(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The word starting at s; spaces inside double quotes do not end it. */
static struct word next_word(const char *s)
{
    struct word w = { .s = s };
    bool quoted = false;

    for ( ; s[w.len] && (quoted || !is_sep(s[w.len])); w.len++ )
        if ( s[w.len] == '"' )
            quoted = !quoted;
    for ( w.key_len = 0; w.key_len < w.len && s[w.key_len] != '='; )
        w.key_len++;
    return w;
}

static bool chars_ok(const char *s, const char *extra)
{
    for ( ; *s; s++ )
        if ( !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
               (*s >= '0' && *s <= '9') || strchr(extra, *s)) )
            return false;
    return true;
}

static int set_uint(const char *val, unsigned long lo, unsigned long hi,
                    unsigned long *out)
{
    unsigned long v;

    if ( parse_ulong(val, 10, hi, &v) || v < lo )
        return -EINVAL;
    *out = v;
    return 0;
}

static int key_name(struct domain_config *cfg, const char *val)
{
    size_t n = strlen(val);

    if ( n == 0 || n >= sizeof(cfg->name) || !chars_ok(val, "_.-") )
        return -EINVAL;
    memcpy(cfg->name, val, n + 1);
    return 0;
}

static int key_label(struct domain_config *cfg, const char *val)
{
    size_t n = strlen(val);

    if ( n == 0 || n >= sizeof(cfg->label) || !chars_ok(val, "_:.-") )
        return -EINVAL;
    memcpy(cfg->label, val, n + 1);
    return 0;
}

static int key_mem(struct domain_config *cfg, const char *val)
{
    uint64_t bytes;

    if ( parse_size(val, 20, &bytes) || (bytes & ((1u << 20) - 1)) ||
         bytes == 0 || bytes > ((uint64_t)DOMCFG_MEM_MAX_MB << 20) )
        return -EINVAL;
    cfg->mem_mb = bytes >> 20;
    cfg->mem_given = true;
    return 0;
}

static int key_shadow_memory(struct domain_config *cfg, const char *val)
{
    uint64_t bytes;

    if ( parse_size(val, 20, &bytes) || (bytes & ((1u << 12) - 1)) ||
         bytes == 0 || bytes > ((uint64_t)DOMCFG_SHADOW_MAX_MB << 20) )
        return -EINVAL;
    cfg->p2m_pool_pages = bytes >> 12;
    return 0;
}

static int key_vcpus(struct domain_config *cfg, const char *val)
{
    unsigned long v;
    int rc = set_uint(val, 1, DOMCFG_VCPUS_MAX, &v);

    if ( !rc )
    {
        cfg->vcpus = v;
        cfg->vcpus_given = true;
    }
    return rc;
}

static int key_role(struct domain_config *cfg, const char *val)
{
    if ( !strcmp(val, "control") )
        cfg->role = DOMROLE_CONTROL;
    else if ( !strcmp(val, "plain") )
        cfg->role = DOMROLE_PLAIN;
    else
        return -EINVAL;
    return 0;
}

static int key_target(struct domain_config *cfg, const char *val)
{
    unsigned long v;
    int rc = set_uint(val, 0, DOMCFG_DOMID_MAX, &v);

    if ( !rc )
        cfg->target = v;
    return rc;
}

static int key_gnttab_frames(struct domain_config *cfg, const char *val)
{
    unsigned long v;
    int rc = set_uint(val, 1, DOMCFG_GNTTAB_FRAMES_MAX, &v);

    if ( !rc )
        cfg->gnttab_frames = v;
    return rc;
}

static int key_gnttab_version(struct domain_config *cfg, const char *val)
{
    unsigned long v;
    int rc = set_uint(val, 1, 2, &v);

    if ( !rc )
        cfg->gnttab_version_max = v;
    return rc;
}

#define STR_(x) #x
#define STR(x) STR_(x)

/* want: what the value must be, for the message about a bad one. */
static const struct {
    const char *key;
    key_fn fn;
    const char *want;
} keys[] = {
    { "name", key_name, "1-31 of A-Z a-z 0-9 _ . -" },
    { "mem", key_mem, "whole MiB, 1 to " STR(DOMCFG_MEM_MAX_MB)
                      " (MiB unless suffixed K, M or G)" },
    { "vcpus", key_vcpus, "1 to " STR(DOMCFG_VCPUS_MAX) },
    { "role", key_role, "control or plain" },
    { "target", key_target, "a domain id, 0 to 32751" },
    { "gnttab-frames", key_gnttab_frames,
      "1 to " STR(DOMCFG_GNTTAB_FRAMES_MAX) },
    { "gnttab-version", key_gnttab_version, "1 or 2" },
    { "label", key_label, "user:role:type, 1-63 of A-Z a-z 0-9 _ : . -" },
    { "shadow-memory", key_shadow_memory,
      "whole 4 KiB pages, 4 KiB to " STR(DOMCFG_SHADOW_MAX_MB)
      " MiB (MiB unless suffixed K, M or G)" },
};

/* Does the first len bytes of s name key ('-' and '_' alike)? */
static bool key_eq(const char *s, size_t len, const char *key)
{
    size_t i;

    for ( i = 0; i < len; i++ )
        if ( !key[i] || (s[i] == '_' ? '-' : s[i]) != key[i] )
            return false;
    return !key[len];
}

/* Copy the value of w into buf without its quotes; false if too long. */
static bool copy_value(const struct word *w, char *buf)
{
    size_t i, n = 0;

    for ( i = w->key_len + 1; i < w->len; i++ )
    {
        if ( w->s[i] == '"' )
            continue;
        if ( n == VAL_MAX - 1 )
            return false;
        buf[n++] = w->s[i];
    }
    buf[n] = '\0';
    return true;
}

static int apply_word(struct domain_config *cfg, const struct word *w,
                      domain_config_unknown_fn unknown, void *ctx,
                      const char **want)
{
    char val[VAL_MAX];
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(keys); i++ )
        if ( key_eq(w->s, w->key_len, keys[i].key) )
            break;

    if ( i == ARRAY_SIZE(keys) )
    {
        if ( unknown )
            unknown(ctx, w->s, w->len);
        return 0;
    }

    *want = keys[i].want;
    /* A known key needs "=value"; the word then is at least "k=". */
    if ( w->key_len == w->len || !copy_value(w, val) )
        return -EINVAL;
    return keys[i].fn(cfg, val);
}

static void set_defaults(struct domain_config *cfg, unsigned int domid)
{
    memset(cfg, 0, sizeof(*cfg));
    snprintf(cfg->name, sizeof(cfg->name), "d%u", domid);
    cfg->mem_mb = 32;
    cfg->vcpus = 1;
    cfg->role = DOMROLE_PLAIN;
    cfg->target = -1;
}

static const char *skip_seps(const char *s)
{
    while ( is_sep(*s) )
        s++;
    return s;
}

/* Defaults, then the image name and the command line after it. */
static int split_image(const char *modstr, unsigned int domid,
                       struct domain_config *cfg)
{
    struct word w;

    set_defaults(cfg, domid);
    if ( !modstr )
        return -EINVAL;
    w = next_word(skip_seps(modstr));
    cfg->image = w.s;
    cfg->image_len = w.len;
    cfg->cmdline = skip_seps(w.s + w.len);
    return w.len ? 0 : -EINVAL;
}

int domain_config_whole_cmdline(const char *modstr, unsigned int domid,
                                struct domain_config *cfg)
{
    int rc = split_image(modstr, domid, cfg);

    cfg->whole_cmdline = true;
    return rc;
}

int domain_config_parse(const char *modstr, unsigned int domid,
                        struct domain_config *cfg,
                        domain_config_unknown_fn unknown, void *ctx)
{
    const char *s, *want = "";
    struct word w;
    int rc = split_image(modstr, domid, cfg);

    if ( rc )
        return rc;

    for ( s = cfg->cmdline; *s; s = skip_seps(w.s + w.len) )
    {
        w = next_word(s);
        rc = apply_word(cfg, &w, unknown, ctx, &want);
        if ( rc )
        {
            cfg->bad_key = w.s;
            cfg->bad_key_len = w.len;
            printk("d%u: bad value in module option '%.*s': must be %s\n",
                   domid, (int)min(w.len, (size_t)64), w.s, want);
            return rc;
        }
    }

    if ( cfg->target >= 0 && (unsigned int)cfg->target == domid )
    {
        printk("d%u: a domain cannot be its own device model\n", domid);
        return -EINVAL;
    }
    return 0;
}
