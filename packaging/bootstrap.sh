#!/usr/bin/env bash
# Latent Studio bootstrap for a fresh Debian 12 machine.
#   packaging/bootstrap.sh run    install missing packages, build Release, start the studio
#   packaging/bootstrap.sh test   install missing packages, build Release, run every test (CTest)
#   packaging/bootstrap.sh deps   only install missing packages
#   packaging/bootstrap.sh build  install missing packages and build
# Idempotent: packages already present are not touched, the build directory is reused.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${LATENT_BUILD_DIR:-$ROOT/build}"
JOBS="${LATENT_JOBS:-$(nproc)}"

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git
  libtorch-dev libopenblas0-openmp zlib1g-dev nlohmann-json3-dev
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev
  qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite qt6-qpa-plugins libgl-dev
  qt6-image-formats-plugins  # WebP and TIFF images on the canvas and in the gallery (Qt's image plugins)
  libopenimageio-dev qtkeychain-qt6-dev
  libopencv-dev  # ControlNet preprocessors, img2img colour correction (only opencv_core + opencv_imgproc are linked)
  xvfb xauth fontconfig fonts-dejavu-core
  dbus-daemon  # a private session bus in the "Show in folder" test (tests/ui/tst_gallery_dock)
  clang-14 libclang-rt-14-dev  # libFuzzer + ASan/UBSan harnesses (tests/fuzz/smoke.sh, run by .ci/run)
  file lintian desktop-file-utils appstream man-db  # the .deb: CPack's shlibdeps, packaging/test_package.sh
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "== installing: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "== all Debian packages present"
  fi
  # libtorch must use the OpenMP build of OpenBLAS (the reference BLAS is ~20x slower,
  # and the pthread OpenBLAS oversubscribes cores next to libtorch's OpenMP pool).
  local multiarch dir
  multiarch="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)"
  dir="/usr/lib/$multiarch/openblas-openmp"
  for lib in libblas.so.3 liblapack.so.3 libopenblas.so.0; do
    if [ -e "$dir/$lib" ] && update-alternatives --query "$lib-$multiarch" >/dev/null 2>&1; then
      if [ "$(readlink -f "/etc/alternatives/$lib-$multiarch")" != "$(readlink -f "$dir/$lib")" ]; then
        as_root update-alternatives --set "$lib-$multiarch" "$dir/$lib" >/dev/null
      fi
    fi
  done
}

configure_and_build() {
  local launcher=()
  if command -v ccache >/dev/null; then
    export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
    ccache --max-size=5G >/dev/null 2>&1 || true
  fi
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
  fi
  cmake --build "$BUILD_DIR" -j "$JOBS"
}

cmd="${1:-run}"
case "$cmd" in
  deps) install_deps ;;
  build) install_deps; configure_and_build ;;
  run)
    install_deps; configure_and_build
    shift || true
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "== no display found: starting the studio under xvfb-run"
      exec xvfb-run -a "$BUILD_DIR/bin/latentstudio" "$@"
    fi
    exec "$BUILD_DIR/bin/latentstudio" "$@"
    ;;
  test)
    install_deps; configure_and_build
    cd "$BUILD_DIR"
    ctest --output-on-failure -j "$JOBS" --timeout 1500
    ;;
  *) echo "usage: $0 run|test|deps|build" >&2; exit 2 ;;
esac
