#!/usr/bin/env bash
# Differential fuzz tests: random programs from a generator in tests/fuzz/ run through real Go 1.23 and
# through `goroscope run`; every output must be identical.
#   eval_order   the order of evaluation inside statements (calls, receives and plain operands)
#   int_arith    integer arithmetic, shifts, division and conversions across all integer types
#   fmt_verbs    fmt verbs, flags, widths and precisions on floats, strings, integers and composites
#   strings_strconv  strings, strconv and unicode/utf8 functions on ASCII, UTF-8 and invalid UTF-8
#   runtime_panics   run-time panics (bounds, nil, division, assertions, channels, makeslice), recovered
#   slices_maps      append growth (len, cap), reslicing, aliasing, copy, package slices, maps
#   pipelines        goroutine pipelines over channels with WaitGroups, mutexes and atomics (STATEMENTS
#                    is the number of pipelines)
#   timers           Sleep, AfterFunc, Timer, Ticker, time.After in select, Stop/Reset, WithTimeout on
#                    well-separated times (STATEMENTS is the number of actors)
#   channels         buffered and unbuffered channels from one goroutine: select with default, ok
#                    receives, nil channels, close, sends on closed channels
#
# Usage: tests/fuzz/differential.sh GENERATOR [FIRST_SEED [COUNT [STATEMENTS]]]   (default 1 20 60)
# Environment: GO (default /usr/lib/go-1.23/bin/go), GOROSCOPE (default target/release/goroscope,
# built if missing). A failing program is kept in target/fuzz/ with both outputs.
set -euo pipefail
cd "$(dirname "$0")/../.."
gen=${1:?usage: tests/fuzz/differential.sh GENERATOR [FIRST_SEED [COUNT [STATEMENTS]]]}
first=${2:-1}
count=${3:-20}
stmts=${4:-60}
[ -f "tests/fuzz/$gen.py" ] || { echo "differential.sh: no generator tests/fuzz/$gen.py"; exit 2; }
GO=${GO:-/usr/lib/go-1.23/bin/go}
if [ ! -x "$GO" ]; then
  echo "differential.sh: real Go not found at $GO; skipped"
  exit 0
fi
if [ -z "${GOROSCOPE:-}" ]; then
  cargo build --release --quiet -p cli
  GOROSCOPE=target/release/goroscope
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p target/fuzz
failed=0
for seed in $(seq "$first" $((first + count - 1))); do
  python3 "tests/fuzz/$gen.py" "$seed" "$stmts" > "$work/prog.go"
  (cd "$work" && GOTOOLCHAIN=local GOPROXY=off "$GO" run prog.go > go.out 2>&1) || true
  "$GOROSCOPE" run "$work/prog.go" > "$work/goroscope.out" 2>&1 || true
  if ! cmp -s "$work/go.out" "$work/goroscope.out"; then
    failed=$((failed + 1))
    cp "$work/prog.go" "target/fuzz/${gen}_$seed.go"
    cp "$work/go.out" "target/fuzz/${gen}_$seed.go.out"
    cp "$work/goroscope.out" "target/fuzz/${gen}_$seed.goroscope.out"
    echo "seed $seed: outputs differ (kept in target/fuzz/${gen}_$seed.*)"
    diff "$work/go.out" "$work/goroscope.out" | head -6 || true
  fi
done
echo "$gen: $count programs of $stmts statements, $((count - failed)) identical to real Go, $failed different"
[ "$failed" -eq 0 ]
