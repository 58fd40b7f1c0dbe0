#!/bin/sh
# Run every foreignmemory test; each prints PASS:/FAIL: lines.  A test
# binary that dies without reporting a FAIL is reported here instead.
cd "$(dirname "$0")" || exit 1
B=build
rc=0

run() {  # name command...
    name=$1; shift
    out=$("$@" 2>"$B/$name.stderr"); status=$?
    printf '%s\n' "$out"
    if [ $status -ne 0 ]; then
        rc=1
        printf '%s\n' "$out" | grep -q '^FAIL:' ||
            echo "FAIL: foreignmemory/$name: exited with status $status" \
                 "(see tools/tests/foreignmemory/$B/$name.stderr)"
    fi
}

run test-api "$B/test-api"
run test-resource "$B/test-resource"
run compat ./run-compat.sh
run abi ./run-abi.sh
run example ./run-example.sh
run docs ./run-docs.sh
exit $rc
