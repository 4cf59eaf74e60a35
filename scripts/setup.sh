#!/usr/bin/env bash
# Idempotent set-up of everything Goroscope needs to build, serve and test, from crates.io, npm and
# Debian packages only. Each step is skipped when it is already satisfied, so a second run takes seconds.
#
#   scripts/setup.sh          tools to build and serve the web app
#   scripts/setup.sh --test   also what the tests need: chromium + chromedriver, the Go 1.23 oracle
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$CARGO_BIN:$PATH"
WANT_TEST=0
[ "${1:-}" = "--test" ] && WANT_TEST=1

TRUNK_VERSION=0.21.14 # trunk 0.22.x needs rustc >= 1.96.1
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly (schema check at run time).
WB_VERSION=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
[ -n "$WB_VERSION" ] || { echo "setup: wasm-bindgen not found in Cargo.lock" >&2; exit 1; }

t0=$SECONDS
step() { echo "== setup: $* (t=$((SECONDS - t0))s)"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" = 0 ]; then as_root apt-get update -q >/dev/null; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}

step "rust wasm32 target"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

step "wasm-bindgen-cli $WB_VERSION"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ] ||
  [ "$(wasm-bindgen-test-runner --version 2>/dev/null || true)" != "wasm-bindgen-test-runner $WB_VERSION" ]; then
  # No --locked: its lockfile pins webpki-roots 1.0.11, which the registry does not have.
  # No default features: drops rustls; the test runner only talks HTTP to 127.0.0.1.
  cargo install -f wasm-bindgen-cli --version "$WB_VERSION" --no-default-features
fi

step "trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  # trunk's own release profile is fat LTO with one codegen unit: ~10 min on 2 cores; this takes ~6.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install -f --locked trunk --version "$TRUNK_VERSION"
fi

step "npm packages (binaryen for wasm-opt, playwright-core)"
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$WANT_TEST" = 1 ]; then
  step "chromium + chromedriver (Debian)"
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi

  step "Go 1.23 oracle (bookworm-backports)"
  if [ ! -x /usr/lib/go-1.23/bin/go ]; then
    if [ ! -f /etc/apt/sources.list.d/bpo.list ]; then
      echo 'deb http://deb.debian.org/debian bookworm-backports main' | as_root tee /etc/apt/sources.list.d/bpo.list >/dev/null
      APT_UPDATED=0
    fi
    apt_install -t bookworm-backports golang-1.23-go ||
      echo "setup: could not install golang-1.23-go; differential tests against real Go will be skipped" >&2
  fi
fi

step "done"
