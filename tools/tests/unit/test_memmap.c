/*
 * A domain's memory map (common/memmap.c) and XENMEM_memory_map, native
 * and compat, answered as Xen 4.17's arch_memory_op answers: -ENOSYS
 * without a map or with progress bits, the first min(nr_entries, map)
 * entries as 20-byte E820 entries and nr_entries set to that count, and
 * -EFAULT for an unreadable structure or an unwritable buffer (nothing
 * written back then).  Also what memmap_add() refuses.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "mem_harness.h"
#include <xen/memmap.h>

#define BUF_VA  0x3000UL
#define FILL    0xa5

static struct domain *d1, *d2;

static const char *nm(bool compat, const char *what)
{
    static char buf[96];

    snprintf(buf, sizeof(buf), "memmap-%s-%s", compat ? "compat" : "native",
             what);
    return buf;
}

/* The structure at MH_ARG_VA in the caller's width. */
static void put_map(bool compat, uint32_t nr, uint64_t buffer)
{
    struct domain *cd = current->domain;

    if ( compat )
    {
        struct compat_memory_map x = { nr, (uint32_t)buffer };

        memcpy(fake_gmem(cd, MH_ARG_VA, sizeof(x)), &x, sizeof(x));
    }
    else
    {
        struct xen_memory_map x = { .nr_entries = nr };

        x.buffer.p = (void *)(uintptr_t)buffer;
        memcpy(fake_gmem(cd, MH_ARG_VA, sizeof(x)), &x, sizeof(x));
    }
    memset(fake_gmem(cd, BUF_VA, 0x100), FILL, 0x100);
}

static uint32_t got_nr(void)
{
    uint32_t nr;

    memcpy(&nr, fake_gmem(current->domain, MH_ARG_VA, 4), 4);
    return nr;
}

static struct e820_entry got_entry(unsigned int i)
{
    struct e820_entry e;

    memcpy(&e, fake_gmem(current->domain, BUF_VA + i * sizeof(e), sizeof(e)),
           sizeof(e));
    return e;
}

static long map_op(bool compat, unsigned long progress, uint64_t arg)
{
    unsigned long cmd = XENMEM_memory_map | (progress << MEMOP_EXTENT_SHIFT);

    return compat ? compat_memory_op(cmd, guest_ptr(arg))
                  : do_memory_op(cmd, guest_ptr(arg));
}

static bool untouched(uint64_t va, size_t len)
{
    const uint8_t *p = fake_gmem(current->domain, va, len);

    while ( len-- )
        if ( *p++ != FILL )
            return false;
    return true;
}

static void test_op(bool compat)
{
    struct e820_entry e;
    unsigned int i, bad = 0;

    fake_set_current(d2);
    put_map(compat, 8, BUF_VA);
    CHECK_EQ(nm(compat, "no-map-enosys"), map_op(compat, 0, MH_ARG_VA),
             -ENOSYS);

    fake_set_current(d1);
    put_map(compat, 8, BUF_VA);
    CHECK_EQ(nm(compat, "whole"), map_op(compat, 0, MH_ARG_VA), 0);
    CHECK_EQ(nm(compat, "whole-count"), got_nr(), 3);
    for ( i = 0; i < 3; i++ )
    {
        e = got_entry(i);
        bad += e.addr != d1->memmap.e[i].addr ||
               e.size != d1->memmap.e[i].size ||
               e.type != d1->memmap.e[i].type;
    }
    CHECK_EQ(nm(compat, "whole-entries"), bad, 0);
    CHECK(nm(compat, "whole-nothing-after"),
          untouched(BUF_VA + 3 * sizeof(e), 0x100 - 3 * sizeof(e)));

    put_map(compat, 2, BUF_VA);
    CHECK_EQ(nm(compat, "short"), map_op(compat, 0, MH_ARG_VA), 0);
    CHECK_EQ(nm(compat, "short-count"), got_nr(), 2);
    CHECK_EQ(nm(compat, "short-second"), got_entry(1).type, MEMMAP_ACPI);
    CHECK(nm(compat, "short-third-untouched"),
          untouched(BUF_VA + 2 * sizeof(e), 0x100 - 2 * sizeof(e)));

    /* Nothing to copy: the buffer is never looked at. */
    put_map(compat, 0, FAKE_GMEM_HOLE);
    CHECK_EQ(nm(compat, "zero-bad-buffer"), map_op(compat, 0, MH_ARG_VA), 0);
    CHECK_EQ(nm(compat, "zero-count"), got_nr(), 0);

    put_map(compat, 3, FAKE_GMEM_HOLE);
    CHECK_EQ(nm(compat, "bad-buffer"), map_op(compat, 0, MH_ARG_VA), -EFAULT);
    CHECK_EQ(nm(compat, "bad-buffer-count-kept"), got_nr(), 3);
    /* The buffer runs into the hole: the first entries may be written. */
    put_map(compat, 3, FAKE_GMEM_HOLE - sizeof(e));
    CHECK_EQ(nm(compat, "buffer-into-hole"), map_op(compat, 0, MH_ARG_VA),
             -EFAULT);
    CHECK_EQ(nm(compat, "buffer-into-hole-count-kept"), got_nr(), 3);

    CHECK_EQ(nm(compat, "bad-arg"), map_op(compat, 0, FAKE_GMEM_HOLE),
             -EFAULT);
    CHECK_EQ(nm(compat, "null-arg"), map_op(compat, 0, 0), -EFAULT);
    put_map(compat, 8, BUF_VA);
    CHECK_EQ(nm(compat, "progress-enosys"), map_op(compat, 1, MH_ARG_VA),
             -ENOSYS);
    CHECK(nm(compat, "progress-nothing-written"),
          got_nr() == 8 && untouched(BUF_VA, 0x100));
}

static void test_add(void)
{
    struct domain_memmap before = d2->memmap;
    unsigned int i;

    CHECK_EQ("memmap-add-zero-size", memmap_add(d2, 0, 0, MEMMAP_RAM),
             -EINVAL);
    CHECK_EQ("memmap-add-wraps", memmap_add(d2, ~0ULL - 10, 20, MEMMAP_RAM),
             -EINVAL);
    CHECK_EQ("memmap-add-first", memmap_add(d2, 0x1000, 0x1000, MEMMAP_RAM),
             0);
    CHECK_EQ("memmap-add-overlap", memmap_add(d2, 0x1fff, 1, MEMMAP_RAM),
             -EINVAL);
    CHECK_EQ("memmap-add-below", memmap_add(d2, 0, 0x1000, MEMMAP_RAM),
             -EINVAL);
    for ( i = 1; i < DOMAIN_MEMMAP_MAX; i++ )
        memmap_add(d2, 0x1000 + i * 0x1000, 0x1000, MEMMAP_RESERVED);
    CHECK_EQ("memmap-add-full-count", d2->memmap.nr, DOMAIN_MEMMAP_MAX);
    before = d2->memmap;
    CHECK_EQ("memmap-add-full", memmap_add(d2, 1ULL << 40, 0x1000, MEMMAP_RAM),
             -ENOSPC);
    CHECK("memmap-add-refusals-change-nothing",
          !memcmp(&before, &d2->memmap, sizeof(before)));
    d2->memmap.nr = 0;
}

int main(void)
{
    unsigned long baseline;

    fake_machine_init(4096, 0);
    baseline = total_free_pages();
    d1 = mh_domain(1, false, -1, 1, 16);
    d2 = mh_domain(2, false, -1, 1, 16);
    CHECK("memmap-domains", d1 && d2);
    if ( !d1 || !d2 )
        return unit_done();
    /* As pvh_acpi_place() records a domain with RAM above 4 GiB. */
    CHECK("memmap-build",
          !memmap_add(d1, 0, 0xfffff000ULL, MEMMAP_RAM) &&
          !memmap_add(d1, 0xfffff000ULL, 0x1000, MEMMAP_ACPI) &&
          !memmap_add(d1, 1ULL << 32, 1ULL << 30, MEMMAP_RAM));

    test_op(false);
    test_op(true);
    test_add();

    mh_destroy_all();
    CHECK_EQ("memmap-pages-back", total_free_pages(), baseline);
    return unit_done();
}
