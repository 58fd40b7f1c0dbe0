/* SPDX-License-Identifier: MIT */
/*
 * The core of the guest ABI: hypercall numbers, domain ids, and the
 * shared_info page.  Layouts match Xen 4.17 so unmodified Xen guests and
 * tools work against this hypervisor.
 *
 * Users: the hypervisor (defines __XEN__), the tools (__XEN_TOOLS__) and
 * guests built freestanding, 32-bit or 64-bit.
 */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

#ifndef __ASSEMBLY__
#include <stdint.h>     /* provided by the compiler, also freestanding */
#endif

#include "xen-compat.h"

#if defined(__i386__) || defined(__x86_64__)
#include "arch-x86/xen.h"
#else
#error "this tree only provides the x86 guest ABI"
#endif

#ifndef __ASSEMBLY__
DEFINE_XEN_GUEST_HANDLE(char);
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
DEFINE_XEN_GUEST_HANDLE(int);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
DEFINE_XEN_GUEST_HANDLE(void);
DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);
__DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint16, uint16_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);

/* Dimension for a trailing variable-length array member. */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define XEN_FLEX_ARRAY_DIM
#else
#define XEN_FLEX_ARRAY_DIM 0
#endif

/* Typed constants that also work in assembly (suffix dropped there). */
#define __xen_mk_uint(x)  x ## U
#define __xen_mk_ulong(x) x ## UL
#define __xen_mk_ullong(x) x ## ULL
#define xen_mk_uint(x)    __xen_mk_uint(x)
#define xen_mk_ulong(x)   __xen_mk_ulong(x)
#define xen_mk_ullong(x)  __xen_mk_ullong(x)
#else
#define xen_mk_uint(x)    x
#define xen_mk_ulong(x)   x
#define xen_mk_ullong(x)  x
#endif

/*
 * Hypercall numbers.  A guest calls number N at byte offset N * 32 of its
 * hypercall page.  Arguments: 64-bit rdi, rsi, rdx, r10, r8; 32-bit ebx,
 * ecx, edx, esi, edi.  The result (0 or -errno, or a value) is in rax/eax.
 */
#define __HYPERVISOR_set_trap_table              0
#define __HYPERVISOR_mmu_update                  1
#define __HYPERVISOR_set_gdt                     2
#define __HYPERVISOR_stack_switch                3
#define __HYPERVISOR_set_callbacks               4
#define __HYPERVISOR_fpu_taskswitch              5
#define __HYPERVISOR_sched_op_compat             6  /* superseded by 29 */
#define __HYPERVISOR_platform_op                 7
#define __HYPERVISOR_set_debugreg                8
#define __HYPERVISOR_get_debugreg                9
#define __HYPERVISOR_update_descriptor          10
/* 11 is unused */
#define __HYPERVISOR_memory_op                  12
#define __HYPERVISOR_multicall                  13
#define __HYPERVISOR_update_va_mapping          14
#define __HYPERVISOR_set_timer_op               15
#define __HYPERVISOR_event_channel_op_compat    16  /* superseded by 32 */
#define __HYPERVISOR_xen_version                17
#define __HYPERVISOR_console_io                 18
#define __HYPERVISOR_physdev_op_compat          19  /* superseded by 33 */
#define __HYPERVISOR_grant_table_op             20
#define __HYPERVISOR_vm_assist                  21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                       23
#define __HYPERVISOR_vcpu_op                    24
#define __HYPERVISOR_set_segment_base           25  /* 64-bit PV only */
#define __HYPERVISOR_mmuext_op                  26
#define __HYPERVISOR_xsm_op                     27
#define __HYPERVISOR_nmi_op                     28
#define __HYPERVISOR_sched_op                   29
#define __HYPERVISOR_callback_op                30
#define __HYPERVISOR_xenoprof_op                31
#define __HYPERVISOR_event_channel_op           32
#define __HYPERVISOR_physdev_op                 33
#define __HYPERVISOR_hvm_op                     34
#define __HYPERVISOR_sysctl                     35
#define __HYPERVISOR_domctl                     36
#define __HYPERVISOR_kexec_op                   37
#define __HYPERVISOR_tmem_op                    38
#define __HYPERVISOR_argo_op                    39
#define __HYPERVISOR_xenpmu_op                  40
#define __HYPERVISOR_dm_op                      41
#define __HYPERVISOR_hypfs_op                   42
/* 48..55 are left to each architecture. */
#define __HYPERVISOR_arch_0                     48
#define __HYPERVISOR_arch_1                     49
#define __HYPERVISOR_arch_2                     50
#define __HYPERVISOR_arch_3                     51
#define __HYPERVISOR_arch_4                     52
#define __HYPERVISOR_arch_5                     53
#define __HYPERVISOR_arch_6                     54
#define __HYPERVISOR_arch_7                     55

/* Virtual interrupts a domain can bind to an event channel. */
#define VIRQ_TIMER        0   /* per vcpu: timer fired */
#define VIRQ_DEBUG        1   /* per vcpu: asked to dump state */
#define VIRQ_CONSOLE      2   /* control domain: console input */
#define VIRQ_DOM_EXC      3   /* control domain: a domain shut down */
#define VIRQ_TBUF         4
#define VIRQ_DEBUGGER     6
#define VIRQ_XENOPROF     7
#define VIRQ_CON_RING     8
#define VIRQ_PCPU_STATE   9
#define VIRQ_MEM_EVENT   10
#define VIRQ_ARGO        11
#define VIRQ_ENOMEM      12
#define VIRQ_XENPMU      13
#define VIRQ_ARCH_0      16
#define VIRQ_ARCH_1      17
#define VIRQ_ARCH_2      18
#define VIRQ_ARCH_3      19
#define VIRQ_ARCH_4      20
#define VIRQ_ARCH_5      21
#define VIRQ_ARCH_6      22
#define VIRQ_ARCH_7      23
#define NR_VIRQS         24

/* console_io(cmd, count, buffer): count bytes, buffer is guest virtual. */
#define CONSOLEIO_write  0
#define CONSOLEIO_read   1

/* vm_assist(cmd, type) */
#define VMASST_CMD_enable                 0
#define VMASST_CMD_disable                1
#define VMASST_TYPE_4gb_segments          0
#define VMASST_TYPE_4gb_segments_notify   1
#define VMASST_TYPE_writable_pagetables   2
#define VMASST_TYPE_pae_extended_cr3      3
#define VMASST_TYPE_architectural_iopl    4
#define VMASST_TYPE_runstate_update_flag  5
#define VMASST_TYPE_m2p_strict           32

/*
 * Domain ids.  Real domains are numbered below DOMID_FIRST_RESERVED; the
 * values from there on have special meanings in hypercall arguments.
 */
#define DOMID_FIRST_RESERVED xen_mk_uint(0x7FF0)
#define DOMID_SELF           xen_mk_uint(0x7FF0) /* the calling domain */
#define DOMID_IO             xen_mk_uint(0x7FF1) /* owner of I/O memory */
#define DOMID_XEN            xen_mk_uint(0x7FF2) /* owner of Xen's pages */
#define DOMID_COW            xen_mk_uint(0x7FF3) /* owner of shared pages */
#define DOMID_INVALID        xen_mk_uint(0x7FF4)
#define DOMID_IDLE           xen_mk_uint(0x7FFF)
#define DOMID_MASK           xen_mk_uint(0x7FFF)

#ifndef __ASSEMBLY__

typedef uint16_t domid_t;

/* One entry of a multicall batch: op is IN, result is OUT. */
struct multicall_entry {
    xen_ulong_t op;
    xen_ulong_t result;
    xen_ulong_t args[6];
};
typedef struct multicall_entry multicall_entry_t;
DEFINE_XEN_GUEST_HANDLE(multicall_entry_t);

/*
 * Per-vcpu time, 32 bytes.  The hypervisor bumps 'version' to odd before
 * an update and to even after it; a reader retries while it is odd or
 * changed across its read.  Nanoseconds since boot at TSC t are
 *   system_time + (((t - tsc_timestamp) << tsc_shift) * tsc_to_system_mul
 *                  >> 32)
 * (a negative tsc_shift shifts right).
 */
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;     /* TSC value at the last update */
    uint64_t system_time;       /* ns since boot at tsc_timestamp */
    uint32_t tsc_to_system_mul; /* 32.32 fixed-point ns per scaled tick */
    int8_t   tsc_shift;
    uint8_t  flags;             /* XEN_PVCLOCK_* */
    uint8_t  pad1[2];
};
typedef struct vcpu_time_info vcpu_time_info_t;

#define XEN_PVCLOCK_TSC_STABLE_BIT  (1 << 0)
#define XEN_PVCLOCK_GUEST_STOPPED   (1 << 1)

/*
 * Per-vcpu slot of shared_info, 64 bytes.  The hypervisor sets
 * evtchn_upcall_pending and bits of evtchn_pending_sel (one bit per word
 * of shared_info.evtchn_pending); the guest clears them.  A non-zero
 * evtchn_upcall_mask holds off upcalls to this vcpu.
 */
struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t evtchn_upcall_mask;
    xen_ulong_t evtchn_pending_sel;
    struct arch_vcpu_info arch;
    vcpu_time_info_t time;
};
#ifndef __XEN__
typedef struct vcpu_info vcpu_info_t;
#endif

/*
 * The shared_info page: one per domain, mapped by the guest with
 * XENMEM_add_to_physmap(XENMAPSPACE_shared_info).
 * evtchn_pending / evtchn_mask are bitmaps indexed by event channel port
 * (2-level ABI).  wc_* is the wall clock at system time 0, seconds and
 * nanoseconds since the Unix epoch, versioned like vcpu_time_info.
 */
struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];
    uint32_t wc_version;
    uint32_t wc_sec;
    uint32_t wc_nsec;
#if !defined(__i386__)
    uint32_t wc_sec_hi;
# define xen_wc_sec_hi wc_sec_hi
#elif !defined(__XEN__) && !defined(__XEN_TOOLS__)
# define xen_wc_sec_hi arch.wc_sec_hi   /* 32-bit keeps it in arch */
#endif
    struct arch_shared_info arch;
};
#ifndef __XEN__
typedef struct shared_info shared_info_t;
#endif

/* 128-bit UUID, bytes in big-endian (network) order. */
typedef struct {
    uint8_t a[16];
} xen_uuid_t;

#endif /* !__ASSEMBLY__ */

/* Flags in start_info / hvm_start_info 'flags'. */
#define SIF_PRIVILEGED      (1 << 0)  /* domain may use privileged ops */
#define SIF_INITDOMAIN      (1 << 1)  /* domain is the initial control domain */
#define SIF_MULTIBOOT_MOD   (1 << 2)  /* PV: mod_start is a multiboot module */
#define SIF_MOD_START_PFN   (1 << 3)  /* PV: mod_start is a pfn */
#define SIF_VIRT_P2M_4TOOLS (1 << 4)  /* PV: tools understand a linear p2m */
#define SIF_PM_MASK         (0xFF << 8) /* power-management bits */

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/* Tools-only structures use 8-byte fields on every caller width. */
#ifndef int64_aligned_t
#define int64_aligned_t int64_t
#endif
#ifndef uint64_aligned_t
#define uint64_aligned_t uint64_t
#endif
#ifndef XEN_GUEST_HANDLE_64
#define XEN_GUEST_HANDLE_64(name) XEN_GUEST_HANDLE(name)
#endif
#endif

#endif /* __XEN_PUBLIC_XEN_H__ */
