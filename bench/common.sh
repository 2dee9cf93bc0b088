# Shared by the benchmark scripts: `. bench/common.sh` after `cd` to the
# repository. With TATSH_BENCH_QUICK=1 (bench/run --quick, which CI runs)
# the scripts use small sizes and a debug build: they are checked to run,
# and their figures mean nothing.
quick=${TATSH_BENCH_QUICK:-0}
configuration=release
[ "$quick" = 1 ] && configuration=debug
bin=$PWD/.build/$configuration
# TATSH_BENCH_BIN: the folder of binaries built elsewhere (another commit's, for an A/B); nothing is built then.
if [ -n "${TATSH_BENCH_BIN:-}" ]; then bin=$TATSH_BENCH_BIN; fi

# Builds the products named, in the benchmark's configuration.
build() {
  [ -n "${TATSH_BENCH_BIN:-}" ] && return 0
  local product
  local static=()
  # As scripts/run builds it: the Swift libraries linked in statically.
  [ "$configuration" = release ] && static=(--static-swift-stdlib)
  for product in "$@"; do swift build -c "$configuration" "${static[@]}" --product "$product" >&2; done
}

# $1 when the benchmark is quick, else $2.
sized() { if [ "$quick" = 1 ]; then echo "$1"; else echo "$2"; fi; }

scripts/install-dependencies
