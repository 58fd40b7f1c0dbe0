#!/usr/bin/env python3
"""Check the hypervisor's hand-written compat (32-bit caller) structures,
xen/include/compat/*.h, against the i386 layout of the same structures in
Debian's Xen 4.17 headers: size and every member's offset.  The compat
side is compiled as the hypervisor sees it (-m64), Debian's with -m32.

Output: one PASS:/FAIL: line per structure."""
import os
import sys
import tempfile

from abi_check import ROOT, DEBIAN, LATEST, evaluate, report

# compat struct -> (Debian struct, header, members in order)
PAIRS = {
    "compat_add_to_physmap": ("xen_add_to_physmap", "memory.h",
                              ["domid", "size", "space", "idx", "gpfn"]),
    "compat_add_to_physmap_batch": ("xen_add_to_physmap_batch", "memory.h",
                                    ["domid", "space", "size", "u", "idxs",
                                     "gpfns", "errs"]),
    "compat_remove_from_physmap": ("xen_remove_from_physmap", "memory.h",
                                   ["domid", "gpfn"]),
    "compat_memory_reservation": ("xen_memory_reservation", "memory.h",
                                  ["extent_start", "nr_extents",
                                   "extent_order", "mem_flags", "domid"]),
    "compat_mem_acquire_resource": ("xen_mem_acquire_resource", "memory.h",
                                    ["domid", "type", "id", "nr_frames",
                                     "pad", "frame", "frame_list"]),
    "compat_memory_map": ("xen_memory_map", "memory.h",
                          ["nr_entries", "buffer"]),
    "compat_gnttab_setup_table": ("gnttab_setup_table", "grant_table.h",
                                  ["dom", "nr_frames", "status",
                                   "frame_list"]),
    "compat_dm_op_buf": ("xen_dm_op_buf", "hvm/dm_op.h", ["h", "size"]),
    "compat_gnttab_get_status_frames": ("gnttab_get_status_frames",
                                        "grant_table.h",
                                        ["nr_frames", "dom", "status",
                                         "frame_list"]),
}


def exprs(struct, members):
    out = ["sizeof(struct %s)" % struct]
    out += ["offsetof(struct %s, %s)" % (struct, m) for m in members]
    return out


def main():
    ours_src = ["#include <stddef.h>", "#include <compat/memory.h>",
                "#include <compat/grant_table.h>", "#include <compat/dm_op.h>"]
    theirs_src = ["#include <stddef.h>", "#include <stdint.h>",
                  "#include <xen/xen.h>", "#include <xen/memory.h>",
                  "#include <xen/grant_table.h>", "#include <xen/hvm/dm_op.h>"]
    ours_e, theirs_e = [], []
    for c, (d, _, members) in PAIRS.items():
        ours_e += exprs(c, members)
        theirs_e += exprs(d, members)
    with tempfile.TemporaryDirectory() as tmp:
        ours = evaluate("\n".join(ours_src), ours_e,
                        ["-m64", "-D__XEN__", "-I", os.path.join(ROOT, "xen/include")],
                        tmp, "compat-ours")
        theirs = evaluate("\n".join(theirs_src), theirs_e,
                          ["-m32", "-D__XEN_TOOLS__",
                           "-D__XEN_INTERFACE_VERSION__=" + LATEST,
                           "-I", DEBIAN], tmp, "compat-theirs")
    failed, i = 0, 0
    for c, (d, _, members) in PAIRS.items():
        n = 1 + len(members)
        problems = []
        for label, a, b in zip(["size"] + members, ours[i:i + n],
                               theirs[i:i + n]):
            if a is None or b is None or a != b:
                problems.append("%s: ours %s, i386 %s" % (label, a, b))
        failed += report("abi/compat-%s" % c, problems)
        i += n
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
