/*
 * Formatted output into a bounded buffer (declared in xen/lib.h).
 *
 * Conversions: d i u x X o p s c %.  Flags: - 0 # + space.  Width and
 * precision, either may be '*'.  Length modifiers: hh h l ll z j t.
 * Behaviour follows C99 (and glibc where C leaves it open), so the hosted
 * tests can compare the output against the C library:
 *  - the return value is the length the whole output would have had;
 *  - the buffer is always NUL-terminated when size > 0;
 *  - %p prints like %#lx ("(nil)" for NULL), %s of NULL prints "(null)"
 *    (cut by the precision like any string);
 *  - an unknown conversion is printed verbatim, '%' included;
 *  - widths and precisions above MAX_FIELD (1 MiB) are cut to it.
 */
#include <xen/lib.h>

/* Widths and precisions are capped, so padding stays bounded and int-safe. */
#define MAX_FIELD (1 << 20)

struct out {
    char *buf;
    size_t size;
    size_t len;         /* bytes produced so far, stored or not */
};

struct spec {
    bool left, zero, alt, plus, space;
    int width;          /* 0 = none */
    int prec;           /* -1 = none */
    char length;        /* 'H' = hh, 'h', 'l', 'L' = ll, 'z', 'j', 't', 0 */
    char conv;
};

static void put(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void put_n(struct out *o, char c, int n)
{
    while ( n-- > 0 )
        put(o, c);
}

static void put_str(struct out *o, const char *s, size_t n)
{
    while ( n-- )
        put(o, *s++);
}

/* Text of a conversion, padded to the width with spaces. */
static void emit_padded(struct out *o, const struct spec *sp,
                        const char *s, size_t n)
{
    int pad = sp->width > (int)n ? sp->width - (int)n : 0;

    if ( !sp->left )
        put_n(o, ' ', pad);
    put_str(o, s, n);
    if ( sp->left )
        put_n(o, ' ', pad);
}

/* Digits of v in the given base, written backwards from end; returns count. */
static int to_digits(unsigned long long v, unsigned int base, bool upper,
                     char *end)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;

    while ( v )
    {
        *--end = digits[v % base];
        v /= base;
        n++;
    }
    return n;
}

static void emit_number(struct out *o, const struct spec *sp,
                        unsigned long long v, bool negative)
{
    char tmp[24];                        /* 22 octal digits for 64 bits */
    unsigned int base = 10;
    const char *prefix = "";
    int ndig, zeros, pad, plen;

    if ( sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p' )
        base = 16;
    else if ( sp->conv == 'o' )
        base = 8;

    ndig = to_digits(v, base, sp->conv == 'X', tmp + sizeof(tmp));
    /* Precision is a minimum digit count; the default is one digit. */
    zeros = (sp->prec < 0 ? 1 : sp->prec) - ndig;
    if ( zeros < 0 )
        zeros = 0;

    if ( negative )
        prefix = "-";
    else if ( sp->plus && (sp->conv == 'd' || sp->conv == 'i') )
        prefix = "+";
    else if ( sp->space && (sp->conv == 'd' || sp->conv == 'i') )
        prefix = " ";
    else if ( sp->alt && v && base == 16 )
        prefix = sp->conv == 'X' ? "0X" : "0x";
    else if ( sp->alt && base == 8 && zeros == 0 )
        zeros = 1;                       /* force a leading 0 */

    plen = strlen(prefix);
    pad = sp->width - plen - zeros - ndig;
    if ( pad < 0 )
        pad = 0;
    /* The 0 flag pads with zeros after the prefix, unless overridden. */
    if ( sp->zero && !sp->left && sp->prec < 0 )
    {
        zeros += pad;
        pad = 0;
    }

    if ( !sp->left )
        put_n(o, ' ', pad);
    put_str(o, prefix, plen);
    put_n(o, '0', zeros);
    put_str(o, tmp + sizeof(tmp) - ndig, ndig);
    if ( sp->left )
        put_n(o, ' ', pad);
}

static long long get_signed(const struct spec *sp, va_list *ap)
{
    switch ( sp->length )
    {
    case 'H': return (signed char)va_arg(*ap, int);
    case 'h': return (short)va_arg(*ap, int);
    case 'l': return va_arg(*ap, long);
    case 'L': return va_arg(*ap, long long);
    case 'z': return va_arg(*ap, long);    /* signed size_t */
    case 'j': return va_arg(*ap, long long);
    case 't': return va_arg(*ap, ptrdiff_t);
    default:  return va_arg(*ap, int);
    }
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
    switch ( sp->length )
    {
    case 'H': return (unsigned char)va_arg(*ap, unsigned int);
    case 'h': return (unsigned short)va_arg(*ap, unsigned int);
    case 'l': return va_arg(*ap, unsigned long);
    case 'L': return va_arg(*ap, unsigned long long);
    case 'z': return va_arg(*ap, size_t);
    case 'j': return va_arg(*ap, unsigned long long);
    case 't': return (unsigned long)va_arg(*ap, ptrdiff_t);
    default:  return va_arg(*ap, unsigned int);
    }
}

static void emit_string(struct out *o, const struct spec *sp, const char *s)
{
    if ( !s )
        s = "(null)";
    emit_padded(o, sp, s,
                sp->prec < 0 ? strlen(s) : strnlen(s, (size_t)sp->prec));
}

static void emit_pointer(struct out *o, struct spec *sp, const void *p)
{
    if ( !p )
    {
        emit_padded(o, sp, "(nil)", 5);
        return;
    }
    sp->alt = true;
    emit_number(o, sp, (uintptr_t)p, false);
}

static void convert(struct out *o, struct spec *sp, va_list *ap)
{
    char c;

    switch ( sp->conv )
    {
    case 'd': case 'i':
    {
        long long v = get_signed(sp, ap);
        /* Negate in unsigned arithmetic: -LLONG_MIN overflows. */
        unsigned long long mag = (unsigned long long)v;

        if ( v < 0 )
            mag = -mag;
        emit_number(o, sp, mag, v < 0);
        break;
    }
    case 'u': case 'x': case 'X': case 'o':
        emit_number(o, sp, get_unsigned(sp, ap), false);
        break;
    case 'p':
        emit_pointer(o, sp, va_arg(*ap, const void *));
        break;
    case 's':
        emit_string(o, sp, va_arg(*ap, const char *));
        break;
    case 'c':
        c = (char)va_arg(*ap, int);
        emit_padded(o, sp, &c, 1);
        break;
    }
}

/* Parse "[flags][width][.prec][length]conv" after a '%'; returns the end. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){ .prec = -1 };

    for ( ; ; f++ )
    {
        if ( *f == '-' ) sp->left = true;
        else if ( *f == '0' ) sp->zero = true;
        else if ( *f == '#' ) sp->alt = true;
        else if ( *f == '+' ) sp->plus = true;
        else if ( *f == ' ' ) sp->space = true;
        else break;
    }

    if ( *f == '*' )
    {
        int w = va_arg(*ap, int);

        if ( w < 0 )                  /* negative width means '-' */
        {
            sp->left = true;
            w = w < -MAX_FIELD ? MAX_FIELD : -w;
        }
        sp->width = min(w, MAX_FIELD);
        f++;
    }
    else
        for ( ; *f >= '0' && *f <= '9'; f++ )
            sp->width = min(sp->width * 10 + (*f - '0'), MAX_FIELD);

    if ( *f == '.' )
    {
        f++;
        sp->prec = 0;
        if ( *f == '*' )
        {
            int p = va_arg(*ap, int);

            sp->prec = p < 0 ? -1 : min(p, MAX_FIELD);  /* negative = none */
            f++;
        }
        else
            for ( ; *f >= '0' && *f <= '9'; f++ )
                sp->prec = min(sp->prec * 10 + (*f - '0'), MAX_FIELD);
    }

    if ( *f == 'h' || *f == 'l' )
    {
        sp->length = *f;
        if ( f[1] == *f )
        {
            sp->length = *f == 'h' ? 'H' : 'L';
            f++;
        }
        f++;
    }
    else if ( *f == 'z' || *f == 'j' || *f == 't' )
        sp->length = *f++;

    sp->conv = *f;
    return f;
}

static bool known_conv(char c)
{
    return c && strchr("diuxXopsc", c);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { .buf = buf, .size = size };
    struct spec sp;
    va_list ap;

    va_copy(ap, args);
    while ( *fmt )
    {
        const char *start = fmt;

        if ( *fmt != '%' )
        {
            put(&o, *fmt++);
            continue;
        }
        if ( fmt[1] == '%' )
        {
            put(&o, '%');
            fmt += 2;
            continue;
        }

        fmt = parse_spec(fmt + 1, &sp, &ap);
        if ( known_conv(sp.conv) )
        {
            convert(&o, &sp, &ap);
            fmt++;
        }
        else
        {
            /* Unknown or truncated: print the directive as it stands. */
            if ( *fmt )
                fmt++;
            put_str(&o, start, fmt - start);
        }
    }
    va_end(ap);

    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len > 0x7fffffff ? 0x7fffffff : (int)o.len;
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
