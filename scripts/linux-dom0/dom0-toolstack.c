/*
 * A toolstack in a Linux control domain, as users write them: it maps
 * another domain's grant table with xenforeignmemory_map_resource()
 * (XENMEM_acquire_resource through /dev/xen/privcmd), seeds a grant entry
 * there (as a toolstack seeds a guest's console and xenstore grants),
 * and maps the page that domain then grants through /dev/xen/gntdev.
 * The other domain is the guest test "peer" (its protocol:
 * tools/tests/guest/include/resmap.h).
 *
 *   dom0-toolstack look DOMID    map grant frame 0, see the peer's
 *                                pattern, unmap (run with either library)
 *   dom0-toolstack serve DOMID   the whole exchange, then tell the peer
 *                                it is done
 *
 * Prints "PASS: linux/<lib>-<name>" / "FAIL: ..." lines, <lib> from
 * $DOM0_LIB ("ours" or "debian"), and "say:" lines for make run-linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <xenforeignmemory.h>
#include <xen/memory.h>
#include <xen/grant_table.h>
#include <xen/sys/gntdev.h>

/* The peer's side of the exchange (tools/tests/guest/include/resmap.h). */
#define PEER_PATTERN    0x5eed0004u
#define READY_MAGIC     0x4ead7005u
#define DONE_MAGIC      0xd09e0007u
#define MSG_GFN         0x1000u
#define PEER_MESSAGE    "written by the peer into a page it granted"

static const char *lib = "ours";
static int failures;

static int check(const char *name, int ok, const char *fmt, long val)
{
    if ( ok )
        printf("PASS: linux/%s-%s\n", lib, name);
    else
    {
        printf("FAIL: linux/%s-%s: ", lib, name);
        printf(fmt, val);
        printf("\n");
        failures++;
    }
    fflush(stdout);
    return ok;
}

static volatile grant_entry_v1_t *entry(void *gt, unsigned int ref)
{
    return (volatile grant_entry_v1_t *)gt + ref;
}

/* Wait up to 60 s for entry ref's frame to become want. */
static int wait_frame(void *gt, unsigned int ref, uint32_t want)
{
    struct timespec ms = { 0, 1000000 };

    for ( int i = 0; i < 60000; i++ )
    {
        if ( entry(gt, ref)->frame == want )
            return 1;
        nanosleep(&ms, NULL);
    }
    return 0;
}

/* Map the page the peer granted us as ref 0 and read its message. */
static void read_granted_page(uint32_t domid)
{
    struct ioctl_gntdev_map_grant_ref map = { .count = 1 };
    struct ioctl_gntdev_unmap_grant_ref unmap = { .count = 1 };
    int fd = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
    char *page;

    if ( !check("gntdev-open", fd >= 0, "errno %ld", errno) )
        return;
    map.refs[0].domid = domid;
    map.refs[0].ref = 0;
    if ( check("gntdev-map-grant-ref",
               ioctl(fd, IOCTL_GNTDEV_MAP_GRANT_REF, &map) == 0,
               "errno %ld", errno) )
    {
        page = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, map.index);
        if ( check("gntdev-mmap", page != MAP_FAILED, "errno %ld", errno) )
        {
            check("granted-page-message",
                  !strcmp(page, PEER_MESSAGE), "%ld", 0);
            printf("say: the toolstack read d%u's granted page: \"%.60s\"\n",
                   domid, page);
            munmap(page, 4096);
        }
        unmap.index = map.index;
        check("gntdev-unmap", ioctl(fd, IOCTL_GNTDEV_UNMAP_GRANT_REF,
                                    &unmap) == 0, "errno %ld", errno);
    }
    close(fd);
}

/* Seed entry 0: the peer's page MSG_GFN, readable by us (domain 0). */
static void seed_and_read(void *gt, uint32_t domid)
{
    entry(gt, 0)->domid = 0;
    entry(gt, 0)->frame = MSG_GFN;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    entry(gt, 0)->flags = GTF_permit_access;
    printf("say: the toolstack seeded d%u's grant entry 0 (its page %#x, "
           "for d0)\n", domid, MSG_GFN);
    if ( !check("peer-ready", wait_frame(gt, 5, READY_MAGIC), "%ld", 0) )
        return;
    read_granted_page(domid);
}

int main(int argc, char **argv)
{
    xenforeignmemory_handle *fm;
    xenforeignmemory_resource_handle *res;
    void *gt = NULL;
    size_t size = 0;
    uint32_t domid;
    int serve;

    if ( argc != 3 || (strcmp(argv[1], "look") && strcmp(argv[1], "serve")) )
    {
        fprintf(stderr, "usage: dom0-toolstack look|serve DOMID\n");
        return 2;
    }
    serve = !strcmp(argv[1], "serve");
    domid = strtoul(argv[2], NULL, 0);
    if ( getenv("DOM0_LIB") )
        lib = getenv("DOM0_LIB");

    fm = xenforeignmemory_open(NULL, 0);
    if ( !check("fm-open", fm != NULL, "errno %ld", errno) )
        return 1;
    check("resource-size",
          xenforeignmemory_resource_size(fm, domid,
                                         XENMEM_resource_grant_table,
                                         XENMEM_resource_grant_table_id_shared,
                                         &size) == 0 && size > 0,
          "size %ld", size);
    res = xenforeignmemory_map_resource(fm, domid, XENMEM_resource_grant_table,
                                        XENMEM_resource_grant_table_id_shared,
                                        0, 1, &gt, PROT_READ | PROT_WRITE, 0);
    if ( check("map-resource", res != NULL, "errno %ld", errno) )
    {
        printf("say: the toolstack mapped d%u's grant-table frame 0 "
               "(%zu bytes of table) with xenforeignmemory_map_resource\n",
               domid, size);
        check("peer-pattern", wait_frame(gt, 4, PEER_PATTERN),
              "entry 4 frame %#lx", (long)entry(gt, 4)->frame);
        if ( serve )
        {
            seed_and_read(gt, domid);
            entry(gt, 7)->frame = DONE_MAGIC;
        }
        check("unmap-resource", xenforeignmemory_unmap_resource(fm, res) == 0,
              "errno %ld", errno);
    }
    check("fm-close", xenforeignmemory_close(fm) == 0, "errno %ld", errno);
    return failures != 0;
}
