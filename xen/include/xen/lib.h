/*
 * Small library routines shared by all hypervisor code: formatted output,
 * string functions, and the few helper macros every file wants.
 *
 * The string and formatting routines live in common/lib/.  printk() lives
 * in common/console.c (hosted tests provide their own).
 */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <xen/types.h>

#define ARRAY_SIZE(a)  (sizeof(a) / sizeof((a)[0]))
#define ROUNDUP(x, a)  (((x) + (a) - 1) & ~((typeof(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((typeof(x))(a) - 1)) == 0)
#define min(a, b) ({ typeof(a) _a = (a); typeof(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b) ({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })
#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))
#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)
#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __packed    __attribute__((packed))
#define __noreturn  __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))

/* Formatted output (common/lib/vsnprintf.c). */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* String and memory routines (common/lib/string.c). */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);
/* Parse an unsigned number (base 0: 0x.. hex, 0.. octal, else decimal).
 * *end points past the digits.  Saturates at ULONG_MAX. */
unsigned long simple_strtoul(const char *s, const char **end, unsigned int base);

/* Console output with the "(XEN) " prefix (common/console.c).  A message
 * may start with a level, as in Xen (printk(XENLOG_INFO "...")); without
 * one it is a warning.  loglvl=/guest_loglvl= pick what is shown. */
#define XENLOG_ERR     "<0>"
#define XENLOG_WARNING "<1>"
#define XENLOG_INFO    "<2>"
#define XENLOG_DEBUG   "<3>"
void printk(const char *fmt, ...) __printf(1, 2);
/* Like printk, but drops messages beyond a small burst per second, so a
 * guest cannot flood the console with refused requests. */
void printk_ratelimited(const char *fmt, ...) __printf(1, 2);

/* Stop the hypervisor: a bug in the hypervisor itself, never guest input. */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

#define BUG_ON(cond) do { \
    if ( unlikely(cond) ) \
        panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
} while ( 0 )
/* Checked unless CONFIG_DEBUG=n (-DNDEBUG), as in Xen's release builds;
 * the condition is still compiled, never evaluated. */
#ifdef NDEBUG
#define ASSERT(cond) do { if ( 0 && (cond) ) {} } while ( 0 )
#else
#define ASSERT(cond) BUG_ON(!(cond))
#endif

#endif /* XEN_LIB_H */
