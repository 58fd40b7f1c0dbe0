/*
 * The hardware-reduced ACPI sleep and reset registers of a PVH domain
 * (ports in asm-x86/acpi_tables.h; the FADT names them and the DSDT's
 * _S5 gives the sleep type).  A PVH Linux powers off and reboots
 * through them: it has no Xen-specific way (ACPICA's hwesleep.c writes
 * WAK_STS to SLEEP_STATUS, then SLP_TYP|SLP_EN to SLEEP_CONTROL; its
 * acpi_reset() writes RESET_VALUE to the reset register with a byte
 * OUT).
 *
 * Only what the FADT describes acts: a one-byte write of SLP_EN with
 * the S5 type powers the domain off, a one-byte write of RESET_VALUE
 * to the reset register reboots it.  Everything else is what hardware
 * does with a value it does not act on (docs/decisions.md): other sleep
 * types (S3/S4 are not offered: no _S3/_S4, as a PVH domain on Xen has
 * none), SLP_TYP without SLP_EN, another reset value, an access of
 * another width are ignored (reads: the register, or all ones for a
 * width the register lacks), and logged, rate-limited.  Reads of the
 * control and reset registers give 0; SLEEP_STATUS never has WAK_STS:
 * a domain here never wakes from a sleep state.
 *
 * The ports are the hypervisor's, as 0xe9 is: an ioreq server claiming
 * them never sees these accesses.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <public/sched.h>
#include <asm/hvm.h>
#include <asm/acpi_tables.h>

static bool is_acpi_pm_port(uint16_t port)
{
    return port >= ACPI_SLEEP_CONTROL_PORT &&
           port < ACPI_SLEEP_CONTROL_PORT + ACPI_PM_PORTS;
}

static void sleep_control_write(struct domain *d, uint8_t val)
{
    unsigned int type = (val & ACPI_SLP_TYP_MASK) >> ACPI_SLP_TYP_SHIFT;

    if ( !(val & ACPI_SLP_EN) )
        return;                 /* SLP_TYP alone starts nothing */
    if ( type != ACPI_SLP_TYP_S5 )
    {
        printk_ratelimited("d%u: ACPI sleep type %u (not S5) ignored\n",
                           d->domain_id, type);
        return;
    }
    printk("d%u: ACPI S5 (sleep control %#x): powering off\n",
           d->domain_id, val);
    domain_shutdown(d, SHUTDOWN_poweroff);
}

static void reset_write(struct domain *d, uint8_t val)
{
    if ( val != ACPI_RESET_VALUE )
    {
        printk_ratelimited("d%u: ACPI reset register: %#x is not the reset "
                           "value, ignored\n", d->domain_id, val);
        return;
    }
    printk("d%u: ACPI reset register: rebooting\n", d->domain_id);
    domain_shutdown(d, SHUTDOWN_reboot);
}

bool hvm_acpi_pm_portio(struct vcpu *v, uint16_t port, unsigned int size,
                        bool in, uint32_t *val)
{
    struct domain *d = v->domain;

    if ( !is_acpi_pm_port(port) )
        return false;
    if ( size != 1 )
    {
        printk_ratelimited("d%u: %u-byte %s of ACPI port %#x ignored\n",
                           d->domain_id, size, in ? "read" : "write", port);
        if ( in )
            *val = ~0u;
        return true;
    }
    if ( in )
    {
        *val = 0;               /* nothing to read back, no WAK_STS */
        return true;
    }
    if ( port == ACPI_SLEEP_CONTROL_PORT )
        sleep_control_write(d, *val);
    else if ( port == ACPI_RESET_PORT )
        reset_write(d, *val);
    /* SLEEP_STATUS: WAK_STS is write-one-to-clear, and never set. */
    return true;
}
