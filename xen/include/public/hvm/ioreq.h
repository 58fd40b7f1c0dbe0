/* SPDX-License-Identifier: MIT */
/*
 * Ioreq pages: how the hypervisor hands an HVM guest's I/O accesses to a
 * device model.  The synchronous page holds one struct ioreq per vcpu;
 * the buffered page is a ring of write-only requests that need no reply.
 * Both are frames of an ioreq server (XENMEM_resource_ioreq_server).
 */
#ifndef __XEN_PUBLIC_HVM_IOREQ_H__
#define __XEN_PUBLIC_HVM_IOREQ_H__

#include <stdint.h>

#define IOREQ_READ   1
#define IOREQ_WRITE  0

/* Life of a request: NONE -> READY (hv) -> INPROCESS (dm) -> RESP (dm). */
#define STATE_IOREQ_NONE       0
#define STATE_IOREQ_READY      1
#define STATE_IOREQ_INPROCESS  2
#define STATE_IORESP_READY     3

#define IOREQ_TYPE_PIO         0  /* port I/O */
#define IOREQ_TYPE_COPY        1  /* MMIO */
#define IOREQ_TYPE_PCI_CONFIG  2  /* addr: seg<<48 | bus<<40 | dev<<35 | fn<<32 | reg */
#define IOREQ_TYPE_TIMEOFFSET  7
#define IOREQ_TYPE_INVALIDATE  8  /* drop the device model's map cache */

/* One synchronous request, 32 bytes. */
struct ioreq {
    uint64_t addr;              /* port or guest-physical address */
    uint64_t data;              /* value, or its gpa if data_is_ptr */
    uint32_t count;             /* repetitions (rep prefixes) */
    uint32_t size;              /* bytes per access */
    uint32_t vp_eport;          /* event channel to notify the device model */
    uint16_t _pad0;
    uint8_t state:4;            /* STATE_* */
    uint8_t data_is_ptr:1;
    uint8_t dir:1;              /* IOREQ_READ / IOREQ_WRITE */
    uint8_t df:1;               /* direction flag: addresses go down */
    uint8_t _pad1:1;
    uint8_t type;               /* IOREQ_TYPE_* */
};
typedef struct ioreq ioreq_t;

/* The synchronous page: indexed by vcpu id. */
struct shared_iopage {
    struct ioreq vcpu_ioreq[1];
};
typedef struct shared_iopage shared_iopage_t;

/* One buffered request, 8 bytes; an 8-byte write takes two slots. */
struct buf_ioreq {
    uint8_t  type;              /* IOREQ_TYPE_* */
    uint8_t  pad:1;
    uint8_t  dir:1;             /* IOREQ_READ / IOREQ_WRITE */
    uint8_t  size:2;            /* log2 of bytes */
    uint32_t addr:20;
    uint32_t data;
};
typedef struct buf_ioreq buf_ioreq_t;

/* Slots that fit a page after the two 32-bit ring pointers. */
#define IOREQ_BUFFER_SLOT_NUM 511

struct buffered_iopage {
#ifdef __XEN__
    union bufioreq_pointers {   /* the hypervisor may update both at once */
        struct {
#endif
            uint32_t read_pointer;   /* advanced by the device model */
            uint32_t write_pointer;  /* advanced by the hypervisor */
#ifdef __XEN__
        };
        uint64_t full;
    } ptrs;
#endif
    buf_ioreq_t buf_ioreq[IOREQ_BUFFER_SLOT_NUM];
};
typedef struct buffered_iopage buffered_iopage_t;

/* Where the emulated ACPI PM blocks sit in I/O space (v0 and v1 layouts). */
#define ACPI_PM1A_EVT_BLK_ADDRESS_V0  0x1f40
#define ACPI_PM1A_CNT_BLK_ADDRESS_V0  (ACPI_PM1A_EVT_BLK_ADDRESS_V0 + 0x04)
#define ACPI_PM_TMR_BLK_ADDRESS_V0    (ACPI_PM1A_EVT_BLK_ADDRESS_V0 + 0x08)
#define ACPI_GPE0_BLK_ADDRESS_V0      (ACPI_PM_TMR_BLK_ADDRESS_V0 + 0x20)
#define ACPI_GPE0_BLK_LEN_V0          0x08
#define ACPI_PM1A_EVT_BLK_ADDRESS_V1  0xb000
#define ACPI_PM1A_CNT_BLK_ADDRESS_V1  (ACPI_PM1A_EVT_BLK_ADDRESS_V1 + 0x04)
#define ACPI_PM_TMR_BLK_ADDRESS_V1    (ACPI_PM1A_EVT_BLK_ADDRESS_V1 + 0x08)
#define ACPI_GPE0_BLK_ADDRESS_V1      0xafe0
#define ACPI_GPE0_BLK_LEN_V1          0x04
#define ACPI_PM1A_EVT_BLK_ADDRESS     ACPI_PM1A_EVT_BLK_ADDRESS_V0
#define ACPI_PM1A_CNT_BLK_ADDRESS     ACPI_PM1A_CNT_BLK_ADDRESS_V0
#define ACPI_PM_TMR_BLK_ADDRESS       ACPI_PM_TMR_BLK_ADDRESS_V0
#define ACPI_GPE0_BLK_ADDRESS         ACPI_GPE0_BLK_ADDRESS_V0
#define ACPI_GPE0_BLK_LEN             ACPI_GPE0_BLK_LEN_V0

#endif /* __XEN_PUBLIC_HVM_IOREQ_H__ */
