#!/usr/bin/env bash
# scripts/golden.sh: regenerate (or --check) the golden outputs of the Go corpus in
# tests/programs/ from the real Go 1.23 toolchain.
#
# Usage:
#   scripts/golden.sh                 regenerate every golden
#   scripts/golden.sh --check         rerun Go, compare with the goldens, exit 1 on any difference
#   scripts/golden.sh [--check] NAME  only programs whose base name matches the glob NAME
#                                     (e.g. 'deadlock_*'); may be repeated
# Environment:
#   GO          the go command (default /usr/lib/go-1.23/bin/go if present, else `go`)
#   SEED_RUNS   runs per GOMAXPROCS value for seeds/ programs (default 200 to regenerate,
#               50 for --check)
#
# What it does, per directory (see tests/programs/README.md for the file formats):
#   pass/, fail/   build once, run with GOMAXPROCS=1 (the canonical run: goroutine ids are
#                  only stable with one P), record NAME.stdout, NAME.stderr, NAME.exitcode.
#                  It reruns the binary once more with GOMAXPROCS=1 and twice with
#                  GOMAXPROCS=2 and fails if stdout, exit code or the first stderr line
#                  change: such a program belongs in seeds/.
#   seeds/         run SEED_RUNS times with GOMAXPROCS=1 and SEED_RUNS times with
#                  GOMAXPROCS=2 and record the SET of distinct (exit code, stdout) in
#                  NAME.outputs, each annotated with the GOMAXPROCS values that produced it. Regenerating keeps previously recorded outputs as long as
#                  the source is unchanged (its sha256 is in the header), so rare
#                  interleavings accumulate instead of flickering in and out.
#                  --check reports (without failing) an output of Go's that is not yet in the set.
#   tests/bench/   like pass/: NAME.stdout holds the checksum line the benchmark prints.
#   NAME.txtar     (any directory) a Go program followed by `-- FILE --` sections, the files of
#                  its working directory, as the Go playground accepts: the Go part is built as
#                  NAME.go and every run starts in a fresh directory holding exactly those files.
#   compile_error/ `go build`, record the compiler's stderr as NAME.stderr. Files with a
#                  `// unsupported: <feature>` header are valid Go: they must build and exit
#                  0, and their stdout is recorded as NAME.stdout (no .stderr).
#
# Normalisation (applied to every recorded stderr, never to stdout):
#   * programs are built with -trimpath from a directory holding only NAME.go, so Go names
#     the file `./NAME.go`; the leading `./` is removed: `NAME.go:12:5: msg` and
#     `\tNAME.go:12`. This is the file name exactly as given on the command line when the
#     CLI is run from the program's directory as `goroscope run NAME.go`.
#   * standard library frames are GOROOT-relative (`runtime/sema.go:71`, from -trimpath);
#     golang.org/x/sync frames read `golang.org/x/sync@v0.0.0/errgroup/errgroup.go:37`.
#   * ` +0x1d` pc offsets after a `file.go:LINE` (or `file.s:LINE`) are deleted;
#   * every other hexadecimal number (addresses, pointer arguments, pc=, sp=) becomes
#     `0x?`, and a trailing `?` after it (Go's "possibly inaccurate" mark) is folded in:
#     `sync.runtime_Semacquire(0xc000012345?)` -> `sync.runtime_Semacquire(0x?)`.
#   * for compile errors, the `# command-line-arguments` header line that `go build`
#     prints is dropped.
#   * the absolute path of the temporary build directory, which gc prints in a few
#     messages (e.g. "cannot infer T (/tmp/.../NAME.go:6:11)"), is removed: `(NAME.go:6:11)`.
# Goroutine ids, frame order, line numbers and messages are kept as Go printed them.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROGS="$ROOT/tests/programs"
if [[ -z "${GO:-}" ]]; then
	if [[ -x /usr/lib/go-1.23/bin/go ]]; then GO=/usr/lib/go-1.23/bin/go; else GO=go; fi
fi
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod GOWORK=off
unset GOTRACEBACK GODEBUG GOMAXPROCS GOOS GOARCH CGO_ENABLED || true

CHECK=0
FILTERS=()
for arg in "$@"; do
	case "$arg" in
	--check) CHECK=1 ;;
	-h | --help)
		sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	-*)
		echo "golden.sh: unknown option $arg" >&2
		exit 2
		;;
	*) FILTERS+=("$arg") ;;
	esac
done
if [[ -z "${SEED_RUNS:-}" ]]; then
	if ((CHECK)); then SEED_RUNS=50; else SEED_RUNS=200; fi
fi

version=$("$GO" version)
case "$version" in
*go1.23*) ;;
*) echo "golden.sh: warning: goldens are defined by Go 1.23, found: $version" >&2 ;;
esac

TMP=$(mktemp -d "${TMPDIR:-/tmp}/goroscope-golden.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/mod" "$TMP/bin" "$TMP/run" "$TMP/files"
cat >"$TMP/mod/go.mod" <<EOF
module goroscope.test/corpus

go 1.23

require golang.org/x/sync v0.0.0

replace golang.org/x/sync => $PROGS/_xsync
EOF

declare -A COUNT=()
CHANGED=0
UNCHANGED=0
PROBLEMS=()

problem() {
	PROBLEMS+=("$1")
	echo "  !! $1" >&2
}

selected() {
	local name=$1 f
	((${#FILTERS[@]} == 0)) && return 0
	for f in "${FILTERS[@]}"; do
		# shellcheck disable=SC2053
		[[ $name == $f || $name == "${f%.go}" ]] && return 0
	done
	return 1
}

normalise_stderr() {
	sed -E \
		-e "s#$TMP/mod/[A-Za-z0-9_]+/##g" \
		-e 's#(^|[[:space:](])\./([A-Za-z0-9_.-]+\.go)#\1\2#g' \
		-e 's/(\.(go|s):[0-9]+) \+0x[0-9a-f]+/\1/' \
		-e 's/0x[0-9a-f]+\??/0x?/g'
}

normalise_build_stderr() {
	grep -v '^# ' | sed -E -e "s#$TMP/mod/[A-Za-z0-9_]+/##g" \
		-e 's#(^|[[:space:](])\./([A-Za-z0-9_.-]+\.go)#\1\2#g'
}

# compare_or_write TARGET TMPFILE: in --check mode report a difference, otherwise
# install TMPFILE as TARGET (counting changes).
compare_or_write() {
	local target=$1 new=$2 rel=${1#"$ROOT"/}
	if ((CHECK)); then
		if [[ ! -f $target ]]; then
			problem "missing golden $rel"
		elif ! cmp -s "$target" "$new"; then
			problem "golden differs: $rel"
			diff -u --label "$rel (golden)" --label "$rel (go)" "$target" "$new" | head -40 >&2 || true
		else
			UNCHANGED=$((UNCHANGED + 1))
		fi
	else
		if [[ -f $target ]] && cmp -s "$target" "$new"; then
			UNCHANGED=$((UNCHANGED + 1))
		else
			cp "$new" "$target"
			CHANGED=$((CHANGED + 1))
			echo "  wrote $rel"
		fi
	fi
}

# remove_golden TARGET: a golden that should not exist.
remove_golden() {
	local target=$1 rel=${1#"$ROOT"/}
	[[ -e $target ]] || return 0
	if ((CHECK)); then
		problem "unexpected golden $rel"
	else
		rm -f "$target"
		CHANGED=$((CHANGED + 1))
		echo "  removed $rel"
	fi
}

# extract_txtar SRC GOFILE FILESDIR: the text before the first `-- NAME --` line goes to GOFILE,
# each section to FILESDIR/NAME (the rules of crates/compiler/src/archive.rs).
extract_txtar() {
	awk -v gofile="$2" -v dir="$3" '
		/^-- .+ --\r?$/ {
			n = $0; sub(/^-- /, "", n); sub(/ --\r?$/, "", n); gsub(/^[ \t]+|[ \t]+$/, "", n)
			if (n != "") {
				out = dir "/" n; d = out; sub(/\/[^\/]*$/, "", d)
				system("mkdir -p \"" d "\""); printf "" >out; next
			}
		}
		{ if (out == "") print >gofile; else print >out }
	' "$1"
}

# build NAME SRC -> sets BUILD_RC, writes $TMP/build.err, binary at $TMP/bin/NAME, and the
# program's starting directory at $TMP/files/NAME (empty unless SRC is a .txtar archive)
build() {
	local name=$1 src=$2 dir="$TMP/mod/$1"
	rm -rf "$dir" "$TMP/files/$name"
	mkdir -p "$dir" "$TMP/files/$name"
	HAS_FILES=0
	if [[ $src == *.txtar ]]; then
		extract_txtar "$src" "$dir/$name.go" "$TMP/files/$name"
		HAS_FILES=1
	else
		cp "$src" "$dir/$name.go"
	fi
	set +e
	(cd "$dir" && "$GO" build -trimpath -o "$TMP/bin/$name" "$name.go") >/dev/null 2>"$TMP/build.err"
	BUILD_RC=$?
	set -e
}

# run NAME PROCS OUTPREFIX -> OUTPREFIX.out, OUTPREFIX.err (raw), OUTPREFIX.rc
run() {
	local name=$1 procs=$2 out=$3 rc cwd="$TMP/run"
	if ((HAS_FILES)); then
		# a fresh copy of the archive's files for every run (the program may write to them)
		cwd="$TMP/run/$name"
		rm -rf "$cwd"
		cp -r "$TMP/files/$name" "$cwd"
	fi
	set +e
	(cd "$cwd" && GOMAXPROCS=$procs timeout 20 "$TMP/bin/$name" >"$out.out" 2>"$out.err" </dev/null)
	rc=$?
	set -e
	echo "$rc" >"$out.rc"
	if ((rc == 124)); then
		problem "$name: timed out after 20s with GOMAXPROCS=$procs"
	fi
}

do_runnable() {
	local kind=$1 src=$2 name base rc
	name=$(basename "${src%.txtar}" .go)
	base="$(dirname "$src")/$name"
	build "$name" "$src"
	if ((BUILD_RC != 0)); then
		problem "$kind/$name.go does not build:"
		cat "$TMP/build.err" >&2
		return
	fi
	run "$name" 1 "$TMP/a"
	run "$name" 1 "$TMP/b"
	run "$name" 2 "$TMP/c"
	run "$name" 2 "$TMP/d"
	rc=$(cat "$TMP/a.rc")
	normalise_stderr <"$TMP/a.err" >"$TMP/a.nerr"
	normalise_stderr <"$TMP/b.err" >"$TMP/b.nerr"
	if ! cmp -s "$TMP/a.out" "$TMP/b.out" || ! cmp -s "$TMP/a.nerr" "$TMP/b.nerr" || ! cmp -s "$TMP/a.rc" "$TMP/b.rc"; then
		problem "$kind/$name.go: two runs with GOMAXPROCS=1 differ (nondeterministic: move it to seeds/)"
	fi
	local x
	for x in c d; do
		if ! cmp -s "$TMP/a.out" "$TMP/$x.out" || ! cmp -s "$TMP/a.rc" "$TMP/$x.rc" ||
			[[ "$(normalise_stderr <"$TMP/a.err" | head -n1)" != "$(normalise_stderr <"$TMP/$x.err" | head -n1)" ]]; then
			problem "$kind/$name.go: output with GOMAXPROCS=2 differs from GOMAXPROCS=1 (move it to seeds/)"
			diff -u "$TMP/a.out" "$TMP/$x.out" | head -20 >&2 || true
			break
		fi
	done
	if [[ $kind != fail && $rc != 0 ]]; then
		problem "pass/$name.go exited $rc (expected 0); stderr: $(head -n3 "$TMP/a.err")"
	fi
	if [[ $kind == fail && $rc == 0 ]]; then
		problem "fail/$name.go exited 0 (expected a failure)"
	fi
	compare_or_write "$base.stdout" "$TMP/a.out"
	if [[ $kind == fail ]]; then
		compare_or_write "$base.stderr" "$TMP/a.nerr"
		compare_or_write "$base.exitcode" "$TMP/a.rc"
	else
		if [[ -s $TMP/a.nerr ]]; then
			compare_or_write "$base.stderr" "$TMP/a.nerr"
		else
			remove_golden "$base.stderr"
		fi
		remove_golden "$base.exitcode"
	fi
}

# Seeds: one block per distinct output, sorted; see README.md for the format.
# Working layout: $dir/<key>.block holds '=== exit N' + stdout, $dir/<key>.procs the
# GOMAXPROCS values (one per line) that produced it; <key> is a hash of the block.
add_block() { # add_block DIR BLOCKFILE PROCS...
	local dir=$1 block=$2 key p
	shift 2
	key=$(sha256sum "$block" | cut -c1-16)
	[[ -f $dir/$key.block ]] || cp "$block" "$dir/$key.block"
	for p in "$@"; do echo "$p" >>"$dir/$key.procs"; done
	sort -un -o "$dir/$key.procs" "$dir/$key.procs"
}

# read_outputs FILE DIR: load a recorded .outputs file into DIR (format above).
read_outputs() {
	local file=$1 dir=$2 n=0 f procs
	awk -v dir="$dir" '
		/^=== exit / {
			n++; file = sprintf("%s/raw%06d", dir, n)
			procs = ""
			if (match($0, /GOMAXPROCS=[0-9,]+/)) procs = substr($0, RSTART + 11, RLENGTH - 11)
			print procs > (file ".procs")
			sub(/ \|.*$/, "")
			print > file
			next
		}
		n > 0 { print > file }' "$file"
	for f in "$dir"/raw*; do
		[[ -e $f && $f != *.procs ]] || continue
		procs=$(tr ',' ' ' <"$f.procs")
		# shellcheck disable=SC2086
		add_block "$dir" "$f" $procs
		rm -f "$f" "$f.procs"
	done
}

do_seed() {
	local src=$1 name base sum i procs rc
	name=$(basename "${src%.txtar}" .go)
	base="$PROGS/seeds/$name"
	build "$name" "$src"
	if ((BUILD_RC != 0)); then
		problem "seeds/$name.go does not build:"
		cat "$TMP/build.err" >&2
		return
	fi
	sum=$(sha256sum "$src" | cut -d' ' -f1)
	local seen="$TMP/seen"
	rm -rf "$seen"
	mkdir -p "$seen"
	for procs in 1 2; do
		for ((i = 0; i < SEED_RUNS; i++)); do
			run "$name" "$procs" "$TMP/s"
			rc=$(cat "$TMP/s.rc")
			if [[ -s $TMP/s.err ]]; then
				problem "seeds/$name.go wrote to stderr (GOMAXPROCS=$procs): $(head -n1 "$TMP/s.err")"
				return
			fi
			if [[ -s $TMP/s.out && $(tail -c1 "$TMP/s.out" | od -An -tx1 | tr -d ' ') != 0a ]]; then
				problem "seeds/$name.go: stdout does not end with a newline"
				return
			fi
			if grep -q '^=== ' "$TMP/s.out"; then
				problem "seeds/$name.go: a stdout line starts with '=== '"
				return
			fi
			{
				echo "=== exit $rc"
				cat "$TMP/s.out"
			} >"$TMP/s.block"
			add_block "$seen" "$TMP/s.block" "$procs"
		done
	done
	local recorded="$TMP/recorded" old_sum=""
	rm -rf "$recorded"
	mkdir -p "$recorded"
	if [[ -f $base.outputs ]]; then
		old_sum=$(sed -n 's/^# sha256 of source: //p' "$base.outputs")
		read_outputs "$base.outputs" "$recorded"
	fi
	local nseen nrec f
	nseen=$(find "$seen" -name '*.block' | wc -l)
	if ((CHECK)); then
		if [[ ! -f $base.outputs ]]; then
			problem "missing golden seeds/$name.outputs"
			return
		fi
		[[ $old_sum == "$sum" ]] || problem "seeds/$name.outputs was recorded for another version of $name.go"
		local bad=0
		for f in "$seen"/*.block; do
			if [[ ! -f $recorded/$(basename "$f") ]]; then
				# The recorded set is what was observed, not a proof of completeness: a rare but valid
				# output makes the set incomplete, not wrong, so it is reported without failing the check
				# (regenerate to add it). Deterministic programs (pass/, fail/) still fail on any change.
				bad=$((bad + 1))
				echo "  note: seeds/$name.go produced an output not yet in $name.outputs (regenerate to record it):" >&2
				sed 's/^/      /' "$f" | head -20 >&2
			fi
		done
		((bad == 0)) && UNCHANGED=$((UNCHANGED + 1))
		nrec=$(find "$recorded" -name '*.block' | wc -l)
		echo "  seeds/$name: $nseen distinct outputs in $((2 * SEED_RUNS)) runs; $nrec recorded"
		return
	fi
	if [[ $old_sum == "$sum" ]]; then # same source: keep what was seen before
		for f in "$recorded"/*.block; do
			[[ -e $f ]] || continue
			# shellcheck disable=SC2046
			add_block "$seen" "$f" $(cat "${f%.block}.procs")
		done
	fi
	local n
	n=$(find "$seen" -name '*.block' | wc -l)
	{
		echo "# Distinct outputs of seeds/$name.go under real Go 1.23 ($n distinct)."
		echo "# sha256 of source: $sum"
		echo "# Each block: '=== exit <code> | seen with GOMAXPROCS=<list>', then the exact stdout."
		for f in "$seen"/*.block; do
			# sort key: the block flattened onto one line
			printf '%s\t%s\n' "$(tr '\n' '\001' <"$f")" "$f"
		done | LC_ALL=C sort | cut -f2 | while read -r f; do
			printf '%s | seen with GOMAXPROCS=%s\n' "$(head -n1 "$f")" "$(paste -sd, "${f%.block}.procs")"
			tail -n +2 "$f"
		done
	} >"$TMP/outputs"
	compare_or_write "$base.outputs" "$TMP/outputs"
	echo "  seeds/$name: $n distinct outputs ($nseen in this run of $((2 * SEED_RUNS)))"
}

do_compile_error() {
	local src=$1 name base feature
	name=$(basename "${src%.txtar}" .go)
	base="$PROGS/compile_error/$name"
	feature=$(sed -n 's#^// unsupported: ##p' "$src" | head -n1)
	build "$name" "$src"
	if [[ -n $feature ]]; then
		if ((BUILD_RC != 0)); then
			problem "compile_error/$name.go is marked unsupported ($feature) but does not build:"
			cat "$TMP/build.err" >&2
			return
		fi
		run "$name" 1 "$TMP/a"
		if [[ $(cat "$TMP/a.rc") != 0 ]]; then
			problem "compile_error/$name.go (unsupported: $feature) exited $(cat "$TMP/a.rc")"
		fi
		compare_or_write "$base.stdout" "$TMP/a.out"
		remove_golden "$base.stderr"
		return
	fi
	if ((BUILD_RC == 0)); then
		problem "compile_error/$name.go builds without error"
		return
	fi
	normalise_build_stderr <"$TMP/build.err" >"$TMP/a.nerr"
	compare_or_write "$base.stderr" "$TMP/a.nerr"
	remove_golden "$base.stdout"
}

echo "golden.sh: $version; mode: $( ((CHECK)) && echo check || echo regenerate); seed runs: $SEED_RUNS per GOMAXPROCS"
for kind in pass fail seeds compile_error bench; do
	COUNT[$kind]=0
	echo "== $kind"
	dir="$PROGS/$kind"
	[[ $kind == bench ]] && dir="$ROOT/tests/bench"
	shopt -s nullglob
	for src in "$dir"/*.go "$dir"/*.txtar; do
		name=$(basename "${src%.txtar}" .go)
		selected "$name" || continue
		if [[ ! $name =~ ^[a-z0-9_]+$ ]]; then
			problem "$kind/$name.go: program names must match [a-z0-9_]+"
			continue
		fi
		COUNT[$kind]=$((COUNT[$kind] + 1))
		case $kind in
		pass | fail | bench) do_runnable "$kind" "$src" ;;
		seeds) do_seed "$src" ;;
		compile_error) do_compile_error "$src" ;;
		esac
	done
	# Goldens whose program is gone.
	if ((${#FILTERS[@]} == 0)); then
		for g in "$dir"/*.stdout "$dir"/*.stderr "$dir"/*.exitcode "$dir"/*.outputs; do
			stem=${g%.*}
			[[ -f $stem.go || -f $stem.txtar ]] || remove_golden "$g"
		done
	fi
	shopt -u nullglob
done

echo
echo "summary: pass=${COUNT[pass]} fail=${COUNT[fail]} seeds=${COUNT[seeds]} compile_error=${COUNT[compile_error]}" \
	"bench=${COUNT[bench]} total=$((COUNT[pass] + COUNT[fail] + COUNT[seeds] + COUNT[compile_error] + COUNT[bench]))"
if ((CHECK)); then
	echo "goldens matching real Go: $UNCHANGED; problems: ${#PROBLEMS[@]}"
else
	echo "goldens written: $CHANGED; unchanged: $UNCHANGED; problems: ${#PROBLEMS[@]}"
fi
if ((${#PROBLEMS[@]} > 0)); then
	printf '  %s\n' "${PROBLEMS[@]}"
	exit 1
fi
