/*
 * The FIFO event ABI (xen/common/event_fifo.c) as a guest drives it:
 * init_control and expand_array with their errors, events linked into
 * the right vCPU queue by priority, masking, events raised before their
 * word's page exists, set_priority, reset back to 2-level, and the
 * guest pages' references given back.
 */
#include "mem_harness.h"
#include "unit.h"
#include <xen/event.h>
#include <xen/bitops.h>

#define ARG 0x1000UL
#define CB_GFN 2
#define ARRAY_GFN 3

static struct domain *d;

static long op(unsigned int cmd, const void *arg, size_t size)
{
    memcpy(fake_gmem(current->domain, ARG, size), arg, size);
    return do_event_channel_op(cmd, guest_ptr(ARG));
}

static long init_control(uint64_t gfn, uint32_t offset, uint32_t vcpu)
{
    struct evtchn_init_control c = { .control_gfn = gfn, .offset = offset,
                                     .vcpu = vcpu };

    return op(EVTCHNOP_init_control, &c, sizeof(c));
}

static long expand(uint64_t gfn)
{
    struct evtchn_expand_array e = { .array_gfn = gfn };

    return op(EVTCHNOP_expand_array, &e, sizeof(e));
}

static evtchn_port_t ipi(void)
{
    struct evtchn_bind_ipi b = { .vcpu = 0 };

    op(EVTCHNOP_bind_ipi, &b, sizeof(b));
    return ((struct evtchn_bind_ipi *)fake_gmem(d, ARG, sizeof(b)))->port;
}

static long send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };

    return op(EVTCHNOP_send, &s, sizeof(s));
}

static void *guest_page(unsigned long gfn)
{
    p2m_type_t t;

    return page_to_virt(mfn_to_page(_mfn(mh_p2m(d, gfn, &t))));
}

static event_word_t word(evtchn_port_t port)
{
    return ((event_word_t *)guest_page(ARRAY_GFN))[port];
}

int main(void)
{
    evtchn_fifo_control_block_t *cb;
    unsigned long baseline, cb_mfn;
    evtchn_port_t a, b, c, hi;
    unsigned int up;
    p2m_type_t t;

    fake_machine_init(4096, 0);
    baseline = total_free_pages();
    d = mh_domain(1, true, -1, 0, 8);     /* control: ports past 1023 */
    fake_set_current(d);
    cb = (void *)((uint8_t *)guest_page(CB_GFN) + 64);
    cb_mfn = mh_p2m(d, CB_GFN, &t);

    CHECK_EQ("fifo-expand-before-init", expand(ARRAY_GFN), -EOPNOTSUPP);
    CHECK_EQ("fifo-init-no-vcpu", init_control(CB_GFN, 64, 1), -ENOENT);
    CHECK_EQ("fifo-init-unaligned", init_control(CB_GFN, 12, 0), -EINVAL);
    CHECK_EQ("fifo-init-crosses-page", init_control(CB_GFN, 4096 - 64, 0),
             -EINVAL);
    CHECK_EQ("fifo-init-not-ram", init_control(0x5000, 64, 0), -EINVAL);
    a = ipi();                          /* bound under 2-level */
    CHECK_EQ("fifo-init", init_control(CB_GFN, 64, 0), 0);
    CHECK("fifo-abi-switched", d->evtchn.abi == &evtchn_abi_fifo);
    CHECK("fifo-link-bits", ((struct evtchn_init_control *)fake_gmem(
              d, ARG, sizeof(struct evtchn_init_control)))->link_bits == 17);
    CHECK_EQ("fifo-control-page-held", mh_count(cb_mfn), 2);
    CHECK_EQ("fifo-init-again", init_control(CB_GFN, 64, 0), -EINVAL);

    /* No event array yet: the raise waits for the page. */
    up = d->vcpu[0]->arch.upcalls;
    CHECK_EQ("fifo-send-no-array", send(a), 0);
    CHECK("fifo-no-upcall-without-word", d->vcpu[0]->arch.upcalls == up);
    CHECK_EQ("fifo-expand", expand(ARRAY_GFN), 0);
    CHECK("fifo-raised-on-expand", (word(a) >> EVTCHN_FIFO_PENDING) & 1 &&
          (word(a) >> EVTCHN_FIFO_LINKED) & 1 && cb->head[7] == a &&
          (cb->ready & (1u << 7)) && d->vcpu[0]->arch.upcalls == up + 1);

    /* A second event links after the first. */
    b = ipi();
    CHECK_EQ("fifo-send-b", send(b), 0);
    CHECK("fifo-b-linked-after-a", (word(a) & EVTCHN_FIFO_LINK_MASK) == b &&
          cb->head[7] == a);

    /* Masked: pending, not linked; unmask links it. */
    c = ipi();
    ((event_word_t *)guest_page(ARRAY_GFN))[c] |= 1u << EVTCHN_FIFO_MASKED;
    CHECK_EQ("fifo-send-masked", send(c), 0);
    CHECK("fifo-masked-not-linked", (word(c) >> EVTCHN_FIFO_PENDING) & 1 &&
          !((word(c) >> EVTCHN_FIFO_LINKED) & 1));
    {
        struct evtchn_unmask u = { .port = c };

        CHECK_EQ("fifo-unmask", op(EVTCHNOP_unmask, &u, sizeof(u)), 0);
    }
    CHECK("fifo-unmask-links", (word(c) >> EVTCHN_FIFO_LINKED) & 1 &&
          (word(b) & EVTCHN_FIFO_LINK_MASK) == c);

    /* Priorities. */
    {
        struct evtchn_set_priority sp = { .port = c, .priority = 16 };
        evtchn_port_t e = ipi();

        CHECK_EQ("fifo-priority-16", op(EVTCHNOP_set_priority, &sp,
                                         sizeof(sp)), -EINVAL);
        sp.port = e;
        sp.priority = 3;
        CHECK_EQ("fifo-priority-3", op(EVTCHNOP_set_priority, &sp,
                                        sizeof(sp)), 0);
        CHECK_EQ("fifo-send-prio-3", send(e), 0);
        CHECK("fifo-queue-3", cb->head[3] == e && (cb->ready & (1u << 3)));
    }

    /* A port beyond the array: pending kept until a page covers it. */
    {
        unsigned int i;

        for ( i = 0; i < 1020; i++ )
            hi = ipi();
        CHECK("fifo-port-past-array", hi >= 1024);
        CHECK_EQ("fifo-send-past-array", send(hi), 0);
        CHECK("fifo-saved", evtchn_from_port(d, hi)->fifo_pending);
    }

    /* Reset: back to 2-level, pages released. */
    {
        struct evtchn_reset r = { .dom = DOMID_SELF };
        unsigned long arr_mfn = mh_p2m(d, ARRAY_GFN, &t);

        CHECK_EQ("fifo-reset", op(EVTCHNOP_reset, &r, sizeof(r)), 0);
        CHECK("fifo-back-to-2l", d->evtchn.abi == &evtchn_abi_2l &&
              !d->evtchn.fifo && !d->vcpu[0]->evtchn.fifo);
        CHECK("fifo-pages-released", mh_count(cb_mfn) == 1 &&
              mh_count(arr_mfn) == 1);
    }

    /* FIFO again, then the domain dies holding its pages. */
    CHECK_EQ("fifo-init-after-reset", init_control(CB_GFN, 0, 0), 0);
    CHECK_EQ("fifo-expand-after-reset", expand(ARRAY_GFN), 0);
    mh_destroy_all();
    CHECK_EQ("fifo-pages-back", total_free_pages(), baseline);
    fake_machine_fini();
    return unit_done();
}
