/*
 * FLASK policy database: what the access checks need from a binary
 * policy compiled by checkpolicy for the Xen target ("XenFlask").
 *
 * policydb_load() parses an untrusted image (a boot module) into a
 * struct policydb; every other call only reads it.  Values are the
 * policy's own 1-based numbers (type, class, role, user); a permission
 * is a bit number 0..31 within its class's access vector.  See
 * xsm/flask/policydb.c and docs/flask-policydb.md for the file format.
 */
#ifndef XSM_FLASK_POLICYDB_H
#define XSM_FLASK_POLICYDB_H

#include <xen/types.h>

#define POLICYDB_MAGIC          0xf97cff8cU
#define POLICYDB_TARGET_XEN     "XenFlask"
/* Versions parsed: 24 (attributes, bounds) up to 30 (devicetree labels,
 * 64-bit iomem).  Others give -EOPNOTSUPP. */
#define POLICYDB_VERSION_MIN    24
#define POLICYDB_VERSION_MAX    30
#define POLICYDB_CONFIG_MLS     0x1U
#define POLICYDB_CONFIG_UNKNOWN 0x6U    /* handle_unknown: reject/allow bits */

/* Bounds applied to untrusted input. */
#define POLICYDB_MAX_NAME       256     /* symbol names */
#define POLICYDB_MAX_PATH       1024    /* devicetree paths, genfs names */
#define POLICYDB_MAX_SYMS       65535   /* avtab keys are 16-bit */
#define POLICYDB_MAX_PERMS      32
#define POLICYDB_MAX_ISIDS      256     /* Xen defines about a dozen */

/* Xen object context kinds, in their order in the file. */
enum policydb_ocon_kind {
    POLICYDB_OCON_ISID,
    POLICYDB_OCON_PIRQ,
    POLICYDB_OCON_IOPORT,
    POLICYDB_OCON_IOMEM,
    POLICYDB_OCON_PCIDEVICE,
    POLICYDB_OCON_DEVICETREE,       /* version 30 and later */
    POLICYDB_OCON_NUM
};

struct policydb_context {
    uint32_t user, role, type;
};

/* A sorted set of symbol values (from an on-disk bitmap, bit n = n+1). */
struct policydb_valset {
    uint32_t n;
    uint32_t *v;
};

struct policydb_common {
    char *name;
    uint32_t nprim;
    char *perms[POLICYDB_MAX_PERMS];    /* by bit; NULL if unused */
};

struct policydb_class {
    char *name;
    uint32_t nprim;                     /* permissions incl. common ones */
    const struct policydb_common *common;   /* or NULL */
    char *perms[POLICYDB_MAX_PERMS];    /* own permissions, by bit */
};

struct policydb_role {
    char *name;
    struct policydb_valset types;       /* types the role may have */
};

struct policydb_type {
    char *name;
    bool attribute;
    struct policydb_valset attrs;       /* attributes it has (and itself) */
};

struct policydb_alias {
    char *name;
    uint32_t value;
};

struct policydb_user {
    char *name;
    struct policydb_valset roles;
};

struct policydb_bool {
    char *name;
    bool state;
};

/* One allowed access vector: (source, target, class) -> permissions. */
struct policydb_av {
    uint16_t stype, ttype, tclass;
    uint32_t allowed;
};

/* An object context: ISID (low = sid), PIRQ/PCIDEVICE (low = high),
 * IOPORT/IOMEM ranges, DEVICETREE (name). */
struct policydb_ocon {
    uint32_t kind;
    uint64_t low, high;
    char *name;
    struct policydb_context context;
};

struct policydb {
    uint32_t version;
    uint32_t config;
    bool mls;
    uint32_t handle_unknown;            /* config & POLICYDB_CONFIG_UNKNOWN */

    /* Symbol tables, indexed by value - 1; a NULL name is an unused value. */
    uint32_t ncommons, nclasses, nroles, ntypes, nusers, nbools;
    uint32_t naliases;
    struct policydb_common *commons;
    struct policydb_class *classes;
    struct policydb_role *roles;
    struct policydb_type *types;
    struct policydb_alias *aliases;
    struct policydb_user *users;
    struct policydb_bool *bools;

    /* Allowed vectors, sorted by (stype, ttype, tclass), keys unique;
     * conditional rules are included as the booleans' defaults select. */
    uint32_t nav;
    struct policydb_av *av;

    /* Type transitions, sorted the same way, keys unique; .allowed holds
     * the new type.  Conditional ones as the defaults select. */
    uint32_t ntt;
    struct policydb_av *tt;

    uint32_t nocons;
    struct policydb_ocon *ocons;
};

/* 0, or -EINVAL (malformed), -EOPNOTSUPP (well-formed header, version
 * outside POLICYDB_VERSION_MIN..MAX), -ENOMEM.  On failure *p is empty. */
int policydb_load(struct policydb *p, const void *data, size_t len);
void policydb_destroy(struct policydb *p);

/* Name -> value (> 0), or -ENOENT. */
int policydb_type_value(const struct policydb *p, const char *name);
int policydb_class_value(const struct policydb *p, const char *name);
int policydb_role_value(const struct policydb *p, const char *name);
int policydb_user_value(const struct policydb *p, const char *name);
int policydb_bool_value(const struct policydb *p, const char *name);
/* Bit number (0..31) of a permission of a class (own or common). */
int policydb_perm_bit(const struct policydb *p, unsigned int tclass,
                      const char *perm);
/* Value -> name, or NULL. */
const char *policydb_type_name(const struct policydb *p, unsigned int type);
const char *policydb_class_name(const struct policydb *p, unsigned int tclass);

/* Permissions allowed from stype to ttype on tclass, with rules written
 * on attributes applied to the attributes' types.  0 for bad values. */
uint32_t policydb_allowed(const struct policydb *p, unsigned int stype,
                          unsigned int ttype, unsigned int tclass);

/* type_transition stype ttype:tclass -> the new type, or 0 if none (or
 * bad values).  A rule on the types themselves wins over one written on
 * their attributes. */
uint32_t policydb_transition(const struct policydb *p, unsigned int stype,
                             unsigned int ttype, unsigned int tclass);

/* Type value of "user:role:type" (":mls-range" accepted and ignored in an
 * MLS policy), checked as the policy allows (role for user, type for
 * role).  -EINVAL malformed or not allowed, -ENOENT unknown name. */
int policydb_context_type(const struct policydb *p, const char *context);

/* Initial SID context: 0 and *ctx, or -ENOENT. */
int policydb_isid(const struct policydb *p, uint32_t sid,
                  struct policydb_context *ctx);
/* Type of the first PIRQ/IOPORT/IOMEM/PCIDEVICE context covering value,
 * or of a DEVICETREE path; -ENOENT if none. */
int policydb_ocon_type(const struct policydb *p, unsigned int kind,
                       uint64_t value);
int policydb_devicetree_type(const struct policydb *p, const char *path);

#endif /* XSM_FLASK_POLICYDB_H */
