/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * multicall (hypercall 13): each entry's result written back into it;
 * an unknown op is that entry's -ENOSYS, a nested multicall its -EINVAL;
 * an unreadable list is -EFAULT with the entries before it done; a long
 * list survives being continued (the time slice ends part way).  Entries
 * are struct multicall_entry: 64 bytes for a 64-bit caller, 32 for a
 * 32-bit one (xen_ulong_t fields).
 */
#include "guest.h"
#include "hypercall.h"
#include "errno.h"
#include "public/version.h"
#include "public/sched.h"

const char test_title[] = "multicall";

#define LONG_LIST 20000
#define LIST_AT   0x800000UL            /* 8 MiB: clear of the image */

static long multicall(struct multicall_entry *list, unsigned int nr)
{
    return HC(__HYPERVISOR_multicall, list, nr, 0);
}

static void set(struct multicall_entry *e, unsigned long op, unsigned long a0,
                unsigned long a1)
{
    *e = (struct multicall_entry){ .op = op, .result = 0x5a5a,
                                   .args = { a0, a1 } };
}

static void a_few(void)
{
    static struct multicall_entry e[5];

    set(&e[0], __HYPERVISOR_xen_version, XENVER_version, 0);
    set(&e[1], 99, 0, 0);
    set(&e[2], __HYPERVISOR_xen_version, XENVER_pagesize, 0);
    set(&e[3], __HYPERVISOR_multicall, (unsigned long)&e[0], 1);
    set(&e[4], __HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    check_eq("five entries: 0", multicall(e, 5), 0);
    check_eq("xen_version entry", (long)e[0].result, 0x40011);
    check_eq("unknown op: -ENOSYS", (long)e[1].result, -ENOSYS);
    check_eq("pagesize entry", (long)e[2].result, 4096);
    check_eq("nested multicall: -EINVAL", (long)e[3].result, -EINVAL);
    check_eq("sched_op yield entry", (long)e[4].result, 0);
    check_eq("op left as it was", e[1].op, 99);
    check_eq("no entries: 0", multicall(e, 0), 0);
}

/* The end of the highest region of our memory map: nothing above. */
static uint64_t memory_top(void)
{
    const struct hvm_memmap_table_entry *m =
        (const void *)(uintptr_t)start_info->memmap_paddr;
    uint64_t top = 0;
    unsigned int i;

    for ( i = 0; i < start_info->memmap_entries; i++ )
        if ( m[i].addr + m[i].size > top )
            top = m[i].addr + m[i].size;
    return top;
}

static void bad_lists(void)
{
    char ref[16];
    uint64_t top = memory_top();
    struct multicall_entry *e = (void *)(uintptr_t)(top - sizeof(*e));

    /* ref=xen417: real Xen's PVH dom0 maps the host's reserved ranges
     * around and above its RAM; no address here is surely unmapped. */
    if ( cmdline_get("ref", ref, sizeof(ref)) )
    {
        printk("info: unreadable lists not checked on real Xen\n");
        return;
    }
    check_eq("an unreadable list: -EFAULT",
             multicall((void *)(uintptr_t)top, 1), -EFAULT);
    set(e, __HYPERVISOR_xen_version, XENVER_pagesize, 0);
    check_eq("the second entry unreadable: -EFAULT", multicall(e, 2),
             -EFAULT);
    check_eq("... the first one done", (long)e->result, 4096);
}

static void long_list(void)
{
    struct multicall_entry *e = (void *)LIST_AT;
    unsigned int i, bad = 0;
    uint64_t t0 = rdtsc();

    for ( i = 0; i < LONG_LIST; i++ )
        set(&e[i], __HYPERVISOR_xen_version, XENVER_pagesize, 0);
    check_eq("20000 entries: 0", multicall(e, LONG_LIST), 0);
    for ( i = 0; i < LONG_LIST; i++ )
        bad += e[i].result != 4096;
    check_eq("every result written", bad, 0);
    printk("info: 20000 entries in %llu TSC ticks\n",
           (unsigned long long)(rdtsc() - t0));
}

void test_main(void)
{
    a_few();
    bad_lists();
    long_list();
}
