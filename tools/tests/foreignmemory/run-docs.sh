#!/bin/sh
# Man pages: each page renders with `man -l` and groff without warnings
# and documents the functions it is named for; an alias page is a symlink
# to a page beside it; every page a page names as name(N) exists, here or
# in Debian's /usr/share/man; installed pages are found and render too.
cd "$(dirname "$0")" || exit 1
B=$(pwd)/build
LIBD=$(cd ../../libs/foreignmemory && pwd)
cd ../../../docs/man || exit 1
rc=0
badref=
pass() { echo "PASS: foreignmemory/$1"; }
fail() { echo "FAIL: foreignmemory/$1: $2"; rc=1; }

# Plain ASCII, wide enough that no name is hyphenated across lines.
render() { LC_ALL=C MANWIDTH=1000 man "$@"; }

for p in xenforeignmemory*.3; do
    name=${p%.3}
    src=$p
    if [ -L "$p" ]; then
        src=$(readlink "$p")
        case $src in
            */*) fail "man-$p" "links out of docs/man ($src)"; continue ;;
        esac
        if [ ! -f "$src" ] || [ -L "$src" ]; then
            fail "man-$p" "link to missing or linked $src"; continue
        fi
    elif head -1 "$p" | grep -q '^\.so'; then
        fail "man-$p" ".so stub (man -l cannot follow it): make it a symlink"
        continue
    fi
    w=$(groff -t -man -ww -z "$p" 2>&1)
    out=$(render -l "$p" 2>"$B/man.err")
    st=$?
    if [ -n "$w" ]; then
        fail "man-$p" "groff: $(echo "$w" | head -2 | tr '\n' ' ')"
    elif [ $st -ne 0 ] || [ -s "$B/man.err" ] || [ -z "$out" ]; then
        fail "man-$p" "man -l: status $st, $(head -2 "$B/man.err" | tr '\n' ' ')"
    elif ! sed -n '/^\.SH NAME/,/^\.SH [^N]/p' "$src" | grep -qw "$name"; then
        fail "man-$p" "NAME of $src does not list $name"
    else
        pass "man-$p"
    fi
    # Cross references, as rendered (less the header and footer lines):
    # ours, or pages Debian ships.
    for ref in $(echo "$out" | sed '1d;$d' | grep -o '[A-Za-z_][A-Za-z0-9_.-]*([1-9])' | sort -u); do
        rn=${ref%(*}
        rs=${ref#*(}; rs=${rs%)}
        [ -f "$rn.$rs" ] && continue
        man -M /usr/share/man -w "$rs" "$rn" >/dev/null 2>&1 && continue
        badref="$badref $p:$ref"
    done
done
if [ -z "$badref" ]; then
    pass man-references
else
    fail man-references "not in docs/man nor in /usr/share/man:$badref"
fi
missing=
for f in open close map map2 unmap restrict map_resource unmap_resource resource_size; do
    [ -f xenforeignmemory_$f.3 ] || missing="$missing xenforeignmemory_$f"
done
if [ -z "$missing" ]; then
    pass man-coverage
else
    fail man-coverage "no page for$missing"
fi

# Installed: aliases stay links, and man finds and renders every page.
D=$B/man-destdir
rm -rf "$D"
if make -s -C "$LIBD" install DESTDIR="$D" prefix=/usr >"$B/man-install.log" 2>&1; then
    M=$D/usr/share/man
    bad=
    for p in xenforeignmemory*.3; do
        if [ -L "$p" ] && [ "$(readlink "$M/man3/$p")" != "$(readlink "$p")" ]; then
            bad="$bad $p(not a link)"
        elif ! out=$(render -M "$M" 3 "${p%.3}" 2>&1) ||
             ! echo "$out" | grep -q '^NAME'; then
            bad="$bad $p"
        fi
    done
    if [ -z "$bad" ]; then
        pass man-installed
    else
        fail man-installed "$bad"
    fi
else
    fail man-installed "make install: $(tail -3 "$B/man-install.log")"
fi
exit $rc
