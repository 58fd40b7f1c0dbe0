/*
 * Intel VMX: for now only finding out what the CPU's VMX can do.  The
 * VMCS, the run loop and EPT are not built yet (issue 10), so a machine
 * whose CPU has VMX gets one line on its capabilities and then a clean
 * halt saying so, instead of the SVM panic it got before.
 */
#include <xen/lib.h>
#include <asm/processor.h>
#include <asm/hvm.h>
#include <asm/hvm/vmx/vmx_caps.h>

/*
 * Reading a VMX MSR that does not exist faults: the secondary controls'
 * MSR exists only when the primary controls allow secondary controls,
 * and the EPT/VPID one only when those allow EPT or VPID (a Core 2 has
 * secondary controls but neither).
 */
static void vmx_read_msrs(struct vmx_msrs *m)
{
    m->feature_control = rdmsr(MSR_IA32_FEATURE_CONTROL);
    m->basic = rdmsr(MSR_IA32_VMX_BASIC);
    m->pinbased_ctls = rdmsr(MSR_IA32_VMX_PINBASED_CTLS);
    m->procbased_ctls = rdmsr(MSR_IA32_VMX_PROCBASED_CTLS);
    m->procbased_ctls2 = 0;
    m->ept_vpid_cap = 0;
    if ( vmx_has_procbased_ctls2(m) )
        m->procbased_ctls2 = rdmsr(MSR_IA32_VMX_PROCBASED_CTLS2);
    if ( vmx_has_ept_vpid_cap(m) )
        m->ept_vpid_cap = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
}

const struct hvm_funcs *vmx_init(void)
{
    struct vmx_msrs msrs;
    struct vmx_caps caps;
    const char *missing;
    char line[128];

    if ( !(cpuid_count(1, 0).c & CPUID1_ECX_VMX) )
        panic("this CPU has no Intel VMX (Bochs: cpu: model=corei7_skylake_x)");
    vmx_read_msrs(&msrs);
    printk(XENLOG_DEBUG "VMX: MSRs: feature control %#lx, basic %#lx, "
           "pin %#lx, proc %#lx, proc2 %#lx, EPT/VPID %#lx\n",
           (unsigned long)msrs.feature_control, (unsigned long)msrs.basic,
           (unsigned long)msrs.pinbased_ctls,
           (unsigned long)msrs.procbased_ctls,
           (unsigned long)msrs.procbased_ctls2,
           (unsigned long)msrs.ept_vpid_cap);
    vmx_caps_decode(&msrs, &caps);
    vmx_caps_describe(&caps, line, sizeof(line));
    printk("VMX: %s\n", line);
    missing = vmx_caps_missing(&caps);
    if ( missing )
        panic("this CPU's VMX cannot run our guests: %s", missing);
    panic("Intel VMX support is not built yet (issue 10): "
          "this hypervisor runs guests only on AMD SVM");
}
