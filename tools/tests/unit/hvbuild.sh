#!/bin/sh
# Prove that the hypervisor-side sources of the unit-tested code build
# freestanding, with the flags the hypervisor uses: no libc headers
# (-nostdinc, only gcc's own <stdint.h> etc.), no SSE, no red zone.
# <asm/...> resolves to xen/include/asm-x86 through a symlink in a
# temporary directory, so nothing is added to the tree.
# Prints one PASS/FAIL line per file; exits non-zero on any failure.
set -u
XEN_ROOT=${XEN_ROOT:-$(cd "$(dirname "$0")/../../.." && pwd)}
CC=${CC:-gcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/inc" "$tmp/obj"
ln -s "$XEN_ROOT/xen/include/asm-x86" "$tmp/inc/asm"

HV_CFLAGS="-m64 -std=gnu11 -O2 -nostdinc -isystem $($CC -print-file-name=include) \
 -ffreestanding -fno-stack-protector -fno-pic -fno-pie -mno-red-zone \
 -mno-sse -mno-mmx -mno-sse2 -mcmodel=small -fno-asynchronous-unwind-tables \
 -fno-common -fno-strict-aliasing -D__XEN__ \
 -Wall -Wextra -Werror -I$XEN_ROOT/xen/include -I$tmp/inc"
# gcc turns copy/fill loops into memcpy/memset calls (fatal inside
# string.c); clang does not under -ffreestanding and lacks the option.
if $CC -fno-tree-loop-distribute-patterns -x c -c -o /dev/null /dev/null \
        2>/dev/null; then
    HV_CFLAGS="$HV_CFLAGS -fno-tree-loop-distribute-patterns"
fi

fail=0
for f in xen/common/lib/string.c xen/common/lib/vsnprintf.c \
         xen/common/lib/parse.c xen/common/cmdline.c \
         xen/common/domain_config.c xen/common/pvh_elf.c \
         xen/common/page_alloc.c xen/common/xmalloc.c \
         xen/arch/x86/mm/guest_walk.c xen/arch/x86/hvm/vlapic_regs.c \
         xen/arch/x86/hvm/vlapic_irq.c xen/arch/x86/hvm/vlapic_timer.c \
         xen/arch/x86/acpi_tables.c xen/arch/x86/mm/p2m_format.c \
         xen/xsm/flask/policydb.c \
         xen/xsm/flask/policydb_read.c xen/xsm/flask/policydb_symtab.c \
         xen/xsm/flask/policydb_avtab.c xen/xsm/flask/policydb_ocon.c \
         xen/xsm/flask/policydb_lookup.c xen/xsm/flask/policydb_skip.c \
         xen/common/decompress/xz_crc.c xen/common/decompress/xz_stream.c \
         xen/common/decompress/xz_index.c xen/common/decompress/lzma2.c \
         xen/common/decompress/lzma.c xen/common/decompress/bcj_x86.c \
         xen/common/decompress/inflate.c xen/common/decompress/gunzip.c \
         xen/common/bzimage.c; do
    name=hvbuild-$(basename "$f" .c)
    o="$tmp/obj/$(basename "$f" .c).o"
    if ! err=$($CC $HV_CFLAGS -c "$XEN_ROOT/$f" -o "$o" 2>&1); then
        echo "FAIL: unit/$name: $(echo "$err" | head -n 3 | tr '\n' ' ')"
        fail=1
        continue
    fi
    # string.c must not call itself through memcpy/memset; no file may
    # need anything but the hypervisor's own symbols (the FLASK loader's
    # files also share pdb_* internals, the decompressors theirs).
    own='mem(cpy|move|set|cmp)|str(len|nlen|cmp|ncmp|chr|lcpy)|simple_strtoul|v?snprintf|printk|panic|parse_(bool|ulong|size)|__(start|stop)_xen_params|(alloc|free)_(heap|xenheap)_pages|x[mz]alloc_bytes|xfree|frame_table|max_page'
    case $f in
    xen/xsm/flask/*) own="$own|pdb_[a-z0-9_]+" ;;
    xen/arch/x86/hvm/vlapic_*) own="$own|vlapic_[a-z0-9_]+" ;;
    xen/common/decompress/*|xen/common/bzimage.c)
        own="$own|xz_[a-z0-9_]+|lzma_[a-z0-9_]+|bcj_x86_decode|inflate_run|crc32_(init|update)|gunzip" ;;
    esac
    undef=$(nm -u "$o" | awk '{print $2}' | grep -v -x -E "$own" || true)
    if [ -n "$undef" ]; then
        echo "FAIL: unit/$name: unexpected undefined symbols: $undef"
        fail=1
    elif [ "$f" = xen/common/lib/string.c ] && nm -u "$o" | grep -q .; then
        echo "FAIL: unit/$name: string.c calls out: $(nm -u "$o" | tr '\n' ' ')"
        fail=1
    else
        echo "PASS: unit/$name"
    fi
done
exit $fail
