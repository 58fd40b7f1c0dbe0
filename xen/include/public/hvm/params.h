/* SPDX-License-Identifier: MIT */
/* Indexes of per-domain HVM parameters (HVMOP_set_param / get_param). */
#ifndef __XEN_PUBLIC_HVM_PARAMS_H__
#define __XEN_PUBLIC_HVM_PARAMS_H__

#include "hvm_op.h"

/* Retired or tools-only numbers; meaning no longer defined for guests. */
#if defined(__XEN__) || defined(__XEN_TOOLS__)
#define HVM_PARAM_PAE_ENABLED             4
#define HVM_PARAM_DM_DOMAIN              13
#define HVM_PARAM_MEMORY_EVENT_CR0       20
#define HVM_PARAM_MEMORY_EVENT_CR3       21
#define HVM_PARAM_MEMORY_EVENT_CR4       22
#define HVM_PARAM_MEMORY_EVENT_INT3      23
#define HVM_PARAM_NESTEDHVM              24
#define HVM_PARAM_MEMORY_EVENT_SINGLE_STEP 25
#define HVM_PARAM_BUFIOREQ_EVTCHN        26
#define HVM_PARAM_MEMORY_EVENT_MSR       30
#endif

/*
 * How event-channel upcalls reach the guest.  Top byte of the value is
 * the type; the rest depends on it (GSI number, PCI INTx, or vector).
 */
#define HVM_PARAM_CALLBACK_IRQ            0
#define HVM_PARAM_CALLBACK_IRQ_TYPE_MASK  xen_mk_ullong(0xFF00000000000000)
#define HVM_PARAM_CALLBACK_TYPE_GSI       0
#define HVM_PARAM_CALLBACK_TYPE_PCI_INTX  1
#define HVM_PARAM_CALLBACK_TYPE_VECTOR    2

#define HVM_PARAM_STORE_PFN               1   /* xenstore ring gfn */
#define HVM_PARAM_STORE_EVTCHN            2   /* xenstore event channel */
#define HVM_PARAM_IOREQ_PFN               5   /* default ioreq server page */
#define HVM_PARAM_BUFIOREQ_PFN            6   /* its buffered page */
#define HVM_PARAM_VIRIDIAN                9   /* Hyper-V enlightenments */
#define HVM_PARAM_TIMER_MODE             10
#define HVMPTM_delay_for_missed_ticks     0
#define HVMPTM_no_delay_for_missed_ticks  1
#define HVMPTM_no_missed_ticks_pending    2
#define HVMPTM_one_missed_tick_pending    3
#define HVM_PARAM_HPET_ENABLED           11
#define HVM_PARAM_IDENT_PT               12
#define HVM_PARAM_ACPI_S_STATE           14
#define HVM_PARAM_VM86_TSS               15
#define HVM_PARAM_VPT_ALIGN              16
#define HVM_PARAM_CONSOLE_PFN            17   /* PV console ring gfn */
#define HVM_PARAM_CONSOLE_EVTCHN         18
#define HVM_PARAM_ACPI_IOPORTS_LOCATION  19
#define HVM_PARAM_PAGING_RING_PFN        27
#define HVM_PARAM_MONITOR_RING_PFN       28
#define HVM_PARAM_SHARING_RING_PFN       29
#define HVM_PARAM_TRIPLE_FAULT_REASON    31   /* SHUTDOWN_* used on triple fault */
#define HVM_PARAM_IOREQ_SERVER_PFN       32   /* first gfn for ioreq servers */
#define HVM_PARAM_NR_IOREQ_SERVER_PAGES  33
#define HVM_PARAM_VM_GENERATION_ID_ADDR  34
#define HVM_PARAM_ALTP2M                 35
#define XEN_ALTP2M_disabled               0
#define XEN_ALTP2M_mixed                  1
#define XEN_ALTP2M_external               2
#define XEN_ALTP2M_limited                3
#define HVM_PARAM_X87_FIP_WIDTH          36
#define HVM_PARAM_VM86_TSS_SIZED         37
#define HVM_PARAM_MCA_CAP                38
#define XEN_HVM_MCA_CAP_LMCE              (xen_mk_ullong(1) << 0)
#define XEN_HVM_MCA_CAP_MASK              XEN_HVM_MCA_CAP_LMCE

/* One past the highest parameter index. */
#define HVM_NR_PARAMS                    39

#endif /* __XEN_PUBLIC_HVM_PARAMS_H__ */
