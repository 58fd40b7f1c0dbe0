/*
 * Start a guest test kernel as a PVH domU of real Xen from a Linux
 * control domain, with Debian's libxenctrl and libxenforeignmemory only
 * (the reference side of scripts/test-xen417-vmx: Xen 4.17 under Bochs,
 * where no IOMMU means no PVH dom0, so our guests run as domUs there).
 *
 *   dom0-pvh-launch NAME IMAGE [GUEST ARGS...]
 *
 * A guest argument's "@DOMID@" becomes the new domain's id.
 * Builds the domain as a PVH toolstack does: HVM with HAP and a local
 * APIC, RAM populated from guest frame 0, the ELF's PT_LOAD segments
 * copied to their physical addresses, a struct hvm_start_info (command
 * line, memory map) in low memory, and vCPU 0 set up through the HVM
 * save records to the PHYS32_ENTRY note's address in 32-bit flat
 * protected mode with %ebx at the start info.  Then it unpauses the
 * domain, waits for it to shut down (or 300 s), and destroys it.  The
 * guest's own output reaches Xen's console through port 0xe9.
 *
 * Prints "LAUNCH: NAME dN started", "LAUNCH-END: NAME dN REASON" (or
 * "LAUNCH-FAIL: NAME: WHY").
 */
#include <errno.h>
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>
#include <xen/hvm/save.h>
#include <xen/arch-x86/hvm/start_info.h>

#define MEM_MB          32u
#define NR_PAGES        (MEM_MB << 8)
#define START_INFO_GPA  0x6000u     /* low memory the guests never use */
#define CMDLINE_GPA     0x6400u
#define MEMMAP_GPA      0x6c00u
#define ELFNOTE_PHYS32_ENTRY 18
#define WAIT_SECONDS    300

static const char *name;

static int fail(const char *what)
{
    printf("LAUNCH-FAIL: %s: %s: %s\n", name, what, strerror(errno));
    fflush(stdout);
    return 1;
}

static int create(xc_interface *xch, uint32_t *domid)
{
    struct xen_domctl_createdomain cfg = {
        .flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        .max_vcpus = 1,
        .max_evtchn_port = 1023,
        .max_grant_frames = 32,
        .max_maptrack_frames = 1024,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
        .arch = { .emulation_flags = XEN_X86_EMU_LAPIC },
    };

    *domid = 0;     /* Xen chooses */
    return xc_domain_create(xch, domid, &cfg);
}

static int populate(xc_interface *xch, uint32_t domid)
{
    static xen_pfn_t pfns[NR_PAGES];
    struct e820entry ram = { 0, (uint64_t)NR_PAGES << 12, 1 /* RAM */ };

    for ( unsigned int i = 0; i < NR_PAGES; i++ )
        pfns[i] = i;
    /* The maximum with 1 MiB to spare, as xl does (shared info...). */
    if ( xc_domain_setmaxmem(xch, domid, (MEM_MB + 1) * 1024) ||
         xc_domain_set_memory_map(xch, domid, &ram, 1) )
        return -1;
    return xc_domain_populate_physmap_exact(xch, domid, NR_PAGES, 0, 0, pfns);
}

/* The image's bytes, and its PHYS32_ENTRY note (0: none). */
struct image {
    unsigned char *data;
    size_t size;
    uint32_t entry;
};

static int read_image(const char *path, struct image *img)
{
    FILE *f = fopen(path, "rb");
    long n;

    if ( !f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 ||
         fseek(f, 0, SEEK_SET) )
        return -1;
    img->size = n;
    img->data = malloc(n);
    if ( !img->data || fread(img->data, 1, n, f) != (size_t)n )
        return -1;
    fclose(f);
    return 0;
}

/* One program header, from an ELF32 or ELF64 image. */
struct phdr {
    uint32_t type;
    uint64_t offset, paddr, filesz, memsz;
};

static int phdr_at(const struct image *img, unsigned int i, struct phdr *p)
{
    const Elf64_Ehdr *e64 = (const void *)img->data;
    const Elf32_Ehdr *e32 = (const void *)img->data;
    int is64 = img->data[EI_CLASS] == ELFCLASS64;
    uint64_t off = is64 ? e64->e_phoff + (uint64_t)i * e64->e_phentsize
                        : e32->e_phoff + (uint64_t)i * e32->e_phentsize;

    if ( off + (is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)) > img->size )
        return -1;
    if ( is64 )
    {
        const Elf64_Phdr *h = (const void *)(img->data + off);

        *p = (struct phdr){ h->p_type, h->p_offset, h->p_paddr, h->p_filesz,
                            h->p_memsz };
    }
    else
    {
        const Elf32_Phdr *h = (const void *)(img->data + off);

        *p = (struct phdr){ h->p_type, h->p_offset, h->p_paddr, h->p_filesz,
                            h->p_memsz };
    }
    return p->offset + p->filesz > img->size ? -1 : 0;
}

static unsigned int phnum(const struct image *img)
{
    return img->data[EI_CLASS] == ELFCLASS64
           ? ((const Elf64_Ehdr *)img->data)->e_phnum
           : ((const Elf32_Ehdr *)img->data)->e_phnum;
}

/* The "Xen" note PHYS32_ENTRY in a PT_NOTE segment. */
static void find_entry(struct image *img, const struct phdr *p)
{
    uint64_t at = p->offset, end = p->offset + p->filesz;

    while ( at + 12 <= end )
    {
        const uint32_t *n = (const void *)(img->data + at);
        uint64_t name_at = at + 12, desc_at = name_at + ((n[0] + 3) & ~3u);

        if ( desc_at + n[1] > end )
            return;
        if ( n[0] == 4 && !memcmp(img->data + name_at, "Xen", 4) &&
             n[2] == ELFNOTE_PHYS32_ENTRY && n[1] >= 4 )
            memcpy(&img->entry, img->data + desc_at, 4);
        at = desc_at + ((n[1] + 3) & ~3u);
    }
}

/* The guest's arguments with @DOMID@ replaced by domid. */
static void make_cmdline(char *out, size_t size, char **args, int n,
                         uint32_t domid)
{
    size_t len = 0;

    out[0] = '\0';
    for ( int i = 0; i < n && len < size; i++ )
    {
        const char *at = strstr(args[i], "@DOMID@");

        len += at ? snprintf(out + len, size - len, "%s%.*s%u%s",
                             i ? " " : "", (int)(at - args[i]), args[i],
                             domid, at + 7)
                  : snprintf(out + len, size - len, "%s%s", i ? " " : "",
                             args[i]);
    }
}

/* Guest RAM [0, MEM_MB) mapped here for loading. */
static int load(xenforeignmemory_handle *fm, uint32_t domid,
                struct image *img, const char *cmdline)
{
    static xen_pfn_t pfns[NR_PAGES];
    static int errs[NR_PAGES];
    uint8_t *ram;
    struct hvm_start_info *si;
    struct hvm_memmap_table_entry *map;

    if ( memcmp(img->data, ELFMAG, SELFMAG) )
        return errno = ENOEXEC, -1;
    for ( unsigned int i = 0; i < NR_PAGES; i++ )
        pfns[i] = i;
    ram = xenforeignmemory_map(fm, domid, PROT_READ | PROT_WRITE, NR_PAGES,
                               pfns, errs);
    if ( !ram )
        return -1;
    for ( unsigned int i = 0; i < phnum(img); i++ )
    {
        struct phdr p;

        if ( phdr_at(img, i, &p) )
            return errno = ENOEXEC, -1;
        if ( p.type == PT_NOTE )
            find_entry(img, &p);
        if ( p.type != PT_LOAD || !p.memsz )
            continue;
        if ( p.paddr + p.memsz > (uint64_t)NR_PAGES << 12 )
            return errno = EFBIG, -1;
        memcpy(ram + p.paddr, img->data + p.offset, p.filesz);
        memset(ram + p.paddr + p.filesz, 0, p.memsz - p.filesz);
    }
    if ( !img->entry )
        return errno = ENOEXEC, -1;
    si = (void *)(ram + START_INFO_GPA);
    map = (void *)(ram + MEMMAP_GPA);
    memset(si, 0, sizeof(*si));
    si->magic = XEN_HVM_START_MAGIC_VALUE;
    si->version = 1;
    snprintf((char *)ram + CMDLINE_GPA, MEMMAP_GPA - CMDLINE_GPA, "%s",
             cmdline);
    si->cmdline_paddr = CMDLINE_GPA;
    map[0] = (struct hvm_memmap_table_entry){
        .addr = 0, .size = (uint64_t)NR_PAGES << 12,
        .type = XEN_HVM_MEMMAP_TYPE_RAM };
    si->memmap_paddr = MEMMAP_GPA;
    si->memmap_entries = 1;
    return xenforeignmemory_unmap(fm, ram, NR_PAGES);
}

/* Record code's descriptor (instance 0) in a whole context, or NULL. */
static const struct hvm_save_descriptor *record(const uint8_t *buf,
                                                uint32_t size, uint16_t code)
{
    for ( uint32_t at = 0; at + sizeof(struct hvm_save_descriptor) <= size; )
    {
        const struct hvm_save_descriptor *d = (const void *)(buf + at);

        if ( at + sizeof(*d) + d->length > size )
            break;
        if ( d->typecode == code && d->instance == 0 )
            return d;
        if ( d->typecode == 0 )
            break;
        at += sizeof(*d) + d->length;
    }
    return NULL;
}

/* One save record: its descriptor, then its data. */
struct rec_hdr {
    struct hvm_save_descriptor d;
    struct hvm_save_header h;
};
struct rec_cpu {
    struct hvm_save_descriptor d;
    struct hvm_hw_cpu c;
};
struct rec_mtrr {
    struct hvm_save_descriptor d;
    struct hvm_hw_mtrr m;
};

/*
 * vCPU 0 at the PVH entry, set as a PVH toolstack sets it: the domain's
 * header record, a CPU record in 32-bit flat protected mode at entry
 * with %ebx = start info, the MTRR record with write-back as the default
 * type (a PVH guest has no firmware to set it), and the end record.
 * The header can only be had with the whole context (Xen refuses it on
 * its own), which Xen 4.17.7 builds from vCPU 0: asked before
 * XEN_DOMCTL_max_vcpus made one, it dereferences NULL (vpic_save).
 */
static int set_entry_state(xc_interface *xch, uint32_t domid, uint32_t entry)
{
    struct {
        struct rec_hdr hdr;
        struct rec_cpu cpu;
        struct rec_mtrr mtrr;
        struct hvm_save_descriptor end;
    } ctx = {
        .hdr.d = { HVM_SAVE_CODE(HEADER), 0, sizeof(struct hvm_save_header) },
        .cpu.d = { HVM_SAVE_CODE(CPU), 0, sizeof(struct hvm_hw_cpu) },
        .mtrr.d = { HVM_SAVE_CODE(MTRR), 0, sizeof(struct hvm_hw_mtrr) },
    };
    struct hvm_hw_cpu *c = &ctx.cpu.c;

    /* The records must follow each other with no padding between. */
    _Static_assert(sizeof(ctx) == sizeof(struct rec_hdr) +
                   sizeof(struct rec_cpu) + sizeof(struct rec_mtrr) +
                   sizeof(struct hvm_save_descriptor), "padded records");
    _Static_assert(sizeof(struct rec_hdr) == 8 + sizeof(struct hvm_save_header)
                   && sizeof(struct rec_cpu) == 8 + sizeof(struct hvm_hw_cpu)
                   && sizeof(struct rec_mtrr) == 8 + sizeof(struct hvm_hw_mtrr),
                   "padded record");

    int size = xc_domain_hvm_getcontext(xch, domid, NULL, 0);
    uint8_t *all = size > 0 ? calloc(1, size) : NULL;
    const struct hvm_save_descriptor *hdr, *mtrr;

    if ( !all || xc_domain_hvm_getcontext(xch, domid, all, size) <= 0 )
        return -1;
    hdr = record(all, size, HVM_SAVE_CODE(HEADER));
    mtrr = record(all, size, HVM_SAVE_CODE(MTRR));
    if ( !hdr || hdr->length != sizeof(ctx.hdr.h) || !mtrr ||
         mtrr->length != sizeof(ctx.mtrr.m) )
        return errno = ENOENT, -1;
    memcpy(&ctx.hdr.h, hdr + 1, sizeof(ctx.hdr.h));
    memcpy(&ctx.mtrr.m, mtrr + 1, sizeof(ctx.mtrr.m));
    free(all);
    c->cr0 = 0x11;                          /* PE, ET */
    c->rip = entry;
    c->rbx = START_INFO_GPA;
    c->rflags = 2;
    c->cs_limit = c->ds_limit = c->es_limit = c->ss_limit = ~0u;
    c->cs_arbytes = 0xc9b;                  /* 32-bit code, present */
    c->ds_arbytes = c->es_arbytes = c->ss_arbytes = 0xc93;
    c->tr_limit = 0x67;
    c->tr_arbytes = 0x8b;                   /* busy 32-bit TSS */
    ctx.mtrr.m.msr_mtrr_def_type = 6 | (1u << 11); /* WB, MTRRs enabled */
    return xc_domain_hvm_setcontext(xch, domid, (uint8_t *)&ctx, sizeof(ctx));
}

static const char *reason_name(unsigned int r)
{
    static const char *const names[] = { "poweroff", "reboot", "suspend",
                                         "crash", "watchdog", "soft_reset" };

    return r < sizeof(names) / sizeof(names[0]) ? names[r] : "unknown";
}

/* Until the domain shuts down: its reason, or "timeout". */
static const char *wait_for_end(xc_interface *xch, uint32_t domid)
{
    struct timespec tick = { 0, 100000000 };

    for ( unsigned int i = 0; i < WAIT_SECONDS * 10; i++ )
    {
        xc_dominfo_t info;

        if ( xc_domain_getinfo(xch, domid, 1, &info) != 1 ||
             info.domid != domid )
            return "gone";
        if ( info.shutdown || info.crashed )
            return info.crashed ? "crash" : reason_name(info.shutdown_reason);
        nanosleep(&tick, NULL);
    }
    return "timeout";
}

int main(int argc, char **argv)
{
    char cmdline[1024];
    xc_interface *xch;
    xenforeignmemory_handle *fm;
    struct image img = { 0 };
    uint32_t domid;

    if ( argc < 3 )
    {
        fprintf(stderr, "usage: %s NAME IMAGE [GUEST ARGS...]\n", argv[0]);
        return 2;
    }
    name = argv[1];
    xch = xc_interface_open(NULL, NULL, 0);
    fm = xenforeignmemory_open(NULL, 0);
    if ( !xch || !fm )
        return fail("open /dev/xen/privcmd");
    if ( read_image(argv[2], &img) )
        return fail("read the image");
    if ( create(xch, &domid) )
        return fail("createdomain");
    if ( xc_domain_max_vcpus(xch, domid, 1) )
        return fail("max_vcpus");
    make_cmdline(cmdline, sizeof(cmdline), argv + 3, argc - 3, domid);
    if ( populate(xch, domid) )
        return fail("memory");
    if ( load(fm, domid, &img, cmdline) )
        return fail("load the image");
    if ( set_entry_state(xch, domid, img.entry) )
        return fail("vCPU state");
    if ( xc_domain_unpause(xch, domid) )
        return fail("unpause");
    printf("LAUNCH: %s d%u started\n", name, domid);
    fflush(stdout);
    printf("LAUNCH-END: %s d%u %s\n", name, domid, wait_for_end(xch, domid));
    fflush(stdout);
    xc_domain_destroy(xch, domid);
    return 0;
}
