/*
 * Xen's options for the initial domain, on the hypervisor's command line:
 *
 *   dom0_mem=LIST        LIST of "min:SZ", "max:SZ" and "SZ", comma
 *                        separated; SZ is a size (K by default, suffixes
 *                        B K M G T), "-SIZE" (all available memory but
 *                        SIZE), "PCT%" or "SIZE+PCT%" (PCT percent of the
 *                        available memory, plus SIZE).  Without an amount:
 *                        all available memory but 1/16 of it, at most
 *                        128 MiB held back (Xen's default).
 *   dom0_max_vcpus=N | MIN-MAX
 *   dom0=LIST            "pvh" (what we build anyway); "pv" and the
 *                        rest of Xen's sub-options are logged and ignored
 *
 * They apply to domain 0 (docs/boot.md, "Two module conventions"): all of
 * its configuration when it is a Linux kernel, whose module string is
 * only its command line; its defaults, which module keys override, when
 * it is one of our guests.
 */
#ifndef XEN_DOM0_OPTIONS_H
#define XEN_DOM0_OPTIONS_H

#include <xen/types.h>

/* One SZ of dom0_mem: bytes, or all but bytes, plus pct percent. */
struct dom0_size {
    bool set;
    bool all_but;           /* "-SIZE" */
    uint64_t bytes;
    unsigned int pct;       /* 0..100 */
};

struct dom0_mem_spec {
    struct dom0_size amount, min, max;
};

/* Parse a dom0_mem= value into *spec (all or nothing): 0 or -EINVAL. */
int dom0_mem_parse(const char *s, struct dom0_mem_spec *spec);

/*
 * Pages for domain 0 out of avail free pages, as Xen sizes it: the
 * amount (or the default), raised to min, lowered to max, at most avail.
 */
unsigned long dom0_mem_pages(const struct dom0_mem_spec *spec,
                             unsigned long avail);

/* Parse a dom0_max_vcpus= value: 0 or -EINVAL. */
int dom0_vcpus_parse(const char *s, unsigned int *min, unsigned int *max);

/* What the command line said (false/0 when it said nothing). */
bool dom0_mem_given(void);
unsigned long dom0_mem_pages_of(unsigned long avail);
bool dom0_vcpus_given(void);
unsigned int dom0_vcpus(unsigned int nr_pcpus);

#endif /* XEN_DOM0_OPTIONS_H */
