#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check our public headers (xen/include/public) against Debian's Xen 4.17
headers (/usr/include/xen): size, alignment, member offsets and sizes of
every struct/union we define, and the value of every integer constant.

Both header sets declare the same names, so they never meet in one
translation unit.  For each configuration (64/32-bit, guest/tools view)
we generate one list of expressions, compile it once against each header
set into a u64 array in its own ELF section, pull the bytes out with
objcopy and compare.  Nothing is executed, so 32-bit needs no libc.
An expression that does not compile against Debian's headers is a name
we have that they lack; one that does not compile against ours is a
macro that is not an integer constant and is skipped.

Output: one PASS:/FAIL: line per struct and per header's constants."""

import os
import re
import struct
import subprocess
import sys
import tempfile

from cparse import Parser

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../.."))
PUBLIC = os.path.join(ROOT, "xen/include/public")
DEBIAN = os.environ.get("XEN_SYSTEM_INCLUDE", "/usr/include")
CC = os.environ.get("CC", "gcc")
OBJCOPY = os.environ.get("OBJCOPY", "objcopy")
LATEST = "0x00040e00"

CONFIGS = [
    ("m64", ["-m64"]),
    ("m64-tools", ["-m64", "-D__XEN_TOOLS__"]),
    ("m32", ["-m32"]),
    ("m32-tools", ["-m32", "-D__XEN_TOOLS__"]),
    ("m64-xen", ["-m64", "-D__XEN__"]),
]

# Debian's foreign/x86_32.h spells the 32-bit layouts with a suffix and
# can be compiled natively: a second opinion on the m32 results.
FOREIGN32 = ["arch_shared_info", "arch_vcpu_info", "shared_info",
             "vcpu_info", "vcpu_time_info"]

# foreign/x86_32.h is generated from the oldest interface level: these
# members have other names there (pad0, pad1[3]) at the same offsets.
FOREIGN32_RENAMED = {"evtchn_upcall_mask", "flags", "pad1"}

# Where Debian keeps a header of ours under another path.
DEBIAN_PATH = {"hvm/start_info.h": "arch-x86/hvm/start_info.h"}

# Headers we do not compare (none so far).
SKIP_HEADERS = set()

# Our own names with no Debian counterpart, and why.
OWN_NAMES = {
}

POISON = "0xfeedfacecafebeefULL"


def headers():
    out = []
    for d, _, files in os.walk(PUBLIC):
        for f in files:
            if f.endswith(".h"):
                out.append(os.path.relpath(os.path.join(d, f), PUBLIC))
    return sorted(h for h in out if h not in SKIP_HEADERS)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


# Tools-only headers: Debian's refuse a guest build (#error), ours are
# empty there; compared in the tools views (Debian's hypervisor view
# needs the hypervisor's own headers).
TOOLS_ONLY = {"domctl.h", "sysctl.h"}

# Included through arch-x86/xen.h for the right width only.
WIDTH_HEADERS = {"arch-x86/xen-x86_64.h", "arch-x86/xen-x86_32.h"}


def includes(side, hdrs):
    lines = ["#include <stdint.h>", "#include <stddef.h>"]
    for h in ["xen.h"] + [h for h in hdrs if h not in WIDTH_HEADERS]:
        if side == "ours":
            lines.append('#include "public/%s"' % h)
        else:
            lines.append("#include <xen/%s>" % DEBIAN_PATH.get(h, h))
    return "\n".join(lines) + "\n"


def side_flags(side, flags):
    if side == "ours":
        return flags + ["-I", os.path.join(ROOT, "xen/include")]
    extra = [] if "-D__XEN_TOOLS__" in flags or "-D__XEN__" in flags else \
        ["-D__XEN_INTERFACE_VERSION__=" + LATEST]
    return flags + extra + ["-I", DEBIAN]


def macro_origins():
    """Constant name -> header (relative path) that defines it."""
    origin = {}
    for h in headers():
        for line in open(os.path.join(PUBLIC, h)):
            m = re.match(r"\s*#\s*define\s+([A-Za-z_]\w*)(\(?)", line)
            if m and not m.group(2):
                origin.setdefault(m.group(1), h)
    return origin


def our_macros(flags, tmp, hdrs):
    src = os.path.join(tmp, "macros.c")
    base = os.path.join(tmp, "base.c")
    open(src, "w").write(includes("ours", hdrs))
    open(base, "w").write("#include <stdint.h>\n#include <stddef.h>\n")
    got = {}
    for f, dst in ((src, "ours"), (base, "base")):
        r = run([CC, "-E", "-dM"] + side_flags("ours", flags) + [f])
        if r.returncode:
            sys.exit("preprocessing failed:\n" + r.stderr)
        got[dst] = set(re.findall(r"^#define ([A-Za-z_]\w*) ", r.stdout,
                                  re.M))
    return got["ours"] - got["base"]


def our_words():
    """Every identifier in our headers (to tell our types from libc's)."""
    words = set()
    for h in headers():
        words.update(re.findall(r"[A-Za-z_]\w*", open(os.path.join(PUBLIC, h)).read()))
    return words


def our_types(flags, tmp, hdrs):
    src = os.path.join(tmp, "types.c")
    open(src, "w").write(includes("ours", hdrs))
    r = run([CC, "-E", "-P"] + side_flags("ours", flags) + [src])
    if r.returncode:
        sys.exit("preprocessing failed:\n" + r.stderr)
    return Parser().parse(r.stdout)


def type_items(tname, members, spell=None):
    """Expressions describing one struct/union; spell renames it."""
    t = spell or tname
    items = [("sizeof", "sizeof(%s)" % t), ("alignof", "_Alignof(%s)" % t)]
    for path, bitfield in members:
        if bitfield:
            continue
        items.append(("offsetof " + path, "offsetof(%s, %s)" % (t, path)))
        items.append(("sizeof " + path, "sizeof(((%s *)0)->%s)" % (t, path)))
    return items


def evaluate(prologue, exprs, flags, tmp, tag):
    """Values of exprs (None where an expression does not compile)."""
    values = [None] * len(exprs)
    live = set(range(len(exprs)))
    src = os.path.join(tmp, tag + ".c")
    obj = os.path.join(tmp, tag + ".o")
    binf = os.path.join(tmp, tag + ".bin")
    prologue = prologue.rstrip("\n")
    first = prologue.count("\n") + 4     # line number of exprs[0]
    for _ in range(100):
        body = [prologue,
                '__attribute__((used, section(".abivals")))',
                "const unsigned long long abivals[] = {"]
        for i, e in enumerate(exprs):
            body.append("(unsigned long long)(%s)," % e if i in live
                        else POISON + ",")
        body.append("};\n")
        open(src, "w").write("\n".join(body))
        r = run([CC, "-c", "-w", "-fmax-errors=0", "-ftrack-macro-expansion=0",
                 "-fno-diagnostics-show-caret", "-o", obj] + flags +
                [src])
        if r.returncode == 0:
            break
        bad = {int(n) - first for n in
               re.findall(r"^%s:(\d+):\d+: error" % re.escape(src),
                          r.stderr, re.M)}
        bad &= live
        if not bad:
            sys.exit("cannot build %s:\n%s" % (tag, r.stderr[-3000:]))
        live -= bad
    else:
        sys.exit("cannot build %s:\n%s" % (tag, r.stderr[-3000:]))
    r = run([OBJCOPY, "-O", "binary", "-j", ".abivals", obj, binf])
    if r.returncode:
        sys.exit(r.stderr)
    data = open(binf, "rb").read()
    for i in live:
        values[i] = struct.unpack_from("<Q", data, 8 * i)[0]
    return values


def report(name, problems):
    if problems:
        more = "" if len(problems) <= 4 else " (+%d more)" % (len(problems) - 4)
        print("FAIL: %s: %s%s" % (name, "; ".join(problems[:4]), more))
        return 1
    print("PASS: %s" % name)
    return 0


def compare(cfg, groups, ours, theirs):
    """groups: list of (test name, [(what, index)]); returns #failures."""
    fails = 0
    for name, entries in groups:
        problems = []
        for what, i in entries:
            if ours[i] is None:
                continue
            if theirs[i] is None:
                if what not in OWN_NAMES:
                    problems.append("%s missing in Debian headers" % what)
            elif ours[i] != theirs[i]:
                problems.append("%s is %d, Debian %d" %
                                (what, ours[i], theirs[i]))
        fails += report("abi-%s/%s" % (cfg, name), problems)
    return fails


def check_config(cfg, flags, tmp, origin):
    hdrs = headers()
    if "-D__XEN_TOOLS__" not in flags:
        hdrs = [h for h in hdrs if h not in TOOLS_ONLY]
    macros = sorted(m for m in our_macros(flags, tmp, hdrs)
                    if m in origin and not m.endswith("_H__"))
    parsed = our_types(flags, tmp, hdrs)
    exprs, groups = [], []
    words = our_words()
    for tname in sorted(parsed.types):
        if tname.startswith("__guest_handle") or \
                tname.split(" ")[-1] not in words:
            continue
        entries = []
        for what, e in type_items(tname, parsed.types[tname]):
            entries.append((what, len(exprs)))
            exprs.append(e)
        groups.append((tname.replace(" ", ":"), entries))
    by_header = {}
    for m in macros + parsed.enums:
        by_header.setdefault(origin.get(m, "enums"), []).append(m)
    for h in sorted(by_header):
        entries = []
        for m in by_header[h]:
            entries.append((m, len(exprs)))
            exprs.append(m)
        groups.append(("consts:" + h, entries))

    ours = evaluate(includes("ours", hdrs), exprs,
                    side_flags("ours", flags), tmp, cfg + "-ours")
    theirs = evaluate(includes("debian", hdrs), exprs,
                      side_flags("debian", flags), tmp, cfg + "-debian")
    for name, entries in groups:   # struct items must build on our side
        for what, i in entries:
            # (a flexible array member has no size: that one may fail)
            if ours[i] is None and not name.startswith("consts:") and \
                    not what.startswith("sizeof "):
                sys.exit("our %s: %s does not compile" % (name, what))
    fails = compare(cfg, groups, ours, theirs)

    if cfg == "m32":
        fails += check_foreign32(parsed, ours, groups, exprs, tmp)
    return fails


def check_foreign32(parsed, ours, groups, exprs, tmp):
    index = dict(groups)
    fexprs, fgroups, mine = [], [], []
    for base in FOREIGN32:
        tname = "struct " + base
        entries = []
        items = type_items(tname, parsed.types[tname],
                           spell="struct %s_x86_32" % base)
        for (what, e), (_, i) in zip(items, index[tname.replace(" ", ":")]):
            if what.split(" ")[-1] in FOREIGN32_RENAMED:
                continue
            entries.append((what, len(fexprs)))
            fexprs.append(e)
            mine.append(ours[i])
        fgroups.append(("struct:" + base, entries))
    pro = "#include <stdint.h>\n#include <stddef.h>\n" \
          "#include <xen/foreign/x86_32.h>\n"
    theirs = evaluate(pro, fexprs, ["-m64", "-I", DEBIAN], tmp, "foreign32")
    return compare("foreign32", fgroups, mine, theirs)


def check_standalone(tmp):
    """Every header compiles on its own, in every mode and width."""
    fails = 0
    modes = [[], ["-D__XEN_TOOLS__"], ["-D__XEN__"]]
    for h in headers():
        for bits in ("-m64", "-m32"):
            problems = []
            for mode in modes:
                src = os.path.join(tmp, "alone.c")
                open(src, "w").write('#include "public/%s"\n' % h)
                r = run([CC, bits, "-ffreestanding", "-std=gnu99", "-Wall",
                         "-Wextra", "-Werror", "-c", "-o", os.devnull, "-I",
                         os.path.join(ROOT, "xen/include")] + mode + [src])
                if r.returncode:
                    first = r.stderr.strip().splitlines()
                    problems.append("%s: %s" % (" ".join(mode) or "guest",
                                                first[0] if first else "?"))
            fails += report("abi-headers/%s%s" % (h, bits), problems)
    return fails


def main():
    origin = macro_origins()
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        fails += check_standalone(tmp)
        for cfg, flags in CONFIGS:
            fails += check_config(cfg, flags, tmp, origin)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
