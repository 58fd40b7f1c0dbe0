/*
 * The libFuzzer entry shared by the hosted fuzzers that drive a world
 * of domains (fuzz_acquire.c, fuzz_guest_ops.c).  Building the world
 * costs far more than an input's operations, so one world serves
 * WORLD_INPUTS inputs in a row; each input still ends with every
 * invariant checked (no undocumented answer, page counts consistent),
 * and every WORLD_INPUTS the world is torn down and every page and
 * allocation checked back.  (A crash may then need the inputs before it
 * to reproduce: libFuzzer keeps them in its corpus.)
 */
#ifndef UNIT_FUZZ_WORLD_H
#define UNIT_FUZZ_WORLD_H

#include <stdlib.h>
#include "fuzz_src.h"
#include "mem_harness.h"

#define WORLD_INPUTS 256

static int fuzz_world_input(const uint8_t *data, size_t len,
                            unsigned long machine_pages,
                            void (*make_world)(void),
                            void (*step)(struct src *),
                            const unsigned long *n_bad)
{
    static unsigned long baseline, inputs;
    static long xbase;
    struct src r = { .data = data, .len = len };

    if ( !baseline )
    {
        fake_machine_init(machine_pages, 0);
        baseline = total_free_pages();
        xbase = fake_xmalloc_live();
    }
    if ( inputs++ % WORLD_INPUTS == 0 )
        make_world();
    while ( r.pos < r.len )
        step(&r);
    if ( *n_bad || mh_check_counts() )
        abort();
    if ( inputs % WORLD_INPUTS == 0 )
    {
        mh_destroy_all();
        if ( total_free_pages() != baseline || domain_count() ||
             fake_xmalloc_live() != xbase )
            abort();
    }
    return 0;
}

#endif /* UNIT_FUZZ_WORLD_H */
