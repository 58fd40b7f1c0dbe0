/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hosted check of the guest's vsnprintf (fw/printf.c): every case must
 * print what the C library prints.  Built for the host under ASan/UBSan.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Truncation is what some cases test. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

int guest_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

static int failures;

static int guest_snprintf2(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = guest_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* Run one format through both and compare text and return value. */
#define CASE(name, size, ...) do {                                        \
    char want[128], got[128];                                             \
    int nw, ng;                                                           \
    memset(want, 'X', sizeof(want));                                      \
    memset(got, 'X', sizeof(got));                                        \
    nw = snprintf(want, size, __VA_ARGS__);                               \
    ng = guest_snprintf2(got, size, __VA_ARGS__);                          \
    if ( nw == ng && !memcmp(want, got, sizeof(want)) )                   \
        printf("PASS: guest-printf/%s\n", name);                          \
    else                                                                  \
    {                                                                     \
        printf("FAIL: guest-printf/%s: got \"%.*s\" (%d), want \"%.*s\" (%d)\n", \
               name, (int)(size ? size : 1) - 1, got, ng,                 \
               (int)(size ? size : 1) - 1, want, nw);                     \
        failures++;                                                       \
    }                                                                     \
} while ( 0 )

int main(void)
{
    CASE("plain", 64, "hello");
    CASE("int", 64, "%d %i %d", 0, -17, 2147483647);
    CASE("int-min", 64, "%d", -2147483647 - 1);
    CASE("unsigned", 64, "%u %u", 0u, 4294967295u);
    CASE("hex", 64, "%x %X %#x %#X %#x", 0xbeefu, 0xbeefu, 255u, 255u, 0u);
    CASE("octal", 64, "%o %#o %#o", 8u, 8u, 0u);
    CASE("long", 64, "%ld %lu %lx", -5L, 5UL, 0xabcUL);
    CASE("llong", 64, "%lld %llu %llx", -1234567890123LL,
         18446744073709551615ULL, 0x123456789abcdefULL);
    CASE("llong-min", 64, "%lld", -9223372036854775807LL - 1);
    CASE("short-char", 64, "%hd %hhu %hx", (short)-3, (unsigned char)200,
         (unsigned short)0xffff);
    CASE("size", 64, "%zu %zx", (size_t)12345, (size_t)0xfff);
    CASE("width", 64, "[%5d][%-5d][%05d][%5s][%-5s]", 42, 42, -42, "ab",
         "ab");
    CASE("precision", 64, "[%.3d][%.0d][%.2s][%8.3x]", 7, 0, "abcdef", 0xau);
    CASE("star", 64, "[%*d][%-*d][%.*s]", 6, 1, 6, 2, 3, "abcdef");
    CASE("plus-space", 64, "[%+d][% d][%+d]", 5, 5, -5);
    CASE("zero-hex", 64, "[%#010x][%08llx]", 0x1234u, 0xabcULL);
    CASE("string", 64, "%s|%s", "", "text");
    CASE("char", 64, "%c%c%c", 'a', 'b', 'c');
    CASE("percent", 64, "100%%");
    CASE("pointer", 64, "%p", (void *)0x1000);
    CASE("truncate", 8, "%s", "0123456789abcdef");
    CASE("truncate-num", 4, "%d", 123456);
    CASE("size-zero", 0, "%d", 99);
    CASE("size-one", 1, "%d", 99);

    return failures ? 1 : 0;
}
