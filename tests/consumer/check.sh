#!/usr/bin/env bash
# check.sh staged BUILD_DIR -- programs built against the installed library
# check.sh prefix WORK_DIR  -- an install into a prefix of its own
#
# staged: installs BUILD_DIR under BUILD_DIR/staging (DESTDIR) and builds
#   tests/consumer/consumer.c through the staged depeche.pc, twice:
#   - linked with the shared library: `pkg-config --cflags` must give
#     depeche's include directory and nothing else (no private
#     dependency's flags, such as utf8proc's -DUTF8PROC_EXPORTS);
#   - linked with libdepeche.a and `pkg-config --static --libs`: the
#     private libraries must be listed, and the program must not need
#     libdepeche.so.
# prefix: configures the source tree with --prefix=WORK_DIR/p (the CLI
#   only), installs it, and runs WORK_DIR/p/bin/depeche --version and a
#   `prep` of a bundled dispatch with no LD_LIBRARY_PATH: the installed
#   executable must find its library by itself; depeche(1) is installed.
#
# Run from the repository root.  Every failure says what failed on
# standard error; the exit status is 0 only when everything held.
set -uo pipefail

fail() {
    echo "consumer check: $*" >&2
    exit 1
}

staged() { # BUILD_DIR
    local build=$1 root=$1/staging
    rm -rf "$root"
    meson install -C "$build" --destdir "$PWD/$root" >/dev/null ||
        fail "meson install --destdir failed"
    root=$PWD/$root
    local pc libdir
    pc=$(find "$root" -name depeche.pc | head -1)
    libdir=$(dirname "$(find "$root" -name 'libdepeche.so' | head -1)")
    [ -n "$pc" ] || fail "no depeche.pc installed"
    [ -f "$libdir/libdepeche.a" ] || fail "no libdepeche.a installed"
    local includedir
    includedir=$(dirname "$(find "$root" -name depeche.h | head -1)")
    pkgconf() {
        PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR=$root \
            pkg-config "$@" depeche
    }

    local cflags
    cflags=$(pkgconf --cflags) || fail "pkg-config --cflags depeche failed"
    cflags=$(echo $cflags) # trims the trailing blank pkg-config leaves
    [ "$cflags" = "-I$includedir" ] ||
        fail "pkg-config --cflags gives '$cflags', not only -I$includedir"

    # Dynamic: -ldepeche alone; the private libraries are not needed.
    cc -o "$build/consumer" tests/consumer/consumer.c $cflags \
        $(pkgconf --libs) || fail "cannot build against libdepeche.so"
    LD_LIBRARY_PATH=$libdir "./$build/consumer" >/dev/null ||
        fail "the program built against libdepeche.so failed"

    # Static: libdepeche.a, and what --static adds must resolve the rest.
    local static_libs
    static_libs=$(pkgconf --static --libs) ||
        fail "pkg-config --static --libs depeche failed"
    static_libs=${static_libs/-ldepeche/-l:libdepeche.a}
    cc -o "$build/consumer-static" tests/consumer/consumer.c $cflags \
        $static_libs || fail "cannot link libdepeche.a with '$static_libs'"
    if readelf -d "$build/consumer-static" | grep -q 'libdepeche\.so'; then
        fail "the static consumer still needs libdepeche.so"
    fi
    "./$build/consumer-static" >/dev/null ||
        fail "the program linked with libdepeche.a failed"
}

prefix() { # WORK_DIR
    local work=$1
    local p=$work/p build=$work/build
    rm -rf "$work"
    mkdir -p "$work" || fail "cannot create $work"
    meson setup "$build" --prefix="$p" -Dtests=false >"$work/setup.log" 2>&1 ||
        fail "meson setup --prefix=$p failed (see $work/setup.log)"
    meson install -C "$build" >"$work/install.log" 2>&1 ||
        fail "meson install into $p failed (see $work/install.log)"
    local version
    version=$(env -u LD_LIBRARY_PATH "$p/bin/depeche" --version) ||
        fail "$p/bin/depeche --version failed (library not found?)"
    [ -n "$version" ] || fail "$p/bin/depeche --version printed nothing"
    env -u LD_LIBRARY_PATH "$p/bin/depeche" prep --to text \
        tests/data/xinhua-2021-02-24-biden-kazimi.txt -o "$work/out.txt" \
        2>/dev/null || fail "$p/bin/depeche prep failed"
    [ -s "$work/out.txt" ] || fail "$p/bin/depeche prep wrote nothing"
    [ -s "$p/share/man/man1/depeche.1" ] || fail "no depeche(1) in $p/share/man"
}

case ${1:-} in
staged | prefix)
    [ $# -eq 2 ] || fail "usage: $0 staged BUILD_DIR | prefix WORK_DIR"
    "$1" "$2"
    ;;
*) fail "usage: $0 staged BUILD_DIR | prefix WORK_DIR" ;;
esac
