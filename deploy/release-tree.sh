#!/usr/bin/env bash
# Lays out the built app for one architecture in DIR, ready for `kiosk release build --app DIR --arch ARCH`:
# package.json, the lockfile, dist/, data/, docs/, deploy/ and the production node_modules for ARCH.
# Prebuilt platform packages (@napi-rs/canvas) and prebuilds (serialport) are picked for ARCH; the
# addons without prebuilds (better-sqlite3, epoll) are compiled with Debian's cross compiler
# (g++-aarch64-linux-gnu / g++-arm-linux-gnueabihf) against this machine's Node headers, so build
# with the Node major the kiosks run (the bundle's Node ABI is this machine's).
#   usage: deploy/release-tree.sh arm64|armhf|x64 DIR      (run from a built checkout: npm ci && npm run build)
set -euo pipefail
arch="${1:-}"; dir="${2:-}"
case "$arch" in
  arm64) cpu=arm64; triple=aarch64-linux-gnu; pkg=g++-aarch64-linux-gnu ;;
  armhf) cpu=arm;   triple=arm-linux-gnueabihf; pkg=g++-arm-linux-gnueabihf ;;
  x64)   cpu=x64;   triple=x86_64-linux-gnu; pkg=g++-x86-64-linux-gnu ;;
  *) echo "usage: $0 arm64|armhf|x64 DIR" >&2; exit 2 ;;
esac
[ -n "$dir" ] || { echo "usage: $0 arm64|armhf|x64 DIR" >&2; exit 2; }
here="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$here/dist/bin/kiosk.js" ] || { echo "$here is not built: run npm ci && npm run build first" >&2; exit 1; }
host="$(node -p process.arch)"
env=()
if [ "$cpu" != "$host" ]; then
  command -v "$triple-g++" >/dev/null || {
    echo "no cross compiler for $arch: apt-get install $pkg (Debian/Raspberry Pi OS)" >&2; exit 1; }
  env=(CC="$triple-gcc" CXX="$triple-g++" LINK="$triple-g++" AR="$triple-ar" npm_config_arch="$cpu")
fi
mkdir -p "$dir"
[ -z "$(ls -A "$dir")" ] || { echo "$dir is not empty" >&2; exit 1; }
cp "$here/package.json" "$here/package-lock.json" "$dir/"
for part in dist data docs deploy; do [ -e "$here/$part" ] && cp -a "$here/$part" "$dir/"; done
cd "$dir"
env "${env[@]}" npm ci --omit=dev --cpu="$cpu" --os=linux --libc=glibc --no-audit --no-fund --foreground-scripts \
  > npm-ci.log 2>&1 || { tail -30 npm-ci.log >&2; echo "npm ci for $arch failed (whole log: $dir/npm-ci.log)" >&2; exit 1; }
# npm-ci.log stays in DIR (not part of a bundle: kiosk release build takes only dist, data, docs, deploy, node_modules, package.json)
echo "$dir: app for $arch; next: kiosk release build --app $dir --arch $arch --key fleet-private.pem --out smart-kiosk-$(node -p "require('./package.json').version")-$arch.skr"
