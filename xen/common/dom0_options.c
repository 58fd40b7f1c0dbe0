/*
 * Xen's dom0_mem=, dom0_max_vcpus= and dom0= options (see
 * xen/dom0_options.h).  Values come from the boot loader's command line:
 * a bad one is logged and leaves the previous setting, as for every
 * other option.
 */
#include <xen/dom0_options.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>

#define MIB_PAGES   (1ul << (20 - PAGE_SHIFT))

static struct dom0_mem_spec opt_mem;
static bool opt_mem_given;
static unsigned int opt_vcpus_min = 1, opt_vcpus_max = 1;
static bool opt_vcpus_given;

/* The longest SZ we accept ("18446744073709551615K+100%" and change). */
#define SZ_MAX 40

static int parse_pct(const char *s, unsigned int *pct)
{
    unsigned long v;

    if ( parse_ulong(s, 10, 100, &v) )
        return -EINVAL;
    *pct = v;
    return 0;
}

/* "SIZE", "-SIZE", "PCT%" or "SIZE+PCT%" (s is a NUL-terminated copy). */
static int parse_one_size(char *s, struct dom0_size *sz)
{
    size_t n = strlen(s);
    char *plus;

    *sz = (struct dom0_size){ .set = true };
    if ( n && s[n - 1] == '%' )
    {
        s[n - 1] = '\0';
        plus = strchr(s, '+');
        if ( !plus )
            return parse_pct(s, &sz->pct);
        *plus = '\0';
        if ( parse_pct(plus + 1, &sz->pct) )
            return -EINVAL;
    }
    if ( *s == '-' )
    {
        sz->all_but = true;
        s++;
    }
    return parse_size(s, 10, &sz->bytes) ? -EINVAL : 0;
}

int dom0_mem_parse(const char *s, struct dom0_mem_spec *spec)
{
    struct dom0_mem_spec new = { 0 };
    char item[SZ_MAX + 5];

    while ( *s )
    {
        const char *end = strchr(s, ',');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        struct dom0_size *slot = &new.amount;
        char *v = item;

        if ( len == 0 || len >= sizeof(item) )
            return -EINVAL;
        memcpy(item, s, len);
        item[len] = '\0';
        if ( !strncmp(item, "min:", 4) )
            slot = &new.min, v += 4;
        else if ( !strncmp(item, "max:", 4) )
            slot = &new.max, v += 4;
        if ( parse_one_size(v, slot) )
            return -EINVAL;
        s += len + (end ? 1 : 0);
        if ( end && !*s )
            return -EINVAL;             /* a trailing comma */
    }
    *spec = new;
    return 0;
}

/* One SZ in pages out of avail (0 if it asks for less than nothing). */
static unsigned long size_pages(const struct dom0_size *sz,
                                unsigned long avail)
{
    unsigned long pages = sz->bytes >> PAGE_SHIFT;
    unsigned long pct = (unsigned long)((uint64_t)avail * sz->pct / 100);

    if ( sz->all_but )
        return avail > pages ? avail - pages : 0;
    return pages > ~0ul - pct ? ~0ul : pages + pct;
}

unsigned long dom0_mem_pages(const struct dom0_mem_spec *spec,
                             unsigned long avail)
{
    unsigned long nr;

    if ( spec->amount.set )
        nr = size_pages(&spec->amount, avail);
    else
        nr = avail - min(avail / 16, 128 * MIB_PAGES);
    if ( spec->max.set )
        nr = min(nr, size_pages(&spec->max, avail));
    if ( spec->min.set )
        nr = max(nr, size_pages(&spec->min, avail));
    return min(nr, avail);
}

int dom0_vcpus_parse(const char *s, unsigned int *min_out,
                     unsigned int *max_out)
{
    char buf[24];
    char *dash;
    unsigned long lo, hi;
    size_t n = strlen(s);

    if ( n == 0 || n >= sizeof(buf) )
        return -EINVAL;
    memcpy(buf, s, n + 1);
    dash = strchr(buf, '-');
    if ( dash )
        *dash = '\0';
    if ( parse_ulong(buf, 10, 4096, &lo) || lo == 0 )
        return -EINVAL;
    hi = lo;
    if ( dash && parse_ulong(dash + 1, 10, 4096, &hi) )
        return -EINVAL;
    if ( hi < lo )
        return -EINVAL;
    *min_out = lo;
    *max_out = hi;
    return 0;
}

static int opt_dom0_mem(const char *s)
{
    int rc = dom0_mem_parse(s, &opt_mem);

    if ( !rc )
        opt_mem_given = true;
    return rc;
}
custom_param("dom0_mem", opt_dom0_mem);

static int opt_dom0_max_vcpus(const char *s)
{
    int rc = dom0_vcpus_parse(s, &opt_vcpus_min, &opt_vcpus_max);

    if ( !rc )
        opt_vcpus_given = true;
    return rc;
}
custom_param("dom0_max_vcpus", opt_dom0_max_vcpus);

/* dom0=LIST: every domain is PVH here, so only "pvh" means anything. */
static int opt_dom0(const char *s)
{
    while ( *s )
    {
        const char *end = strchr(s, ',');
        int len = end ? (int)(end - s) : (int)strlen(s);

        if ( len != 3 || strncmp(s, "pvh", 3) )
            printk("dom0=: '%.*s' not supported here: ignored (the initial "
                   "domain is PVH)\n", len, s);
        s += len + (end ? 1 : 0);
    }
    return 0;
}
custom_param("dom0", opt_dom0);

bool dom0_mem_given(void)
{
    return opt_mem_given;
}

unsigned long dom0_mem_pages_of(unsigned long avail)
{
    return dom0_mem_pages(&opt_mem, avail);
}

bool dom0_vcpus_given(void)
{
    return opt_vcpus_given;
}

/* Xen gives dom0 one vCPU a physical CPU, within [min, max]. */
unsigned int dom0_vcpus(unsigned int nr_pcpus)
{
    return max(opt_vcpus_min, min(nr_pcpus, opt_vcpus_max));
}
