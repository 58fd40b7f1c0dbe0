/* Hosted tests of common/lib/string.c, compared against the C library. */
#include "xen_names.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static void test_mem(void)
{
    unsigned char a[64], b[64];
    unsigned int i;

    for ( i = 0; i < sizeof(a); i++ )
        a[i] = i * 7;
    CHECK("string-memcpy", xen_memcpy(b, a, sizeof(a)) == b &&
          !memcmp(a, b, sizeof(a)));
    CHECK("string-memset", xen_memset(b, 0xab, 10) == b && b[0] == 0xab &&
          b[9] == 0xab && b[10] == a[10]);

    /* Overlap both ways. */
    xen_memcpy(b, a, sizeof(a));
    xen_memmove(b + 3, b, 40);
    CHECK("string-memmove-up", !memcmp(b + 3, a, 40) && !memcmp(b, a, 3));
    xen_memcpy(b, a, sizeof(a));
    xen_memmove(b, b + 5, 40);
    CHECK("string-memmove-down", !memcmp(b, a + 5, 40));

    CHECK("string-memcmp-eq", xen_memcmp(a, a, sizeof(a)) == 0);
    b[0] = 0xff, a[0] = 0x01;
    CHECK("string-memcmp-unsigned", xen_memcmp(a, b, 1) < 0 &&
          xen_memcmp(b, a, 1) > 0);
    CHECK("string-memcmp-zero-len", xen_memcmp(a, b, 0) == 0);
}

static void test_str(void)
{
    static const char *const s[] = { "", "a", "abc", "abd", "ab", "\xff",
                                     "hello world" };
    unsigned int i, j;
    bool ok = true;

    for ( i = 0; i < ARRAY_SIZE(s); i++ )
    {
        ok &= xen_strlen(s[i]) == strlen(s[i]);
        for ( j = 0; j < ARRAY_SIZE(s); j++ )
        {
            ok &= sign(xen_strcmp(s[i], s[j])) == sign(strcmp(s[i], s[j]));
            ok &= sign(xen_strncmp(s[i], s[j], 2)) ==
                  sign(strncmp(s[i], s[j], 2));
        }
    }
    CHECK("string-strlen-strcmp-vs-libc", ok);
    CHECK_EQ("string-strnlen-short", xen_strnlen("abcdef", 3), 3);
    CHECK_EQ("string-strnlen-long", xen_strnlen("ab", 10), 2);
    CHECK("string-strchr", xen_strchr("hello", 'l') == NULL ||
          *xen_strchr("hello", 'l') == 'l');
    CHECK("string-strchr-nul", xen_strchr(s[2], '\0') == s[2] + 3);
    CHECK("string-strchr-miss", xen_strchr("abc", 'z') == NULL);
}

static void test_strlcpy(void)
{
    char buf[8];

    memset(buf, 'x', sizeof(buf));
    CHECK_EQ("string-strlcpy-trunc-ret", xen_strlcpy(buf, "0123456789", 8),
             10);
    CHECK("string-strlcpy-trunc", !strcmp(buf, "0123456"));
    CHECK_EQ("string-strlcpy-fit", xen_strlcpy(buf, "ab", sizeof(buf)), 2);
    CHECK("string-strlcpy-fit-val", !strcmp(buf, "ab"));
    buf[0] = 'q';
    CHECK("string-strlcpy-size0",
          xen_strlcpy(buf, "zz", 0) == 2 && buf[0] == 'q');
}

static void test_strtoul(void)
{
    static const struct {
        const char *s;
        unsigned int base;
        unsigned long val;
        size_t used;
    } t[] = {
        { "123", 10, 123, 3 },     { "0x1f", 0, 31, 4 },
        { "0X1F", 16, 31, 4 },     { "1f", 16, 31, 2 },
        { "017", 0, 15, 3 },       { "0", 0, 0, 1 },
        { "0x", 0, 0, 1 },         { "09", 0, 0, 1 },
        { "12abc", 10, 12, 2 },    { "", 10, 0, 0 },
        { "-5", 10, 0, 0 },        { " 5", 10, 0, 0 },
        { "z", 36, 35, 1 },        { "101", 2, 5, 3 },
        { "18446744073709551615", 10, ULONG_MAX, 20 },
        { "18446744073709551616", 10, ULONG_MAX, 20 },
        { "99999999999999999999999999", 10, ULONG_MAX, 26 },
        { "0xffffffffffffffffff", 0, ULONG_MAX, 20 },
        { "12", 1, 0, 0 },         { "12", 37, 0, 0 },
    };
    unsigned int i;
    char name[64];

    for ( i = 0; i < ARRAY_SIZE(t); i++ )
    {
        const char *end = NULL;
        unsigned long v = xen_simple_strtoul(t[i].s, &end, t[i].base);

        snprintf(name, sizeof(name), "string-strtoul-%u", i);
        unit_result(v == t[i].val && end == t[i].s + t[i].used, name,
                    "\"%s\" base %u: got %lu used %td, want %lu used %zu",
                    t[i].s, t[i].base, v, end - t[i].s, t[i].val,
                    t[i].used);
    }
    CHECK("string-strtoul-null-end", xen_simple_strtoul("42", NULL, 0) == 42);
}

int main(void)
{
    test_mem();
    test_str();
    test_strlcpy();
    test_strtoul();
    return unit_done();
}
