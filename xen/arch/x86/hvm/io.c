/*
 * Guest port I/O.  Port 0xe9, Xen's HVM debug port, is the hypervisor's
 * own: its bytes go to the guest's console line like console_io output.
 * Other ports go to the ioreq server that claims them, if any (the vCPU
 * then waits for the answer); unclaimed, reads float high and writes are
 * dropped, as on Xen.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/console.h>
#include <xen/ioreq.h>
#include <asm/hvm.h>


enum hvm_io_status hvm_portio(struct vcpu *v, uint16_t port,
                              unsigned int size, bool in, uint32_t *val)
{
    ioreq_t p = {
        .type = IOREQ_TYPE_PIO, .addr = port, .size = size, .count = 1,
        .dir = in ? IOREQ_READ : IOREQ_WRITE, .data = in ? 0 : *val,
    };

    if ( port == HVM_DEBUG_PORT && size == 1 && !in )
    {
        guest_console_putc(v->domain, (char)*val);
        return HVMIO_DONE;
    }
    if ( ioreq_forward(v, &p, false) )      /* ports are never buffered */
        return HVMIO_FORWARDED;
    if ( in )
        *val = ~0u;
    return HVMIO_DONE;
}
