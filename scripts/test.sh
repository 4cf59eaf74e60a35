#!/usr/bin/env bash
# Runs every Goroscope test, after setting up (idempotently) everything the tests need:
# formatting, clippy (native and wasm32), native cargo tests (including the Go corpus through the CLI),
# wasm-bindgen tests in headless Chromium, the differential test against real Go 1.23,
# a release build of the web app and the Playwright end-to-end tests against it.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$SECONDS
stage() { echo; echo "==== test: $* (t=$((SECONDS - t0))s)"; }

stage "setup"
scripts/setup.sh --test
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR=never
if [ -x /usr/lib/go-1.23/bin/go ]; then
  export GOROSCOPE_GO=/usr/lib/go-1.23/bin/go
fi

stage "cargo fmt --check"
cargo fmt --all -- --check

stage "clippy (native, all targets)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
stage "clippy (web, wasm32)"
cargo clippy -p web --target wasm32-unknown-unknown --quiet -- -D warnings

stage "cargo test (native)"
cargo test --workspace

stage "wasm-bindgen tests in headless Chromium"
(cd crates/runtime && cargo test --target wasm32-unknown-unknown)

stage "differential test: the corpus's goldens against real Go"
if [ -n "${GOROSCOPE_GO:-}" ] && [ -x scripts/golden.sh ]; then
  scripts/golden.sh --check
  # Random programs through real Go and the CLI (the debug build from above): order of evaluation,
  # integer arithmetic, fmt verbs, strings and strconv, runtime panics, slices and maps.
  for gen in eval_order int_arith fmt_verbs strings_strconv runtime_panics slices_maps; do
    GO="$GOROSCOPE_GO" GOROSCOPE=target/debug/goroscope tests/fuzz/differential.sh "$gen" 1 10 60
  done
  GO="$GOROSCOPE_GO" GOROSCOPE=target/debug/goroscope tests/fuzz/differential.sh pipelines 1 10 4
  GO="$GOROSCOPE_GO" GOROSCOPE=target/debug/goroscope tests/fuzz/differential.sh timers 1 6 7
  GO="$GOROSCOPE_GO" GOROSCOPE=target/debug/goroscope tests/fuzz/differential.sh channels 1 10 60
else
  echo "skipped: real Go 1.23 is not installed (scripts/setup.sh --test installs it from bookworm-backports)"
fi

stage "web app release build (trunk)"
trunk build --release

stage "Playwright end-to-end tests against dist/"
PORT="${E2E_PORT:-8087}"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
SRV=$!
trap 'kill "$SRV" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/')" 2>/dev/null && break
  sleep 0.2
done
mkdir -p target/screenshots
BASE_URL="http://127.0.0.1:$PORT/" SHOT_DIR="$PWD/target/screenshots" node --test tests/e2e/

stage "all tests passed"
