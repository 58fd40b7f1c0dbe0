/*
 * __start_xen: from the boot loader's hand-over to running domains.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/boot_modules.h>
#include <xen/dom0_options.h>
#include <xen/domain_config.h>
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

/*
 * Domain 0 takes Xen's dom0_mem= and dom0_max_vcpus= (xen/dom0_options.h):
 * all its settings as a Linux kernel (which is also the control domain,
 * as Xen's dom0), the defaults its keys override as one of our guests.
 */
static void apply_dom0_options(struct domain_config *cfg, bool linux_kernel)
{
    unsigned long pages;

    if ( linux_kernel )
        cfg->role = DOMROLE_CONTROL;
    if ( (linux_kernel || dom0_mem_given()) && !cfg->mem_given )
    {
        pages = dom0_mem_pages_of(total_free_pages());
        cfg->mem_mb = min(pages >> (20 - PAGE_SHIFT),
                          (unsigned long)DOMCFG_MEM_MAX_MB);
        if ( !cfg->mem_mb )
            cfg->mem_mb = 1;
    }
    if ( dom0_vcpus_given() && !cfg->vcpus_given )
        cfg->vcpus = dom0_vcpus(1);
    if ( linux_kernel && cfg->vcpus > 1 )
    {
        /* Linux starts its other vCPUs with INIT/SIPI, which we lack. */
        printk("d0: dom0_max_vcpus asks for %u vCPUs: a Linux dom0 gets 1 "
               "here\n", cfg->vcpus);
        cfg->vcpus = 1;
    }
}

static int boot_domain_config(unsigned int domid, const struct boot_module *m,
                              enum boot_module_kind kind,
                              struct domain_config *cfg)
{
    int rc;

    if ( kind == BOOTMOD_LINUX )
    {
        rc = domain_config_whole_cmdline(m->string, domid, cfg);
        if ( !rc )
            printk("d%u: a Linux kernel: its module string is its command "
                   "line%s\n", domid, domid ? "" : "; dom0_* options apply");
    }
    else
        rc = domain_config_parse(m->string, domid, cfg, log_unknown_key,
                                 &domid);
    if ( !rc && domid == 0 )
        apply_dom0_options(cfg, kind == BOOTMOD_LINUX);
    return rc;
}

/* The words after an initramfs module's file name. */
static const char *module_args(const char *s)
{
    while ( *s == ' ' )
        s++;
    while ( *s && *s != ' ' )
        s++;
    while ( *s == ' ' )
        s++;
    return s;
}

static struct domain *create_boot_domain(unsigned int domid,
                                         const struct boot_module *m,
                                         enum boot_module_kind kind,
                                         const struct boot_module *initrd_mod)
{
    struct domain_config cfg;
    struct boot_initrd initrd;
    struct domain *d;
    uint32_t label;
    int rc;

    rc = boot_domain_config(domid, m, kind, &cfg);
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
    if ( initrd_mod )
        initrd = (struct boot_initrd){
            .data = maddr_to_virt(initrd_mod->start),
            .size = initrd_mod->end - initrd_mod->start,
            .cmdline = module_args(initrd_mod->string),
        };
    rc = pvh_build_domain(d, maddr_to_virt(m->start), m->end - m->start,
                          initrd_mod ? &initrd : NULL);
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

static enum boot_module_kind module_kind(const struct boot_module *m)
{
    if ( is_policy_module(m) )
        return BOOTMOD_POLICY;
    return boot_module_classify(maddr_to_virt(m->start), m->end - m->start);
}

/* Domains in module order (xen/boot_modules.h says which is which). */
static void create_boot_domains(void)
{
    enum boot_module_kind kinds[BOOT_MAX_MODULES] = { 0 };
    struct boot_module_role roles[BOOT_MAX_MODULES];
    unsigned int i, n = boot_info.nr_modules;
    struct domain *d;

    for ( i = 0; i < n; i++ )
        kinds[i] = module_kind(&boot_info.modules[i]);
    boot_modules_plan(kinds, n, roles);
    for ( i = 0; i < n; i++ )
    {
        if ( roles[i].domid < 0 )
            continue;
        if ( roles[i].initrd >= 0 )
            printk("module %d: the initramfs of d%d\n", roles[i].initrd,
                   roles[i].domid);
        create_boot_domain(roles[i].domid, &boot_info.modules[i], kinds[i],
                           roles[i].initrd >= 0 ?
                           &boot_info.modules[roles[i].initrd] : NULL);
    }
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
    time_init(tsc_at_entry);        /* system time counts from entry */
    apic_init();                    /* its tick is measured by the TSC */
    hvm_init();
    xsm_init_from_modules();
    free_pages = total_free_pages();
    create_boot_domains();
    run_domains(free_pages);
}
