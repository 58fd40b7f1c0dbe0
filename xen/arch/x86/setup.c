/*
 * __start_xen: from the boot loader's hand-over to running domains.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <xen/shutdown.h>
#include <xsm/xsm.h>
#include <asm/processor.h>
#include <asm/console.h>
#include <asm/bootinfo.h>
#include <asm/traps.h>
#include <asm/apic.h>
#include <asm/hvm.h>
#include <asm/mm.h>
#include <asm/dom_build.h>
#include <asm/run.h>
#include <asm/time.h>

#define CMDLINE_MAX 1024

#define MODULE_STRINGS_MAX 8192

static char cmdline_copy[CMDLINE_MAX];
static char module_strings[MODULE_STRINGS_MAX];
static struct boot_info boot_info;

const char *boot_command_line(void)
{
    return cmdline_copy;
}

/*
 * Loaders put the image's path first (QEMU and GRUB with multiboot1);
 * a first word that looks like a path is not an option.
 */
static void save_cmdline(const char *cmdline)
{
    const char *p = cmdline, *word_end = cmdline;

    while ( *word_end && *word_end != ' ' )
        word_end++;
    for ( ; p < word_end && *p != '/'; p++ )
        ;
    if ( p < word_end )
        for ( cmdline = word_end; *cmdline == ' '; cmdline++ )
            ;
    strlcpy(cmdline_copy, cmdline, sizeof(cmdline_copy));
}

/*
 * Module strings live in loader memory that becomes free RAM; keep our
 * own copies (domains' command lines point into them for good).
 */
static void save_module_strings(struct boot_info *bi)
{
    size_t used = 0;
    unsigned int i;

    for ( i = 0; i < bi->nr_modules; i++ )
    {
        size_t len = strlen(bi->modules[i].string) + 1;

        if ( used + len > sizeof(module_strings) )
            panic("boot module strings exceed %zu bytes",
                  sizeof(module_strings));
        memcpy(module_strings + used, bi->modules[i].string, len);
        bi->modules[i].string = module_strings + used;
        used += len;
    }
}

static void cpu_init(void)
{
    /* FXSAVE of guest state needs OSFXSR; the hypervisor uses no FPU. */
    write_cr4(read_cr4() | CR4_OSFXSR | (1u << 10) /* OSXMMEXCPT */);
    traps_init();
}

static void log_unknown_key(void *ctx, const char *key, size_t len)
{
    printk("d%u: module key '%.*s' left to the guest\n",
           *(unsigned int *)ctx, (int)len, key);
}

/* At boot no guest runs yet: a failed domain gives everything back at
 * once, so the next one can have its memory. */
static void destroy_now(struct domain *d)
{
    domain_destroy(d);
    while ( domain_destroy_continue() )
        continue;
}

static struct domain *create_boot_domain(unsigned int domid,
                                         const struct boot_module *m)
{
    struct domain_config cfg;
    struct domain *d;
    uint32_t label;
    int rc;

    rc = domain_config_parse(m->string, domid, &cfg, log_unknown_key, &domid);
    if ( rc )
    {
        printk("d%u: bad module string near '%.*s' (%d): not created\n",
               domid, (int)cfg.bad_key_len, cfg.bad_key ? cfg.bad_key : "",
               rc);
        run_note_failed_domain();
        return NULL;
    }
    rc = xsm_domain_config_label(&cfg, &label);
    if ( rc )
    {
        printk("d%u: bad FLASK label '%s' (%d): not created\n", domid,
               cfg.label[0] ? cfg.label : "(default)", rc);
        run_note_failed_domain();
        return NULL;
    }
    d = domain_create(domid, &cfg);
    if ( !d )
    {
        printk("d%u: cannot create domain\n", domid);
        run_note_failed_domain();
        return NULL;
    }
    xsm_domain_labelled(d, label);
    rc = pvh_build_domain(d, maddr_to_virt(m->start), m->end - m->start);
    if ( rc )
    {
        domain_crash(d, "could not be built");
        destroy_now(d);
        run_note_failed_domain();
        return NULL;
    }
    return d;
}

/* target=N names another boot domain; an unknown one is refused. */
static void resolve_targets(void)
{
    struct domain *d, *next;

    for ( d = domain_first(); d; d = next )
    {
        next = d->next_in_list;
        if ( !d->has_target )
            continue;
        if ( !domain_set_target(d, domain_lookup(d->target_id)) )
        {
            printk("d%u: device model of d%u\n", d->domain_id,
                   d->target_id);
            xsm_domain_target_set(d);
            continue;
        }
        printk("d%u: target=%u is not another domain: not started\n",
               d->domain_id, d->target_id);
        domain_crash(d, "bad target");
        destroy_now(d);
        run_note_failed_domain();
    }
}

static bool is_policy_module(const struct boot_module *m)
{
    return xsm_is_policy_module(maddr_to_virt(m->start), m->end - m->start);
}

/*
 * A module holding a FLASK policy is not a domain: the first one goes to
 * XSM, any other is ignored.
 */
static void xsm_init_from_modules(void)
{
    const struct boot_module *policy = NULL;
    unsigned int i;

    for ( i = 0; i < boot_info.nr_modules; i++ )
    {
        const struct boot_module *m = &boot_info.modules[i];

        if ( !is_policy_module(m) )
            continue;
        if ( policy )
            printk("module %u: another FLASK policy: ignored\n", i);
        else
        {
            printk("module %u: FLASK policy\n", i);
            policy = m;
        }
    }
    if ( policy )
        xsm_init(maddr_to_virt(policy->start), policy->end - policy->start);
    else
        xsm_init(NULL, 0);
}

/* Domain ids number the domain modules in order, policies left out. */
static void create_boot_domains(void)
{
    unsigned int i, domid = 0;
    struct domain *d;

    for ( i = 0; i < boot_info.nr_modules; i++ )
        if ( !is_policy_module(&boot_info.modules[i]) )
            create_boot_domain(domid++, &boot_info.modules[i]);
    resolve_targets();
    for ( d = domain_first(); d; d = d->next_in_list )
        sched_add_vcpu(d->vcpu[0]);
}

void __start_xen(uint32_t magic, uint32_t info)
{
    unsigned long free_pages;
    uint64_t tsc_at_entry = rdtsc();

    arch_console_init();
    if ( multiboot_parse(magic, info, &boot_info) )
        panic("not started by a multiboot loader (magic %#x)", magic);
    save_cmdline(boot_info.cmdline);
    save_module_strings(&boot_info);
    printk("Xen-compatible hypervisor %u.%u%s (%s)\n", XEN_VERSION_MAJOR,
           XEN_VERSION_MINOR, XEN_EXTRAVERSION, XEN_CHANGESET);
    printk("Command line: %s\n", cmdline_copy);
    printk("TSC at hypervisor entry: %lu\n", (unsigned long)tsc_at_entry);
    cmdline_parse(cmdline_copy);
    cpu_init();
    memory_init(&boot_info);
    apic_init();
    time_init(tsc_at_entry);        /* system time counts from entry */
    hvm_init();
    xsm_init_from_modules();
    free_pages = total_free_pages();
    create_boot_domains();
    run_domains(free_pages);
}
