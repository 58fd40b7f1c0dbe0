# Shared make settings for the whole tree.  Included by every Makefile.
# Findings of ./configure (optional: defaults below work on Debian).

XEN_ROOT ?= $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

-include $(XEN_ROOT)/config/Tools.mk

XEN_TARGET_ARCH ?= x86_64
include $(XEN_ROOT)/config/$(XEN_TARGET_ARCH).mk

CC        ?= gcc
HOSTCC    ?= $(CC)
LD        ?= ld
OBJCOPY   ?= objcopy
PYTHON    ?= python3
QEMU      ?= qemu-system-x86_64

prefix    ?= /usr/local
exec_prefix ?= $(prefix)
libdir    ?= $(exec_prefix)/lib
includedir ?= $(prefix)/include
mandir    ?= $(prefix)/share/man
bootdir   ?= /boot
DESTDIR   ?=

# Every C file in the tree builds warning-free.
WARN_CFLAGS := -Wall -Wextra -Werror
# Hosted (test) builds run under the sanitizers.
SAN_CFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1

INSTALL      ?= install
INSTALL_DIR  ?= $(INSTALL) -d -m0755
INSTALL_DATA ?= $(INSTALL) -m0644
INSTALL_PROG ?= $(INSTALL) -m0755
