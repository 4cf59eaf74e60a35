#!/usr/bin/env bash
# Differential fuzz test of the order of evaluation: random programs from tests/fuzz/eval_order.py run
# through real Go 1.23 and through `goroscope run`; every output must be identical.
#
# Usage: tests/fuzz/eval_order.sh [FIRST_SEED [COUNT [STATEMENTS]]]   (default 1 20 60)
# Environment: GO (default /usr/lib/go-1.23/bin/go), GOROSCOPE (default target/release/goroscope,
# built if missing). A failing program is kept in target/fuzz/ with both outputs.
set -euo pipefail
cd "$(dirname "$0")/../.."
first=${1:-1}
count=${2:-20}
stmts=${3:-60}
GO=${GO:-/usr/lib/go-1.23/bin/go}
if [ ! -x "$GO" ]; then
  echo "eval_order.sh: real Go not found at $GO; skipped"
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
  python3 tests/fuzz/eval_order.py "$seed" "$stmts" > "$work/prog.go"
  (cd "$work" && GOTOOLCHAIN=local GOPROXY=off "$GO" run prog.go > go.out 2>&1) || true
  "$GOROSCOPE" run "$work/prog.go" > "$work/goroscope.out" 2>&1 || true
  if ! cmp -s "$work/go.out" "$work/goroscope.out"; then
    failed=$((failed + 1))
    cp "$work/prog.go" "target/fuzz/eval_order_$seed.go"
    cp "$work/go.out" "target/fuzz/eval_order_$seed.go.out"
    cp "$work/goroscope.out" "target/fuzz/eval_order_$seed.goroscope.out"
    echo "seed $seed: outputs differ (kept in target/fuzz/eval_order_$seed.*)"
    diff "$work/go.out" "$work/goroscope.out" | head -6 || true
  fi
done
echo "eval_order: $count programs of $stmts statements, $((count - failed)) identical to real Go, $failed different"
[ "$failed" -eq 0 ]
