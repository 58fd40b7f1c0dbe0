/*
 * The AMD SVM Virtual Machine Control Block (AMD APM vol. 2, appendix B):
 * a 4 KiB page, control area at 0, state save area at 0x400.
 */
#ifndef ASM_X86_SVM_VMCB_H
#define ASM_X86_SVM_VMCB_H

#include <xen/types.h>
#include <xen/lib.h>

struct vmcb_seg {
    uint16_t sel;
    uint16_t attr;      /* packed descriptor bits 8-15 and 20-23 */
    uint32_t limit;
    uint64_t base;
};

struct vmcb {
    /* Control area. */
    uint32_t cr_intercepts;         /* 0x000 */
    uint32_t dr_intercepts;         /* 0x004 */
    uint32_t exception_intercepts;  /* 0x008 */
    uint32_t general1_intercepts;   /* 0x00c */
    uint32_t general2_intercepts;   /* 0x010 */
    uint8_t  rsvd1[0x03c - 0x014];
    uint16_t pause_filter_thresh;   /* 0x03c */
    uint16_t pause_filter_count;    /* 0x03e */
    uint64_t iopm_base_pa;          /* 0x040 */
    uint64_t msrpm_base_pa;         /* 0x048 */
    uint64_t tsc_offset;            /* 0x050 */
    uint32_t guest_asid;            /* 0x058 */
    uint8_t  tlb_control;           /* 0x05c */
    uint8_t  rsvd2[3];
    uint64_t vintr;                 /* 0x060 */
    uint64_t interrupt_shadow;      /* 0x068 */
    uint64_t exitcode;              /* 0x070 */
    uint64_t exitinfo1;             /* 0x078 */
    uint64_t exitinfo2;             /* 0x080 */
    uint64_t exitintinfo;           /* 0x088 */
    uint64_t np_enable;             /* 0x090 */
    uint8_t  rsvd3[0x0a8 - 0x098];
    uint64_t eventinj;              /* 0x0a8 */
    uint64_t n_cr3;                 /* 0x0b0 */
    uint64_t virt_ext;              /* 0x0b8 */
    uint32_t clean_bits;            /* 0x0c0 */
    uint32_t rsvd4;
    uint64_t nrip;                  /* 0x0c8 */
    uint8_t  guest_ins_len;         /* 0x0d0 */
    uint8_t  guest_ins[15];
    uint8_t  rsvd5[0x400 - 0x0e0];

    /* State save area. */
    struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr; /* 0x400 */
    uint8_t  rsvd6[0x4cb - 0x4a0];
    uint8_t  cpl;                   /* 0x4cb */
    uint32_t rsvd7;
    uint64_t efer;                  /* 0x4d0 */
    uint8_t  rsvd8[0x548 - 0x4d8];
    uint64_t cr4;                   /* 0x548 */
    uint64_t cr3;                   /* 0x550 */
    uint64_t cr0;                   /* 0x558 */
    uint64_t dr7;                   /* 0x560 */
    uint64_t dr6;                   /* 0x568 */
    uint64_t rflags;                /* 0x570 */
    uint64_t rip;                   /* 0x578 */
    uint8_t  rsvd9[0x5d8 - 0x580];
    uint64_t rsp;                   /* 0x5d8 */
    uint8_t  rsvd10[0x5f8 - 0x5e0];
    uint64_t rax;                   /* 0x5f8 */
    uint64_t star;                  /* 0x600 */
    uint64_t lstar;                 /* 0x608 */
    uint64_t cstar;                 /* 0x610 */
    uint64_t sfmask;                /* 0x618 */
    uint64_t kernel_gs_base;        /* 0x620 */
    uint64_t sysenter_cs;           /* 0x628 */
    uint64_t sysenter_esp;          /* 0x630 */
    uint64_t sysenter_eip;          /* 0x638 */
    uint64_t cr2;                   /* 0x640 */
    uint8_t  rsvd11[0x668 - 0x648];
    uint64_t g_pat;                 /* 0x668 */
    /* Used by the CPU only with LBR virtualisation (which we leave off):
     * here they hold what the guest wrote to the MSRs (hvm/msr.c). */
    uint64_t debugctl;              /* 0x670 */
    uint64_t br_from;               /* 0x678 */
    uint64_t br_to;                 /* 0x680 */
    uint64_t lastint_from;          /* 0x688 */
    uint64_t lastint_to;            /* 0x690 */
    uint8_t  rsvd12[0x1000 - 0x698];
};

BUILD_BUG_ON(sizeof(struct vmcb) != 0x1000);
BUILD_BUG_ON(offsetof(struct vmcb, n_cr3) != 0x0b0);
BUILD_BUG_ON(offsetof(struct vmcb, es) != 0x400);
BUILD_BUG_ON(offsetof(struct vmcb, tr) != 0x490);
BUILD_BUG_ON(offsetof(struct vmcb, cpl) != 0x4cb);
BUILD_BUG_ON(offsetof(struct vmcb, efer) != 0x4d0);
BUILD_BUG_ON(offsetof(struct vmcb, rip) != 0x578);
BUILD_BUG_ON(offsetof(struct vmcb, rsp) != 0x5d8);
BUILD_BUG_ON(offsetof(struct vmcb, rax) != 0x5f8);
BUILD_BUG_ON(offsetof(struct vmcb, cr2) != 0x640);
BUILD_BUG_ON(offsetof(struct vmcb, g_pat) != 0x668);
BUILD_BUG_ON(offsetof(struct vmcb, lastint_to) != 0x690);

/* cr_intercepts: reads of CRn are bit n, writes bit 16 + n. */
#define CR_INTERCEPT_CR0_WRITE (1u << 16)
#define CR_INTERCEPT_CR4_WRITE (1u << 20)
/* dr_intercepts: reads of DR0-7 (bits 0-7) and writes (16-23). */
#define DR_INTERCEPT_ALL       0x00ff00ffu

/* general1_intercepts */
#define GENERAL1_INTR        (1u << 0)
#define GENERAL1_NMI         (1u << 1)
#define GENERAL1_SMI         (1u << 2)
#define GENERAL1_INIT        (1u << 3)
#define GENERAL1_VINTR       (1u << 4)
#define GENERAL1_CPUID       (1u << 18)
#define GENERAL1_INVD        (1u << 22)
#define GENERAL1_HLT         (1u << 24)
#define GENERAL1_IOIO        (1u << 27)
#define GENERAL1_MSR         (1u << 28)
#define GENERAL1_TASK_SWITCH (1u << 29)
#define GENERAL1_SHUTDOWN    (1u << 31)
/* general2_intercepts */
#define GENERAL2_VMRUN       (1u << 0)
#define GENERAL2_VMMCALL     (1u << 1)
#define GENERAL2_VMLOAD      (1u << 2)
#define GENERAL2_VMSAVE      (1u << 3)
#define GENERAL2_STGI        (1u << 4)
#define GENERAL2_CLGI        (1u << 5)
#define GENERAL2_SKINIT      (1u << 6)
#define GENERAL2_RDTSCP      (1u << 7)
#define GENERAL2_ICEBP       (1u << 8)
#define GENERAL2_WBINVD      (1u << 9)
#define GENERAL2_MONITOR     (1u << 10)
#define GENERAL2_MWAIT       (1u << 11)
#define GENERAL2_XSETBV      (1u << 13)

#define VINTR_MASKING        (1ull << 24)
#define TLB_CTRL_FLUSH_ALL   1

/* Exit codes. */
#define VMEXIT_CR0_WRITE   0x10
#define VMEXIT_CR4_WRITE   0x14
#define VMEXIT_DR0_READ    0x20     /* 0x20-0x27: reads of DR0-7 */
#define VMEXIT_DR7_WRITE   0x37     /* 0x30-0x37: writes */
#define VMEXIT_EXCEPTION_BASE 0x40
#define VMEXIT_INTR        0x60
#define VMEXIT_VINTR       0x64
#define VMEXIT_NMI         0x61
#define VMEXIT_SMI         0x62
#define VMEXIT_INIT        0x63
#define VMEXIT_CPUID       0x72
#define VMEXIT_INVD        0x76
#define VMEXIT_HLT         0x78
#define VMEXIT_IOIO        0x7b
#define VMEXIT_MSR         0x7c
#define VMEXIT_TASK_SWITCH 0x7d
#define VMEXIT_SHUTDOWN    0x7f
#define VMEXIT_VMRUN       0x80
#define VMEXIT_VMMCALL     0x81
#define VMEXIT_VMLOAD      0x82
#define VMEXIT_VMSAVE      0x83
#define VMEXIT_STGI        0x84
#define VMEXIT_CLGI        0x85
#define VMEXIT_SKINIT      0x86
#define VMEXIT_RDTSCP      0x87
#define VMEXIT_ICEBP       0x88
#define VMEXIT_WBINVD      0x89
#define VMEXIT_MONITOR     0x8a
#define VMEXIT_MWAIT       0x8b
#define VMEXIT_XSETBV      0x8d
#define VMEXIT_NPF         0x400
#define VMEXIT_INVALID     ((uint64_t)-1)
/* QEMU stores its 32-bit -1 zero-extended. */
#define VMEXIT_INVALID32   0xffffffffULL

/* EVENTINJ: vector, type (bits 8-10), error-code valid (11), valid (31). */
#define EVENTINJ_TYPE_EXCEPTION (3u << 8)
#define EVENTINJ_EV             (1u << 11)
#define EVENTINJ_VALID          (1u << 31)

/* IOIO exit information (exitinfo1). */
#define IOIO_TYPE_IN    (1u << 0)
#define IOIO_STRING     (1u << 2)
#define IOIO_REP        (1u << 3)
#define IOIO_SIZE_SHIFT 4           /* bits 4-6: 1, 2 or 4 bytes */
#define IOIO_PORT_SHIFT 16

#endif /* ASM_X86_SVM_VMCB_H */
