/*
 * Hosted tests of common/lib/vsnprintf.c: a table of formats, each
 * printed by ours and by the C library, which must agree on the text and
 * on the returned length; then truncation and the cases where we define
 * the output ourselves.
 */
#include "xen_names.h"

/* The table deliberately holds formats gcc warns about (flags that the
 * standard says are ignored, unknown conversions): they are the cases
 * worth comparing. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#ifndef __clang__
#pragma GCC diagnostic ignored "-Wformat-overflow"
#endif

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

/* Compare one format against libc at several buffer sizes. */
#define CMP(fmt, ...) do {                                               \
    char ours_[256], theirs_[256];                                       \
    int no_ = xen_snprintf(ours_, sizeof(ours_), fmt, ##__VA_ARGS__);      \
    int nt_ = snprintf(theirs_, sizeof(theirs_), fmt, ##__VA_ARGS__);      \
    cmp_result(fmt, #__VA_ARGS__, ours_, no_, theirs_, nt_);             \
} while ( 0 )

static unsigned int n_cmp;

static void cmp_result(const char *fmt, const char *args, const char *ours,
                       int no, const char *theirs, int nt)
{
    char name[48];

    snprintf(name, sizeof(name), "vsnprintf-libc-%u", n_cmp++);
    unit_result(no == nt && !strcmp(ours, theirs), name,
                "fmt \"%s\" (%s): ours \"%s\" (%d), libc \"%s\" (%d)",
                fmt, args, ours, no, theirs, nt);
}

static void test_integers(void)
{
    CMP("%d", 0);            CMP("%d", 42);           CMP("%d", -42);
    CMP("%d", INT_MAX);      CMP("%d", INT_MIN);      CMP("%i", -7);
    CMP("%5d", 42);          CMP("%-5d|", 42);        CMP("%05d", -42);
    CMP("%+d", 5);           CMP("% d", 5);           CMP("%+d", -5);
    CMP("%.3d", 7);          CMP("%.0d", 0);          CMP("%5.0d|", 0);
    CMP("%08.3d", 5);        CMP("%-08d|", 5);        CMP("%+05d", 5);
    CMP("%u", 0u);           CMP("%u", UINT_MAX);     CMP("%10u", 123u);
    CMP("%x", 0xdeadbeefu);  CMP("%X", 0xdeadbeefu);  CMP("%#x", 0x1fu);
    CMP("%#X", 0x1fu);       CMP("%#x", 0u);          CMP("%#08x", 0xabu);
    CMP("%#.5x", 0xabu);     CMP("%o", 8u);           CMP("%#o", 8u);
    CMP("%#o", 0u);          CMP("%#.0o", 0u);        CMP("%#.4o", 8u);
    CMP("%.0x", 0u);         CMP("%#.0x", 0u);        CMP("%-#10x|", 255u);
    CMP("%ld", LONG_MIN);    CMP("%lu", ULONG_MAX);   CMP("%lx", ULONG_MAX);
    CMP("%lld", LLONG_MIN);  CMP("%llu", ULLONG_MAX); CMP("%llo", ULLONG_MAX);
    CMP("%hd", (short)-300); CMP("%hu", 70000);       CMP("%hhd", 200);
    CMP("%hhu", 511);        CMP("%hhx", 0x1ff);      CMP("%zu", (size_t)-1);
    CMP("%zd", (ssize_t)-5); CMP("%zx", (size_t)4096);CMP("%jd", (intmax_t)-9);
    CMP("%td", (ptrdiff_t)-3);
    CMP("%*d", 6, 42);       CMP("%*d|", -6, 42);     CMP("%.*d", 4, 42);
    CMP("%.*d", -1, 42);     CMP("%*.*x", 8, 4, 0xau);
    CMP("%-*.*d|", 7, 3, -1);
}

static void test_strings(void)
{
    CMP("%s", "hello");      CMP("%10s|", "hi");      CMP("%-10s|", "hi");
    CMP("%.2s", "hello");    CMP("%.0s|", "hello");   CMP("%5.1s|", "xyz");
    CMP("%.10s", "ab");      CMP("%*s|", -4, "a");    CMP("%s", "");
    CMP("%c", 'A');          CMP("%3c|", 'z');        CMP("%-3c|", 'z');
    CMP("%%");               CMP("100%% %d%%", 5);
    CMP("a%cb", 0x41);       CMP("%s=%d,%x;%c", "k", -1, 255u, '!');
    CMP("%p", (void *)0x1234); CMP("%20p|", (void *)0xffff0000);
    CMP("%-20p|", (void *)&n_cmp);
}

static void test_truncation(void)
{
    char buf[8];
    int n;

    memset(buf, 'x', sizeof(buf));
    n = xen_snprintf(buf, sizeof(buf), "%s", "0123456789");
    CHECK("vsnprintf-trunc-ret", n == 10);
    CHECK("vsnprintf-trunc-nul", !strcmp(buf, "0123456"));

    memset(buf, 'x', sizeof(buf));
    n = xen_snprintf(buf, 1, "%d", 12345);
    CHECK("vsnprintf-size1", n == 5 && buf[0] == '\0' && buf[1] == 'x');

    n = xen_snprintf(NULL, 0, "%08x%s", 1u, "abc");
    CHECK("vsnprintf-size0-null", n == 11);

    memset(buf, 'x', sizeof(buf));
    n = xen_snprintf(buf, 4, "%5d", 1);
    CHECK("vsnprintf-trunc-pad", n == 5 && !strcmp(buf, "   "));
}

static void test_own_rules(void)
{
    char buf[64];
    const char *null = NULL;

    xen_snprintf(buf, sizeof(buf), "%s|%8s|%-7s|", null, null, null);
    CHECK("vsnprintf-null-s", !strcmp(buf, "(null)|  (null)|(null) |"));
    xen_snprintf(buf, sizeof(buf), "%.3s", null);
    CHECK("vsnprintf-null-s-prec", !strcmp(buf, "(nu"));
    xen_snprintf(buf, sizeof(buf), "%p", (void *)NULL);
    CHECK("vsnprintf-null-p", !strcmp(buf, "(nil)"));
    xen_snprintf(buf, sizeof(buf), "a%qb%");
    CHECK("vsnprintf-unknown-conv", !strcmp(buf, "a%qb%"));
    xen_snprintf(buf, sizeof(buf), "%-5lq|");
    CHECK("vsnprintf-unknown-with-flags", !strcmp(buf, "%-5lq|"));
    CHECK("vsnprintf-huge-width-bounded",
          xen_snprintf(buf, sizeof(buf), "%*d", INT_MAX, 1) == (1 << 20));
    CHECK("vsnprintf-int-min-width",
          xen_snprintf(buf, sizeof(buf), "%*d", INT_MIN, 1) == (1 << 20));
    CHECK("vsnprintf-huge-prec",
          xen_snprintf(buf, sizeof(buf), "%.99999999d", 1) == (1 << 20));
}

static int via_va(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = xen_vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

int main(void)
{
    char buf[32];

    test_integers();
    test_strings();
    test_truncation();
    test_own_rules();
    CHECK("vsnprintf-va", via_va(buf, sizeof(buf), "%d-%s", 3, "x") == 3 &&
          !strcmp(buf, "3-x"));
    return unit_done();
}
