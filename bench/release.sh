# release.sh -- sourced by the benchmarks: sets $depeche to $DEPECHE, or to
# a release build in build-release/ beside this folder, made if missing
# (timings of a debug build would say nothing).
release_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
depeche=${DEPECHE:-}
if [ -z "$depeche" ]; then
    [ -f "$release_top/build-release/build.ninja" ] ||
        meson setup "$release_top/build-release" "$release_top" \
            -Dbuildtype=release >/dev/null
    ninja -C "$release_top/build-release" depeche >/dev/null
    depeche=$release_top/build-release/depeche
fi
