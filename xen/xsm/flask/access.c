/*
 * FLASK access decisions over the loaded policy: whether a type may do
 * some permissions on another, how a domain sees another, the type of a
 * new object, and the log line of a denial.  Decisions are computed from
 * the policy database each time (there is no access-vector cache).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <flask/flask.h>
#include <flask/av_permissions.h>
#include "private.h"

#define POLICYDB_ALLOW_UNKNOWN 0x4U     /* in policydb config: as SELinux */

static const char *const class_names[] = {
#define S_(n) n,
#include <flask/class_to_string.h>
#undef S_
};

static const struct {
    uint16_t tclass;
    uint32_t mask;
    const char *name;
} perm_names[] = {
#define S_(c, m, n) { c, m, n },
#include <flask/av_perm_to_string.h>
#undef S_
};

int flask_check_numbering(const struct policydb *p)
{
    unsigned int i;

    for ( i = 1; i < ARRAY_SIZE(class_names); i++ )
    {
        const char *n = policydb_class_name(p, i);

        if ( !n || strcmp(n, class_names[i]) )
        {
            printk("XSM: flask: policy class %u is '%s', not '%s'\n", i,
                   n ? n : "(none)", class_names[i]);
            return -EINVAL;
        }
    }
    for ( i = 0; i < ARRAY_SIZE(perm_names); i++ )
    {
        int bit = policydb_perm_bit(p, perm_names[i].tclass,
                                    perm_names[i].name);

        if ( bit < 0 || (1UL << bit) != perm_names[i].mask )
        {
            printk("XSM: flask: policy permission %s:%s is not bit %d\n",
                   class_names[perm_names[i].tclass], perm_names[i].name,
                   bit);
            return -EINVAL;
        }
    }
    return 0;
}

uint32_t flask_seen_type(const struct domain *src, const struct domain *dst)
{
    if ( src == dst )
        return dst->flask_self_type;
    if ( dst && src->target == dst )
        return src->flask_target_type;
    return dst ? dst->flask_type : 0;
}

static const char *type_name(uint32_t t)
{
    const char *n = policydb_type_name(&flask_policy, t);

    return n ? n : "unlabeled";
}

static void log_denial(const struct domain *src, const struct domain *dst,
                       uint32_t stype, uint32_t ttype, uint16_t tclass,
                       uint32_t denied)
{
    char perms[128], who[40] = "";
    size_t used = 0;
    unsigned int i;

    perms[0] = '\0';
    for ( i = 0; i < ARRAY_SIZE(perm_names); i++ )
        if ( perm_names[i].tclass == tclass &&
             (denied & perm_names[i].mask) &&
             used + strlen(perm_names[i].name) + 2 < sizeof(perms) )
            used += snprintf(perms + used, sizeof(perms) - used, "%s ",
                             perm_names[i].name);
    /* Channel checks name one domain, or none. */
    if ( src && dst )
        snprintf(who, sizeof(who), "domid=%u target=%u ", src->domain_id,
                 dst->domain_id);
    else if ( src || dst )
        snprintf(who, sizeof(who), "domid=%u ",
                 (src ? src : dst)->domain_id);
    printk_ratelimited("avc: %s { %s} for %sscontext=%s tcontext=%s "
                       "tclass=%s\n",
                       flask_enforce ? "denied" : "denied (permissive)",
                       perms, who, type_name(stype), type_name(ttype),
                       tclass < ARRAY_SIZE(class_names) ? class_names[tclass]
                                                        : "?");
}

int flask_allowed(uint32_t stype, uint32_t ttype, uint16_t tclass,
                  uint32_t perms, const struct domain *src,
                  const struct domain *dst)
{
    uint32_t denied = perms & ~policydb_allowed(&flask_policy, stype, ttype,
                                                tclass);

    if ( !denied )
        return 0;
    log_denial(src, dst, stype, ttype, tclass, denied);
    return flask_enforce ? -EACCES : 0;
}

int flask_domain_has_perm(const struct domain *src, const struct domain *dst,
                          uint16_t tclass, uint32_t perms)
{
    return flask_allowed(src->flask_type, flask_seen_type(src, dst), tclass,
                         perms, src, dst);
}

uint32_t flask_object_type(uint32_t stype, uint32_t ttype, uint16_t tclass)
{
    uint32_t t = policydb_transition(&flask_policy, stype, ttype, tclass);

    return t ? t : ttype;
}

uint32_t flask_unlabeled_type(void)
{
    struct policydb_context ctx;

    if ( policydb_isid(&flask_policy, SECINITSID_UNLABELED, &ctx) )
        return 0;       /* no context: no rule can name it either */
    return ctx.type;
}

int flask_unknown(const char *what, int id)
{
    if ( !flask_enforce ||
         (flask_policy.handle_unknown & POLICYDB_ALLOW_UNKNOWN) )
    {
        printk_ratelimited("FLASK: Allowing unknown %s: %d.\n", what, id);
        return 0;
    }
    printk_ratelimited("FLASK: Denying unknown %s: %d.\n", what, id);
    return -EPERM;
}
