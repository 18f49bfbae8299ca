#!/usr/bin/env bash
# Installs the pinned worker runtime into the directory given as $1 (target/worker-runtime):
# xsnap-worker compiled from @agoric/xsnap's C sources, the lockdown and supervisor bundles,
# and bundle-source with the libraries vats import. It runs `npm ci` only when the lock file
# changed or an output is missing, so an incremental build costs nothing.
set -euo pipefail

src="$(cd "$(dirname "$0")" && pwd)"
out="$1"
xsnap_pkg="$out/node_modules/@agoric/xsnap"
worker="$xsnap_pkg/xsnap-native/xsnap/build/bin/lin/release/xsnap-worker"
outputs=(
  "$worker"
  "$out/node_modules/@agoric/xsnap-lockdown/dist/lockdown.bundle"
  "$out/node_modules/@agoric/swingset-xsnap-supervisor/dist/supervisor.bundle"
  "$out/node_modules/@endo/bundle-source/src/index.js"
)
kernel_bundles=("$out/kernel-bundles/vat-admin.bundle" "$out/kernel-bundles/vat-timer.bundle")

up_to_date() {
  cmp -s "$src/package-lock.json" "$out/package-lock.json" || return 1
  for f in "${outputs[@]}"; do [ -e "$f" ] || return 1; done
}

# The bundler script is ours and cheap to copy; keep it current even when npm is skipped.
mkdir -p "$out"
cp "$src/bundle-vats.mjs" "$out/bundle-vats.mjs"
cp "$src/bundle-kernel-vats.mjs" "$out/bundle-kernel-vats.mjs"

if up_to_date; then
  for f in "${kernel_bundles[@]}"; do
    [ -e "$f" ] || (cd "$out" && node bundle-kernel-vats.mjs "$out")
  done
  echo "worker runtime is up to date in $out"
  exit 0
fi

echo "installing the worker runtime into $out (npm ci; compiles xsnap-worker, about a minute)"
cp "$src/package.json" "$src/package-lock.json" "$out/"
# Without install scripts: @agoric/swingset-vat (the sources of vat-vat-admin.js and
# vat-timer.js, and a dependency of @agoric/zoe) brings @agoric/swing-store and with it
# better-sqlite3, whose install script would fetch or compile a native module we never load.
# The one install script we need is @agoric/xsnap's, which compiles xsnap-worker: run it alone.
(cd "$out" && npm ci --ignore-scripts --no-audit --no-fund && npm rebuild @agoric/xsnap --no-audit --no-fund)

# If npm still skipped it (npm 11 may, for scripts not covered by allowScripts), run the
# package's own makefile for the release build ourselves.
if [ ! -x "$worker" ]; then
  echo "xsnap-worker was not built by npm; running @agoric/xsnap's makefile"
  version="$(node -p "require('$xsnap_pkg/package.json').version")"
  make -C "$xsnap_pkg/xsnap-native/xsnap/makefiles/lin" -f xsnap-worker.mk \
    MODDABLE="$xsnap_pkg/moddable" GOAL=release XSNAP_VERSION="$version" \
    'CC=cc "-D__has_builtin(x)=1"' EXTRA_DEPS="$xsnap_pkg/build.config.env"
fi

# SwingSet's vatAdmin and timer vats, bundled from the pinned package (kernel-bundles/).
(cd "$out" && node bundle-kernel-vats.mjs "$out")

for f in "${outputs[@]}" "${kernel_bundles[@]}"; do
  [ -e "$f" ] || { echo "worker runtime is incomplete: missing $f" >&2; exit 1; }
done
"$worker" -v
