/* SPDX-License-Identifier: GPL-2.0-only */
/* The guest command line: space-separated words, options as key=value. */
#include "guest.h"

const char *cmdline(void)
{
    if ( !start_info || !start_info->cmdline_paddr ||
         start_info->cmdline_paddr >= (1ULL << 32) )
        return "";
    return (const char *)(uintptr_t)start_info->cmdline_paddr;
}

bool cmdline_get(const char *key, char *buf, size_t len)
{
    size_t klen = strlen(key);

    for ( const char *p = cmdline(); *p; )
    {
        const char *end;

        while ( *p == ' ' )
            p++;
        for ( end = p; *end && *end != ' '; end++ )
            ;
        if ( (size_t)(end - p) > klen && !strncmp(p, key, klen) &&
             p[klen] == '=' )
        {
            size_t n = end - p - klen - 1;

            if ( len )
            {
                n = n < len - 1 ? n : len - 1;
                memcpy(buf, p + klen + 1, n);
                buf[n] = '\0';
            }
            return true;
        }
        p = end;
    }
    return false;
}

unsigned long cmdline_ulong(const char *key, unsigned long dflt)
{
    char buf[24];
    unsigned long n = 0;

    if ( !cmdline_get(key, buf, sizeof(buf)) )
        return dflt;
    for ( const char *p = buf; *p >= '0' && *p <= '9'; p++ )
        n = n * 10 + (*p - '0');
    return n;
}
