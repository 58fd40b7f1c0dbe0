# x86-64: the only architecture the hypervisor runs on.
XEN_COMPILE_ARCH := x86_64
XEN_TARGET_BITS  := 64
HV_ARCH          := x86
