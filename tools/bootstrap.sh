#!/usr/bin/env bash
# bootstrap.sh demo|test -- set up a fresh Debian machine and run depeche.
#
#   demo  install what is missing, build, run `depeche prep` on the bundled
#         dispatch and say where the result went
#   test  install what is missing, build with warnings as errors, run the
#         whole test suite in a normal build (gcc), a clang build, and under
#         AddressSanitizer and UndefinedBehaviorSanitizer, and under
#         ThreadSanitizer; build a program against the installed library
#         and install into a temporary prefix; configure without the CLI
#         and without tests;
#         run the fuzz targets a short while; the last line is
#         `N passed, N failed`
#
# Packages come from Debian (apt-get, through sudo when not root).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
mode=${1:-demo}

packages=(
    build-essential meson ninja-build pkg-config python3
    libhunspell-dev hunspell-fr-classical libicu-dev libutf8proc-dev
    libxml2-dev libxml2-utils clang-format
    zlib1g-dev libzstd-dev zstd gzip parallel
    dict-freedict-fra-eng dict-freedict-eng-fra dict-freedict-deu-fra
)
if [ "$mode" = test ]; then
    # The real clients the export checks run (../shared/formats).
    packages+=(python3-lxml python3-translate translate-toolkit
        libxml-tmx-perl omegat default-jre-headless nodejs clang)
    # man/check.py renders depeche(1) and fails on any troff warning.
    packages+=(man-db groff-base)
    # clang's sanitizer and libFuzzer runtimes (only recommended by clang,
    # which --no-install-recommends skips) and llvm-symbolizer, which the
    # sanitizers' stacks and suppressions need.
    packages+=(libclang-rt-14-dev llvm)
fi

install_packages() {
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
            grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "bootstrap: installing ${missing[*]}" >&2
    "${sudo[@]}" apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
            --no-install-recommends "${missing[@]}" >/dev/null
}

build() { # DIR [meson options...]
    local dir=$1
    shift
    # Logs stay inside the build folder: the repository root holds none.
    mkdir -p "$dir" || return 1
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$@" >"$dir/setup.log" 2>&1 || {
            cat "$dir/setup.log" >&2
            return 1
        }
    fi
    ninja -C "$dir" >"$dir/ninja.log" 2>&1 || {
        tail -40 "$dir/ninja.log" >&2
        return 1
    }
}

# Counts the results of the last `meson test` in DIR into PASS/FAIL/SKIP.
# No log means the run did not happen: that is a failure, not zero tests.
count_results() {
    local log=$1/meson-logs/testlog.json
    if [ ! -s "$log" ]; then
        echo "FAIL: no test results in $1" >&2
        FAIL=$((FAIL + 1))
        return 0
    fi
    read -r p f s < <(python3 - "$log" <<'PY'
import json, sys
p = f = s = 0
for line in open(sys.argv[1]):
    r = json.loads(line).get('result')
    if r in ('OK', 'EXPECTEDFAIL'):
        p += 1
    elif r == 'SKIP':
        s += 1
    else:
        f += 1
print(p, f, s)
PY
)
    PASS=$((PASS + p))
    FAIL=$((FAIL + f))
    SKIP=$((SKIP + s))
}

# Builds DIR with the meson options given, runs its whole suite and counts
# the results; a build that fails counts as one failure.  Environment set
# on the call (CC, *SAN_OPTIONS) reaches meson and the tests.
build_and_test() { # DIR TAIL_LINES [meson setup options...]
    local dir=$1 lines=$2
    shift 2
    if ! build "$dir" "$@"; then
        FAIL=$((FAIL + 1))
        return 0
    fi
    rm -f "$dir/meson-logs/testlog.json"
    meson test -C "$dir" --print-errorlogs --num-processes 2 \
        --timeout-multiplier 3 | tail -"$lines"
    count_results "$dir"
}

install_packages || { echo "bootstrap: could not install packages" >&2; exit 1; }

if [ "$mode" = demo ]; then
    build build || exit 1
    out=build/xinhua-2021-02-24-biden-kazimi.tmx
    ./build/depeche prep tests/data/xinhua-2021-02-24-biden-kazimi.txt -o "$out"
    rc=$?
    [ $rc -eq 0 ] && echo "result: $out (TMX 1.4b; try --to xliff, moses, jsonl)"
    exit $rc
fi

[ "$mode" = test ] || { echo "usage: $0 demo|test" >&2; exit 2; }
PASS=0 FAIL=0 SKIP=0
export LC_ALL=C.UTF-8

# One .clang-format for all C code.
if clang-format --dry-run -Werror $(git ls-files '*.c' '*.h' '*.cpp') 2>&1 |
    grep ': error:' | cut -d: -f1 | sort | uniq -c | grep . >&2; then
    echo "FAIL: clang-format (run clang-format -i on the files above)" >&2
    FAIL=$((FAIL + 1))
else
    PASS=$((PASS + 1))
fi

# Repository hygiene: no build logs committed, one meson options file
# (meson_options.txt, which Debian 12's meson 1.0 reads; a meson.options
# beside it would win on meson >= 1.1 and the two would drift).
hygiene=$(git ls-files '*.log' meson.options 2>&1)
if [ -z "$hygiene" ] && [ ! -e meson.options ]; then
    PASS=$((PASS + 1))
else
    echo "FAIL: committed logs or a meson.options: ${hygiene:-meson.options}" >&2
    FAIL=$((FAIL + 1))
fi

# The library alone (-Dcli=false) and the library and CLI without tests
# (-Dtests=false) must configure; what they compile is compiled, with
# warnings as errors, by the builds below.
for variant in cli tests; do
    rm -rf "build-no$variant"
    if setup_err=$(meson setup "build-no$variant" -Dwerror=true \
        "-D$variant=false" 2>&1 >/dev/null); then
        PASS=$((PASS + 1))
    else
        printf '%s\n' "$setup_err" >&2
        echo "FAIL: -D$variant=false does not configure" >&2
        FAIL=$((FAIL + 1))
    fi
done

build_and_test build-ci 15 -Dwerror=true -Dbuildtype=debugoptimized

# The installed library, header and depeche.pc are enough for a user:
# a program links with the shared library from `pkg-config --cflags --libs`
# (which must not leak private dependencies' flags), and with the static
# one from `pkg-config --static --libs` (tests/consumer/check.sh).
if [ -f build-ci/build.ninja ] && tests/consumer/check.sh staged build-ci; then
    PASS=$((PASS + 1))
else
    echo "FAIL: a program built against the installed library" >&2
    FAIL=$((FAIL + 1))
fi

# Installed into a prefix of its own, the CLI finds its library with no
# LD_LIBRARY_PATH (its install rpath): configure, install, run --version
# and a prep there (tests/consumer/check.sh).
prefix_tmp=$(mktemp -d) &&
    tests/consumer/check.sh prefix "$prefix_tmp/work"
if [ $? -eq 0 ]; then
    PASS=$((PASS + 1))
else
    echo "FAIL: depeche installed into a temporary prefix" >&2
    FAIL=$((FAIL + 1))
fi
[ -n "${prefix_tmp:-}" ] && rm -rf "$prefix_tmp"

# A second compiler's warnings (-Werror): clang, release build.
CC=clang build_and_test build-clang 4 -Dwerror=true -Dbuildtype=release

ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    build_and_test build-asan 15 -Dwerror=true -Dbuildtype=debug \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-sanitize-recover=all

# Threads: ThreadSanitizer on the whole suite (the speller's analysis
# threads and the pipeline's block pool start from the library, the CLI and the
# white-box tests alike); optimized, since the suite reads a 50 MB line.
# allocator_may_return_null: test_pipeline asks for 2^62 bytes to see the
# out-of-memory path (ASan's builds return NULL there too).
CC=clang TSAN_OPTIONS=halt_on_error=1:allocator_may_return_null=1 \
    build_and_test build-tsan 6 -Dwerror=true -Dbuildtype=debugoptimized \
    -Db_sanitize=thread -Db_lundef=false

# Fuzzing: each libFuzzer target (fuzz/) a short fixed time, two at a
# time, after the inputs of fuzz/repro/ that once broke one; a target
# counts as one result.  fuzz/run.sh runs them longer by hand.
if CC=clang build build-fuzz -Dwerror=true -Dbuildtype=debugoptimized \
    -Dfuzz=true -Dcli=false -Dtests=false \
    -Db_sanitize=address,undefined -Db_lundef=false; then
    fuzz_out=$(FUZZ_JOBS=2 ./fuzz/run.sh build-fuzz "${FUZZ_SECONDS:-20}")
    printf '%s\n' "$fuzz_out"
    p=$(printf '%s\n' "$fuzz_out" | grep -c '^PASS ')
    f=$(printf '%s\n' "$fuzz_out" | grep -c '^FAIL ')
    PASS=$((PASS + p))
    FAIL=$((FAIL + f))
    [ $((p + f)) -gt 0 ] || { echo "FAIL: no fuzz target ran" >&2; FAIL=$((FAIL + 1)); }
else
    FAIL=$((FAIL + 1))
fi

if [ "$SKIP" -gt 0 ]; then
    echo "$PASS passed, $FAIL failed, $SKIP skipped"
else
    echo "$PASS passed, $FAIL failed"
fi
[ "$FAIL" -eq 0 ]
