#!/bin/sh
# Man pages: each page renders without groff warnings and documents the
# functions it is named for.
cd "$(dirname "$0")/../../../docs/man" || exit 1
rc=0
n=0
for p in xenforeignmemory*.3; do
    n=$((n + 1))
    if head -1 "$p" | grep -q '^\.so '; then
        target=$(head -1 "$p" | sed 's/^\.so man3\///')
        if [ -f "$target" ]; then
            echo "PASS: foreignmemory/man-$p"
        else
            echo "FAIL: foreignmemory/man-$p: link to missing $target"; rc=1
        fi
        continue
    fi
    w=$(groff -t -man -ww -z "$p" 2>&1)
    name=${p%.3}
    if [ -z "$w" ] && grep -q "^\.B $name\|^\.BI .*$name\|$name" "$p"; then
        echo "PASS: foreignmemory/man-$p"
    else
        echo "FAIL: foreignmemory/man-$p: $(echo "$w" | head -2 | tr '\n' ' ')"; rc=1
    fi
done
for f in open close map map2 unmap restrict map_resource unmap_resource resource_size; do
    [ -f xenforeignmemory_$f.3 ] || { echo "FAIL: foreignmemory/man-coverage: no page for xenforeignmemory_$f"; rc=1; }
done
[ $rc -eq 0 ] && echo "PASS: foreignmemory/man-coverage"
exit $rc
