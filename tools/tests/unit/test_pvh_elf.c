/*
 * Hosted tests of common/pvh_elf.c on images built by elfgen, then
 * corrupted one field at a time; plus any real guest images found in
 * tools/tests/guest/build/.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pvh_elf.h>

#include "elfgen.h"
#include "unit.h"

#define IMG_MAX 16384
#define REAL_MAX (64u << 20)

static uint8_t img[IMG_MAX];
static struct elfgen_layout lay;

static int build(const struct elfgen *g)
{
    size_t n = elfgen_build(g, img, sizeof(img), &lay);
    struct pvh_elf_info info;

    return n ? pvh_elf_parse(img, n, &info) : -E2BIG;
}

/* Fake guest memory for pvh_elf_load(). */
static uint8_t guest[0x200000];

static int copy_cb(void *ctx, uint64_t gpa, const void *src, size_t len)
{
    (void)ctx;
    if ( gpa > sizeof(guest) || len > sizeof(guest) - gpa )
        return -EFAULT;
    memcpy(guest + gpa, src, len);
    return 0;
}

static int zero_cb(void *ctx, uint64_t gpa, size_t len)
{
    (void)ctx;
    if ( gpa > sizeof(guest) || len > sizeof(guest) - gpa )
        return -EFAULT;
    memset(guest + gpa, 0, len);
    return 0;
}

static void test_valid(void)
{
    static const struct { bool is64; uint16_t m; unsigned int desc; } v[] = {
        { true, 62, 8 }, { true, 62, 4 }, { false, 3, 4 }, { false, 62, 8 },
    };
    struct pvh_elf_info info;
    struct elfgen g;
    char name[40];
    unsigned int i;
    size_t n;
    int rc;

    for ( i = 0; i < ARRAY_SIZE(v); i++ )
    {
        elfgen_default(&g, v[i].is64);
        g.machine = v[i].m;
        g.desc_size = v[i].desc;
        g.entry = 0xffffffff00100020ULL;     /* only the low half counts */
        n = elfgen_build(&g, img, sizeof(img), &lay);
        rc = pvh_elf_parse(img, n, &info);
        snprintf(name, sizeof(name), "pvh-elf-valid-%u", i);
        unit_result(rc == 0 && info.entry == 0x100020 && info.nr_segs == 1 &&
                    info.elf_class == (v[i].is64 ? 64u : 32u) &&
                    info.machine == v[i].m && info.load_end == 0x101000 &&
                    info.load_start == 0x100000, name, "rc %d entry %#x",
                    rc, info.entry);
    }

    /* Load it and look at guest memory. */
    memset(guest, 0xee, sizeof(guest));
    rc = pvh_elf_load(&info, img, sizeof(guest), copy_cb, zero_cb, NULL);
    CHECK("pvh-elf-load", rc == 0 && guest[0x100000] == 1 &&
          guest[0x1002ff] == 1 && guest[0x100300] == 0 &&
          guest[0x100fff] == 0 && guest[0x101000] == 0xee &&
          guest[0xfffff] == 0xee);
}

static void test_notes(void)
{
    struct elfgen g;

    elfgen_default(&g, true);
    g.note = NOTE_SECTION;
    CHECK_EQ("pvh-elf-note-in-section", build(&g), 0);
    g.note = NOTE_NONE;
    CHECK_EQ("pvh-elf-no-note", build(&g), -ENOENT);
    g.note = NOTE_PHDR;
    g.note_type = 17;
    CHECK_EQ("pvh-elf-other-note", build(&g), -ENOENT);
    g.note_type = 18;
    g.desc_size = 2;
    CHECK_EQ("pvh-elf-note-bad-desc", build(&g), -EINVAL);

    elfgen_default(&g, false);
    elfgen_build(&g, img, sizeof(img), &lay);
    elfgen_wr(img + lay.note_off + 4, 0x1000, 4);   /* descsz overruns */
    {
        struct pvh_elf_info info;
        CHECK_EQ("pvh-elf-note-overrun",
                 pvh_elf_parse(img, lay.size, &info), -EINVAL);
    }
}

static int parse_mutated(bool is64, size_t off, uint64_t val, unsigned int n)
{
    struct pvh_elf_info info;
    struct elfgen g;

    elfgen_default(&g, is64);
    elfgen_build(&g, img, sizeof(img), &lay);
    elfgen_wr(img + off, val, n);
    return pvh_elf_parse(img, lay.size, &info);
}

static void test_headers(void)
{
    struct pvh_elf_info info;
    struct elfgen g;

    CHECK_EQ("pvh-elf-bad-magic", parse_mutated(true, 1, 'e', 1), -ENOEXEC);
    CHECK_EQ("pvh-elf-bad-class", parse_mutated(true, 4, 3, 1), -ENOEXEC);
    CHECK_EQ("pvh-elf-big-endian", parse_mutated(true, 5, 2, 1), -ENOEXEC);
    CHECK_EQ("pvh-elf-bad-version", parse_mutated(true, 6, 0, 1), -ENOEXEC);
    CHECK_EQ("pvh-elf-not-exec", parse_mutated(true, 16, 3, 2), -ENOEXEC);
    CHECK_EQ("pvh-elf-64-i386", parse_mutated(true, 18, 3, 2), -ENOEXEC);
    CHECK_EQ("pvh-elf-arm", parse_mutated(false, 18, 40, 2), -ENOEXEC);
    CHECK_EQ("pvh-elf-phoff-out", parse_mutated(true, 32, 1ULL << 40, 8),
             -EINVAL);
    CHECK_EQ("pvh-elf-phoff-wrap", parse_mutated(true, 32, ~0ULL - 8, 8),
             -EINVAL);
    CHECK_EQ("pvh-elf-phentsize-small", parse_mutated(true, 54, 40, 2),
             -EINVAL);
    CHECK_EQ("pvh-elf-phnum-huge", parse_mutated(false, 44, 0xffff, 2),
             -EINVAL);
    CHECK_EQ("pvh-elf-phnum-zero", parse_mutated(false, 44, 0, 2), -EINVAL);

    elfgen_default(&g, true);
    elfgen_build(&g, img, sizeof(img), &lay);
    CHECK_EQ("pvh-elf-truncated-ident", pvh_elf_parse(img, 10, &info),
             -ENOEXEC);
    CHECK_EQ("pvh-elf-truncated-ehdr", pvh_elf_parse(img, 40, &info),
             -EINVAL);
    CHECK_EQ("pvh-elf-truncated-phdrs", pvh_elf_parse(img, 100, &info),
             -EINVAL);
    CHECK_EQ("pvh-elf-truncated-segment",
             pvh_elf_parse(img, lay.size - 1, &info), -EINVAL);
    CHECK_EQ("pvh-elf-null", pvh_elf_parse(NULL, 100, &info), -ENOEXEC);
}

static void test_segments(void)
{
    size_t ph = 64;         /* first phdr of a default ELF64 image */
    struct elfgen g;

    CHECK_EQ("pvh-elf-filesz-gt-memsz", parse_mutated(true, ph + 40, 0x10, 8),
             -EINVAL);
    CHECK_EQ("pvh-elf-offset-out", parse_mutated(true, ph + 8, 1ULL << 33, 8),
             -EINVAL);
    CHECK_EQ("pvh-elf-offset-wrap", parse_mutated(true, ph + 8, ~0ULL, 8),
             -EINVAL);
    CHECK_EQ("pvh-elf-paddr-wrap",
             parse_mutated(true, ph + 24, ~0ULL - 0x10, 8), -EINVAL);
    CHECK_EQ("pvh-elf-32-paddr-wrap",
             parse_mutated(false, 52 + 12, 0xfffff000u, 4), -EINVAL);

    elfgen_default(&g, true);
    g.nsegs = 2;
    g.segs[1].paddr = 0x100800;             /* overlaps segment 0 */
    g.segs[1].filesz = g.segs[1].memsz = 0x100;
    CHECK_EQ("pvh-elf-overlap", build(&g), -EINVAL);
    g.segs[1].paddr = 0x101000;
    CHECK_EQ("pvh-elf-two-segs", build(&g), 0);
    g.nsegs = 1;
    g.segs[0].memsz = 0;
    CHECK_EQ("pvh-elf-no-load", build(&g), -EINVAL);
}

static void test_load_checks(void)
{
    struct pvh_elf_info info;
    struct elfgen g;
    size_t n;

    elfgen_default(&g, true);
    n = elfgen_build(&g, img, sizeof(img), &lay);
    CHECK_EQ("pvh-elf-parse-for-load", pvh_elf_parse(img, n, &info), 0);
    CHECK_EQ("pvh-elf-beyond-guest-mem",
             pvh_elf_load(&info, img, 0x100800, copy_cb, zero_cb, NULL),
             -ENOMEM);
    CHECK_EQ("pvh-elf-exact-fit",
             pvh_elf_load(&info, img, 0x101000, copy_cb, zero_cb, NULL), 0);

    g.entry = 0x100400;                     /* in the bss part */
    n = elfgen_build(&g, img, sizeof(img), &lay);
    pvh_elf_parse(img, n, &info);
    CHECK_EQ("pvh-elf-entry-in-bss",
             pvh_elf_load(&info, img, sizeof(guest), copy_cb, zero_cb, NULL),
             -EINVAL);
    g.entry = 0x200000;
    n = elfgen_build(&g, img, sizeof(img), &lay);
    pvh_elf_parse(img, n, &info);
    CHECK_EQ("pvh-elf-entry-outside",
             pvh_elf_load(&info, img, sizeof(guest), copy_cb, zero_cb, NULL),
             -EINVAL);

    /* The bss runs past guest[]: zero_cb fails, and load says so. */
    g.entry = 0x1f0010;
    g.segs[0].paddr = 0x1f0000;
    g.segs[0].memsz = 0x20000;
    n = elfgen_build(&g, img, sizeof(img), &lay);
    pvh_elf_parse(img, n, &info);
    CHECK_EQ("pvh-elf-callback-error-passed",
             pvh_elf_load(&info, img, 1ULL << 32, copy_cb, zero_cb, NULL),
             -EFAULT);
}

/* Real guest images, if the guest tests have been built. */
static void test_real_images(void)
{
    char dir[512], path[1024], name[300];
    struct pvh_elf_info info;
    struct dirent *de;
    DIR *d;

    snprintf(dir, sizeof(dir), "%s/tools/tests/guest/build",
             getenv("XEN_ROOT") ? getenv("XEN_ROOT") : "../../..");
    if ( !(d = opendir(dir)) )
        return;
    while ( (de = readdir(d)) )
    {
        size_t len = strlen(de->d_name);
        FILE *f;
        uint8_t *buf;
        size_t n;

        if ( len < 3 || (strcmp(de->d_name + len - 3, "-64") &&
                         strcmp(de->d_name + len - 3, "-32")) )
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if ( !(f = fopen(path, "rb")) )
            continue;
        buf = malloc(REAL_MAX);
        n = buf ? fread(buf, 1, REAL_MAX, f) : 0;
        fclose(f);
        snprintf(name, sizeof(name), "pvh-elf-real-%s", de->d_name);
        if ( n && n < REAL_MAX )     /* larger ones are not test guests */
            unit_result(pvh_elf_parse(buf, n, &info) == 0, name, "%s",
                        path);
        free(buf);
    }
    closedir(d);
}

int main(void)
{
    test_valid();
    test_notes();
    test_headers();
    test_segments();
    test_load_checks();
    test_real_images();
    return unit_done();
}
