/*
 * vm_assist (xen/common/vm_assist.c) as Xen 4.17 answers an HVM domain:
 * only VMASST_TYPE_runstate_update_flag, enabled and disabled; other
 * types -EINVAL before the command is looked at, an unknown command
 * -ENOSYS.  With the flag on, each rewrite of the runstate copy
 * (vcpu_time.c) is bracketed as Xen's: the top byte of state_entry_time
 * written with XEN_RUNSTATE_UPDATE, the copy written flagged, the byte
 * written without it; in both layouts (64-bit, and 32-bit where
 * state_entry_time is at offset 4).  Without it, one plain write.
 */
#include <string.h>
#include "mem_harness.h"
#include <xen/vcpu_time.h>
#include <generated/hypercall-prototypes.h>
#include <xen/shared.h>
#include <public/vcpu.h>
#include <compat/vcpu.h>
#include "unit.h"

#define AREA 0x3000UL
#define ARG  0x1000UL
#define MAX_WRITES 8

static struct {
    uint64_t va;
    size_t len;
    uint8_t top;        /* state_entry_time's top byte after the write */
} writes[MAX_WRITES];
static unsigned int nr_writes;
static uint64_t top_at;

static void record(uint64_t va, size_t len)
{
    if ( nr_writes < MAX_WRITES )
    {
        writes[nr_writes].va = va;
        writes[nr_writes].len = len;
        writes[nr_writes].top = *(uint8_t *)fake_gmem(current->domain,
                                                      top_at, 1);
    }
    nr_writes++;
}

static void test_hypercall(void)
{
    struct domain *d = current->domain;
    unsigned int t;

    for ( t = 0; t < 64; t++ )
        if ( t != VMASST_TYPE_runstate_update_flag &&
             do_vm_assist(VMASST_CMD_enable, t) != -EINVAL )
            break;
    CHECK_EQ("vmassist-other-types-einval", t, 64);
    CHECK_EQ("vmassist-m2p-strict-einval",
             do_vm_assist(VMASST_CMD_enable, VMASST_TYPE_m2p_strict), -EINVAL);
    CHECK_EQ("vmassist-type-huge-einval", do_vm_assist(0, ~0u), -EINVAL);
    CHECK_EQ("vmassist-bad-type-bad-cmd-einval", do_vm_assist(7, 2), -EINVAL);
    CHECK_EQ("vmassist-bad-cmd-enosys",
             do_vm_assist(2, VMASST_TYPE_runstate_update_flag), -ENOSYS);
    CHECK_EQ("vmassist-refusals-change-nothing", d->vm_assist, 0);
    CHECK_EQ("vmassist-enable",
             do_vm_assist(VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag),
             0);
    CHECK_EQ("vmassist-enabled", d->vm_assist,
             1UL << VMASST_TYPE_runstate_update_flag);
    CHECK_EQ("vmassist-enable-again",
             do_vm_assist(VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag),
             0);
    CHECK_EQ("vmassist-disable",
             do_vm_assist(VMASST_CMD_disable, VMASST_TYPE_runstate_update_flag),
             0);
    CHECK_EQ("vmassist-disabled", d->vm_assist, 0);
}

/* VCPUOP_register_runstate_memory_area(va), by a caller of that width. */
static void register_area(struct domain *d, bool compat, uint64_t va)
{
    memcpy(fake_gmem(d, ARG, 8), &va, 8);
    if ( compat )
        compat_vcpu_op(VCPUOP_register_runstate_memory_area, 0,
                       guest_ptr(ARG));
    else
        do_vcpu_op(VCPUOP_register_runstate_memory_area, 0, guest_ptr(ARG));
}

/* One schedule-in of v rewrites its copy: what did the writes do? */
static void test_update(struct domain *d, bool compat, bool flag)
{
    struct vcpu *v = d->vcpu[0];
    size_t size = compat ? sizeof(struct compat_vcpu_runstate_info)
                         : sizeof(struct vcpu_runstate_info);
    uint64_t entry;
    char name[64];
    const char *w = compat ? "32" : "64";

    top_at = AREA + (compat ? 4 : 8) + 7;
    fake_set_current(d);
    d->vm_assist = flag ? 1UL << VMASST_TYPE_runstate_update_flag : 0;
    register_area(d, compat, AREA);
    vcpu_sched_out(v);
    unit_ticks += 3;
    nr_writes = 0;
    fake_copy_to_guest_hook = record;
    vcpu_sched_in(v);
    fake_copy_to_guest_hook = NULL;
    memcpy(&entry, fake_gmem(d, AREA + (compat ? 4 : 8), 8), 8);
    snprintf(name, sizeof(name), "vmassist-%s-%s-writes", w,
             flag ? "flag" : "plain");
    if ( !flag )
    {
        CHECK(name, nr_writes == 1 && writes[0].va == AREA &&
              writes[0].len == size && !(writes[0].top & 0x80));
        register_area(d, compat, 0);
        return;
    }
    CHECK_EQ(name, nr_writes, 3);
    snprintf(name, sizeof(name), "vmassist-%s-flag-byte-first", w);
    CHECK(name, writes[0].va == top_at && writes[0].len == 1 &&
          (writes[0].top & 0x80));
    snprintf(name, sizeof(name), "vmassist-%s-copy-flagged", w);
    CHECK(name, writes[1].va == AREA && writes[1].len == size &&
          (writes[1].top & 0x80));
    snprintf(name, sizeof(name), "vmassist-%s-flag-cleared-last", w);
    CHECK(name, writes[2].va == top_at && writes[2].len == 1 &&
          !(writes[2].top & 0x80));
    snprintf(name, sizeof(name), "vmassist-%s-entry-time-intact", w);
    CHECK_EQ(name, entry, v->time.runstate.state_entry_time);
    register_area(d, compat, 0);
}

int main(void)
{
    struct domain *d0, *d32;

    fake_machine_init(2048, 0);
    unit_ticks = 1000;
    d0 = mh_domain(0, false, -1, 1, 16);
    d32 = mh_domain(1, false, -1, 1, 16);
    CHECK("vmassist-domains", d0 && d32);
    if ( !d0 || !d32 )
        return unit_done();
    shinfo_latch_width(d32, false);
    fake_set_current(d0);
    test_hypercall();
    sched_add_vcpu(d0->vcpu[0]);
    sched_add_vcpu(d32->vcpu[0]);
    for ( int flag = 0; flag < 2; flag++ )
    {
        test_update(d0, false, flag);
        test_update(d32, true, flag);
    }
    current = NULL;
    mh_destroy_all();
    fake_machine_fini();
    return unit_done();
}
