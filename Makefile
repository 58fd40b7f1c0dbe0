# Top-level build of the tree.  A newcomer needs two commands:
#   make run    installs what is missing, builds, boots the demo in QEMU
#   make test   everything, ending with "N passed, N failed"
# Packagers: ./configure --prefix=/usr && make && make install DESTDIR=...

XEN_ROOT := $(CURDIR)
include $(XEN_ROOT)/Config.mk

SUBDIRS_TOOLS := tools/libs/foreignmemory tools/tests/guest

.PHONY: all xen tools deps run test test-unit test-guest test-repeat test-xen417 fuzz bench \
	check install devenv clean distclean help
all: xen tools

help:
	@echo "make            build the hypervisor (xen/xen, xen/xen.gz) and tools"
	@echo "make run        boot the demo domains in QEMU"
	@echo "make test       all tests; ends with 'N passed, N failed'"
	@echo "make bench      benchmarks (numbers, not assertions)"
	@echo "make test-xen417  the guest ABI tests on Debian's Xen 4.17"
	@echo "make test-repeat K=REGEX N=COUNT  boot matching guest cases N times"
	@echo "make check      gcc and clang builds, cppcheck, image size"
	@echo "make fuzz [FUZZ_TIME=S]  every libFuzzer target for S seconds"
	@echo "make install DESTDIR=... prefix=..."
	@echo 'eval "$$(make devenv)"  build and run programs against this tree'"'"'s library'

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

test: deps
	$(MAKE) all
	$(XEN_ROOT)/scripts/run-tests

test-guest: deps
	$(MAKE) all
	$(XEN_ROOT)/scripts/run-tests guest

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

check: deps
	$(MAKE) -C tools/tests/guest all
	$(XEN_ROOT)/scripts/check

# The library's install also installs the man pages.
install: all
	$(INSTALL_DIR) $(DESTDIR)$(bootdir)
	$(INSTALL_DATA) xen/xen.gz $(DESTDIR)$(bootdir)/xen-resmap.gz
	$(MAKE) -C tools/libs/foreignmemory install

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
	rm -f config/Tools.mk
