/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Latency benchmark of libxenforeignmemory, run inside a PV dom0 of
 * Debian's Xen 4.17 (see scripts/test-xen417-foreignmemory --bench).
 * Built against our header; which libxenforeignmemory.so.1 it runs with
 * is chosen by LD_LIBRARY_PATH, and the one actually loaded is printed
 * ("bench-lib:" line, from dladdr() and /proc/self/maps) so that the
 * caller can check the comparison is honest.
 *
 * Usage: xen417-fm-bench <label> [budget-ms-per-case]
 *
 * Creates a PV domain (never started) with 32 grant frames and 256
 * populated pages, then times, with clock_gettime(CLOCK_MONOTONIC):
 *   resource_size                    xenforeignmemory_resource_size
 *   map_resource_<n>f / unmap_...    map_resource / unmap_resource of the
 *                                    shared grant table, 1 and 32 frames
 *   map_<n>p / unmap_<n>p            xenforeignmemory_map / unmap of n
 *                                    ordinary pages, n = 1, 16, 256
 *   *_pair                           one map plus one unmap
 * Each case: warm-up, then batches of K maps followed by K unmaps (no
 * clock read inside a batch; K fixed per case, the same for every
 * library) until the budget is spent.  Printed, in ns per operation:
 *   bench: <label> <name> <ns>       median over batches
 *   bench-min: <label> <name> <ns>   best batch (least disturbed by
 *                                    other load on the host under TCG)
 * Exit status 0 unless setting up or an operation failed ("bench-error:").
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>
#include <xen/memory.h>

#define GT XENMEM_resource_grant_table
#define SHARED XENMEM_resource_grant_table_id_shared
#define GFRAMES 32
#define NPAGES 256
#define KMAX 64
#define MAXBATCH 512

static const char *label;
static double budget_ns = 1e9;
static xenforeignmemory_handle *fm;
static uint32_t domid;
static xen_pfn_t frames[NPAGES];   /* MFNs of the PV domain's pages */

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void die(const char *what)
{
    printf("bench-error: %s %s: %s (errno %d)\n", label, what,
           strerror(errno), errno);
    fflush(stdout);
    exit(1);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void report(const char *prefix, const char *name, const char *suffix,
                   double *v, int n)
{
    double med = median(v, n);   /* sorts v */

    printf("bench: %s %s%s%s %.0f\n", label, prefix, name, suffix, med);
    printf("bench-min: %s %s%s%s %.0f\n", label, prefix, name, suffix, v[0]);
}

/* Which libxenforeignmemory is in this process: dladdr and maps. */
static void print_library(void)
{
    Dl_info di;
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512], seen[1024] = "";
    int copies = 0;

    if (dladdr((void *)xenforeignmemory_map_resource, &di) && di.dli_fname)
        printf("bench-lib: %s dladdr %s\n", label, di.dli_fname);
    else
        printf("bench-lib: %s dladdr ?\n", label);
    while (f && fgets(line, sizeof(line), f)) {
        char *p = strchr(line, '/');

        if (!p || !strstr(p, "libxenforeignmemory"))
            continue;
        p[strcspn(p, "\n")] = 0;
        if (strstr(seen, p))
            continue;
        copies++;
        if (strlen(seen) + strlen(p) + 2 < sizeof(seen)) {
            strcat(seen, " ");
            strcat(seen, p);
        }
    }
    if (f)
        fclose(f);
    printf("bench-lib: %s maps%s (%d cop%s)\n", label, seen, copies,
           copies == 1 ? "y" : "ies");
}

/* One case.  map(i) maps into slot i, unmap(i) undoes it; K per batch. */
struct ops {
    void (*map)(int i, void *arg);
    void (*unmap)(int i, void *arg);
    void *arg;
};

static void nothing(int i, void *arg);

static void run_case(const char *name, const struct ops *o, int k)
{
    static double m[MAXBATCH], u[MAXBATCH], p[MAXBATCH];
    double t0, t1, t2, start;
    int i, n = 0;

    for (i = 0; i < 3; i++) {   /* warm-up */
        o->map(0, o->arg);
        o->unmap(0, o->arg);
    }
    start = now_ns();
    while (n < MAXBATCH && (n < 5 || now_ns() - start < budget_ns)) {
        t0 = now_ns();
        for (i = 0; i < k; i++)
            o->map(i, o->arg);
        t1 = now_ns();
        for (i = 0; i < k; i++)
            o->unmap(i, o->arg);
        t2 = now_ns();
        m[n] = (t1 - t0) / k;
        u[n] = (t2 - t1) / k;
        p[n] = (t2 - t0) / k;
        n++;
    }
    report("", name, "", m, n);
    if (o->unmap != nothing) {   /* name is map_...: unmap_..., pair */
        report("un", name, "", u, n);
        report("", name, "_pair", p, n);
    }
    printf("bench-detail: %s %s batches %d x %d\n", label, name, n, k);
}

/* map_resource / unmap_resource of the grant table. */
static xenforeignmemory_resource_handle *res[KMAX];

static void res_map(int i, void *arg)
{
    unsigned long nr = (uintptr_t)arg;
    void *addr = NULL;

    res[i] = xenforeignmemory_map_resource(fm, domid, GT, SHARED, 0, nr,
                                           &addr, PROT_READ | PROT_WRITE, 0);
    if (!res[i])
        die("map_resource");
}

static void res_unmap(int i, void *arg)
{
    (void)arg;
    if (xenforeignmemory_unmap_resource(fm, res[i]))
        die("unmap_resource");
}

/* map / unmap of ordinary pages. */
static void *pages[KMAX];
static int errs[NPAGES];

static void pg_map(int i, void *arg)
{
    size_t nr = (uintptr_t)arg;

    pages[i] = xenforeignmemory_map(fm, domid, PROT_READ | PROT_WRITE, nr,
                                    frames, errs);
    if (!pages[i])
        die("map");
}

static void pg_unmap(int i, void *arg)
{
    if (xenforeignmemory_unmap(fm, pages[i], (uintptr_t)arg))
        die("unmap");
}

/* resource_size: "map" is the call, "unmap" nothing. */
static void size_call(int i, void *arg)
{
    size_t size = 0;

    (void)i; (void)arg;
    if (xenforeignmemory_resource_size(fm, domid, GT, SHARED, &size) ||
        size != GFRAMES * 4096)
        die("resource_size");
}

static void nothing(int i, void *arg)
{
    (void)i; (void)arg;
}

int main(int argc, char **argv)
{
    struct xen_domctl_createdomain cfg = {
        .max_vcpus = 1,
        .max_evtchn_port = 1023,
        .max_grant_frames = GFRAMES,
        .max_maptrack_frames = -1,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
    };
    static const unsigned long npg[] = { 1, 16, NPAGES };
    static const int npg_k[] = { 16, 16, 4 };
    xc_interface *xch;
    char name[64];
    unsigned i;
    int bad = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);
    label = argc > 1 ? argv[1] : "?";
    if (argc > 2)
        budget_ns = atof(argv[2]) * 1e6;
    print_library();

    xch = xc_interface_open(NULL, NULL, 0);
    if (!xch)
        die("xc_interface_open");
    if (xc_domain_create(xch, &domid, &cfg))
        die("xc_domain_create");
    if (xc_domain_setmaxmem(xch, domid, NPAGES * 4 + 1024))
        die("xc_domain_setmaxmem");
    for (i = 0; i < NPAGES; i++)
        frames[i] = i;
    /* PV domain: Xen writes the MFN of each new page back into frames[]. */
    if (xc_domain_populate_physmap_exact(xch, domid, NPAGES, 0, 0, frames))
        die("xc_domain_populate_physmap_exact");
    fm = xenforeignmemory_open(NULL, 0);
    if (!fm)
        die("xenforeignmemory_open");

    /* Sanity: every page maps, and writes land in the frames. */
    pages[0] = xenforeignmemory_map(fm, domid, PROT_READ | PROT_WRITE,
                                    NPAGES, frames, errs);
    if (!pages[0])
        die("map (sanity)");
    for (i = 0; i < NPAGES; i++) {
        bad += errs[i] != 0;
        ((volatile uint32_t *)pages[0])[i * 1024] = 0xbe000000 + i;
    }
    xenforeignmemory_unmap(fm, pages[0], NPAGES);
    pages[0] = xenforeignmemory_map(fm, domid, PROT_READ, NPAGES, frames,
                                    errs);
    if (!pages[0])
        die("map (sanity 2)");
    for (i = 0; i < NPAGES; i++)
        bad += ((volatile uint32_t *)pages[0])[i * 1024] != 0xbe000000 + i;
    xenforeignmemory_unmap(fm, pages[0], NPAGES);
    if (bad) {
        errno = EIO;
        die("map sanity: pages did not read back");
    }

    run_case("resource_size", &(struct ops){ size_call, nothing, NULL }, 32);
    run_case("map_resource_1f",
             &(struct ops){ res_map, res_unmap, (void *)1UL }, 16);
    run_case("map_resource_32f",
             &(struct ops){ res_map, res_unmap, (void *)(uintptr_t)GFRAMES },
             16);
    for (i = 0; i < sizeof(npg) / sizeof(npg[0]); i++) {
        snprintf(name, sizeof(name), "map_%lup", npg[i]);
        run_case(name, &(struct ops){ pg_map, pg_unmap,
                                      (void *)(uintptr_t)npg[i] }, npg_k[i]);
    }

    xenforeignmemory_close(fm);
    if (xc_domain_destroy(xch, domid))
        die("xc_domain_destroy");
    xc_interface_close(xch);
    printf("bench-done: %s\n", label);
    return 0;
}
