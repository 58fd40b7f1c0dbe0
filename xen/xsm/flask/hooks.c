/*
 * The FLASK XSM module over the loaded policy (xsm/flask/policydb.h).
 * See xsm/flask/hooks.h for how domains are labelled and seen, and
 * docs/flask.md.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/domain_config.h>
#include <public/grant_table.h>
#include <xsm/xsm.h>
#include <xsm/flask/policydb.h>
#include <xsm/flask/hooks.h>
#include <flask/flask.h>
#include <flask/av_permissions.h>

#define DEFAULT_CONTROL_LABEL "system_u:system_r:dom0_t"
#define DEFAULT_DOMAIN_LABEL  "system_u:system_r:domU_t"

static struct policydb flask_policy;
static bool flask_loaded;
static bool flask_enforce = true;

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

/* The policy must number classes and permissions as our headers do. */
static int check_numbering(const struct policydb *p)
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

int flask_init(const void *policy, size_t len, bool enforcing)
{
    struct policydb p;
    int rc = policydb_load(&p, policy, len);

    if ( rc )
        return rc;
    if ( (rc = check_numbering(&p)) )
    {
        policydb_destroy(&p);
        return rc;
    }
    flask_reset();
    flask_policy = p;
    flask_loaded = true;
    flask_enforce = enforcing;
    xsm_ops = &xsm_flask_ops;
    return 0;
}

void flask_reset(void)
{
    if ( flask_loaded )
        policydb_destroy(&flask_policy);
    flask_loaded = false;
    flask_enforce = true;
    xsm_ops = &xsm_dummy_ops;
}

bool flask_enforcing(void)
{
    return flask_enforce;
}

int flask_config_type(const struct domain_config *cfg)
{
    const char *label = cfg->label[0] ? cfg->label :
                        cfg->role == DOMROLE_CONTROL ? DEFAULT_CONTROL_LABEL
                                                     : DEFAULT_DOMAIN_LABEL;

    if ( !flask_loaded )
        return -ENOENT;
    return policydb_context_type(&flask_policy, label);
}

void flask_domain_label(struct domain *d, uint32_t type)
{
    uint32_t self = policydb_transition(&flask_policy, type, type,
                                        SECCLASS_DOMAIN);

    d->flask_type = type;
    d->flask_self_type = self ? self : type;
    d->flask_target_type = 0;
}

/* As Xen's set_target: transition(target's type, dm's type, domain). */
void flask_domain_target(struct domain *d)
{
    uint32_t tt;

    if ( !d->target )
    {
        d->flask_target_type = 0;
        return;
    }
    tt = policydb_transition(&flask_policy, d->target->flask_type,
                             d->flask_type, SECCLASS_DOMAIN);
    d->flask_target_type = tt ? tt : d->target->flask_type;
}

/* dst's type as src sees it. */
static uint32_t seen_type(const struct domain *src, const struct domain *dst)
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
    char perms[128];
    size_t used = 0;
    unsigned int i;

    perms[0] = '\0';
    for ( i = 0; i < ARRAY_SIZE(perm_names); i++ )
        if ( perm_names[i].tclass == tclass &&
             (denied & perm_names[i].mask) &&
             used + strlen(perm_names[i].name) + 2 < sizeof(perms) )
            used += snprintf(perms + used, sizeof(perms) - used, "%s ",
                             perm_names[i].name);
    printk_ratelimited("avc: %s { %s} for domid=%u target=%u "
                       "scontext=%s tcontext=%s tclass=%s\n",
                       flask_enforce ? "denied" : "denied (permissive)",
                       perms, src->domain_id, dst->domain_id,
                       type_name(stype), type_name(ttype),
                       tclass < ARRAY_SIZE(class_names) ? class_names[tclass]
                                                        : "?");
}

/* src may do perms (of tclass) on dst as src sees it. */
static int domain_has_perm(const struct domain *src, const struct domain *dst,
                           uint16_t tclass, uint32_t perms)
{
    uint32_t stype = src->flask_type, ttype = seen_type(src, dst);
    uint32_t denied = perms & ~policydb_allowed(&flask_policy, stype, ttype,
                                                tclass);

    if ( !denied )
        return 0;
    log_denial(src, dst, stype, ttype, tclass, denied);
    return flask_enforce ? -EACCES : 0;
}

static int current_has_perm(const struct domain *d, uint16_t tclass,
                            uint32_t perms)
{
    return domain_has_perm(current_domain(), d, tclass, perms);
}

static int flask_domain_resource_map(struct domain *d)
{
    return current_has_perm(d, SECCLASS_DOMAIN2, DOMAIN2__RESOURCE_MAP);
}

/*
 * One gate serves setup_table (Xen: grant setup) and query_size and
 * get_version (Xen: grant query) here, so either permission opens it; a
 * denial is logged as query.
 */
static int flask_grant_query(struct domain *d)
{
    const struct domain *src = current_domain();
    uint32_t allowed = policydb_allowed(&flask_policy, src->flask_type,
                                        seen_type(src, d), SECCLASS_GRANT);

    if ( allowed & (GRANT__QUERY | GRANT__SETUP) )
        return 0;
    return current_has_perm(d, SECCLASS_GRANT, GRANT__QUERY);
}

static int flask_grant_mapref(struct domain *ld, struct domain *rd,
                              uint32_t flags)
{
    uint32_t perms = GRANT__MAP_READ;

    if ( !(flags & GNTMAP_readonly) )
        perms |= GRANT__MAP_WRITE;
    return domain_has_perm(ld, rd, SECCLASS_GRANT, perms);
}

static int flask_add_to_physmap(struct domain *d)
{
    return current_has_perm(d, SECCLASS_MMU, MMU__PHYSMAP);
}

static int flask_remove_from_physmap(struct domain *d)
{
    return current_has_perm(d, SECCLASS_MMU, MMU__PHYSMAP);
}

static int flask_dm_op(struct domain *d)
{
    return current_has_perm(d, SECCLASS_HVM, HVM__DM);
}

const struct xsm_ops xsm_flask_ops = {
    .name = "flask",
    .domain_resource_map = flask_domain_resource_map,
    .grant_query = flask_grant_query,
    .grant_mapref = flask_grant_mapref,
    .add_to_physmap = flask_add_to_physmap,
    .remove_from_physmap = flask_remove_from_physmap,
    .dm_op = flask_dm_op,
};
