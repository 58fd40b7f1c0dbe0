#!/bin/sh
# ABI proof: our libxenforeignmemory.so.1 against Debian's.
cd "$(dirname "$0")" || exit 1
B=build
OURS=../../libs/foreignmemory/build/libxenforeignmemory.so.1.4
DEB=$(readlink -f /usr/lib/x86_64-linux-gnu/libxenforeignmemory.so.1)
rc=0

pass() { echo "PASS: foreignmemory/$1"; }
fail() { echo "FAIL: foreignmemory/$1: $2"; rc=1; }

# 1. abidiff, ELF level (Debian's library has no debug info).  Also the
#    other way round, so "added" symbols of ours would show up too.
if abidiff "$DEB" "$OURS" > $B/abidiff.txt 2>&1 &&
   abidiff "$OURS" "$DEB" >> $B/abidiff.txt 2>&1; then
    pass abidiff-debian
else
    fail abidiff-debian "$(tr '\n' ' ' < $B/abidiff.txt | cut -c1-200)"
fi

# 2. abidiff, type level: Debian's header compiled with -g (abi-ref.so)
#    against ours.  Opaque handles becoming defined types is harmless.
if abidiff $B/abi-ref.so "$OURS" > $B/abidiff-types.txt 2>&1 &&
   grep -q '0 Removed, 0 Changed.*0 Added functions' $B/abidiff-types.txt; then
    pass abidiff-types
else
    fail abidiff-types "$(tr '\n' ' ' < $B/abidiff-types.txt | cut -c1-200)"
fi

# 3. Exported symbols with their versions, exactly.
syms() {
    readelf --dyn-syms -W "$1" | awk '$7 != "UND" && $8 ~ /@/ {print $4, $8}' |
        sort
}
syms "$DEB" > $B/syms.debian
syms "$OURS" > $B/syms.ours
if diff -u $B/syms.debian $B/syms.ours > $B/syms.diff &&
   [ "$(wc -l < $B/syms.ours)" -eq 9 ]; then
    pass exported-symbols
else
    fail exported-symbols "see tools/tests/foreignmemory/$B/syms.diff"
fi

# 4. Version definitions and their parent chain.
verdefs() {
    readelf -V -W "$1" | sed -n '/\.gnu\.version_d/,/\.gnu\.version_r/p' |
        grep -o 'Name: [^ ]*\|Parent 1: [^ ]*'
}
if [ "$(verdefs "$DEB")" = "$(verdefs "$OURS")" ]; then
    pass version-definitions
else
    fail version-definitions "$(verdefs "$OURS" | tr '\n' ' ')"
fi

# 5. SONAME and the libraries we need.
dyn() { readelf -d -W "$1" | grep -o '\(NEEDED\|SONAME\).*' | sort; }
if [ "$(dyn "$DEB")" = "$(dyn "$OURS")" ]; then
    pass dynamic-section
else
    fail dynamic-section "$(dyn "$OURS" | tr '\n' ' ')"
fi

# 6. An application linked against Debian's library, checked against ours.
#    abicompat aborts on Debian's debug-info-less library (a libabigail
#    bug), so the "old" side is abi-ref.so, i.e. Debian's header types.
if abicompat $B/test-compat $B/abi-ref.so "$OURS" > $B/abicompat.txt 2>&1 &&
   abicompat --weak-mode $B/test-compat "$OURS" >> $B/abicompat.txt 2>&1; then
    pass abicompat
else
    fail abicompat "$(tr '\n' ' ' < $B/abicompat.txt | cut -c1-200)"
fi

# 7. Our header is API-compatible with Debian's (same code builds on both).
CC=${CC:-cc}
if $CC -std=gnu11 -Wall -Wextra -Werror -pedantic -c header-check.c \
       -I../../libs/foreignmemory/include -o $B/hc-ours.o 2>$B/hc-ours.err &&
   $CC -std=gnu11 -Wall -Wextra -Werror -pedantic -c header-check.c \
       -o $B/hc-debian.o 2>$B/hc-debian.err; then
    pass header-api
else
    fail header-api "$(head -c 200 $B/hc-ours.err $B/hc-debian.err)"
fi

# 8. Private kernel/xentoolcore layouts (compile-time asserts).
if $CC -std=gnu11 -Wall -Wextra -Werror -I../../libs/foreignmemory \
       -I../../libs/foreignmemory/include test-layout.c -o $B/test-layout \
       2>$B/layout.err; then
    $B/test-layout || rc=1
else
    fail layout-privcmd "$(head -c 300 $B/layout.err)"
fi
exit $rc
