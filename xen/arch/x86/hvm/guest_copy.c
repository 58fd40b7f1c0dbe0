/*
 * Copying between the hypervisor and guest memory.
 *
 * A guest virtual address goes through the guest's page tables (walked in
 * software, asm/guest_walk.h) and then the P2M, one page at a time; only
 * the domain's own RAM is accessible this way.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <asm/hvm.h>
#include <asm/guest_walk.h>

/* Map one guest-physical page of d's RAM, or NULL. */
static void *gpa_page(struct domain *d, uint64_t gpa)
{
    p2m_type_t t;
    mfn_t mfn = p2m_get_entry(d, _gfn(gpa >> PAGE_SHIFT), &t);

    if ( t != p2m_ram_rw )
        return NULL;
    return mfn_to_virt(mfn);
}

void *hvm_gpa_ptr(struct domain *d, uint64_t gpa, size_t len)
{
    uint8_t *page;

    if ( (gpa & (PAGE_SIZE - 1)) + len > PAGE_SIZE )
        return NULL;
    page = gpa_page(d, gpa);
    return page ? page + (gpa & (PAGE_SIZE - 1)) : NULL;
}

int hvm_copy_gpa(struct domain *d, uint64_t gpa, void *buf, size_t len,
                 bool to_guest)
{
    uint8_t *b = buf;

    while ( len )
    {
        size_t off = gpa & (PAGE_SIZE - 1);
        size_t n = min(len, (size_t)(PAGE_SIZE - off));
        uint8_t *page = gpa_page(d, gpa);

        if ( !page )
            return -EFAULT;
        if ( to_guest )
            memcpy(page + off, b, n);
        else
            memcpy(b, page + off, n);
        gpa += n;
        b += n;
        len -= n;
    }
    return 0;
}

static int read_gpa(void *ctx, uint64_t gpa, void *buf, size_t len)
{
    return hvm_copy_gpa(ctx, gpa, buf, len, false);
}

static int gva_to_gpa(struct vcpu *v, uint64_t gva, bool write,
                      uint64_t *gpa)
{
    struct guest_paging pg;

    hvm_get_paging(v, &pg);
    return guest_walk(&pg, gva, write ? GW_WRITE : 0, read_gpa, v->domain,
                      gpa);
}

static int copy_guest_va(uint64_t va, void *buf, size_t len, bool to_guest)
{
    struct vcpu *v = current;
    uint8_t *b = buf;

    while ( len )
    {
        size_t n = min(len, (size_t)(PAGE_SIZE - (va & (PAGE_SIZE - 1))));
        uint64_t gpa;

        if ( gva_to_gpa(v, va, to_guest, &gpa) ||
             hvm_copy_gpa(v->domain, gpa, b, n, to_guest) )
            return -EFAULT;
        va += n;
        b += n;
        len -= n;
    }
    return 0;
}

int copy_from_guest(void *dst, guest_ptr_t src, size_t len)
{
    return copy_guest_va(src.va, dst, len, false);
}

int copy_to_guest(guest_ptr_t dst, const void *src, size_t len)
{
    return copy_guest_va(dst.va, (void *)src, len, true);
}
