/*
 * Guest port I/O.  Port 0xe9, Xen's HVM debug port, is the hypervisor's
 * own: its bytes go to the guest's console line like console_io output;
 * so are the ACPI sleep and reset registers (hvm/acpi_pm.c).
 * Other ports go to the ioreq server that claims them, if any (the vCPU
 * then waits for the answer); unclaimed, reads float high and writes are
 * dropped, as on Xen.
 *
 * PCI configuration mechanism #1, as Xen does it: a 4-byte write to
 * 0xcf8 is latched (and forwarded like any port write); while the latch
 * has its enable bit, an access to 0xcfc-0xcff is a PCI config access of
 * segment 0, bus/device/function from the latch, for the server that
 * claimed that device with a PCI range (nobody else).
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/console.h>
#include <xen/ioreq.h>
#include <asm/hvm.h>


#define PCI_CF8          0xcf8
#define PCI_CFC          0xcfc
#define CF8_ENABLED(c)   ((c) & 0x80000000u)
#define CF8_BDF(c)       (((c) >> 8) & 0xffff)
#define CF8_REG(c)       ((c) & 0xfc)

/* A port ioreq, or a PCI config one if the CF8 latch says so. */
static ioreq_t make_ioreq(struct domain *d, uint16_t port, unsigned int size,
                          bool in, uint32_t val)
{
    ioreq_t p = {
        .type = IOREQ_TYPE_PIO, .addr = port, .size = size, .count = 1,
        .dir = in ? IOREQ_READ : IOREQ_WRITE, .data = in ? 0 : val,
    };
    uint32_t cf8 = d->arch.pci_cf8;

    if ( (port & ~3) == PCI_CFC && CF8_ENABLED(cf8) )
    {
        p.type = IOREQ_TYPE_PCI_CONFIG;
        p.addr = ((uint64_t)CF8_BDF(cf8) << 32) | CF8_REG(cf8) | (port & 3);
    }
    return p;
}

enum hvm_io_status hvm_portio(struct vcpu *v, uint16_t port,
                              unsigned int size, bool in, uint32_t *val)
{
    ioreq_t p = make_ioreq(v->domain, port, size, in, in ? 0 : *val);

    if ( port == PCI_CF8 && size == 4 && !in )
        v->domain->arch.pci_cf8 = *val;

    if ( port == HVM_DEBUG_PORT && size == 1 && !in )
    {
        guest_console_putc(v->domain, (char)*val);
        return HVMIO_DONE;
    }
    if ( hvm_acpi_pm_portio(v, port, size, in, val) )
        return HVMIO_DONE;
    if ( ioreq_forward(v, &p, false) )      /* ports are never buffered */
        return HVMIO_FORWARDED;
    if ( in )
        *val = ~0u;
    return HVMIO_DONE;
}
