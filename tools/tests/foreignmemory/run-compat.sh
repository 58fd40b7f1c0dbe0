#!/bin/sh
# Run test-compat (built against Debian's header and library) twice:
# with Debian's libxenforeignmemory.so.1, then with ours through
# LD_LIBRARY_PATH.  Compare the transcripts case by case.
cd "$(dirname "$0")" || exit 1
B=build
OURS=${OURS:-../../libs/foreignmemory/build}
rc=0

lib_of() {  # which libxenforeignmemory a run really loaded
    LD_TRACE_LOADED_OBJECTS=1 "$@" | awk '/libxenforeignmemory/ {print $3}'
}

deb=$(lib_of $B/test-compat)
ours=$(LD_LIBRARY_PATH=$OURS lib_of $B/test-compat)
case $deb in /usr/lib/*|/lib/*) ;; *) echo "FAIL: foreignmemory/compat-setup: Debian run loads $deb"; exit 1;; esac
case $ours in "$OURS"/*) ;; *) echo "FAIL: foreignmemory/compat-setup: our run loads $ours"; exit 1;; esac
echo "PASS: foreignmemory/compat-setup"

$B/test-compat > $B/compat.debian 2>$B/compat.debian.stderr || rc=1
LD_LIBRARY_PATH=$OURS $B/test-compat > $B/compat.ours 2>$B/compat.ours.stderr || rc=1
if [ $rc -ne 0 ]; then
    echo "FAIL: foreignmemory/compat-run: test-compat crashed (see $B/compat.*.stderr)"
    exit 1
fi

# One file per case, then diff them pairwise.
rm -rf $B/compat.d && mkdir -p $B/compat.d/debian $B/compat.d/ours
for side in debian ours; do
    awk -v dir=$B/compat.d/$side '/^== case / {f = dir "/" $3} {print > f}' \
        $B/compat.$side
done
n=0
for f in $B/compat.d/debian/*; do
    name=$(basename "$f"); n=$((n + 1))
    if diff -u "$f" "$B/compat.d/ours/$name" > "$B/compat.d/$name.diff"; then
        echo "PASS: foreignmemory/compat-$name"
    else
        echo "FAIL: foreignmemory/compat-$name: differs from Debian's library (see tools/tests/foreignmemory/$B/compat.d/$name.diff)"
        rc=1
    fi
done
[ $n -ge 30 ] || { echo "FAIL: foreignmemory/compat-count: only $n cases"; rc=1; }
exit $rc
