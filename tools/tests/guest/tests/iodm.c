/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Port I/O forwarded to a device model through an ioreq server.
 *
 *   as=dm peer=N     (the device model of d<N>, target=N) creates a server,
 *                    claims ports 0x3f8-0x3ff (a UART-like device),
 *                    maps the synchronous ioreq page with
 *                    XENMEM_acquire_resource, binds the vCPU's event
 *                    channel and serves requests until the guest writes
 *                    DONE to 0x3ff.
 *   as=guest         waits until 0x3ff stops reading all ones (the
 *                    server is up), then does 1-, 2- and 4-byte reads
 *                    and writes there and checks the answers; an
 *                    unclaimed port still reads all ones.
 *   dies=1           (both sides) the device model powers off instead of
 *                    answering the 4-byte read: the guest's read, left in
 *                    flight, completes with all ones, and its later
 *                    accesses find no server.
 *   late=1           (device model) the first time it finds nothing to do,
 *                    it lingers between that look and its HLT until the
 *                    guest's next request is posted, so the request's
 *                    event always comes in that gap: it must still end
 *                    the HLT (the gap a time-slice end once hit by chance).
 *
 * The device model runs with interrupts off and takes upcalls only inside
 * wait_for_interrupt(): see there why.
 */
#include "resmap.h"
#include "events.h"
#include "public/hvm/ioreq.h"
#include "public/sched.h"

const char test_title[] = "iodm";

#define GFN_IOREQ   0x25000UL
#define UART        0x3f8
#define LSR         (UART + 5)
#define CTL         (UART + 7)      /* 0x3ff: ready / done */
#define CTL_READY   0x00
#define CTL_DONE    0xdd
#define TEXT        "forwarded"
#define MMIO        0xc0000000UL    /* a 4 KiB device page, in a hole */
#define MMIO_BYTES  64

static inline void io_out(uint16_t port, uint32_t v, unsigned int size)
{
    if ( size == 1 )
        asm volatile ("outb %b0, %w1" :: "a" (v), "Nd" (port));
    else if ( size == 2 )
        asm volatile ("outw %w0, %w1" :: "a" (v), "Nd" (port));
    else
        asm volatile ("outl %0, %w1" :: "a" (v), "Nd" (port));
}

static inline uint32_t io_in(uint16_t port, unsigned int size)
{
    uint32_t v = 0;

    if ( size == 1 )
        asm volatile ("inb %w1, %b0" : "+a" (v) : "Nd" (port));
    else if ( size == 2 )
        asm volatile ("inw %w1, %w0" : "+a" (v) : "Nd" (port));
    else
        asm volatile ("inl %w1, %0" : "=a" (v) : "Nd" (port));
    return v;
}

/* ---- The device model. ---- */

static char received[64];
static unsigned int nr_received, nr_requests;
static bool done;

/* MMIO: 64 bytes of device registers, read and written as memory. */
static uint8_t dev_mem[MMIO_BYTES];
static unsigned int nr_mmio;

static uint64_t serve_mmio(volatile struct ioreq *r)
{
    uint64_t off = r->addr - MMIO, v = 0;

    nr_mmio++;
    if ( off + r->size > MMIO_BYTES )
        return ~0ULL;
    if ( r->dir == IOREQ_WRITE )
    {
        v = r->data;
        memcpy(&dev_mem[off], &v, r->size);
        return r->data;
    }
    memcpy(&v, &dev_mem[off], r->size);
    return v;
}

/* PCI config space of device 00:03.0: ID 0x12345678, the rest 0. */
#define PCI_DEV 3
static unsigned int nr_pci;

static uint64_t serve_pci(volatile struct ioreq *r)
{
    uint32_t reg = r->addr & 0xfff, dword = reg < 4 ? 0x12345678 : 0;
    uint64_t mask = r->size >= 4 ? 0xffffffffULL : (1ULL << (r->size * 8)) - 1;

    nr_pci++;
    check((r->addr >> 32) == XEN_DMOP_PCI_SBDF(0, 0, PCI_DEV, 0),
          "a PCI config request for our device", "addr %#llx",
          (unsigned long long)r->addr);
    return r->dir == IOREQ_READ ? (dword >> ((reg & 3) * 8)) & mask : r->data;
}

/* One request: what a 16550-ish device with a control port answers. */
static uint64_t serve(volatile struct ioreq *r)
{
    nr_requests++;
    if ( r->type == IOREQ_TYPE_COPY )
        return serve_mmio(r);
    if ( r->type == IOREQ_TYPE_PCI_CONFIG )
        return serve_pci(r);
    if ( r->dir == IOREQ_WRITE )
    {
        if ( r->addr == UART && r->size == 1 && nr_received < sizeof(received) - 1 )
            received[nr_received++] = (char)r->data;
        if ( r->addr == CTL && r->data == CTL_DONE )
            done = true;
        if ( r->addr == UART + 4 && r->size == 4 )
            check(r->data == 0xcafef00d, "the 4-byte write arrived whole",
                  "%#llx", (unsigned long long)r->data);
        return r->data;
    }
    switch ( r->addr )
    {
    case LSR:  return 0x60;                 /* transmitter empty */
    case CTL:  return CTL_READY;
    case UART: return r->size == 2 ? 0x1234 : 0x41;
    case UART + 4: return 0xdeadbeef;
    default:   return 0;
    }
}

/* late=1: spin until the guest's request is posted (it runs when our
 * time slice ends); false if it never came. */
static bool linger_until_posted(volatile struct ioreq *r)
{
    unsigned long i;

    for ( i = 0; i < 200000000 && r->state != STATE_IOREQ_READY; i++ )
        asm volatile ("pause" ::: "memory");
    return r->state == STATE_IOREQ_READY;
}

static void device_model(domid_t peer, bool dies, bool late)
{
    struct xen_dm_op op = { .op = XEN_DMOP_create_ioreq_server };
    volatile struct ioreq *r = gfn_ptr(GFN_IOREQ + 1);
    xen_pfn_t gfns[2] = { GFN_IOREQ, GFN_IOREQ + 1 };
    evtchn_port_t port = 0;
    unsigned int seen = 0;
    uint32_t nr = 1;
    uint16_t id;
    unsigned long i;

    check_eq("create the ioreq server", dm_op(peer, &op), 0);
    id = op.u.create_ioreq_server.id;
    op = (struct xen_dm_op){ .op = XEN_DMOP_map_io_range_to_ioreq_server };
    op.u.map_io_range_to_ioreq_server.id = id;
    op.u.map_io_range_to_ioreq_server.type = XEN_DMOP_IO_RANGE_PORT;
    op.u.map_io_range_to_ioreq_server.start = UART;
    op.u.map_io_range_to_ioreq_server.end = CTL;
    check_eq("claim ports 0x3f8-0x3ff", dm_op(peer, &op), 0);
    op.u.map_io_range_to_ioreq_server.type = XEN_DMOP_IO_RANGE_MEMORY;
    op.u.map_io_range_to_ioreq_server.start = MMIO;
    op.u.map_io_range_to_ioreq_server.end = MMIO + 0xfff;
    check_eq("claim the MMIO page", dm_op(peer, &op), 0);
    op.u.map_io_range_to_ioreq_server.type = XEN_DMOP_IO_RANGE_PCI;
    op.u.map_io_range_to_ioreq_server.start =
        op.u.map_io_range_to_ioreq_server.end =
        XEN_DMOP_PCI_SBDF(0, 0, PCI_DEV, 0);
    check_eq("claim PCI device 00:03.0", dm_op(peer, &op), 0);
    check_eq("map the synchronous page",
             acquire_resource(peer, XENMEM_resource_ioreq_server, id, 1, &nr,
                              &gfns[1]), 0);
    check(r->vp_eport != 0, "the slot names its event channel", " ");
    check_eq("bind to the vCPU's channel",
             evtchn_bind_interdomain(peer, r->vp_eport, &port), 0);
    op = (struct xen_dm_op){ .op = XEN_DMOP_set_ioreq_server_state };
    op.u.set_ioreq_server_state.id = id;
    op.u.set_ioreq_server_state.enabled = 1;
    check_eq("enable the server", dm_op(peer, &op), 0);
    printk("info: serving d%u with ioreq server %u: ports 0x3f8-0x3ff, MMIO "
           "%#lx-%#lx\n", peer, id, MMIO, MMIO + 0xfff);
    printk("info: its page mapped with XENMEM_acquire_resource, its vCPU "
           "channel bound to our port %u\n", port);

    for ( i = 0; i < 2000000 && !done; i++ )
    {
        if ( dies && r->state == STATE_IOREQ_READY && r->addr == UART + 4 &&
             r->dir == IOREQ_READ )
        {
            printk("info: going away with the guest's read in flight\n");
            return;
        }
        if ( r->state != STATE_IOREQ_READY )
        {
            if ( event_count[port] == seen )
            {
                if ( late )
                {
                    late = false;
                    check(linger_until_posted(r), "a request was posted "
                          "between our look and our HLT", " ");
                }
                wait_for_interrupt();
            }
            seen = event_count[port];
            continue;
        }
        r->state = STATE_IOREQ_INPROCESS;
        r->data = serve(r);
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        r->state = STATE_IORESP_READY;
        evtchn_send(port);
    }
    check(done, "the guest said done", "after %u requests", nr_requests);
    if ( !done )
        return;
    received[nr_received] = '\0';
    check(!strcmp(received, TEXT), "the guest's bytes arrived in order",
          "'%s'", received);
    printk("info: the guest wrote \"%s\" to the UART; its device "
           "registers now hold %02x %02x %02x %02x ...\n", received,
           dev_mem[0], dev_mem[1], dev_mem[2], dev_mem[3]);
    printk("info: served %u requests, %u of them MMIO, %u PCI config\n",
           nr_requests, nr_mmio, nr_pci);
    check_eq("unmap the page", remove_from_physmap(GFN_IOREQ + 1), 0);
}

/* ---- The guest whose ports are served. ---- */

/* PCI config mechanism #1: the device model's 00:03.0, and an absent one. */
static void pci_checks(void)
{
    io_out(0xcf8, 0x80000000u | (PCI_DEV << 11), 4);
    check_eq("PCI: ID dword of 00:03.0", io_in(0xcfc, 4), 0x12345678);
    check_eq("PCI: its device ID word", io_in(0xcfe, 2), 0x1234);
    check_eq("PCI: a byte", io_in(0xcfd, 1), 0x56);
    io_out(0xcf8, 0x80000000u | (4 << 11), 4);
    check_eq("PCI: nobody's device 00:04.0 reads all ones", io_in(0xcfc, 4),
             0xffffffffu);
    io_out(0xcf8, 0, 4);
    check_eq("PCI: without the enable bit, 0xcfc is a plain port",
             io_in(0xcfc, 4), 0xffffffffu);
}

/* The same forms as tests/mmio.c, against the device model's memory. */
static void mmio_checks(void)
{
    volatile uint8_t *b = (volatile uint8_t *)MMIO;
    volatile uint16_t *w = (volatile uint16_t *)MMIO;
    volatile uint32_t *l = (volatile uint32_t *)MMIO;
    uint32_t x = 0xabcd0123, n = 3;
    unsigned long dst = MMIO + 32;

    l[0] = 0x11223344;
    check_eq("MMIO: write then read", l[0], 0x11223344);
    check_eq("MMIO: byte of it", b[1], 0x33);
    check_eq("MMIO: word of it", w[1], 0x1122);
    asm volatile ("orl $0x100, %0" : "+m" (l[1]));
    check_eq("MMIO: or on the device (read, then write)", l[1], 0x100);
    asm volatile ("xchgl %0, %1" : "+r" (x), "+m" (l[0]));
    check(x == 0x11223344 && l[0] == 0xabcd0123, "MMIO: xchg",
          "reg %#x mem %#x", x, l[0]);
    asm volatile ("rep stosl" : "+D" (dst), "+c" (n) : "a" (0x5a5a5a5a)
                  : "memory");
    check(l[8] == 0x5a5a5a5a && l[10] == 0x5a5a5a5a && l[11] == 0 && !n,
          "MMIO: rep stosl of 3", "%#x %#x %#x", l[8], l[10], l[11]);
    {
        /* rep movs both ways: RAM to the device, the device to RAM. */
        static uint32_t src[2] = { 0xa1a2a3a4, 0xb1b2b3b4 }, back[2];
        unsigned long s = (unsigned long)src, d = MMIO + 56, k = 2;

        asm volatile ("rep movsl" : "+S" (s), "+D" (d), "+c" (k) :: "memory");
        check(!k && l[14] == 0xa1a2a3a4 && l[15] == 0xb1b2b3b4,
              "MMIO: rep movsl from RAM", "%#x %#x", l[14], l[15]);
        s = MMIO + 56;
        d = (unsigned long)back;
        k = 2;
        asm volatile ("rep movsl" : "+S" (s), "+D" (d), "+c" (k) :: "memory");
        check(!k && back[0] == 0xa1a2a3a4 && back[1] == 0xb1b2b3b4,
              "MMIO: rep movsl to RAM", "%#x %#x", back[0], back[1]);
    }
#ifdef __x86_64__
    *(volatile uint64_t *)(MMIO + 48) = 0x0102030405060708ULL;
    check_eq("MMIO: 8 bytes", *(volatile uint64_t *)(MMIO + 48),
             0x0102030405060708ULL);
#endif
    check_eq("MMIO: past the device's 64 bytes: all ones", l[100],
             0xffffffffu);
    check_eq("MMIO: beyond the claimed page: hole", l[1024], 0xffffffffu);
}

/* Forwarded round trips, as make bench reports them (cycles each). */
static void bench(void)
{
    volatile uint32_t *l = (volatile uint32_t *)MMIO;
    unsigned int i, n = 20;
    uint64_t t0 = rdtsc();

    for ( i = 0; i < n; i++ )
        (void)io_in(LSR, 1);
    printk("bench: ioreq-port-read %llu\n",
           (unsigned long long)((rdtsc() - t0) / n));
    t0 = rdtsc();
    for ( i = 0; i < n; i++ )
        (void)l[0];
    printk("bench: ioreq-mmio-read %llu\n",
           (unsigned long long)((rdtsc() - t0) / n));
    t0 = rdtsc();
    for ( i = 0; i < n; i++ )
        (void)l[1024];
    printk("bench: mmio-hole-read %llu\n",
           (unsigned long long)((rdtsc() - t0) / n));
}

static void guest(bool dies)
{
    unsigned long i;
    const char *c;

    for ( i = 0; i < 1000000 && io_in(CTL, 1) != CTL_READY; i++ )
        hypercall_sched_op(SCHEDOP_yield, NULL);
    check(i < 1000000, "the device model came up", " ");
    printk("info: our ports 0x3f8-0x3ff and MMIO page %#lx are served by "
           "a device model in another domain\n", MMIO);
    check_eq("unclaimed port reads all ones", io_in(0x2f8, 1), 0xff);
    check_eq("inb LSR", io_in(LSR, 1), 0x60);
    check_eq("inw data", io_in(UART, 2), 0x1234);
    check_eq("inl", io_in(UART + 4, 4), dies ? 0xffffffffu : 0xdeadbeef);
    if ( dies )
        check_eq("no server any more: all ones", io_in(LSR, 1), 0xff);
    /* The first half byte by byte, the rest with rep outsb. */
    for ( c = TEXT; c < TEXT + 5; c++ )
        io_out(UART, *c, 1);
    {
        unsigned long src = (unsigned long)(TEXT + 5), n = strlen(TEXT) - 5;
        uint16_t words[2] = { 0, 0 };
        unsigned long dst = (unsigned long)words, m = 2;

        asm volatile ("rep outsb" : "+S" (src), "+c" (n) : "d" (UART)
                      : "memory");
        check(!n, "rep outsb ran to the end", "rcx %lu", n);
        asm volatile ("rep insw" : "+D" (dst), "+c" (m) : "d" (UART)
                      : "memory");
        check(!m && words[0] == (dies ? 0xffff : 0x1234) &&
              words[1] == words[0],
              "rep insw from the device", "%#x %#x", words[0], words[1]);
    }
    io_out(UART + 4, 0xcafef00d, 4);
    if ( !dies )
    {
        mmio_checks();
        pci_checks();
        bench();
    }
    io_out(CTL, CTL_DONE, 1);
}

void test_main(void)
{
    char as[8] = "guest";

    cmdline_get("as", as, sizeof(as));
    if ( !strcmp(as, "dm") )
    {
        check_eq("events", events_init(false), 0);
        device_model(cmdline_ulong("peer", 1), cmdline_ulong("dies", 0),
                     cmdline_ulong("late", 0));
    }
    else
        guest(cmdline_ulong("dies", 0));
}
