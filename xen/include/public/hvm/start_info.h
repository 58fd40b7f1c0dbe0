/* SPDX-License-Identifier: MIT */
/* The PVH start info lives with the x86 ABI; this is a shorter path to it. */
#ifndef __XEN_PUBLIC_HVM_START_INFO_H__
#define __XEN_PUBLIC_HVM_START_INFO_H__

#if defined(__i386__) || defined(__x86_64__)
#include "../arch-x86/hvm/start_info.h"
#endif

#endif /* __XEN_PUBLIC_HVM_START_INFO_H__ */
