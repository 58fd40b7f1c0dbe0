/*
 * String and memory routines for the hypervisor (declared in xen/lib.h).
 *
 * These ARE memcpy/memset, so the compiler must not turn their loops back
 * into calls to memcpy/memset (gcc's loop distribution does exactly that at
 * -O2, even with -ffreestanding, giving infinite recursion).  Build this
 * file with -fno-tree-loop-distribute-patterns; the pragma below enforces
 * it for gcc in case a Makefile forgets.  clang does not form such calls
 * under -ffreestanding.
 *
 * Hosted unit tests rename every symbol here (xen_memcpy, ...) through a
 * prefix header, so they link next to the C library without clashing.
 */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#endif

#include <xen/lib.h>

/*
 * On x86-64 the string instructions are the fast path, 8 bytes a step
 * when aligned: a byte loop costs several instructions a byte, which under
 * an emulator (every page a new domain gets is zeroed) was most of the
 * boot time.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
#if defined(__x86_64__)
    void *d = dst;

    if ( !(((uintptr_t)dst | (uintptr_t)src | n) & 7) )
    {
        n /= 8;
        asm volatile ( "rep movsq" : "+D" (d), "+S" (src), "+c" (n)
                       :: "memory" );
    }
    else
        asm volatile ( "rep movsb" : "+D" (d), "+S" (src), "+c" (n)
                       :: "memory" );
#else
    unsigned char *d = dst;
    const unsigned char *s = src;

    while ( n-- )
        *d++ = *s++;
#endif
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    /* Compare as integers: the buffers may be unrelated objects. */
    if ( (uintptr_t)d <= (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n )
        return memcpy(dst, src, n);

    /* Destination overlaps the tail of the source: copy backwards. */
    while ( n-- )
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
#if defined(__x86_64__)
    void *d = dst;

    if ( !(((uintptr_t)dst | n) & 7) )
    {
        uint64_t v = (unsigned char)c * 0x0101010101010101ULL;

        n /= 8;
        asm volatile ( "rep stosq" : "+D" (d), "+c" (n) : "a" (v)
                       : "memory" );
    }
    else
        asm volatile ( "rep stosb" : "+D" (d), "+c" (n) : "a" (c)
                       : "memory" );
#else
    unsigned char *d = dst;

    while ( n-- )
        *d++ = (unsigned char)c;
#endif
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for ( ; n; n--, x++, y++ )
        if ( *x != *y )
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;

    while ( *p )
        p++;
    return p - s;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while ( n < max && s[n] )
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, (size_t)-1);
}

int strncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
    {
        unsigned char x = *a, y = *b;

        if ( x != y )
            return x - y;
        if ( !x )
            break;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for ( ; ; s++ )
    {
        if ( *s == (char)c )
            return (char *)s;
        if ( !*s )
            return NULL;
    }
}

/*
 * Copy with truncation; the result is always terminated when size > 0.
 * Returns strlen(src) so callers can detect truncation (>= size).
 */
size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size )
    {
        size_t n = len < size - 1 ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

static int digit_value(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'z' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'Z' )
        return c - 'A' + 10;
    return 36;                  /* larger than any base */
}

/* Work out the base and skip a "0x" prefix where one applies. */
static const char *number_base(const char *s, unsigned int *base)
{
    bool hex_prefix = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
                      digit_value(s[2]) < 16;

    if ( *base == 0 )
        *base = hex_prefix ? 16 : s[0] == '0' ? 8 : 10;
    if ( *base == 16 && hex_prefix )
        s += 2;
    return s;
}

unsigned long simple_strtoul(const char *s, const char **end,
                             unsigned int base)
{
    const unsigned long max = ~0UL;
    unsigned long val = 0;
    int d;

    if ( base == 1 || base > 36 )
    {
        if ( end )
            *end = s;
        return 0;
    }

    s = number_base(s, &base);
    for ( ; (d = digit_value(*s)) < (int)base; s++ )
    {
        /* Saturate, but keep consuming digits so *end is right. */
        if ( val > (max - d) / base )
            val = max;
        else
            val = val * base + d;
    }

    if ( end )
        *end = s;
    return val;
}
