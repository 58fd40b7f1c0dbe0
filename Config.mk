# Shared make settings for the whole tree.  Included by every Makefile.
# Findings of ./configure (optional: defaults below work on Debian).

XEN_ROOT ?= $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

-include $(XEN_ROOT)/config/Tools.mk

XEN_TARGET_ARCH ?= x86_64
include $(XEN_ROOT)/config/$(XEN_TARGET_ARCH).mk

# Versions.  The hypervisor speaks Xen 4.17's ABI and calls itself
# 4.17.0-resmap (xen_version: xen/include/xen/version.h and
# scripts/gen-compile-h say the same); installed files are named after
# XEN_FULLVERSION, as Xen's: /boot/xen-4.17.0-resmap.gz.  RESMAP_VERSION is
# this tree's own release (the source tarball, debian/changelog).
XEN_VERSION       := 4
XEN_SUBVERSION    := 17
XEN_EXTRAVERSION  := .0-resmap
XEN_FULLVERSION   := $(XEN_VERSION).$(XEN_SUBVERSION)$(XEN_EXTRAVERSION)
RESMAP_VERSION    := 0.1.0

# Cross builds (./configure --host=x86_64-linux-gnu on another machine).
CROSS_COMPILE ?=
CC        ?= gcc
HOSTCC    ?= $(CC)
LD        ?= ld
OBJCOPY   ?= objcopy
PYTHON    ?= python3
QEMU      ?= qemu-system-x86_64
ifneq ($(CROSS_COMPILE),)
CC        := $(CROSS_COMPILE)gcc
LD        := $(CROSS_COMPILE)ld
OBJCOPY   := $(CROSS_COMPILE)objcopy
AR        := $(CROSS_COMPILE)ar
endif

# Installation directories: ./configure's --prefix, --libdir, ...
# (recorded in config/Tools.mk), or make install prefix=... .
prefix    ?= /usr/local
exec_prefix ?= $(prefix)
libdir    ?= $(exec_prefix)/lib
includedir ?= $(prefix)/include
datarootdir ?= $(prefix)/share
mandir    ?= $(datarootdir)/man
sysconfdir ?= $(prefix)/etc
bootdir   ?= /boot
# Xen's place for the hypervisor's symbols (xen-syms-<version>).
debugdir  ?= /usr/lib/debug
DESTDIR   ?=

# Flags of the tools (libxenforeignmemory): a packager's CFLAGS, CPPFLAGS
# and LDFLAGS (dpkg-buildflags: hardening included) are used as given,
# from ./configure or the environment; these defaults only when there are
# none.  The hypervisor and the test builds keep their own flags.
CFLAGS    ?= -O2 -g
CPPFLAGS  ?=
LDFLAGS   ?=

# Every C file in the tree builds warning-free, and the tests keep it so;
# WERROR=n (./configure --disable-werror) for builds with compilers the
# tree has not met yet.
WERROR    ?= y
WARN_CFLAGS := -Wall -Wextra $(if $(filter y,$(WERROR)),-Werror)
# Hosted (test) builds run under the sanitizers.
SAN_CFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1

# Whether the FLASK policy is built and installed (./configure
# --enable-xsm/--disable-xsm; XSM_ENABLE also sets CONFIG_XSM in
# xen/.config).  Without ./configure: when checkpolicy is there.
XSM_ENABLE ?=
ifeq ($(XSM_ENABLE),)
XSM_POLICY ?= $(if $(shell command -v checkpolicy 2>/dev/null),y,n)
else
XSM_POLICY ?= $(XSM_ENABLE)
endif

# Quiet builds ("  CC      file.o") unless V=1 (./configure
# --disable-silent-rules), nothing with make -s.  In a recipe:
#   $(call say,CC,$@)
#   $(Q)$(CC) ...
V ?= 0
ifeq ($(V),1)
Q :=
say =
else
Q := @
ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
say =
else
say = @printf '  %-7s %s\n' '$(1)' '$(2)'
endif
endif

INSTALL      ?= install
INSTALL_DIR  ?= $(INSTALL) -d -m0755
INSTALL_DATA ?= $(INSTALL) -m0644
INSTALL_PROG ?= $(INSTALL) -m0755
