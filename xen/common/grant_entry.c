/*
 * The shared grant entry as a mapping claims it, against a granting
 * guest that may change the entry at the same moment on another CPU.
 *
 * Version 1: flags (16 bits) and the grantee's domid (16 bits) form the
 * entry's first 32-bit word.  One compare-and-exchange checks the entry
 * and sets GTF_reading (and GTF_writing) together, so the guest either
 * sees them set on the entry it granted, or revokes first and the map
 * fails; a word that keeps changing fails after a few tries (Xen's
 * "unstable" entry, GNTST_general_error).
 *
 * Version 2: the bits live in a separate status word.  They are set
 * first, then the entry is read again: if it no longer grants the access
 * (revoked, re-targeted, made read-only meanwhile), the bits this claim
 * set are cleared again and the map fails.
 *
 * Every change to a guest-visible word is an atomic bit operation.
 */
#include <xen/lib.h>
#include <xen/bitops.h>
#include "grant_table_private.h"

#define CLAIM_RETRIES 4

static bool grants(uint16_t flags, domid_t domid, domid_t ldomid)
{
    return (flags & GTF_type_mask) == GTF_permit_access &&
           !(flags & GTF_sub_page) && domid == ldomid;
}

static uint16_t claim_bits(bool readonly)
{
    /* As in Xen: every mapping reads; a writable one also writes. */
    return readonly ? GTF_reading : GTF_reading | GTF_writing;
}

static int16_t claim_v1(struct grant_table *gt, grant_ref_t ref,
                        domid_t ldomid, bool readonly)
{
    volatile uint32_t *w = (volatile uint32_t *)gnttab_flags(gt, ref);
    unsigned int tries;

    for ( tries = 0; tries <= CLAIM_RETRIES; tries++ )
    {
        uint32_t old = *w;
        uint16_t flags = old & 0xffff;

        if ( !grants(flags, old >> 16, ldomid) )
            return GNTST_bad_gntref;
        if ( !readonly && (flags & GTF_readonly) )
            return GNTST_permission_denied;
        if ( cmpxchg32(w, &old, old | claim_bits(readonly)) )
            return GNTST_okay;
    }
    return GNTST_general_error;
}

/* Set or clear bits of ref's status word, one atomic bit at a time
 * (bit numbers count in the 32-bit word that holds the 16-bit one). */
static void change_status(struct grant_table *gt, grant_ref_t ref,
                          uint16_t bits, bool set)
{
    uint16_t *st = gnttab_status_word(gt, ref);
    void *word = (void *)((uintptr_t)st & ~(uintptr_t)3);
    unsigned int shift = ((uintptr_t)st & 2) * 8;
    unsigned int b;

    for ( b = 0; b < 16; b++ )
        if ( bits & (1u << b) )
        {
            if ( set )
                set_bit(shift + b, word);
            else
                clear_bit(shift + b, word);
        }
}

static int16_t claim_v2(struct grant_table *gt, grant_ref_t ref,
                        domid_t ldomid, bool readonly)
{
    volatile uint16_t *flags = gnttab_flags(gt, ref);
    struct active_grant *act = gnttab_active(gt, ref);
    uint16_t f = *flags;

    if ( !grants(f, gnttab_entry_domid(gt, ref), ldomid) )
        return GNTST_bad_gntref;
    if ( !readonly && (f & GTF_readonly) )
        return GNTST_permission_denied;
    change_status(gt, ref, claim_bits(readonly), true);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    f = *flags;
    if ( grants(f, gnttab_entry_domid(gt, ref), ldomid) &&
         (readonly || !(f & GTF_readonly)) )
        return GNTST_okay;
    /* Changed under us: take back what only this claim set. */
    change_status(gt, ref, (act->writable ? 0 : GTF_writing) |
                           (act->pin ? 0 : GTF_reading), false);
    return GNTST_general_error;
}

int16_t gnttab_entry_claim(struct grant_table *gt, grant_ref_t ref,
                           domid_t ldomid, bool readonly)
{
    return gt->version == 2 ? claim_v2(gt, ref, ldomid, readonly)
                            : claim_v1(gt, ref, ldomid, readonly);
}

void gnttab_entry_release(struct grant_table *gt, grant_ref_t ref)
{
    struct active_grant *act = gnttab_active(gt, ref);
    uint16_t bits = (act->writable ? 0 : GTF_writing) |
                    (act->pin ? 0 : GTF_reading);

    /* v1: the status word is the entry's flags. */
    change_status(gt, ref, bits, false);
}
