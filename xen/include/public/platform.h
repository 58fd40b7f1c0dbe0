/*
 * platform_op (hypercall 7): platform operations for the control
 * domain's kernel.  The numbers, the interface version and the layouts
 * are Xen's (the ABI); only the operations implemented here have their
 * structures (the rest are -ENOSYS, docs/linux-dom0.md).  Every
 * structure below has the same layout for 32- and 64-bit callers: the
 * union u is at offset 8 and is 128 bytes in both.
 */
#ifndef PUBLIC_PLATFORM_H
#define PUBLIC_PLATFORM_H

#include "xen.h"

/* interface_version must be this, or the call is -EACCES. */
#define XENPF_INTERFACE_VERSION   0x03000001

/* Commands (Xen's numbers). */
#define XENPF_settime32           17
#define XENPF_add_memtype         31
#define XENPF_del_memtype         32
#define XENPF_read_memtype        33
#define XENPF_microcode_update    35
#define XENPF_platform_quirk      39
#define XENPF_get_cpu_version     48
#define XENPF_efi_runtime_call    49
#define XENPF_firmware_info       50
#define XENPF_enter_acpi_sleep    51
#define XENPF_change_freq         52
#define XENPF_getidletime         53
#define XENPF_set_processor_pminfo 54
#define XENPF_get_cpuinfo         55
#define XENPF_cpu_online          56
#define XENPF_cpu_offline         57
#define XENPF_cpu_hotadd          58
#define XENPF_mem_hotadd          59
#define XENPF_core_parking        60
#define XENPF_resource_op         61
#define XENPF_settime64           62
#define XENPF_get_symbol          63

/*
 * Set the wall clock: at system time system_time (ns, the pvclock's) it
 * was secs.nsecs since the epoch.  IN only.
 */
struct xenpf_settime32 {
    uint32_t secs;
    uint32_t nsecs;
    uint64_t system_time;
};

struct xenpf_settime64 {
    uint64_t secs;
    uint32_t nsecs;
    uint32_t mbz;               /* must be 0 */
    uint64_t system_time;
};

/* Firmware information collected at boot: type, then the index-th item. */
#define XEN_FW_DISK_INFO          1
#define XEN_FW_DISK_MBR_SIGNATURE 2
#define XEN_FW_VBEDDC_INFO        3
#define XEN_FW_EFI_INFO           4
#define XEN_FW_KBD_SHIFT_FLAGS    5
struct xenpf_firmware_info {
    uint32_t type;              /* IN: XEN_FW_* */
    uint32_t index;             /* IN */
    /* OUT: the member for type.  Only kbd_shift_flags is answered here
     * (the others are -ESRCH or -ENOSYS), but the layout is Xen's. */
    union {
        struct {                                /* XEN_FW_DISK_INFO */
            uint8_t device;
            uint8_t version;
            uint16_t interface_support;
            uint16_t legacy_max_cylinder;
            uint8_t legacy_max_head;
            uint8_t legacy_sectors_per_track;
            XEN_GUEST_HANDLE(void) edd_params;
        } disk_info;
        struct {                                /* XEN_FW_DISK_MBR_SIGNATURE */
            uint8_t device;
            uint32_t mbr_signature;
        } disk_mbr_signature;
        struct {                                /* XEN_FW_VBEDDC_INFO */
            uint8_t capabilities;
            uint8_t edid_transfer_time;
            XEN_GUEST_HANDLE(uint8) edid;
        } vbeddc_info;
        union xenpf_efi_info {                  /* XEN_FW_EFI_INFO */
            uint32_t version;
            struct {
                uint64_t addr;
                uint32_t nent;
            } cfg;
            struct {
                uint32_t revision;
                uint32_t bufsz;
                XEN_GUEST_HANDLE(void) name;
            } vendor;
            struct {
                uint64_t addr;
                uint64_t size;
                uint64_t attr;
                uint32_t type;
            } mem;
            struct {
                uint16_t segment;
                uint8_t bus;
                uint8_t devfn;
                uint16_t vendor;
                uint16_t devid;
                uint64_t address;
                xen_ulong_t size;
            } pci_rom;
            struct {
                uint64_t address;
                xen_ulong_t size;
            } apple_properties;
        } efi_info;
        uint8_t kbd_shift_flags;                /* XEN_FW_KBD_SHIFT_FLAGS */
    } u;
};

/* A physical CPU: OUT all but xen_cpuid. */
#define XEN_PCPU_FLAGS_ONLINE     1
#define XEN_PCPU_FLAGS_INVALID    2     /* no such CPU */
struct xenpf_pcpuinfo {
    uint32_t xen_cpuid;         /* IN: the hypervisor's CPU number */
    uint32_t max_present;       /* highest CPU number present */
    uint32_t flags;             /* XEN_PCPU_FLAGS_* */
    uint32_t apic_id;
    uint32_t acpi_id;
};

struct xenpf_pcpu_version {
    uint32_t xen_cpuid;         /* IN */
    uint32_t max_present;
    char vendor_id[12];         /* CPUID leaf 0 EBX, EDX, ECX */
    uint32_t family;            /* leaf 1, with the extended fields */
    uint32_t model;
    uint32_t stepping;
};

struct xen_platform_op {
    uint32_t cmd;                       /* XENPF_* */
    uint32_t interface_version;         /* XENPF_INTERFACE_VERSION */
    union {
        struct xenpf_settime32 settime32;
        struct xenpf_settime64 settime64;
        struct xenpf_firmware_info firmware_info;
        struct xenpf_pcpuinfo pcpu_info;
        struct xenpf_pcpu_version pcpu_version;
        uint8_t pad[128];
    } u;
};

#endif /* PUBLIC_PLATFORM_H */
