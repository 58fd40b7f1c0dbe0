/*
 * The HVM layer between the vendor's exit handling (SVM or VMX) and the
 * rest: what an intercepted instruction does, independent of how the
 * CPU reported it, and the one table of vendor operations (as Xen's
 * hvm_funcs) through which everything above the vendor code reaches
 * the guest's CPU state.  Only hvm/svm/ knows the VMCB, only hvm/vmx/
 * the VMCS.
 */
#ifndef ASM_X86_HVM_H
#define ASM_X86_HVM_H

#include <xen/types.h>
#include <xen/mm.h>
#include <asm/processor.h>
#include <asm/guest_walk.h>

struct vcpu;
struct domain;

/* Segment registers: the first six in the instruction encoding's order. */
enum hvm_seg {
    HVM_SEG_ES, HVM_SEG_CS, HVM_SEG_SS, HVM_SEG_DS, HVM_SEG_FS, HVM_SEG_GS,
    HVM_SEG_TR, HVM_SEG_LDTR, HVM_SEG_GDTR, HVM_SEG_IDTR,
};

/* A segment register's state; attr packs descriptor bits 8-15 in 0-7
 * and 20-23 in 8-11 (SEG_ATTR_* in asm/x86-defns.h), for every vendor. */
struct hvm_seg_state {
    uint16_t sel;
    uint16_t attr;
    uint32_t limit;
    uint64_t base;
};

/*
 * The vendor layer.  The guest's general registers, RIP and RFLAGS are
 * always in v->arch.regs (the vendor copies them to and from its own
 * structure around each guest run); everything else of the guest's CPU
 * state is reached through these operations, which act on a vCPU that
 * is not running (the current one between two exits, or one being
 * built).
 */
struct hvm_funcs {
    const char *name;
    /* The hypercall page's instruction: VMMCALL or VMCALL (3 bytes). */
    uint8_t hypercall_insn[3];
    int (*vcpu_create)(struct vcpu *v);
    void (*vcpu_destroy)(struct vcpu *v);
    /* The PVH entry state: 32-bit flat protected mode, paging off, %ebx. */
    void (*set_pvh_entry)(struct vcpu *v, uint32_t entry, uint32_t ebx);
    /* Run v until it must give up the CPU (blocked, preempted, stopped). */
    void (*run_vcpu)(struct vcpu *v);

    unsigned int (*get_cpl)(const struct vcpu *v);
    void (*get_seg)(const struct vcpu *v, enum hvm_seg seg,
                    struct hvm_seg_state *s);
    /* CR0, CR3, CR4 and EFER as the CPU runs the guest (EFER.LMA). */
    void (*get_paging)(const struct vcpu *v, struct guest_paging *pg);
    /* WRMSR EFER (the guest's view is v->arch.guest_efer): 0 or -EINVAL. */
    int (*set_efer)(struct vcpu *v, uint64_t val);
    uint64_t (*get_pat)(const struct vcpu *v);
    void (*set_pat)(struct vcpu *v, uint64_t pat);  /* checked by caller */
    int64_t (*get_tsc_offset)(const struct vcpu *v);
    void (*set_tsc_offset)(struct vcpu *v, int64_t offset);
    /* DEBUGCTL and the last-branch MSRs' storage, or NULL for others. */
    uint64_t *(*debug_msr)(struct vcpu *v, uint32_t msr);

    void (*inject_exception)(struct vcpu *v, unsigned int vector,
                             bool has_error_code, uint32_t error_code);
    /* The instruction at RIP completed: no STI/MOV SS shadow is left. */
    void (*clear_intr_shadow)(struct vcpu *v);
    /* Bytes of the instruction at RIP the CPU saved with this exit (SVM
     * decode assists, at a nested page fault): how many, 0 for none
     * (fetch them).  NULL where the CPU never saves them. */
    unsigned int (*saved_insn_bytes)(const struct vcpu *v, uint8_t *buf);
};

/* The vendor chosen at boot (hvm/vendor.c); read-only afterwards. */
extern struct hvm_funcs hvm_funcs;
/* CPUID leaf 0 says GenuineIntel (set by hvm_init()).  Guests see the
 * host's vendor, so MSRs answer as Xen does on that vendor. */
extern bool boot_cpu_is_intel;

static inline int hvm_vcpu_create(struct vcpu *v)
{
    return hvm_funcs.vcpu_create(v);
}

static inline void hvm_vcpu_destroy(struct vcpu *v)
{
    hvm_funcs.vcpu_destroy(v);
}

static inline void hvm_vcpu_set_pvh_entry(struct vcpu *v, uint32_t entry,
                                          uint32_t ebx)
{
    hvm_funcs.set_pvh_entry(v, entry, ebx);
}

static inline void hvm_run_vcpu(struct vcpu *v)
{
    hvm_funcs.run_vcpu(v);
}

static inline unsigned int hvm_get_cpl(const struct vcpu *v)
{
    return hvm_funcs.get_cpl(v);
}

static inline void hvm_get_seg(const struct vcpu *v, enum hvm_seg seg,
                               struct hvm_seg_state *s)
{
    hvm_funcs.get_seg(v, seg, s);
}

static inline void hvm_get_paging(const struct vcpu *v,
                                  struct guest_paging *pg)
{
    hvm_funcs.get_paging(v, pg);
}

static inline int64_t hvm_get_tsc_offset(const struct vcpu *v)
{
    return hvm_funcs.get_tsc_offset(v);
}

/* The MSR to which a guest writes its hypercall page's address. */
#define HVM_HYPERCALL_MSR   0x40000000
#define HVM_CPUID_BASE      0x40000000

#define X86_EXC_UD  6
#define X86_EXC_GP  13

#define X86_RFLAGS_IF (1ULL << 9)

/* Common pieces of every vendor's exit handling (hvm/hvm.c). */
/* Whether v executes in 64-bit mode (long mode and a 64-bit CS). */
bool hvm_guest_is_64bit(const struct vcpu *v);
static inline void hvm_inject_exception(struct vcpu *v, unsigned int vector,
                                        bool has_error_code,
                                        uint32_t error_code)
{
    hvm_funcs.inject_exception(v, vector, has_error_code, error_code);
}
/* Step RIP over the len-byte instruction just completed. */
void hvm_advance_rip(struct vcpu *v, unsigned int len);
/* The CR4 and EFER bits the guest's CPUID offers (Xen's
 * hvm_cr4_guest_valid_bits, hvm_efer_valid). */
uint64_t hvm_cr4_guest_valid_bits(const struct vcpu *v);
uint64_t hvm_efer_guest_valid_bits(const struct vcpu *v);

/*
 * A guest's write to CR0, CR4 or EFER, checked as the CPU checks it
 * (hvm/cr_checks.c), from its state as the vendor code reads it: 0, or
 * -EINVAL for #GP(0).  The CR0 and EFER checks also give the value to
 * write (CR0: ignored bits dropped, ET set; EFER: LMA dropped).
 */
struct hvm_cr_state {
    uint64_t cr0, cr3, cr4;         /* as the guest sees them */
    uint64_t efer;                  /* v->arch.guest_efer */
    bool cs_l, cs_d;                /* CS.L and CS.D */
};
int hvm_check_cr0(const struct hvm_cr_state *s, uint64_t *val);
int hvm_check_cr4(const struct vcpu *v, const struct hvm_cr_state *s,
                  uint64_t val);
int hvm_check_efer(const struct vcpu *v, const struct hvm_cr_state *s,
                   uint64_t *val);
/* CR0.PG changed to on: EFER.LMA follows it while EFER.LME is set. */
void hvm_paging_switched(struct vcpu *v, bool on);
/* Does every byte of a PAT value name a memory type (0, 1, 4-7)? */
bool hvm_pat_valid(uint64_t pat);
/* The guest's FPU state in and out of the CPU around its run. */
void hvm_fpu_switch_in(struct vcpu *v);
void hvm_fpu_switch_out(struct vcpu *v);
/* Exits: CPUID, RDMSR/WRMSR, HLT (len: the instruction's bytes). */
void hvm_exit_cpuid(struct vcpu *v, unsigned int len);
void hvm_exit_msr(struct vcpu *v, bool write, unsigned int len);
void hvm_exit_hlt(struct vcpu *v, unsigned int len);
/* A non-string IN/OUT, RIP already past it. */
void hvm_exit_portio(struct vcpu *v, uint16_t port, unsigned int size,
                     bool in);
/* A nested/EPT page fault at gpa that the P2M did not allow. */
void hvm_exit_hap_fault(struct vcpu *v, uint64_t gpa, bool write);
/* Is an interrupt due that the guest can take (RFLAGS.IF)? */
bool hvm_intr_deliverable(struct vcpu *v);
/*
 * Before running v again: finish a forwarded port or MMIO access whose
 * answer is in; false (v blocked again) while the device model still
 * works on it.
 */
bool hvm_finish_forwarded_io(struct vcpu *v);

/* CPUID as the guest sees it (arch/x86/hvm/cpuid.c). */
void hvm_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t subleaf,
               struct cpuid_leaf *res);
/* MSRs: 0, or -EINVAL to make the guest take #GP (arch/x86/hvm/msr.c). */
int hvm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int hvm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);
/* The Intel-only answers (hvm/msr_intel.c), asked first on Intel: 0,
 * -EINVAL (#GP), or -ENOENT when msr answers as on AMD. */
int intel_msr_read(uint32_t msr, uint64_t *val);
int intel_msr_write(uint32_t msr, uint64_t val);
/* Machine-check MSRs (hvm/vmce.c): 0, -EINVAL (#GP), or -ENOENT when
 * msr is not one of them. */
int vmce_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int vmce_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);
/*
 * Port I/O (arch/x86/hvm/io.c): done (*val holds what a read got), or
 * forwarded to an ioreq server, in which case v waits and the vendor
 * code finishes the instruction once ioreq_answer() has the data.
 */
enum hvm_io_status { HVMIO_DONE, HVMIO_FORWARDED };
#define HVM_DEBUG_PORT 0xe9       /* Xen's: bytes go to the guest's console */
enum hvm_io_status hvm_portio(struct vcpu *v, uint16_t port,
                              unsigned int size, bool in, uint32_t *val);
/*
 * The ACPI sleep and reset registers (arch/x86/hvm/acpi_pm.c): true if
 * port is one of them, the access then done (a write may shut the
 * domain down); false if the port is someone else's.
 */
bool hvm_acpi_pm_portio(struct vcpu *v, uint16_t port, unsigned int size,
                        bool in, uint32_t *val);
/*
 * MMIO and string port I/O (arch/x86/hvm/emulate.c): emulate the
 * instruction at RIP, which touched a guest-physical hole or is ins/outs.  HVMIO_FORWARDED: it waits for a device
 * model; once hvm_mmio_answer() says the answer is in, run it again.
 */
enum hvm_io_status hvm_emulate_mmio(struct vcpu *v);
bool hvm_mmio_answer(struct vcpu *v);
/* Is an MMIO instruction waiting for a device model's answer? */
bool hvm_mmio_waiting(const struct vcpu *v);
/* VMMCALL/VMCALL of len bytes (prefixes included): run the hypercall in
 * the guest's registers. */
void hvm_hypercall(struct vcpu *v, unsigned int len);
int hvm_write_hypercall_page(struct domain *d, gfn_t gfn);

/* Read or write guest-physical memory of d (RAM only). */
/* Where len bytes of d's RAM at gpa are in the hypervisor's map (all
 * on one page), or NULL. */
void *hvm_gpa_ptr(struct domain *d, uint64_t gpa, size_t len);
int hvm_copy_gpa(struct domain *d, uint64_t gpa, void *buf, size_t len,
                 bool to_guest);

/* Choose the vendor layer from CPUID, VMX or SVM (hvm/vendor.c). */
void hvm_init(void);
/* The vendors' set-up: checks the CPU, returns the operations. */
const struct hvm_funcs *vmx_init(void);
const struct hvm_funcs *svm_init(void);

#endif /* ASM_X86_HVM_H */
