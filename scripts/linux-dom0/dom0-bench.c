/*
 * `make bench`, Linux part (scripts/bench-linux): latency of
 * xenforeignmemory_map_resource + unmap_resource from Linux userspace in
 * the control domain, on our hypervisor or on Xen 4.17, with whichever
 * libxenforeignmemory LD_LIBRARY_PATH picks (the label says which).
 * Creates a PVH domain (never started) with 32 grant frames, then maps
 * and unmaps 1 and 32 frames of its grant table, ITER times each after a
 * warm-up, and prints the median in ns ("bench: <label>-map-unmap-<n>f
 * <ns>").  Under QEMU -icount the clock advances one ns per emulated
 * instruction: the numbers are instruction counts, repeatable.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>
#include <xen/memory.h>

#define GT      XENMEM_resource_grant_table
#define SHARED  XENMEM_resource_grant_table_id_shared
#define FRAMES  32
#define ITER    25

static uint64_t now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

/* Median ns of map + unmap of nr frames; 0 on failure. */
static uint64_t map_unmap(xenforeignmemory_handle *fm, uint32_t domid,
                          unsigned int nr)
{
    uint64_t t[ITER];

    for ( int i = -3; i < ITER; i++ )
    {
        void *addr = NULL;
        uint64_t t0 = now_ns();
        xenforeignmemory_resource_handle *r =
            xenforeignmemory_map_resource(fm, domid, GT, SHARED, 0, nr,
                                          &addr, PROT_READ | PROT_WRITE, 0);

        if ( !r || xenforeignmemory_unmap_resource(fm, r) )
            return 0;
        if ( i >= 0 )
            t[i] = now_ns() - t0;
    }
    qsort(t, ITER, sizeof(t[0]), cmp);
    return t[ITER / 2];
}

int main(int argc, char **argv)
{
    const char *label = argc > 1 ? argv[1] : "lib";
    struct xen_domctl_createdomain cfg = {
        .flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        .max_vcpus = 1, .max_evtchn_port = 1023,
        .max_grant_frames = FRAMES, .max_maptrack_frames = -1,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
        .arch = { .emulation_flags = XEN_X86_EMU_LAPIC },
    };
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    xenforeignmemory_handle *fm = xenforeignmemory_open(NULL, 0);
    uint32_t domid = 0;
    static const unsigned int sizes[] = { 1, FRAMES };

    if ( !xch || !fm || xc_domain_create(xch, &domid, &cfg) )
    {
        printf("bench-error: %s: setup\n", label);
        return 1;
    }
    for ( unsigned int i = 0; i < 2; i++ )
    {
        uint64_t ns = map_unmap(fm, domid, sizes[i]);

        if ( !ns )
            printf("bench-error: %s: map_resource of %u frames\n", label,
                   sizes[i]);
        else
            printf("bench: %s-map-unmap-%uf %llu\n", label, sizes[i],
                   (unsigned long long)ns);
    }
    xc_domain_destroy(xch, domid);
    xenforeignmemory_close(fm);
    xc_interface_close(xch);
    return 0;
}
