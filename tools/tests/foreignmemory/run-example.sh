#!/bin/sh
# Build the guide's example program several ways and run it on the fake
# driver through the fake-privcmd tool: against our build (ASan), against
# Debian's header and library, against an installed copy of ours found
# through pkg-config (ASan, and plain), and through `make devenv`.
cd "$(dirname "$0")" || exit 1
B=build
LIBD=../../libs/foreignmemory
CC=${CC:-cc}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -g"
TOOL=./fake-privcmd
CF="-std=gnu11 -Wall -Wextra -Werror"
rc=0

pass() { echo "PASS: foreignmemory/$1"; }
fail() { echo "FAIL: foreignmemory/$1: $2"; rc=1; }

# The guide must show exactly the program that is tested here.
awk '/^```c$/ {on=1; next} /^```$/ {on=0} on' ../../../docs/guide-foreignmemory.md \
    > $B/guide-example.c
if cmp -s $B/guide-example.c example.c; then
    pass guide-example-in-sync
else
    fail guide-example-in-sync "docs/guide-foreignmemory.md differs from example.c"
fi

# Run under the tool (which puts ASan's runtime first for ASan builds);
# expected output is the default fake world.
run_example() {  # name libpath binary
    out=$(LD_LIBRARY_PATH=$2 $TOOL "$3" 1 2>$B/$1.err)
    st=$?
    exp='grant table of domain 1: 4 frames
ref 0: flags=0 domid=256 frame=0xe0000001
ref 512: flags=0x1 domid=256 frame=0xe0000001
ref 1024: flags=0x2 domid=256 frame=0xe0000001
ref 1536: flags=0x3 domid=256 frame=0xe0000001
4 entries in use'
    if [ $st -eq 0 ] && [ "$out" = "$exp" ]; then
        pass "$1"
    else
        fail "$1" "status $st, output: $(echo "$out" | tr '\n' '|')"
    fi
}

$CC $CF $SAN -I$LIBD/include example.c -o $B/example-ours \
    -L$LIBD/build/san -lxenforeignmemory &&
    run_example example-ours $LIBD/build/san $B/example-ours ||
    fail example-ours "build failed"

$CC $CF $SAN example.c -o $B/example-debian -lxenforeignmemory &&
    run_example example-debian "" $B/example-debian ||
    fail example-debian "build failed"

# Error path of the example: unknown domain, message on stderr.
out=$(LD_LIBRARY_PATH=$LIBD/build/san $TOOL $B/example-ours 9 2>&1)
if [ $? -eq 1 ] && echo "$out" | grep -q 'resource_size: No such process'; then
    pass example-error-path
else
    fail example-error-path "$(echo "$out" | tr '\n' '|')"
fi

# make install into a scratch root, then build the example with pkg-config.
D=$(pwd)/$B/destdir
rm -rf "$D"
if make -s -C $LIBD install DESTDIR="$D" prefix=/usr \
        libdir=/usr/lib/x86_64-linux-gnu includedir=/usr/include \
        > $B/install.log 2>&1; then
    L=$D/usr/lib/x86_64-linux-gnu
    if [ -f $L/libxenforeignmemory.so.1.4 ] && [ ! -L $L/libxenforeignmemory.so.1.4 ] &&
       [ "$(readlink $L/libxenforeignmemory.so.1)" = libxenforeignmemory.so.1.4 ] &&
       [ "$(readlink $L/libxenforeignmemory.so)" = libxenforeignmemory.so.1 ] &&
       [ -f $L/libxenforeignmemory.a ] && [ -f $D/usr/include/xenforeignmemory.h ] &&
       [ -f $L/pkgconfig/xenforeignmemory.pc ]; then
        pass install-layout
    else
        fail install-layout "$(cd $D && find . | tr '\n' ' ')"
    fi
    export PKG_CONFIG_SYSROOT_DIR="$D" PKG_CONFIG_LIBDIR="$L/pkgconfig:/usr/lib/x86_64-linux-gnu/pkgconfig:/usr/share/pkgconfig"
    ver=$(pkg-config --modversion xenforeignmemory)
    if [ "$ver" = 1.4 ] &&
       $CC $CF $SAN example.c -o $B/example-installed \
           $(pkg-config --cflags --libs xenforeignmemory) 2>$B/inst.err; then
        pass install-pkgconfig
        run_example example-installed "$L" $B/example-installed
    else
        fail install-pkgconfig "version '$ver': $(head -c 200 $B/inst.err)"
    fi
    # A toolstack developer's program: built against the installed header
    # and library without sanitizers, run under the tool.  The loader must
    # take the installed copy (LD_LIBRARY_PATH), not Debian's.
    if $CC $CF example.c -o $B/example-plain \
           $(pkg-config --cflags --libs xenforeignmemory) 2>$B/plain.err; then
        if LD_LIBRARY_PATH=$L ldd $B/example-plain | grep -q libasan; then
            fail tool-plain-program "example-plain loads ASan"
        elif [ "$(LD_LIBRARY_PATH=$L ldd $B/example-plain |
                  awk '/libxenforeignmemory/ {print $3}')" != "$L/libxenforeignmemory.so.1" ]; then
            fail tool-plain-program "does not load $L/libxenforeignmemory.so.1"
        else
            run_example tool-plain-program "$L" $B/example-plain
        fi
    else
        fail tool-plain-program "build: $(head -c 200 $B/plain.err)"
    fi
    # The archive must link on its own (plus its Requires.private).
    if $CC $CF example.c -o $B/example-static -I$D/usr/include \
           $L/libxenforeignmemory.a -lxentoollog -lxentoolcore 2>$B/static.err; then
        pass install-static-archive
    else
        fail install-static-archive "$(head -c 200 $B/static.err)"
    fi
else
    fail install-layout "make install failed: $(tail -3 $B/install.log)"
fi

# make devenv: pkg-config and the loader pick this tree's library; the
# tool's -w (own world) and -l (request log).
(
    unset PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
    eval "$(make -s --no-print-directory -C $LIBD devenv 2>$B/devenv.err)"
    $CC $CF example.c -o $B/example-devenv \
        $(pkg-config --cflags --libs xenforeignmemory) 2>>$B/devenv.err &&
    ldd $B/example-devenv | grep -q "=> $(cd $LIBD && pwd)/build/libxenforeignmemory.so.1 " &&
    out=$($TOOL -w "7:8:2 3:1" -l $B/devenv-requests.log $B/example-devenv 7) &&
    [ "$out" = "grant table of domain 7: 2 frames
ref 0: flags=0 domid=256 frame=0xe0000007
ref 512: flags=0x1 domid=256 frame=0xe0000007
2 entries in use" ] &&
    grep -q '^ioctl fd1 MMAP_RESOURCE dom=7 type=1 id=0 idx=0 num=2 addr=m1+0$' \
        $B/devenv-requests.log
) && pass devenv-tool-world-log ||
    fail devenv-tool-world-log "see $B/devenv.err, $B/devenv-requests.log"

# A malformed world stops the program before it runs.
$TOOL -w "1:0" /bin/true 2>$B/badworld.err
if [ $? -eq 2 ] && grep -q 'bad FAKE_PRIVCMD_WORLD' $B/badworld.err; then
    pass tool-bad-world
else
    fail tool-bad-world "$(head -c 200 $B/badworld.err)"
fi
exit $rc
