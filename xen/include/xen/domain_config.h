/*
 * What a boot module says about the domain built from it.
 *
 * A module's string is "IMAGE key=value ...": IMAGE is the first word
 * (the module's file name).  Everything after it is ALSO the guest's
 * command line, as with Xen's dom0 and dom0less kernels, so keys this
 * parser does not know belong to the guest: they are handed to a callback
 * (the hypervisor logs them) and are never an error.
 *
 * Keys ('-' and '_' are interchangeable; a value may be double-quoted):
 *   name=NAME            1-31 of [A-Za-z0-9_.-]          default "d<domid>"
 *   mem=N[M|G]           MiB unless suffixed, 1..65536 MiB      default 32
 *   vcpus=N              1..128                                 default 1
 *   role=control|plain   control: the toolstack domain          default plain
 *   target=DOMID         be the device model of DOMID           default none
 *   gnttab-frames=N      1..1024 grant-table frames             default 0
 *                        (0 = the hypervisor's default)
 *   gnttab-version=N     highest grant-table version, 1..2      default 0
 *   label=LABEL          FLASK label, 1-63 of [A-Za-z0-9_:.-]   default ""
 *   shadow-memory=N[K|M] the P2M page pool (xl's shadow_memory), MiB
 *                        unless suffixed, 4 KiB..1 GiB         default 0
 *                        (0 = 1 MiB per vCPU + 8 KiB per MiB of RAM,
 *                        libxl's default)
 * A known key with a missing or malformed value is an error (-EINVAL).
 */
#ifndef XEN_DOMAIN_CONFIG_H
#define XEN_DOMAIN_CONFIG_H

#include <xen/types.h>

enum domain_role {
    DOMROLE_PLAIN,
    DOMROLE_CONTROL,
};

#define DOMCFG_NAME_LEN   32
#define DOMCFG_LABEL_LEN  64
#define DOMCFG_MEM_MAX_MB 65536
#define DOMCFG_VCPUS_MAX  128
#define DOMCFG_GNTTAB_FRAMES_MAX 1024
#define DOMCFG_DOMID_MAX  0x7fefu       /* below DOMID_FIRST_RESERVED */
#define DOMCFG_SHADOW_MAX_MB 1024

struct domain_config {
    char name[DOMCFG_NAME_LEN];        /* NUL-terminated */
    unsigned long mem_mb;
    unsigned int vcpus;
    enum domain_role role;
    int target;                        /* -1 = none */
    unsigned int gnttab_frames;        /* 0 = default */
    unsigned int gnttab_version_max;   /* 0 = default */
    char label[DOMCFG_LABEL_LEN];      /* "" = the default label */
    unsigned long p2m_pool_pages;      /* 0 = default */
    bool mem_given, vcpus_given;       /* by a mem= / vcpus= key */
    bool whole_cmdline;                /* Xen's convention: no keys read */
    /* The following point INTO the module string (not NUL-terminated
     * except cmdline, which runs to the end of the module string). */
    const char *image;                 /* first word */
    size_t image_len;
    const char *cmdline;               /* after the image, spaces skipped */
    const char *bad_key;               /* on -EINVAL: the offending word */
    size_t bad_key_len;
    /*
     * Only XEN_DOMCTL_createdomain sets these (the parser leaves them 0):
     * a domain made at run time has no vCPU until XEN_DOMCTL_max_vcpus
     * (none is ever started: it has no context) and starts paused by
     * the controller; vcpus is then its max_vcpus.
     */
    bool runtime;
    unsigned int max_evtchn_port;      /* highest port (0: the default) */
};

/*
 * Called for each word whose key is not one of the above; key points at
 * the whole word ("console=hvc0", "quiet"), len is its length (the word is
 * not NUL-terminated).  May be NULL.
 */
typedef void (*domain_config_unknown_fn)(void *ctx, const char *key,
                                         size_t len);

/*
 * Parse modstr for domain domid into *cfg (always fully initialised).
 * Returns 0, or -EINVAL for a missing image name, a bad value of a known
 * key (cfg->bad_key says which), or target == domid.
 */
int domain_config_parse(const char *modstr, unsigned int domid,
                        struct domain_config *cfg,
                        domain_config_unknown_fn unknown, void *ctx);

/*
 * The configuration of a Linux kernel module (Xen's convention): the
 * defaults for domid, the image name, and all the rest of modstr as the
 * kernel's command line; no key is read.  -EINVAL for no image name.
 */
int domain_config_whole_cmdline(const char *modstr, unsigned int domid,
                                struct domain_config *cfg);

#endif /* XEN_DOMAIN_CONFIG_H */
