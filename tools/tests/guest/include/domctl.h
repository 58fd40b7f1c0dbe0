/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few domain-control operations (hypercall 36, domctl) a test needs
 * to make itself a peer domain on real Xen, where a dom0 boots alone:
 * create an HVM domain that is never started, give it memory, destroy it.
 *
 * Layouts are those of Xen 4.17's domctl interface (version 0x15); they
 * are the same for 32- and 64-bit callers (64-bit fields are 8-aligned
 * in both).  The _Static_asserts below hold the sizes and offsets checked
 * against Debian's libxen-dev headers with a host program.
 *
 * Our hypervisor implements these too (docs/domctl.md); tests/domctl.c
 * checks them.
 */
#ifndef GUEST_DOMCTL_H
#define GUEST_DOMCTL_H

#include <stddef.h>
#include <stdint.h>

#include "public/xen.h"

#define DOMCTL_INTERFACE_VERSION    0x15        /* Xen 4.17 */

/* Commands. */
#define DOMCTL_createdomain         1
#define DOMCTL_destroydomain        2
#define DOMCTL_pausedomain          3
#define DOMCTL_unpausedomain        4
#define DOMCTL_getdomaininfo        5
#define DOMCTL_max_mem              11
#define DOMCTL_max_vcpus            15

/* createdomain flags. */
#define DOMCTL_CDF_hvm              (1u << 0)
#define DOMCTL_CDF_hap              (1u << 1)

/* grant_opts: the highest grant table version the domain may use. */
#define DOMCTL_GRANT_max_version(v) ((v) & 0xfu)

/* arch.emulation_flags: a PVH-style domain emulates only the local APIC. */
#define DOMCTL_X86_EMU_LAPIC        (1u << 0)

/* getdomaininfo flags. */
#define DOMCTL_DOMINF_dying         (1u << 0)
#define DOMCTL_DOMINF_hvm_guest     (1u << 1)
#define DOMCTL_DOMINF_paused        (1u << 3)
#define DOMCTL_DOMINF_hap           (1u << 8)

typedef uint64_t domctl_u64 __attribute__((aligned(8)));

struct domctl_createdomain {
    uint32_t ssidref;
    uint8_t  handle[16];
    uint32_t flags;                 /* DOMCTL_CDF_* */
    uint32_t iommu_opts;
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;
    int32_t  max_grant_frames;      /* < 0: the hypervisor's default */
    int32_t  max_maptrack_frames;   /* < 0: the hypervisor's default */
    uint32_t grant_opts;            /* DOMCTL_GRANT_max_version() */
    uint32_t vmtrace_size;
    uint32_t cpupool_id;
    struct {
        uint32_t emulation_flags;
        uint32_t misc_flags;
    } arch;
};

struct domctl_getdomaininfo {
    domid_t    domain;
    uint16_t   pad;
    uint32_t   flags;               /* DOMCTL_DOMINF_* */
    domctl_u64 tot_pages;
    domctl_u64 max_pages;
    /* the rest is not used here */
};

struct domctl {
    uint32_t cmd;
    uint32_t interface_version;
    domid_t  domain;                /* IN/OUT for createdomain */
    uint16_t pad[3];
    union {
        struct domctl_createdomain createdomain;
        struct domctl_getdomaininfo getdomaininfo;
        struct { domctl_u64 max_memkb; } max_mem;
        uint8_t raw[128];
    } __attribute__((aligned(8))) u;
};

_Static_assert(sizeof(struct domctl) == 144, "xen_domctl size");
_Static_assert(offsetof(struct domctl, interface_version) == 4, "version");
_Static_assert(offsetof(struct domctl, domain) == 8, "domain");
_Static_assert(offsetof(struct domctl, u) == 16, "u");
_Static_assert(sizeof(struct domctl_createdomain) == 64, "createdomain");
_Static_assert(offsetof(struct domctl_createdomain, flags) == 20, "flags");
_Static_assert(offsetof(struct domctl_createdomain, max_vcpus) == 28,
               "max_vcpus");
_Static_assert(offsetof(struct domctl_createdomain, max_grant_frames) == 36,
               "max_grant_frames");
_Static_assert(offsetof(struct domctl_createdomain, grant_opts) == 44,
               "grant_opts");
_Static_assert(offsetof(struct domctl_createdomain, cpupool_id) == 52,
               "cpupool_id");
_Static_assert(offsetof(struct domctl_createdomain, arch) == 56, "arch");
_Static_assert(offsetof(struct domctl_getdomaininfo, flags) == 4, "dominf");
_Static_assert(offsetof(struct domctl_getdomaininfo, tot_pages) == 8,
               "tot_pages");
_Static_assert(offsetof(struct domctl_getdomaininfo, max_pages) == 16,
               "max_pages");

/* Issue one domctl (interface_version is filled in); 0 or -errno. */
long domctl(struct domctl *d);

/*
 * Create an HVM (HAP, PVH-style) domain with one vCPU that is never
 * started: grant table of at most gnttab_frames frames (< 0: Xen's
 * default) allowing versions up to 2, and room for mem_kb of memory.
 * *domid gets the new id (Xen picks it).  0 or -errno; on an error after
 * the creation the domain is destroyed again.
 */
long domctl_create_hvm(domid_t *domid, int gnttab_frames, uint64_t mem_kb);
long domctl_destroydomain(domid_t domid);
long domctl_max_mem(domid_t domid, uint64_t kb);
/* DOMCTL_DOMINF_* flags of domid in *flags. */
long domctl_getdomaininfo(domid_t domid, uint32_t *flags);

#endif /* GUEST_DOMCTL_H */
