/*
 * The HVM layer between SVM exit handling and the rest: what an
 * intercepted instruction does, independent of how SVM reported it.
 */
#ifndef ASM_X86_HVM_H
#define ASM_X86_HVM_H

#include <xen/types.h>
#include <xen/mm.h>
#include <asm/processor.h>

struct vcpu;
struct domain;

/* The MSR to which a guest writes its hypercall page's address. */
#define HVM_HYPERCALL_MSR   0x40000000
#define HVM_CPUID_BASE      0x40000000

#define X86_EXC_UD  6
#define X86_EXC_GP  13

/* Whether v executes in 64-bit mode (long mode and a 64-bit CS). */
bool hvm_guest_is_64bit(const struct vcpu *v);
void hvm_inject_exception(struct vcpu *v, unsigned int vector,
                          bool has_error_code, uint32_t error_code);
void hvm_advance_rip(struct vcpu *v, unsigned int len);

/* CPUID as the guest sees it (arch/x86/hvm/cpuid.c). */
void hvm_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t subleaf,
               struct cpuid_leaf *res);
/* MSRs: 0, or -EINVAL to make the guest take #GP (arch/x86/hvm/msr.c). */
int hvm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int hvm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);
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
/* VMMCALL: run the hypercall in the guest's registers. */
void hvm_hypercall(struct vcpu *v);
int hvm_write_hypercall_page(struct domain *d, gfn_t gfn);

/* Read or write guest-physical memory of d (RAM only). */
int hvm_copy_gpa(struct domain *d, uint64_t gpa, void *buf, size_t len,
                 bool to_guest);

/* Set up the vendor layer CPUID names: VMX or SVM (hvm/vendor.c). */
void hvm_init(void);
/* VMX (arch/x86/hvm/vmx/vmx.c): for now it reports what the CPU's VMX
 * can do and halts, since running guests on it is not built yet. */
void vmx_init(void);

/* SVM (arch/x86/hvm/svm/svm.c). */
void svm_init(void);
int svm_vcpu_create(struct vcpu *v);
void svm_vcpu_destroy(struct vcpu *v);
/* Set the PVH entry state: 32-bit flat protected mode, paging off. */
void svm_vcpu_set_pvh_entry(struct vcpu *v, uint32_t entry, uint32_t ebx);
/* Run v until it must give up the CPU. */
void svm_run_vcpu(struct vcpu *v);
/* Interrupts (svm/intr.c): inject what is due before VMRUN; is one
 * due that the guest can take (HLT then does not sleep)?  After VMRUN,
 * the guest's CR8 (V_TPR) back into its APIC's TPR. */
void svm_intr_assist(struct vcpu *v);
bool svm_intr_deliverable(struct vcpu *v);
void svm_sync_tpr(struct vcpu *v);

#endif /* ASM_X86_HVM_H */
