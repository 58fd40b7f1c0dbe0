/*
 * Guest port I/O.  No devices are emulated: reads float high and writes
 * are dropped, except port 0xe9, Xen's HVM debug port, whose bytes go to
 * the guest's console line like console_io output.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/console.h>
#include <asm/hvm.h>

#define DEBUG_PORT 0xe9

void hvm_portio(struct vcpu *v, uint16_t port, unsigned int size, bool in,
                uint32_t *val)
{
    if ( in )
    {
        *val = ~0u;
        return;
    }
    if ( port == DEBUG_PORT && size == 1 )
        guest_console_putc(v->domain, (char)*val);
}
