/*
 * Destroying a domain in budgeted steps (common/domain.c, XSA-410's
 * lesson): the domain leaves the list at once, what grows with the guest
 * (P2M entries, RAM) goes back a budget at a time, a page another domain
 * maps outlives its owner, and every page comes back in the end.
 */
#include "mem_harness.h"
#include "unit.h"

#define GG 0x0f000UL

int main(void)
{
    struct domain *d0, *d1;
    unsigned long baseline, ram;
    unsigned int steps = 0;
    p2m_type_t t;

    fake_machine_init(4096, 0);
    baseline = total_free_pages();
    d0 = mh_domain(0, true, -1, 0, 8);
    d1 = mh_domain(1, false, -1, 0, 1000);
    CHECK("destroy-setup", d0 && d1);
    if ( !d0 || !d1 )
        return unit_done();
    fake_set_current(d0);
    ram = mh_p2m(d1, 3, &t);
    mh_grant(d1, 8, GTF_permit_access, 0, 3);
    CHECK_EQ("destroy-map-grant",
             mh_map_grant(1, 8, GNTMAP_host_map, GG, NULL), GNTST_okay);

    domain_shutdown(d1, SHUTDOWN_poweroff);
    domain_destroy(d1);
    CHECK("destroy-unlisted-at-once", !domain_lookup(1) && domain_count() == 1);
    CHECK("destroy-ram-not-yet-given-back", d1->tot_pages > 900);
    while ( domain_destroy_continue() )
        steps++;
    steps++;
    /* 1000 P2M entries and ~1000 pages at 1024 units a step. */
    CHECK("destroy-took-several-steps", steps >= 2);
    CHECK("destroy-nothing-left-to-do", !domain_destroy_continue());
    CHECK("destroy-mapped-page-outlives-owner",
          d1->tot_pages == 1 && mh_count(ram) == 1);
    CHECK_EQ("destroy-counts", mh_check_counts(), 0);
    CHECK_EQ("destroy-unmap", mh_unmap_grant(0, GG), GNTST_okay);
    mh_destroy_all();
    CHECK_EQ("destroy-pages-back", total_free_pages(), baseline);
    fake_machine_fini();
    return unit_done();
}
