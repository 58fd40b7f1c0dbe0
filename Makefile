# Top-level build of the tree.  A newcomer needs two commands:
#   make run    installs what is missing, builds, boots the demo in QEMU
#   make test   everything, ending with "N passed, N failed"
# Packagers (docs/packaging.md):
#   ./configure --prefix=/usr && make build && make install DESTDIR=...
# build/install cover what is installed (the hypervisor, the library, the
# FLASK policy), never the test guests; install-xen/install-tools and
# uninstall as in Xen, make dist installs into dist/install.

XEN_ROOT := $(CURDIR)
include $(XEN_ROOT)/Config.mk

SUBDIRS_TOOLS := tools/libs/foreignmemory tools/tests/guest

.PHONY: all xen tools deps run test test-unit test-guest test-vmx test-repeat test-xen417 test-xen417-vmx fuzz bench \
	check install devenv clean distclean help build build-xen build-tools \
	install-xen install-tools uninstall uninstall-xen uninstall-tools \
	dist dist-xen dist-tools src-tarball deb test-packaging check-reproducible \
	defconfig olddefconfig savedefconfig
all: xen tools

help:
	@echo "make            build the hypervisor (xen/xen, xen/xen.gz) and tools"
	@echo "make run        boot the demo domains in QEMU"
	@echo "make test       all tests; ends with 'N passed, N failed'"
	@echo "make bench      benchmarks (numbers, not assertions)"
	@echo "make test-xen417  the guest ABI tests on Debian's Xen 4.17"
	@echo "make test-xen417-vmx  CPU-dependent guest tests on Xen 4.17 and ours, Intel VMX (Bochs)"
	@echo "make test-vmx   every guest case on Intel VMX (Bochs; make test runs a subset)"
	@echo "make test-repeat K=REGEX N=COUNT  boot matching guest cases N times"
	@echo "make check      gcc and clang builds, cppcheck, image size, reproducibility"
	@echo "make fuzz [FUZZ_TIME=S]  every libFuzzer target for S seconds"
	@echo 'eval "$$(make devenv)"  build and run programs against this tree'"'"'s library'
	@echo "Packaging (docs/packaging.md):"
	@echo "make build      what is installed: build-xen + build-tools (no test guests)"
	@echo "make install DESTDIR=... prefix=...   install-xen + install-tools; uninstall"
	@echo "make dist       install into dist/install;  make src-tarball: dist/resmap-$(RESMAP_VERSION).tar.gz"
	@echo "make defconfig | olddefconfig   the hypervisor's xen/.config (xen/Kconfig)"
	@echo "make deb        Debian packages into build/deb (dpkg-buildpackage)"
	@echo "make test-packaging  the whole packager path (scripts/test-packaging)"
	@echo "V=1             show every command"

xen:
	$(MAKE) -C xen

tools:
	@set -e; for d in $(SUBDIRS_TOOLS); do \
		if [ -f $$d/Makefile ]; then $(MAKE) -C $$d all; fi; done
	$(MAKE) -C tools/tests/foreignmemory tool

# Installs (with apt-get) the Debian packages the build and tests need.
deps:
	@$(XEN_ROOT)/scripts/ensure-deps

run:
	@$(XEN_ROOT)/scripts/ensure-deps run
	$(MAKE) all
	$(XEN_ROOT)/scripts/demo

# Debian's Linux as the control domain, a toolstack at work in it.
run-linux: deps
	$(MAKE) all
	$(MAKE) -s -C $(XEN_ROOT)/tools/tests/guest
	$(XEN_ROOT)/scripts/run-linux

test: deps
	$(MAKE) all
	$(XEN_ROOT)/scripts/run-tests

test-guest: deps
	$(MAKE) all
	$(XEN_ROOT)/scripts/run-tests guest

# Every guest case under Bochs (VMX with EPT); make test runs VMX_QUICK.
test-vmx: deps
	$(MAKE) all
	$(XEN_ROOT)/scripts/run-tests vmx-full

# Boot the guest cases matching K (a regex) N times each, e.g.
#   make test-repeat K=ioreq-dm N=50
K ?= .
N ?= 20
test-repeat: deps
	$(MAKE) all
	$(XEN_ROOT)/scripts/run-guest-tests -k '$(K)' --repeat $(N) | \
		$(XEN_ROOT)/scripts/count-results

# Hypervisor numbers (guest cycles under -icount, ours and Xen 4.17),
# then libxenforeignmemory ours against Debian's in one Xen 4.17 dom0.
bench: deps
	$(MAKE) all
	$(XEN_ROOT)/scripts/bench
	$(XEN_ROOT)/scripts/bench-library --icount

# Every libFuzzer target for FUZZ_TIME seconds each (default 60):
# executions, coverage, crashes.  make test runs bounded fuzzing only.
FUZZ_TIME ?= 60
fuzz: deps
	$(MAKE) all
	FUZZ_TIME=$(FUZZ_TIME) $(XEN_ROOT)/scripts/fuzz

test-xen417: deps
	$(MAKE) -C tools/tests/guest all
	$(XEN_ROOT)/scripts/test-xen417

test-xen417-vmx: deps
	$(MAKE) all
	$(XEN_ROOT)/scripts/test-xen417-vmx

check: deps
	$(MAKE) -C tools/tests/guest all
	$(XEN_ROOT)/scripts/check
	$(XEN_ROOT)/scripts/check-reproducible

# --- what is installed ------------------------------------------------------
# The hypervisor, and the tools: libxenforeignmemory (library, header,
# pkg-config file, man pages) and the FLASK policy (XSM_POLICY: ./configure
# --enable-xsm/--disable-xsm, else when checkpolicy is installed).
build: build-xen build-tools

build-xen:
	$(MAKE) -C xen

build-tools:
	$(MAKE) -C tools/libs/foreignmemory all
ifeq ($(XSM_POLICY),y)
	$(MAKE) -C tools/flask/policy all
endif

# Where Debian's Xen packages put theirs: /boot/xen-<version>.gz and the
# .config it was built with (20_linux_xen of grub-common lists them).
# The image with its symbols, xen-syms, goes under the debug directory at
# the path of /boot, as Debian's kernel debug packages put vmlinux
# (/usr/lib/debug/boot/; Xen's own make install-xen: /usr/lib/debug/).
XEN_FILES := $(bootdir)/xen-$(XEN_FULLVERSION).gz \
	$(bootdir)/xen-$(XEN_FULLVERSION).config \
	$(debugdir)$(bootdir)/xen-syms-$(XEN_FULLVERSION)
install: install-xen install-tools

install-xen: build-xen
	$(INSTALL_DIR) $(DESTDIR)$(bootdir) $(DESTDIR)$(debugdir)$(bootdir)
	$(INSTALL_DATA) xen/xen.gz $(DESTDIR)$(bootdir)/xen-$(XEN_FULLVERSION).gz
	$(INSTALL_DATA) xen/.build/config $(DESTDIR)$(bootdir)/xen-$(XEN_FULLVERSION).config
	$(INSTALL_DATA) xen/.build/xen-syms $(DESTDIR)$(debugdir)$(bootdir)/xen-syms-$(XEN_FULLVERSION)

# The library's install also installs the man pages.
install-tools: build-tools
	$(MAKE) -C tools/libs/foreignmemory install
ifeq ($(XSM_POLICY),y)
	$(MAKE) -C tools/flask/policy install
endif

uninstall: uninstall-xen uninstall-tools

uninstall-xen:
	rm -f $(addprefix $(DESTDIR),$(XEN_FILES))

uninstall-tools:
	$(MAKE) -C tools/libs/foreignmemory uninstall
	$(MAKE) -C tools/flask/policy uninstall

# As Xen's make dist: build and install into dist/install.
DISTDIR ?= $(XEN_ROOT)/dist
dist: dist-xen dist-tools

dist-xen:
	$(MAKE) install-xen DESTDIR=$(DISTDIR)/install

dist-tools:
	$(MAKE) install-tools DESTDIR=$(DISTDIR)/install

# The source tarball: every file git knows (committed or not, not ignored),
# or, in an unpacked tarball, its MANIFEST; reproducible (sorted, owner 0,
# times from SOURCE_DATE_EPOCH or the last commit).  It carries
# config/changeset, the build identity a tree without git uses.
src-tarball:
	$(XEN_ROOT)/scripts/src-tarball $(DISTDIR)

# Debian packages (debian/), built from the source tarball in build/deb:
# .deb, .buildinfo and .changes land there.
deb:
	@$(XEN_ROOT)/scripts/ensure-deps packaging
	$(XEN_ROOT)/scripts/test-packaging --deb-only

# The whole packager path: two builds compared, dpkg-buildpackage, lintian,
# install into a scratch root, grub-mkconfig, the boot of its entry.
test-packaging:
	@$(XEN_ROOT)/scripts/ensure-deps packaging
	$(MAKE) -C tools/tests/guest all
	$(XEN_ROOT)/scripts/test-packaging

# Two builds of xen.gz, the library and the policy in different
# directories, compared byte for byte (make check runs it).
check-reproducible:
	$(XEN_ROOT)/scripts/check-reproducible

defconfig olddefconfig savedefconfig:
	$(MAKE) -C xen $@

# Prints shell settings (PKG_CONFIG_PATH, LD_LIBRARY_PATH) that make
# pkg-config and the loader use this tree's libxenforeignmemory instead of
# Debian's: eval "$$(make devenv)".  Builds the fake-privcmd tool too.
devenv:
	@$(MAKE) -s --no-print-directory -C tools/tests/foreignmemory tool >&2
	@$(MAKE) -s --no-print-directory -C tools/libs/foreignmemory devenv

clean:
	$(MAKE) -C xen clean
	@for d in $(SUBDIRS_TOOLS) tools/tests/unit tools/tests/abi; do \
		if [ -f $$d/Makefile ]; then $(MAKE) -C $$d clean; fi; done
	rm -rf build

distclean: clean
	$(MAKE) -C xen distclean
	rm -rf config/Tools.mk dist
