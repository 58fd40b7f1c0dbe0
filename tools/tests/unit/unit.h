/*
 * A tiny test framework for the hosted unit tests.
 *
 * Every check prints exactly one line, "PASS: unit/<name>" or
 * "FAIL: unit/<name>: <why>", which the top-level `make test` counts.
 * A test program ends with `return unit_done();`: non-zero if any check
 * failed.  Names must not contain spaces.
 */
#ifndef UNIT_H
#define UNIT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

void unit_result(bool ok, const char *name, const char *why_fmt, ...)
    __attribute__((format(printf, 3, 4)));
int unit_done(void);

#define CHECK(name, cond) \
    unit_result(!!(cond), (name), "%s (%s:%d)", #cond, __FILE__, __LINE__)

/* Integer equality with both values in the failure message. */
#define CHECK_EQ(name, got, want) do {                                    \
    long long g_ = (long long)(got), w_ = (long long)(want);             \
    unit_result(g_ == w_, (name), "%s = %lld, want %lld (line %d)",      \
                #got, g_, w_, __LINE__);                                 \
} while ( 0 )

/* The tick clock ticks_now() reads: tests advance it by hand.  NOW()
 * is unit_ticks ms plus unit_stime_extra ns. */
extern unsigned long unit_ticks;
extern long long unit_stime_extra;

/* Log of printk() output (fake.c), for checks on what was logged. */
void unit_log_clear(void);
unsigned int unit_log_count(const char *substr);

/*
 * panic() (and so BUG_ON) longjmps to unit_panic_jmp when set.
 * EXPECT_PANIC(name, stmt) passes if stmt panics.
 */
extern jmp_buf *unit_panic_jmp;
extern char unit_panic_msg[256];

#define EXPECT_PANIC(name, stmt) do {                                     \
    jmp_buf jb_;                                                          \
    unit_panic_jmp = &jb_;                                                \
    if ( !setjmp(jb_) )                                                   \
    {                                                                     \
        stmt;                                                             \
        unit_panic_jmp = NULL;                                            \
        unit_result(false, (name), "%s did not panic", #stmt);           \
    }                                                                     \
    else                                                                  \
    {                                                                     \
        unit_panic_jmp = NULL;                                            \
        unit_result(true, (name), "%s", "");                              \
    }                                                                     \
} while ( 0 )

#endif /* UNIT_H */
