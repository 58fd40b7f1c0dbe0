/*
 * Hosted tests of arch/x86/mm/p2m_format.c: the NPT and EPT encodings of
 * every P2M type and of table entries (Intel SDM vol. 3, 29.3.2 for EPT;
 * AMD APM vol. 2, 15.25 for nested paging), and that the shared decoders
 * give back the frame and the type.
 */
#include <xen/lib.h>
#include <asm-x86/p2m_format.h>

#include "unit.h"

#define EPT_R   1ULL
#define EPT_W   2ULL
#define EPT_X   4ULL
#define EPT_RWX 7ULL
#define EPT_MT(e)  (((e) >> 3) & 7)
#define EPT_IPAT   (1ULL << 6)
#define EPT_PS     (1ULL << 7)
/* Bits neither format may set in our entries: 11:8 (A/D, user-exec, ignored
 * in EPT; A/D/G/ignored in NPT) and 63:56 (XD in NPT, suppress-#VE in EPT). */
#define NEVER_SET  (0xf00ULL | (0xffULL << 56))

static const p2m_type_t types[] = {
    p2m_ram_rw, p2m_map_foreign, p2m_grant_map_rw, p2m_grant_map_ro,
};
static const mfn_t mfns[] = { { 0 }, { 1 }, { 0x12345 }, { 0xffffffffffUL } };

static void test_round_trip(const struct p2m_format *f)
{
    unsigned int i, j;
    char name[64];

    for ( i = 0; i < ARRAY_SIZE(types); i++ )
        for ( j = 0; j < ARRAY_SIZE(mfns); j++ )
        {
            uint64_t e = f->leaf(mfns[j], types[i]);

            snprintf(name, sizeof(name), "p2m_%s_leaf_round_trip_%u_%u",
                     f->name, i, j);
            CHECK(name, p2m_entry_present(f, e) &&
                        p2m_entry_type(e) == types[i] &&
                        mfn_x(p2m_entry_mfn(e)) == mfn_x(mfns[j]) &&
                        !(e & NEVER_SET));
        }
}

static void test_npt(void)
{
    uint64_t rw = p2m_format_npt.leaf(_mfn(5), p2m_ram_rw);
    uint64_t ro = p2m_format_npt.leaf(_mfn(5), p2m_grant_map_ro);
    uint64_t t = p2m_format_npt.table(0x123000);

    /* Present, user (nested walks are user accesses), writable. */
    CHECK_EQ("p2m_npt_ram_bits", rw & 0xfff, 0x7);
    CHECK_EQ("p2m_npt_grant_ro_not_writable", ro & 0xfff, 0x5);
    CHECK_EQ("p2m_npt_table", t, 0x123007);
    CHECK("p2m_npt_zero_not_present", !p2m_entry_present(&p2m_format_npt, 0));
}

static void test_ept(void)
{
    const struct p2m_format *f = &p2m_format_ept;
    uint64_t ram = f->leaf(_mfn(5), p2m_ram_rw);
    uint64_t frn = f->leaf(_mfn(5), p2m_map_foreign);
    uint64_t grw = f->leaf(_mfn(5), p2m_grant_map_rw);
    uint64_t gro = f->leaf(_mfn(5), p2m_grant_map_ro);
    uint64_t t = f->table(0x123000);
    unsigned int i;

    CHECK_EQ("p2m_ept_ram_rwx", ram & EPT_RWX, EPT_RWX);
    CHECK_EQ("p2m_ept_foreign_rw", frn & EPT_RWX, EPT_R | EPT_W);
    CHECK_EQ("p2m_ept_grant_rw", grw & EPT_RWX, EPT_R | EPT_W);
    CHECK_EQ("p2m_ept_grant_ro_read_only", gro & EPT_RWX, EPT_R);
    for ( i = 0; i < ARRAY_SIZE(types); i++ )
    {
        uint64_t e = f->leaf(_mfn(5), types[i]);

        /* Write-back, guest PAT honoured, a 4 KiB leaf; never W
         * without R (an EPT misconfiguration). */
        CHECK_EQ("p2m_ept_leaf_memtype_wb", EPT_MT(e), 6);
        CHECK("p2m_ept_leaf_no_ipat_no_ps", !(e & (EPT_IPAT | EPT_PS)));
        CHECK("p2m_ept_leaf_no_write_only", (e & EPT_R) || !(e & EPT_W));
        CHECK_EQ("p2m_ept_leaf_addr", e & P2M_ADDR_MASK, 0x5000);
    }
    /* Table entries: all access, bits 7:3 reserved (zero). */
    CHECK_EQ("p2m_ept_table", t, 0x123000 | EPT_RWX);
    CHECK("p2m_ept_zero_not_present", !p2m_entry_present(f, 0));
    CHECK("p2m_ept_type_bits_not_present",
          !p2m_entry_present(f, (uint64_t)p2m_ram_rw << P2M_TYPE_SHIFT));
}

int main(void)
{
    test_round_trip(&p2m_format_npt);
    test_round_trip(&p2m_format_ept);
    test_npt();
    test_ept();
    return unit_done();
}
