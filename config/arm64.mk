# arm64: not a hypervisor target here.  Only the set_foreign_p2m_entry
# stub (xen/include/asm-arm/p2m.h) exists, and a hosted test builds
# common code against it.
XEN_COMPILE_ARCH := arm64
XEN_TARGET_BITS  := 64
HV_ARCH          := arm
