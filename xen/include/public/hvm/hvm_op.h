/* SPDX-License-Identifier: MIT */
/*
 * hvm_op(cmd, arg): operations on HVM/PVH domains.  Ioreq-server control
 * moved to dm_op (see dm_op.h); only the remaining numbers are here.
 */
#ifndef __XEN_PUBLIC_HVM_HVM_OP_H__
#define __XEN_PUBLIC_HVM_HVM_OP_H__

#include "../xen.h"

#define HVMOP_set_param                 0
#define HVMOP_get_param                 1
#define HVMOP_flush_tlbs                5
#define HVMOP_pagetable_dying           9
#define HVMOP_get_time                 10
#define HVMOP_xentrace                 11
#if defined(__XEN__) || defined(__XEN_TOOLS__)
#define HVMOP_set_mem_access           12
#define HVMOP_get_mem_access           13
#endif
#define HVMOP_get_mem_type             15
#define HVMOP_set_evtchn_upcall_vector 23
#define HVMOP_guest_request_vm_event   24
#define HVMOP_altp2m                   25

#ifndef __ASSEMBLY__

/* set_param / get_param: one HVM_PARAM_* (see params.h) of a domain. */
struct xen_hvm_param {
    domid_t  domid;             /* IN */
    uint16_t pad;
    uint32_t index;             /* IN: HVM_PARAM_* */
    uint64_t value;             /* IN (set) / OUT (get) */
};
typedef struct xen_hvm_param xen_hvm_param_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_param_t);

/* Types of guest memory, as HVMOP_get_mem_type and dm_op report them. */
typedef enum {
    HVMMEM_ram_rw,              /* ordinary RAM */
    HVMMEM_ram_ro,              /* writes are dropped */
    HVMMEM_mmio_dm,             /* all accesses go to the device model */
    HVMMEM_unused,              /* retired number */
    HVMMEM_ioreq_server         /* writes go to the ioreq server claiming it */
} hvmmem_type_t;

/* The guest is about to free the page table rooted at gpa. */
struct xen_hvm_pagetable_dying {
    domid_t  domid;             /* IN */
    uint16_t pad[3];
    uint64_t gpa;               /* IN */
};
typedef struct xen_hvm_pagetable_dying xen_hvm_pagetable_dying_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_pagetable_dying_t);

struct xen_hvm_get_time {
    uint64_t now;               /* OUT: system time in ns */
};
typedef struct xen_hvm_get_time xen_hvm_get_time_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_get_time_t);

struct xen_hvm_get_mem_type {
    domid_t  domid;             /* IN */
    uint16_t mem_type;          /* OUT: hvmmem_type_t */
    uint16_t pad[2];
    uint64_t pfn;               /* IN */
};
typedef struct xen_hvm_get_mem_type xen_hvm_get_mem_type_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_get_mem_type_t);

/* Deliver this vcpu's event upcall as a plain interrupt vector. */
struct xen_hvm_evtchn_upcall_vector {
    uint32_t vcpu;              /* IN */
    uint8_t  vector;            /* IN: 0x10..0xff */
};
typedef struct xen_hvm_evtchn_upcall_vector xen_hvm_evtchn_upcall_vector_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_evtchn_upcall_vector_t);

#endif /* !__ASSEMBLY__ */

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/* bufioreq_handling of an ioreq server. */
#define HVM_IOREQSRV_BUFIOREQ_OFF     0  /* no buffered page */
#define HVM_IOREQSRV_BUFIOREQ_LEGACY  1  /* pointers updated separately */
#define HVM_IOREQSRV_BUFIOREQ_ATOMIC  2  /* pointers updated as one u64 */
#endif

#endif /* __XEN_PUBLIC_HVM_HVM_OP_H__ */
