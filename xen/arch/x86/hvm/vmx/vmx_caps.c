/*
 * Decoding the VMX capability MSRs (asm-x86/hvm/vmx/vmx_caps.h).  Pure
 * functions of the values: the hosted unit tests feed them other CPUs'.
 *
 * The control MSRs say in their high half which controls may be 1; EPT
 * counts only with what our EPT code will rely on (4-level walks,
 * write-back paging structures, INVEPT of one or of every context).
 */
#include <xen/lib.h>
#include <asm-x86/hvm/vmx/vmx_caps.h>

#define FC_LOCKED               (1ull << 0)
#define FC_VMXON_OUTSIDE_SMX    (1ull << 2)

#define BASIC_REVISION_MASK     0x7fffffffull
#define BASIC_SIZE_SHIFT        32
#define BASIC_SIZE_MASK         0x1fffull
#define BASIC_32BIT_ADDRESSES   (1ull << 48)
#define BASIC_MEMTYPE_SHIFT     50
#define BASIC_MEMTYPE_MASK      0xfull
#define BASIC_TRUE_CTLS         (1ull << 55)
#define MEMTYPE_WB              6

#define PIN_PREEMPTION_TIMER    (1u << 6)
#define PROC_SECONDARY          (1u << 31)
#define PROC2_EPT               (1u << 1)
#define PROC2_VPID              (1u << 5)
#define PROC2_UNRESTRICTED      (1u << 7)

#define EPT_WALK_4              (1ull << 6)
#define EPT_WB                  (1ull << 14)
#define EPT_2M                  (1ull << 16)
#define EPT_1G                  (1ull << 17)
#define EPT_INVEPT              (1ull << 20)
#define EPT_AD                  (1ull << 21)
#define EPT_INVEPT_SINGLE       (1ull << 25)
#define EPT_INVEPT_ALL          (1ull << 26)
#define VPID_INVVPID            (1ull << 32)
#define VPID_INVVPID_SINGLE     (1ull << 41)
#define VPID_INVVPID_ALL        (1ull << 42)

/* The allowed-1 half of a control MSR. */
static uint32_t allowed1(uint64_t ctls)
{
    return (uint32_t)(ctls >> 32);
}

static enum vmx_firmware decode_firmware(uint64_t fc)
{
    if ( !(fc & FC_LOCKED) )
        return VMX_FW_UNLOCKED;
    return (fc & FC_VMXON_OUTSIDE_SMX) ? VMX_FW_ENABLED : VMX_FW_DISABLED;
}

static bool has_all(uint64_t v, uint64_t bits)
{
    return (v & bits) == bits;
}

static void decode_ept_vpid(uint32_t proc2, uint64_t cap, struct vmx_caps *c)
{
    c->ept = (proc2 & PROC2_EPT) &&
             has_all(cap, EPT_WALK_4 | EPT_WB | EPT_INVEPT) &&
             (cap & (EPT_INVEPT_SINGLE | EPT_INVEPT_ALL));
    c->ept_2m = c->ept && (cap & EPT_2M);
    c->ept_1g = c->ept && (cap & EPT_1G);
    c->ept_ad = c->ept && (cap & EPT_AD);
    c->vpid = (proc2 & PROC2_VPID) && (cap & VPID_INVVPID) &&
              (cap & (VPID_INVVPID_SINGLE | VPID_INVVPID_ALL));
    c->unrestricted = c->ept && (proc2 & PROC2_UNRESTRICTED);
}

bool vmx_has_procbased_ctls2(const struct vmx_msrs *m)
{
    return allowed1(m->procbased_ctls) & PROC_SECONDARY;
}

bool vmx_has_ept_vpid_cap(const struct vmx_msrs *m)
{
    return vmx_has_procbased_ctls2(m) &&
           (allowed1(m->procbased_ctls2) & (PROC2_EPT | PROC2_VPID));
}

void vmx_caps_decode(const struct vmx_msrs *m, struct vmx_caps *c)
{
    uint32_t proc2 = 0;

    memset(c, 0, sizeof(*c));
    c->revision = m->basic & BASIC_REVISION_MASK;
    c->vmcs_size = (m->basic >> BASIC_SIZE_SHIFT) & BASIC_SIZE_MASK;
    c->vmcs_wb = ((m->basic >> BASIC_MEMTYPE_SHIFT) & BASIC_MEMTYPE_MASK) ==
                 MEMTYPE_WB;
    c->phys_32bit = m->basic & BASIC_32BIT_ADDRESSES;
    c->true_ctls = m->basic & BASIC_TRUE_CTLS;
    c->firmware = decode_firmware(m->feature_control);
    c->preemption_timer = allowed1(m->pinbased_ctls) & PIN_PREEMPTION_TIMER;
    c->secondary = vmx_has_procbased_ctls2(m);
    /* An MSR that does not exist means nothing, whatever it holds. */
    if ( c->secondary )
        proc2 = allowed1(m->procbased_ctls2);
    decode_ept_vpid(proc2, vmx_has_ept_vpid_cap(m) ? m->ept_vpid_cap : 0, c);
}

const char *vmx_caps_missing(const struct vmx_caps *c)
{
    if ( c->firmware == VMX_FW_DISABLED )
        return "VMX is disabled by the firmware (IA32_FEATURE_CONTROL "
               "locked without VMXON outside SMX)";
    if ( !c->vmcs_size || c->vmcs_size > 4096 )
        return "the VMCS size in IA32_VMX_BASIC is not 1 to 4096 bytes";
    if ( !c->vmcs_wb )
        return "VMCS regions cannot be write-back memory";
    if ( c->phys_32bit )
        return "VMX structures are limited to 32-bit physical addresses";
    if ( !c->secondary )
        return "no secondary processor-based controls";
    if ( !c->ept )
        return "no EPT with 4-level walks, write-back tables and INVEPT";
    if ( !c->unrestricted )
        return "no unrestricted guest (PVH guests start in 32-bit "
               "protected mode with paging off)";
    return NULL;
}

/* Append ", word" (or "word" first) to buf[0..len), truncating. */
static void add_word(char *buf, size_t len, const char *word)
{
    size_t used = strlen(buf);

    if ( used + 1 >= len )
        return;
    snprintf(buf + used, len - used, "%s%s", used ? ", " : "", word);
}

void vmx_caps_describe(const struct vmx_caps *c, char *buf, size_t len)
{
    char rev[32];

    if ( !len )
        return;
    buf[0] = '\0';
    if ( c->ept )
        add_word(buf, len, c->ept_1g ? "EPT (2M/1G pages)" :
                           c->ept_2m ? "EPT (2M pages)" : "EPT");
    if ( c->vpid )
        add_word(buf, len, "VPID");
    if ( c->unrestricted )
        add_word(buf, len, "unrestricted guest");
    if ( c->preemption_timer )
        add_word(buf, len, "preemption timer");
    snprintf(rev, sizeof(rev), "revision %#x", c->revision);
    add_word(buf, len, rev);
}
