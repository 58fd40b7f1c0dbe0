/*
 * FLASK in the hosted tests: load a policy file compiled by checkpolicy
 * (the real one, or a test policy built on it), make domains labelled
 * as boot modules label them, and name the policy's types.
 */
#ifndef UNIT_FLASK_HARNESS_H
#define UNIT_FLASK_HARNESS_H

#include <xen/types.h>
#include <public/xen.h>

struct domain;

/* Make FLASK the XSM module with the policy at path: false if refused. */
bool fh_load(const char *path, bool enforcing);
/* Back to the dummy module; the policy is dropped. */
void fh_unload(void);

/*
 * A domain as a boot module with this label ("" = the default label)
 * makes it (mh_domain's domain, labelled, target resolved), or NULL.
 */
struct domain *fh_domain(domid_t id, bool control, int target,
                         const char *label);

/* The loaded policy's value of type name ("domU_t_channel"), or 0. */
uint32_t fh_type(const char *name);

#endif /* UNIT_FLASK_HARNESS_H */
