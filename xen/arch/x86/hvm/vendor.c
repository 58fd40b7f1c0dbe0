/*
 * Choosing the vendor layer at boot, from CPUID.  As in Xen, VMX is used
 * wherever CPUID says it is there (other vendors than Intel implement it
 * too), and an Intel CPU without it is told so in VMX's words rather than
 * getting SVM's "no AMD SVM".  Everything else goes to SVM, whose own
 * checks say what is missing.
 */
#include <xen/lib.h>
#include <asm/processor.h>
#include <asm/hvm.h>
#include <asm/hvm/vmx/vmx_caps.h>

/* "GenuineIntel" in CPUID leaf 0's EBX, EDX, ECX. */
#define INTEL_EBX 0x756e6547    /* "Genu" */
#define INTEL_EDX 0x49656e69    /* "ineI" */
#define INTEL_ECX 0x6c65746e    /* "ntel" */

static bool cpu_is_intel(void)
{
    struct cpuid_leaf l = cpuid_count(0, 0);

    return l.b == INTEL_EBX && l.d == INTEL_EDX && l.c == INTEL_ECX;
}

struct hvm_funcs hvm_funcs;
bool boot_cpu_is_intel;

void hvm_init(void)
{
    boot_cpu_is_intel = cpu_is_intel();
    if ( boot_cpu_is_intel || (cpuid_count(1, 0).c & CPUID1_ECX_VMX) )
        hvm_funcs = *vmx_init();
    else
        hvm_funcs = *svm_init();
}
