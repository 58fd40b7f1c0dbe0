# Shared by scripts/test-linux-dom0 and scripts/run-linux (sourced, with
# ROOT, HERE, W, XEN417 and fail() set): fetch Debian's kernel and
# busybox-static (scripts/deb-cache), build the programs of this
# directory, and assemble the initramfs $W/initrd.img: busybox, /init
# (this directory's init, or $DOM0_INIT), dom0-probe, dom0-toolstack,
# dom0-mapforeign (on Debian's libxenctrl) and
# the library's real-Xen test program (scripts/xen417-foreignmemory/
# xen417-fm-test.c, on Debian's libxenctrl) with the C library and both
# libxenforeignmemory builds (ours in /ourlib, Debian's in /deblib), the
# xen-privcmd, xen-evtchn and xen-gntdev modules, and what the caller's
# dom0_extra function adds.  Sets VMLINUZ, KVER, LIBB and PEER (our peer
# guest image).

DIRS=$("$ROOT/scripts/deb-cache" linux-image-amd64 busybox-static \
       ${XEN417:+xen-hypervisor-4.17-amd64}) || fail "scripts/deb-cache failed"
KDIR=$(echo "$DIRS" | sed -n 1p)
BBDIR=$(echo "$DIRS" | sed -n 2p)
XENDIR=$(echo "$DIRS" | sed -n 3p)
VMLINUZ=$(ls "$KDIR"/boot/vmlinuz-*-amd64 2>/dev/null | sort -V | tail -1)
[ -n "$VMLINUZ" ] || fail "no kernel in $KDIR/boot"
KVER=${VMLINUZ##*/vmlinuz-}
BUSYBOX=$BBDIR/bin/busybox
[ -x "$BUSYBOX" ] || fail "no busybox in $BBDIR"
[ -n "$XEN417" ] || [ -x "$ROOT/xen/xen" ] || fail "no xen/xen (make xen)"
# Our run has a second domain for the toolstack to work on: the guest
# test peer (tools/tests/guest/tests/peer.c), a boot module of ours.
PEER=$ROOT/tools/tests/guest/build/peer-64
[ -n "$XEN417" ] || [ -f "$PEER" ] || make -s -C "$ROOT/tools/tests/guest" ||
    fail "guest tests build"

LIBB=$ROOT/tools/libs/foreignmemory/build
DEBLIB=/usr/lib/x86_64-linux-gnu/libxenforeignmemory.so.1
[ -f "$DEBLIB" ] || fail "no $DEBLIB (apt-get install libxen-dev)"
make -s -C "$ROOT/tools/libs/foreignmemory" all || fail "library build"
${CC:-cc} -std=gnu11 -Wall -Wextra -Werror -O2 -static \
    "$HERE/dom0-probe.c" -o "$W/dom0-probe" || fail "dom0-probe build"
${CC:-cc} -std=gnu11 -Wall -Wextra -Werror -O2 \
    -I"$ROOT/tools/libs/foreignmemory/include" "$HERE/dom0-toolstack.c" \
    -o "$W/dom0-toolstack" -L"$LIBB" -lxenforeignmemory ||
    fail "dom0-toolstack build"
${CC:-cc} -std=gnu11 -Wall -Wextra -Werror -O2 \
    -I"$ROOT/tools/libs/foreignmemory/include" \
    "$ROOT/scripts/xen417-foreignmemory/xen417-fm-test.c" \
    -o "$W/xen417-fm-test" -L"$LIBB" -lxenforeignmemory -lxenctrl ||
    fail "xen417-fm-test build"
${CC:-cc} -std=gnu11 -Wall -Wextra -Werror -O2 \
    -I"$ROOT/tools/libs/foreignmemory/include" "$HERE/dom0-mapforeign.c" \
    -o "$W/dom0-mapforeign" -L"$LIBB" -lxenforeignmemory -lxenctrl ||
    fail "dom0-mapforeign build"

R=$W/root
mkdir -p "$R/bin" "$R/dev" "$R/proc" "$R/sys" "$R/mods" "$R/lib" \
         "$R/lib64" "$R/ourlib" "$R/deblib"
cp "$BUSYBOX" "$R/bin/busybox"
cp "$W/dom0-probe" "$W/dom0-toolstack" "$W/xen417-fm-test" "$R/bin/"
cp "$W/dom0-mapforeign" "$R/bin/"
# The toolstack's libraries: the C library, ours and Debian's
# libxenforeignmemory (each with what it needs), chosen by
# LD_LIBRARY_PATH in /init.
for l in $(LD_LIBRARY_PATH=$LIBB ldd "$W/dom0-toolstack" "$DEBLIB" \
                                     "$W/xen417-fm-test" \
                                     "$W/dom0-mapforeign" |
           awk '$3 ~ /^\// {print $3} $1 ~ /^\/lib64/ {print $1}' | sort -u); do
    case $l in
        */libxenforeignmemory.so.1) ;;
        /lib64/*) cp -L "$l" "$R/lib64/" ;;
        *) cp -L "$l" "$R/lib/" ;;
    esac
done
cp -L "$LIBB/libxenforeignmemory.so.1" "$R/ourlib/"
cp -L "$DEBLIB" "$R/deblib/"
for m in xen-privcmd xen-evtchn xen-gntdev; do
    f=$(find "$KDIR/lib/modules/$KVER" -name "$m.ko*" | head -1)
    [ -n "$f" ] || fail "no $m module for $KVER"
    case $f in
        *.xz) xz -dc "$f" > "$R/mods/$m.ko" ;;
        *) cp "$f" "$R/mods/$m.ko" ;;
    esac
done
cp "${DOM0_INIT:-$HERE/init}" "$R/init"
chmod +x "$R/init"
# A caller's own additions (a function dom0_extra ROOTDIR, if defined).
if command -v dom0_extra >/dev/null; then
    dom0_extra "$R" || fail "dom0_extra"
fi
(cd "$R" && find . | cpio -o -H newc 2>/dev/null | gzip -1) > "$W/initrd.img" ||
    fail "cpio"

