/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Minimal test harness: one line per check,
 *   PASS: foreignmemory/<name>   or   FAIL: foreignmemory/<name>: <why>
 * A check is a function that returns NULL on success or a reason.
 */
#ifndef FM_HARNESS_H
#define FM_HARNESS_H

#include <stdio.h>

static int fm_failures;
static char fm_why[512];

/* Inside a check: fail with a formatted reason unless cond holds. */
#define EXPECT(cond, ...)                                               \
    do {                                                                \
        if (!(cond)) {                                                  \
            snprintf(fm_why, sizeof(fm_why), __VA_ARGS__);              \
            return fm_why;                                              \
        }                                                               \
    } while (0)

typedef const char *fm_check_fn(void);

static inline void fm_run(const char *name, fm_check_fn *fn)
{
    const char *why = fn();

    if (why) {
        fm_failures++;
        printf("FAIL: foreignmemory/%s: %s\n", name, why);
    } else
        printf("PASS: foreignmemory/%s\n", name);
    fflush(stdout);
}

#endif
