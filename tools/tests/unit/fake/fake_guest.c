/*
 * The rest of the fake arch: the machine, guest memory behind
 * copy_{from,to}_guest, continuations and preemption, and xmalloc on the
 * C library's malloc (so that ASan sees leaked and freed domain structs).
 */
#include <stdlib.h>
#include <string.h>

#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include "fake_arch.h"

static struct page_info *table;
static uint8_t *arena;
static unsigned long base;

void fake_machine_fini(void)
{
    free(table);
    free(arena);
    table = NULL;
    arena = NULL;
}

void fake_machine_init(unsigned long nr, unsigned long mfn_base)
{
    fake_machine_fini();
    table = calloc(nr, sizeof(*table));
    arena = aligned_alloc(PAGE_SIZE, nr * PAGE_SIZE);
    BUG_ON(!table || !arena);
    memset(arena, 0xaa, nr * PAGE_SIZE);
    init_frame_table(table, nr);
    /* Shift the frame numbers: MFN mfn_base is table[0], arena[0]. */
    base = mfn_base;
    frame_table = (struct page_info *)((uintptr_t)table -
                                       mfn_base * sizeof(*table));
    max_page = mfn_base + nr;
    fake_arena = (uint8_t *)((uintptr_t)arena - (mfn_base << PAGE_SHIFT));
    init_heap_pages(_mfn(mfn_base + 1), nr - 1);
}

unsigned long fake_mfn_base(void)
{
    return base;
}

void *fake_gmem(struct domain *d, uint64_t va, size_t len)
{
    if ( !d || !d->arch.gmem || va > FAKE_GMEM_SIZE ||
         len > FAKE_GMEM_SIZE - va )
        return NULL;
    return d->arch.gmem + va;
}

/* Mapped guest bytes [va, va + len) of the caller, or NULL. */
static uint8_t *guest_range(uint64_t va, size_t len)
{
    if ( va < PAGE_SIZE ||
         (va < FAKE_GMEM_HOLE + FAKE_GMEM_HOLE_LEN && va + len > FAKE_GMEM_HOLE) )
        return NULL;
    return fake_gmem(current ? current->domain : NULL, va, len);
}

int copy_from_guest(void *dst, guest_ptr_t src, size_t len)
{
    uint8_t *g;

    if ( !len )
        return 0;
    if ( !(g = guest_range(src.va, len)) )
        return -EFAULT;
    memcpy(dst, g, len);
    return 0;
}

void (*fake_copy_to_guest_hook)(uint64_t va, size_t len);

int copy_to_guest(guest_ptr_t dst, const void *src, size_t len)
{
    uint8_t *g;

    if ( !len )
        return 0;
    if ( !(g = guest_range(dst.va, len)) )
        return -EFAULT;
    memcpy(g, src, len);
    if ( fake_copy_to_guest_hook )
        fake_copy_to_guest_hook(dst.va, len);
    return 0;
}

void fake_set_current(struct domain *d)
{
    current = d ? d->vcpu[0] : NULL;
}

static unsigned int preempt_every, preempt_calls;

void fake_set_preempt_every(unsigned int n)
{
    preempt_every = n;
    preempt_calls = 0;
}

bool hypercall_preempt_check(void)
{
    return preempt_every && ++preempt_calls % preempt_every == 0;
}

static long live;

long fake_xmalloc_live(void)
{
    return live;
}

void *xmalloc_bytes(size_t size)
{
    void *p = malloc(size ? size : 1);

    live += !!p;
    return p;
}

void *xzalloc_bytes(size_t size)
{
    void *p = calloc(1, size ? size : 1);

    live += !!p;
    return p;
}

void xfree(void *p)
{
    live -= !!p;
    free(p);
}
