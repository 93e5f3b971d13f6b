#!/usr/bin/env bash
# The Debian package, end to end (issue 20 item 1). Run by .ci/run as root on the CI machine:
#   1. cmake --build BUILD --target package  ->  BUILD/latentstudio_<version>_amd64.deb
#   2. checks its contents (programs, demo model, vocabulary, desktop entry, metainfo, icons in
#      the hicolor sizes, manual pages, copyright, changelog) and its Depends (from shlibdeps)
#   3. apt-get install ./latentstudio_*.deb
#   4. with the source and build trees hidden (a private mount namespace), so nothing can come
#      from them: latentstudio-cli --version, a demo txt2img from the installed demo model (a
#      PNG with its parameters), latentstudio --screenshot under xvfb, man pages that render
#   5. desktop-file-validate, appstreamcli validate --no-net, lintian (no errors; the warnings it
#      prints are the ones the README lists)
#   6. apt-get purge, and nothing of the package is left on the system
# Usage: packaging/test_package.sh [BUILD_DIR]   (root; installs packages with apt-get)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
[ "$(id -u)" = 0 ] || { echo "test_package: needs root (it installs the package)" >&2; exit 2; }
apt_lock=(flock /tmp/apt.lock)
command -v flock >/dev/null || apt_lock=()
fail() { echo "test_package: FAIL: $*" >&2; exit 1; }
step() { echo "== test_package: $*"; }

step "building the package"
rm -f "$build"/latentstudio_*.deb
cmake --build "$build" --target package >"$build/package.log" 2>&1 || { tail -30 "$build/package.log"; fail "cpack"; }
deb="$(ls "$build"/latentstudio_*_amd64.deb)"
[ -f "$deb" ] || fail "no latentstudio_*_amd64.deb"
echo "$deb ($(du -h "$deb" | cut -f1))"

step "contents and control fields"
contents="$(dpkg-deb --contents "$deb" | awk '{print $NF}' | sed 's|^\./|/|')"
for f in /usr/bin/latentstudio /usr/bin/latentstudio-cli \
         /usr/share/latentstudio/demo/latent-demo-sd1-random.safetensors \
         /usr/share/latentstudio/assets/clip/bpe_simple_vocab_16e6.txt.gz \
         /usr/share/applications/io.latentstudio.LatentStudio.desktop \
         /usr/share/metainfo/io.latentstudio.LatentStudio.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/latentstudio.svg \
         /usr/share/man/man1/latentstudio.1.gz /usr/share/man/man1/latentstudio-cli.1.gz \
         /usr/share/doc/latentstudio/copyright /usr/share/doc/latentstudio/changelog.gz; do
  grep -qx "$f" <<<"$contents" || fail "$f is not in the package"
done
for size in 16 22 24 32 48 64 128 256 512; do
  grep -qx "/usr/share/icons/hicolor/${size}x${size}/apps/latentstudio.png" <<<"$contents" || fail "no ${size}x${size} icon"
done
depends="$(dpkg-deb --field "$deb" Depends)"
echo "Depends: $depends"
for lib in libtorch libqt6core6 libqt6widgets6 libqt6sql6 libopenimageio qt6-qpa-plugins qt6-image-formats-plugins libqt6sql6-sqlite; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done

step "installing with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${apt_lock[@]}" apt-get install -y -q --no-install-recommends "$deb" >"$build/package-install.log" 2>&1 \
  || { tail -20 "$build/package-install.log"; fail "apt-get install"; }
installed="$(dpkg -L latentstudio)"

step "running the installed programs (source and build trees hidden)"
work="$(mktemp -d /tmp/latent-pkg-XXXXXX)"
# A failing check still removes the package it installed.
trap 'rm -rf "$work"; if dpkg -s latentstudio >/dev/null 2>&1; then "${apt_lock[@]}" apt-get purge -y -q latentstudio >/dev/null 2>&1 || true; fi' EXIT
cat >"$work/run.sh" <<EOF
set -euo pipefail
# Hide everything the build could have left paths to.
mount -t tmpfs none "$root"
[ -d "$build" ] && mount -t tmpfs none "$build" 2>/dev/null || true
export HOME="$work/home" XDG_RUNTIME_DIR="$work/run"
mkdir -p "\$HOME" "\$XDG_RUNTIME_DIR"; chmod 700 "\$XDG_RUNTIME_DIR"
unset LATENT_ASSETS_DIR LATENT_DEMO_MODEL QT_QPA_PLATFORM
cd "\$HOME"
/usr/bin/latentstudio-cli --version
/usr/bin/latentstudio-cli txt2img --model /usr/share/latentstudio/demo/latent-demo-sd1-random.safetensors \
  --prompt "a lighthouse at dusk" --steps 4 --width 64 --height 64 --seed 7 --out "\$HOME/out"
ls "\$HOME/out"/*.png
QT_QPA_PLATFORM=xcb xvfb-run -a /usr/bin/latentstudio --screenshot "\$HOME/shot.png" --size 1280x800
man -l /usr/share/man/man1/latentstudio-cli.1.gz >/dev/null 2>"\$HOME/man.err" || true
EOF
unshare --mount --propagation private bash "$work/run.sh" >"$work/run.log" 2>&1 || { cat "$work/run.log"; fail "the installed programs"; }
grep -q "^Latent Studio " "$work/run.log" || fail "--version printed no product line"
png="$(ls "$work"/home/out/*.png | head -1)"
[ -s "$png" ] || fail "txt2img wrote no PNG"
grep -aq "Steps: 4" "$png" || fail "the PNG has no parameters"
[ -s "$work/home/shot.png" ] || fail "no screenshot"
file "$work/home/shot.png" | grep -q "1280 x 800" || fail "the screenshot is not 1280x800"
echo "txt2img: $(basename "$png"); screenshot: $(file -b "$work/home/shot.png")"
for page in latentstudio latentstudio-cli; do
  MANWIDTH=80 man -l "/usr/share/man/man1/$page.1.gz" 2>"$work/$page.man.err" | grep -q "SYNOPSIS" || fail "man $page does not render"
  [ ! -s "$work/$page.man.err" ] || { cat "$work/$page.man.err"; fail "man $page: warnings"; }
done

step "validating"
desktop-file-validate /usr/share/applications/io.latentstudio.LatentStudio.desktop || fail "desktop-file-validate"
appstreamcli validate --no-net /usr/share/metainfo/io.latentstudio.LatentStudio.metainfo.xml || fail "appstreamcli validate"
lintian --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1 || true
cat "$work/lintian.log"
if grep -q "^E: " "$work/lintian.log"; then fail "lintian reports errors"; fi
# Every warning must be one the README lists (section "Install the package").
while read -r tag; do
  grep -q "\`$tag\`" "$root/README.md" || fail "lintian warning $tag is not listed in the README"
done < <(sed -n 's/^W: latentstudio[^:]*: \([a-z0-9-]*\).*/\1/p' "$work/lintian.log" | sort -u)

step "removing"
"${apt_lock[@]}" apt-get purge -y -q latentstudio >"$build/package-remove.log" 2>&1 || fail "apt-get purge"
dpkg -s latentstudio >/dev/null 2>&1 && fail "still installed"
left=0
while read -r path; do
  [ -f "$path" ] || [ -L "$path" ] || continue
  echo "left behind: $path"; left=1
done <<<"$installed"
for dir in /usr/share/latentstudio /usr/share/doc/latentstudio; do
  [ -e "$dir" ] && { echo "left behind: $dir"; left=1; }
done
[ "$left" = 0 ] || fail "files were left after purge"
step "ok: installed, ran, validated and removed $(basename "$deb")"
