/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small vsnprintf: %d %i %u %x %X %o %p %s %c %%, flags "-0#+ ",
 * width and precision (also "*"), length hh h l ll z t.  Numbers are
 * converted with a shift-and-subtract division so 32-bit builds need no
 * libgcc helpers for 64-bit values.
 */
#include "guest.h"

struct out {
    char *buf;
    size_t size, len;           /* len counts even what did not fit */
};

static void put(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

/* *n /= base; returns the remainder. */
static unsigned int divmod(uint64_t *n, unsigned int base)
{
    uint64_t q = 0, r = 0;

    for ( int i = 63; i >= 0; i-- )
    {
        r = (r << 1) | ((*n >> i) & 1);
        if ( r >= base )
        {
            r -= base;
            q |= 1ULL << i;
        }
    }
    *n = q;
    return r;
}

struct spec {
    bool left, zero, alt, plus, space, upper;
    int width, prec;            /* -1: not given */
};

static void pad(struct out *o, int n, char c)
{
    while ( n-- > 0 )
        put(o, c);
}

static void number(struct out *o, uint64_t v, bool neg, unsigned int base,
                   struct spec *s)
{
    const char *digits = s->upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24], prefix[3] = "";
    int n = 0, np = 0, zeros, used;

    while ( v || n == 0 )
        tmp[n++] = digits[divmod(&v, base)];
    if ( s->prec == 0 && n == 1 && tmp[0] == '0' )
        n = 0;
    if ( neg )
        prefix[np++] = '-';
    else if ( s->plus )
        prefix[np++] = '+';
    else if ( s->space )
        prefix[np++] = ' ';
    if ( s->alt && base == 16 && !(n == 1 && tmp[0] == '0') )
    {
        prefix[np++] = '0';
        prefix[np++] = s->upper ? 'X' : 'x';
    }
    else if ( s->alt && base == 8 && tmp[n - 1] != '0' )
        tmp[n++] = '0';

    zeros = s->prec > n ? s->prec - n : 0;
    if ( s->zero && !s->left && s->prec < 0 )
        zeros = s->width - np - n > 0 ? s->width - np - n : 0;
    used = np + zeros + n;
    if ( !s->left )
        pad(o, s->width - used, ' ');
    for ( int i = 0; i < np; i++ )
        put(o, prefix[i]);
    pad(o, zeros, '0');
    while ( n )
        put(o, tmp[--n]);
    if ( s->left )
        pad(o, s->width - used, ' ');
}

static void string(struct out *o, const char *str, struct spec *s)
{
    int n;

    if ( !str )
        str = "(null)";
    n = (int)strnlen(str, s->prec >= 0 ? (size_t)s->prec : (size_t)-1);
    if ( !s->left )
        pad(o, s->width - n, ' ');
    for ( int i = 0; i < n; i++ )
        put(o, str[i]);
    if ( s->left )
        pad(o, s->width - n, ' ');
}

static int decimal(const char **p)
{
    int v = 0;

    while ( **p >= '0' && **p <= '9' )
        v = v * 10 + *(*p)++ - '0';
    return v;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };

    for ( const char *p = fmt; *p; p++ )
    {
        struct spec s = { .width = -1, .prec = -1 };
        int lng = 0;            /* -2 hh, -1 h, 1 l, 2 ll */
        uint64_t v;
        bool neg = false;
        unsigned int base = 10;

        if ( *p != '%' )
        {
            put(&o, *p);
            continue;
        }
        for ( ;; p++ )
        {
            if ( p[1] == '-' ) s.left = true;
            else if ( p[1] == '0' ) s.zero = true;
            else if ( p[1] == '#' ) s.alt = true;
            else if ( p[1] == '+' ) s.plus = true;
            else if ( p[1] == ' ' ) s.space = true;
            else break;
        }
        p++;
        if ( *p == '*' )
        {
            s.width = va_arg(ap, int);
            if ( s.width < 0 )
            {
                s.left = true;
                s.width = -s.width;
            }
            p++;
        }
        else
            s.width = decimal(&p);
        if ( *p == '.' )
        {
            p++;
            if ( *p == '*' )
            {
                s.prec = va_arg(ap, int);
                p++;
            }
            else
                s.prec = decimal(&p);
        }
        for ( ;; p++ )
        {
            if ( *p == 'h' ) lng--;
            else if ( *p == 'l' ) lng++;
            else if ( *p == 'z' || *p == 't' ) lng = sizeof(size_t) > 4 ? 1 : 0;
            else break;
        }

        switch ( *p )
        {
        case 'd': case 'i':
        {
            int64_t sv = lng >= 2 ? va_arg(ap, long long)
                       : lng == 1 ? va_arg(ap, long) : va_arg(ap, int);

            if ( lng == -1 )
                sv = (short)sv;
            else if ( lng <= -2 )
                sv = (signed char)sv;
            neg = sv < 0;
            number(&o, neg ? -(uint64_t)sv : (uint64_t)sv, neg, 10, &s);
            break;
        }
        case 'X':
            s.upper = true;
            /* fall through */
        case 'x': case 'o': case 'u':
            base = *p == 'u' ? 10 : *p == 'o' ? 8 : 16;
            v = lng >= 2 ? va_arg(ap, unsigned long long)
              : lng == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
            if ( lng == -1 )
                v = (unsigned short)v;
            else if ( lng <= -2 )
                v = (unsigned char)v;
            number(&o, v, false, base, &s);
            break;
        case 'p':
            s.alt = true;
            number(&o, (uintptr_t)va_arg(ap, void *), false, 16, &s);
            break;
        case 's':
            string(&o, va_arg(ap, const char *), &s);
            break;
        case 'c':
        {
            char c[2] = { (char)va_arg(ap, int), 0 };

            s.prec = 1;
            string(&o, c, &s);
            break;
        }
        case '%':
            put(&o, '%');
            break;
        case '\0':
            p--;                /* lone '%' at the end */
            break;
        default:                /* unknown: print it as is */
            put(&o, '%');
            put(&o, *p);
            break;
        }
    }
    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
