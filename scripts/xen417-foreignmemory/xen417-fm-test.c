/* SPDX-License-Identifier: LGPL-2.1-only */
/*
 * Runs inside a Linux dom0: PV or PVH on Debian's Xen 4.17
 * (scripts/test-xen417-foreignmemory, scripts/test-linux-dom0 --xen417)
 * and PVH on ours (scripts/test-linux-dom0), linked against whichever
 * libxenforeignmemory LD_LIBRARY_PATH finds: ours, or Debian's when
 * $DOM0_LIB is "debian" (the one answer where they differ is the
 * library's own, see EXP_BIGFRAME_DEBLIB).
 * Creates an HVM domain (never started) with Debian's libxenctrl and
 * exercises the grant-table resource through the real kernel driver and
 * hypervisor, then pins what Xen answers to edge cases of
 * XENMEM_acquire_resource (see edge_cases()).  Prints PASS:/FAIL:
 * lines and, for the edge cases, "info:" lines with the raw answers.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/sys/privcmd.h>

#define GT XENMEM_resource_grant_table
#define SHARED XENMEM_resource_grant_table_id_shared
#define FRAMES 4
#define PER_FRAME (4096 / sizeof(grant_entry_v1_t))

static int failures;
/* $DOM0_LIB=debian: Debian's libxenforeignmemory is loaded, not ours. */
static int debian_lib;

static void check(const char *name, int ok, const char *fmt, int val)
{
    if (ok) {
        printf("PASS: foreignmemory/xen417-%s\n", name);
        return;
    }
    failures++;
    printf("FAIL: foreignmemory/xen417-%s: ", name);
    printf(fmt, val);
    printf("\n");
}

/*
 * A domain that is never started: HVM with HAP, as a PVH guest (the
 * local APIC its only emulated device), which every x86 Xen can make;
 * pv asks for a PV one instead, which a Xen built without PV refuses.
 */
static int create_domain(xc_interface *xch, uint32_t *domid, int pv)
{
    struct xen_domctl_createdomain cfg = {
        .flags = pv ? 0 : XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        .max_vcpus = 1,
        .max_evtchn_port = 1023,
        .max_grant_frames = FRAMES,
        .max_maptrack_frames = -1,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
        .arch = { .emulation_flags = pv ? 0 : XEN_X86_EMU_LAPIC },
    };

    *domid = 0;   /* let Xen choose */
    return xc_domain_create(xch, domid, &cfg) ? errno : 0;
}

/* Map frames, expect failure with want; report as name. */
static void expect_error(xenforeignmemory_handle *fm, const char *name,
                         domid_t dom, unsigned type, unsigned long frame,
                         unsigned long nr, int want)
{
    void *addr = NULL;
    xenforeignmemory_resource_handle *r =
        xenforeignmemory_map_resource(fm, dom, type, SHARED, frame, nr,
                                      &addr, PROT_READ, 0);

    if (r)
        xenforeignmemory_unmap_resource(fm, r);
    check(name, !r && errno == want, "errno %d", r ? 0 : errno);
}

static void write_read_back(xenforeignmemory_handle *fm, uint32_t domid)
{
    xenforeignmemory_resource_handle *w, *r;
    void *wa = NULL, *ra = NULL;
    grant_entry_v1_t *wg, *rg;
    unsigned i, bad = 0;

    w = xenforeignmemory_map_resource(fm, domid, GT, SHARED, 0, FRAMES,
                                      &wa, PROT_READ | PROT_WRITE, 0);
    check("map-all-frames", w != NULL, "errno %d", errno);
    if (!w)
        return;
    wg = wa;
    for (i = 0; i < FRAMES * PER_FRAME; i++) {
        wg[i].domid = 0;
        wg[i].frame = 0x100000 + i;
    }
    /* Second, read-only mapping of frames 1..3 only. */
    r = xenforeignmemory_map_resource(fm, domid, GT, SHARED, 1, FRAMES - 1,
                                      &ra, PROT_READ, 0);
    check("map-second", r != NULL, "errno %d", errno);
    if (r) {
        rg = ra;
        for (i = 0; i < (FRAMES - 1) * PER_FRAME; i++)
            bad += rg[i].frame != 0x100000 + PER_FRAME + i;
        check("read-back", bad == 0, "%d entries differ", (int)bad);
        check("unmap-second", xenforeignmemory_unmap_resource(fm, r) == 0,
              "errno %d", errno);
    }
    check("unmap-all", xenforeignmemory_unmap_resource(fm, w) == 0,
          "errno %d", errno);
}

/*
 * Edge cases of XENMEM_acquire_resource.  Each is asked three ways where
 * it can be: through our library (the check that guards a regression),
 * through the raw IOCTL_PRIVCMD_MMAP_RESOURCE ioctl (what the Linux
 * driver passes on) and as a raw XENMEM_acquire_resource hypercall via
 * IOCTL_PRIVCMD_HYPERCALL (the hypervisor's own answer, which also
 * reaches a 64-bit frame index and nr_frames == 0 with a frame list,
 * neither of which the driver's ioctl can express).  The expected values
 * are what Debian's Xen 4.17 with Linux 6.1 answered; "info:" lines
 * print the raw answers.
 */
#define SELF DOMID_SELF
#define STATUS XENMEM_resource_grant_table_id_status

/*
 * Observed answers (errno, or 0 and a frame count).  The driver passed
 * every hypervisor error through unchanged; Xen's own hypercall answer
 * matched the library's in every case it could be asked.
 */
#define EXP_SELF_SIZE   ESRCH   /* DOMID_SELF is no domain to lock */
#define EXP_SELF_MAP    ESRCH
#define EXP_DOM0_SIZE   EPERM   /* the caller's own domain */
#define EXP_DOM0_MAP    EPERM
#define EXP_STATUS_SIZE 0       /* v1 table: a size of 1 frame anyway... */
#define EXP_STATUS_NR   1
#define EXP_STATUS_MAP  EINVAL  /* ...but mapping it fails */
#define EXP_T99_SIZE    0       /* unknown type: Xen returns -EOPNOTSUPP */
#define EXP_T99_NR      0xffffffa1ULL /* as an unsigned frame count */
#define EXP_T99_ERRNO   EOPNOTSUPP /* the same, reported as an error */
#define EXP_BIGFRAME    EINVAL  /* frame 2^32 is not truncated to 0 */
#define EXP_ZERO_LIB    EINVAL  /* mmap of 0 bytes */
/* Debian's 4.17 library puts the frame in the ioctl's 32-bit idx as it
 * is: frame 2^32 maps frame 0 (docs/guide-foreignmemory.md). */
#define EXP_BIGFRAME_DEBLIB 0
#define EXP_ZERO_IOCTL  EINVAL  /* driver: addr and num both or neither */
#define EXP_ZERO_HCALL  EINVAL  /* Xen: frame list with nr_frames 0 */
#define EXP_IOREQ_SIZE  EINVAL  /* PV domain: ioreq resource size 0 */
#define EXP_HVM_IOREQ_NR 2      /* HVM, 1 vcpu: bufioreq + ioreq page */
#define EXP_HVM_IOREQ_MAP ENOENT /* no ioreq server 0 exists */

/* Library size query: 0 or errno; frames in *nr. */
static int lib_size(xenforeignmemory_handle *fm, domid_t dom, unsigned type,
                    unsigned id, unsigned long *nr)
{
    size_t size = 0;

    *nr = 0;
    if (xenforeignmemory_resource_size(fm, dom, type, id, &size))
        return errno;
    *nr = size >> 12;
    return 0;
}

/* Library map (unmapped again at once): 0 or errno. */
static int lib_map(xenforeignmemory_handle *fm, domid_t dom, unsigned type,
                   unsigned id, unsigned long frame, unsigned long nr,
                   void *addr)
{
    xenforeignmemory_resource_handle *r =
        xenforeignmemory_map_resource(fm, dom, type, id, frame, nr, &addr,
                                      PROT_READ, 0);

    if (!r)
        return errno;
    xenforeignmemory_unmap_resource(fm, r);
    return 0;
}

/* Raw IOCTL_PRIVCMD_MMAP_RESOURCE: 0 or errno; num out in *nr. */
static int raw_ioctl(int fd, domid_t dom, unsigned type, unsigned id,
                     uint32_t idx, uint64_t num, uint64_t addr, uint64_t *nr)
{
    privcmd_mmap_resource_t r = {
        .dom = dom, .type = type, .id = id, .idx = idx, .num = num,
        .addr = addr,
    };
    int rc = ioctl(fd, IOCTL_PRIVCMD_MMAP_RESOURCE, &r);

    *nr = r.num;
    return rc ? errno : 0;
}

/* Raw ioctl size query. */
static int raw_size(int fd, domid_t dom, unsigned type, unsigned id,
                    uint64_t *nr)
{
    return raw_ioctl(fd, dom, type, id, 0, 0, 0, nr);
}

/* Raw ioctl map of nr frames into a fresh privcmd mapping. */
static int raw_map(int fd, domid_t dom, unsigned type, unsigned id,
                   uint32_t idx, uint64_t nr)
{
    size_t len = (nr ? nr : 1) * 4096;
    void *va = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
    uint64_t out;
    int rc;

    if (va == MAP_FAILED)
        return -errno;   /* negative: the test's own mmap failed */
    rc = raw_ioctl(fd, dom, type, id, idx, nr, (uintptr_t)va, &out);
    munmap(va, len);
    return rc;
}

/*
 * The hypercall itself.  Arguments live in one locked page; for a PV
 * caller Xen only writes MFNs into frame_list, nothing gets mapped.
 * Returns Xen's rc as errno (0 or positive); frames out in *nr.
 */
static struct {
    xen_mem_acquire_resource_t xmar;
    xen_pfn_t list[8];
} *hbuf;

static int raw_hcall(int fd, domid_t dom, unsigned type, unsigned id,
                     uint64_t frame, uint32_t nr, int with_list,
                     uint32_t *nr_out)
{
    privcmd_hypercall_t h = {
        .op = __HYPERVISOR_memory_op,
        .arg = { XENMEM_acquire_resource, (uintptr_t)&hbuf->xmar },
    };
    long rc;

    memset(hbuf, 0, sizeof(*hbuf));
    hbuf->xmar.domid = dom;
    hbuf->xmar.type = type;
    hbuf->xmar.id = id;
    hbuf->xmar.frame = frame;
    hbuf->xmar.nr_frames = nr;
    if (with_list)
        set_xen_guest_handle_raw(hbuf->xmar.frame_list, hbuf->list);
    rc = ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &h);
    *nr_out = hbuf->xmar.nr_frames;
    return rc < 0 ? errno : (int)rc;
}

static void info(const char *name, const char *how, int err,
                 unsigned long long nr)
{
    printf("info: foreignmemory/xen417-%s: %s -> %s (%d)",
           name, how, err ? strerror(err) : "ok", err);
    if (!err)
        printf(" nr_frames %llu (0x%llx)", nr, nr);
    printf("\n");
}

/* Check an answer: want is an errno, or 0 with want_nr frames. */
static void check_answer(const char *name, const char *how, int err,
                         unsigned long long nr, int want,
                         unsigned long long want_nr)
{
    char full[96];

    info(name, how, err, nr);
    snprintf(full, sizeof(full), "%s-%s", name, how);
    check(full, err == want && (want || nr == want_nr),
          "errno %d (see info line)", err);
}

/*
 * The size of a resource of unknown type: Xen 4.17 answers success with
 * its -EOPNOTSUPP as the frame count (0xffffffa1); a hypervisor that
 * reports the error as an error (ours: docs/acquire-resource.md, note 4)
 * answers -EOPNOTSUPP.  Both say "no such resource type", and only those
 * two pass; the info line shows which one came.
 */
static void type99_size(const char *how, int err, unsigned long long nr)
{
    char full[64];

    info("type99-size", how, err, nr);
    snprintf(full, sizeof(full), "type99-size-%s", how);
    check(full, (err == EXP_T99_SIZE && nr == EXP_T99_NR) ||
                err == EXP_T99_ERRNO, "errno %d (see info line)", err);
}

static void hvm_ioreq(xenforeignmemory_handle *fm, xc_interface *xch,
                      int fd)
{
    uint32_t hvm, hnr;
    unsigned long lnr;
    int e;

    e = create_domain(xch, &hvm, 0);
    check("hvm-domain-create", e == 0, "errno %d", e);
    if (e)
        return;
    e = lib_size(fm, hvm, XENMEM_resource_ioreq_server, 0, &lnr);
    check_answer("hvm-ioreq-size", "lib", e, lnr, 0, EXP_HVM_IOREQ_NR);
    e = raw_hcall(fd, hvm, XENMEM_resource_ioreq_server, 0, 0, 0, 0, &hnr);
    check_answer("hvm-ioreq-size", "hcall", e, hnr, 0, EXP_HVM_IOREQ_NR);
    e = lib_map(fm, hvm, XENMEM_resource_ioreq_server, 0, 0, 1, NULL);
    check_answer("hvm-ioreq-map", "lib", e, 1, EXP_HVM_IOREQ_MAP, 1);
    check("hvm-domain-destroy", xc_domain_destroy(xch, hvm) == 0,
          "errno %d", errno);
}

/*
 * 7. ioreq server 0 of a PV domain, which has none: Xen sizes it 0
 * frames and answers -EINVAL.  A Xen built without PV guests (no
 * XEN_SYSCTL_PHYSCAP_pv; ours has none either) refuses to create a PV
 * domain with -EINVAL instead, which is then what is checked.
 */
static void pv_ioreq(xenforeignmemory_handle *fm, xc_interface *xch, int fd)
{
    xc_physinfo_t pi;
    uint32_t pv, hnr;
    unsigned long lnr;
    int e;

    memset(&pi, 0, sizeof(pi));
    e = xc_physinfo(xch, &pi) ? errno : 0;
    check("physinfo", e == 0, "errno %d", e);
    if (e)
        return;
    printf("info: foreignmemory/xen417-physinfo: capabilities 0x%x\n",
           pi.capabilities);
    e = create_domain(xch, &pv, 1);
    if (!(pi.capabilities & XEN_SYSCTL_PHYSCAP_pv)) {
        printf("info: foreignmemory/xen417-pv-domain: no PV guests here: "
               "createdomain -> %s (%d)\n", e ? strerror(e) : "ok", e);
        check("pv-domain-refused", e == EINVAL, "errno %d", e);
        if (!e)
            xc_domain_destroy(xch, pv);
        return;
    }
    check("pv-domain-create", e == 0, "errno %d", e);
    if (e)
        return;
    e = lib_size(fm, pv, XENMEM_resource_ioreq_server, 0, &lnr);
    check_answer("ioreq-size", "lib", e, lnr, EXP_IOREQ_SIZE, 0);
    e = raw_hcall(fd, pv, XENMEM_resource_ioreq_server, 0, 0, 0, 0, &hnr);
    check_answer("ioreq-size", "hcall", e, hnr, EXP_IOREQ_SIZE, 0);
    check("pv-domain-destroy", xc_domain_destroy(xch, pv) == 0,
          "errno %d", errno);
}

static void edge_cases(xenforeignmemory_handle *fm, xc_interface *xch,
                       uint32_t domid)
{
    int fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    unsigned long lnr;
    uint64_t inr;
    uint32_t hnr;
    void *page;
    int e, e2;

    check("edge-privcmd-open", fd >= 0, "errno %d", errno);
    hbuf = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
    check("edge-hcall-buffer", hbuf != MAP_FAILED, "errno %d", errno);
    if (fd < 0 || hbuf == MAP_FAILED)
        return;

    /* 1. DOMID_SELF: size query and a one-frame map. */
    e = lib_size(fm, SELF, GT, SHARED, &lnr);
    check_answer("self-size", "lib", e, lnr, EXP_SELF_SIZE, 0);
    e = raw_size(fd, SELF, GT, SHARED, &inr);
    check_answer("self-size", "ioctl", e, inr, EXP_SELF_SIZE, 0);
    e = raw_hcall(fd, SELF, GT, SHARED, 0, 0, 0, &hnr);
    check_answer("self-size", "hcall", e, hnr, EXP_SELF_SIZE, 0);
    e = lib_map(fm, SELF, GT, SHARED, 0, 1, NULL);
    check_answer("self-map", "lib", e, 1, EXP_SELF_MAP, 1);
    e = raw_hcall(fd, SELF, GT, SHARED, 0, 1, 1, &hnr);
    check_answer("self-map", "hcall", e, hnr, EXP_SELF_MAP, 1);

    /* 2. domid 0, the caller itself. */
    e = lib_size(fm, 0, GT, SHARED, &lnr);
    check_answer("dom0-size", "lib", e, lnr, EXP_DOM0_SIZE, 0);
    e = raw_hcall(fd, 0, GT, SHARED, 0, 0, 0, &hnr);
    check_answer("dom0-size", "hcall", e, hnr, EXP_DOM0_SIZE, 0);
    e = lib_map(fm, 0, GT, SHARED, 0, 1, NULL);
    check_answer("dom0-map", "lib", e, 1, EXP_DOM0_MAP, 1);
    e = raw_hcall(fd, 0, GT, SHARED, 0, 1, 1, &hnr);
    check_answer("dom0-map", "hcall", e, hnr, EXP_DOM0_MAP, 1);

    /* 3. Status frames of a version-1 table. */
    e = lib_size(fm, domid, GT, STATUS, &lnr);
    check_answer("status-v1-size", "lib", e, lnr, EXP_STATUS_SIZE,
                 EXP_STATUS_NR);
    e = raw_hcall(fd, domid, GT, STATUS, 0, 0, 0, &hnr);
    check_answer("status-v1-size", "hcall", e, hnr, EXP_STATUS_SIZE,
                 EXP_STATUS_NR);
    e = lib_map(fm, domid, GT, STATUS, 0, 1, NULL);
    check_answer("status-v1-map", "lib", e, 1, EXP_STATUS_MAP, 1);

    /* 4. Unknown resource type (see type99_size()). */
    e = lib_size(fm, domid, 99, 0, &lnr);
    type99_size("lib", e, lnr);
    e2 = raw_hcall(fd, domid, 99, 0, 0, 0, 0, &hnr);
    type99_size("hcall", e2, hnr);
    check("type99-size-agree", e == e2 && (e || lnr == hnr),
          "errno %d (see info lines)", e);

    /*
     * 5. Frame index >= 2^32: the ioctl's idx is 32 bits, so only the
     *    library's own answer and the hypercall's can be seen.
     */
    e = lib_map(fm, domid, GT, SHARED, 1UL << 32, 1, NULL);
    check_answer("frame-2^32-map", "lib", e, 1,
                 debian_lib ? EXP_BIGFRAME_DEBLIB : EINVAL, 1);
    e = raw_hcall(fd, domid, GT, SHARED, 1ULL << 32, 1, 1, &hnr);
    check_answer("frame-2^32-map", "hcall", e, hnr, EXP_BIGFRAME, 1);

    /* 6. nr_frames == 0 with an address (a frame list for Xen). */
    page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    e = lib_map(fm, domid, GT, SHARED, 0, 0, page);
    check_answer("zero-frames-map", "lib", e, 0, EXP_ZERO_LIB, 0);
    munmap(page, 4096);
    e = raw_map(fd, domid, GT, SHARED, 0, 0);
    check_answer("zero-frames-map", "ioctl", e, 0, EXP_ZERO_IOCTL, 0);
    e = raw_hcall(fd, domid, GT, SHARED, 0, 0, 1, &hnr);
    check_answer("zero-frames-map", "hcall", e, hnr, EXP_ZERO_HCALL, 0);

    /* 7. ioreq server 0 of a PV domain (where there are PV domains). */
    pv_ioreq(fm, xch, fd);

    /* 7b. The same on an HVM domain: a size, but no server to map. */
    hvm_ioreq(fm, xch, fd);
    munmap(hbuf, 4096);
    close(fd);
}

int main(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    xenforeignmemory_handle *fm;
    uint32_t domid;
    size_t size = 0;
    int e;

    setvbuf(stdout, NULL, _IOLBF, 0);   /* lines survive a crash in a pipe */
    debian_lib = getenv("DOM0_LIB") && !strcmp(getenv("DOM0_LIB"), "debian");
    check("xc-open", xch != NULL, "errno %d", errno);
    if (!xch)
        return 1;
    e = create_domain(xch, &domid, 0);
    check("domain-create", e == 0, "errno %d", e);
    if (e)
        return 1;   /* domid would be 0: the caller itself */
    fm = xenforeignmemory_open(NULL, 0);
    check("fm-open", fm != NULL, "errno %d", errno);
    if (!fm)
        return 1;

    check("resource-size",
          xenforeignmemory_resource_size(fm, domid, GT, SHARED, &size) == 0 &&
          size == FRAMES * 4096, "size/errno %d", size ? (int)size : errno);
    write_read_back(fm, domid);
    expect_error(fm, "no-such-domain", 12345, GT, 0, 1, ESRCH);
    expect_error(fm, "bad-type", domid, 77, 0, 1, EOPNOTSUPP);
    expect_error(fm, "too-many-frames", domid, GT, 0, FRAMES + 1, EINVAL);
    expect_error(fm, "frame-beyond-end", domid, GT, FRAMES, 1, EINVAL);
    edge_cases(fm, xch, domid);

    check("fm-close", xenforeignmemory_close(fm) == 0, "errno %d", errno);
    check("domain-destroy", xc_domain_destroy(xch, domid) == 0, "errno %d",
          errno);
    xc_interface_close(xch);
    printf("xen417: %d failures\n", failures);
    return failures ? 1 : 0;
}
