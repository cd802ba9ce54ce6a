#!/usr/bin/env bash
# Compile cost of the generated code: debug builds of the SDK crate alone, its
# dependencies already built, median of 5 (each after touching only the crate's sources).
#
# Cases: the real crate in this workspace; a scratch copy of it (checks that the copy
# builds like the original); a synthetic 100-endpoint crate; and hand-edited variants of
# both generated crates that show what the emitted constructs cost (derives, flatten,
# the endpoint module). Prints `key=value` lines, also written to $OUT.
#
# Usage: scripts/compile_cost.sh
#   env: CARGO_TARGET_DIR (default target/bench), RUNS (default 5),
#        OUT (default $CARGO_TARGET_DIR/compile_cost.txt)
#
# The scratch crates live in target/bench-scratch, outside CARGO_TARGET_DIR: cargo does not
# check the timestamps of sources inside its target directory, so a touched file there
# would not be rebuilt. They share CARGO_TARGET_DIR, so their dependencies are built once.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/bench}"
RUNS="${RUNS:-5}"
OUT="${OUT:-$CARGO_TARGET_DIR/compile_cost.txt}"
SCRATCH="$PWD/target/bench-scratch"
case "$SCRATCH/" in
    "$(realpath -m "$CARGO_TARGET_DIR")"/*)
        echo "error: $SCRATCH is inside CARGO_TARGET_DIR; use another target directory" >&2
        exit 2 ;;
esac
mkdir -p "$CARGO_TARGET_DIR"
: >"$OUT"

emit() { echo "$1=$2" | tee -a "$OUT"; }

LOG="$CARGO_TARGET_DIR/compile_cost.log"
: >"$LOG"

# Median wall time in seconds of `cargo build` (or `cargo $3`) of the crate whose manifest
# is $1, after touching the .rs files under $2. Compiler output goes to $LOG.
median_build() {
    local manifest=$1 src=$2 command=${3:-build} times=()
    cargo "$command" --offline -q --manifest-path "$manifest" -p cloudflare-sdk 2>>"$LOG" # deps built
    for _ in $(seq "$RUNS"); do
        find "$src" -name '*.rs' -exec touch {} +
        local start end
        start=$(date +%s.%N)
        cargo "$command" --offline -q --manifest-path "$manifest" -p cloudflare-sdk 2>>"$LOG"
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc)")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

lines() { cat "$@" | wc -l; }

cargo build --release -q -p sdk-benches --bin scratch_crate
scratch_crate() { "$CARGO_TARGET_DIR/release/scratch_crate" "$@"; }

# The real crate, in place.
emit lines.real.generated "$(lines generated/src/types.rs generated/src/api.rs)"
emit lines.real.runtime "$(lines runtime/src/*.rs)"
emit compile.real "$(median_build Cargo.toml generated/src)"

# Scratch crates: the real generated code, and a synthetic 100-endpoint spec.
scratch_crate 0 "$SCRATCH/real"
scratch_crate 100 "$SCRATCH/synthetic100"
emit compile.real_scratch "$(median_build "$SCRATCH/real/Cargo.toml" "$SCRATCH/real/src")"
emit lines.synthetic100.generated "$(lines "$SCRATCH"/synthetic100/src/{types,api}.rs)"
emit compile.synthetic100 "$(median_build "$SCRATCH/synthetic100/Cargo.toml" "$SCRATCH/synthetic100/src")"
# `cargo check` stops before code generation: the rest of a build is LLVM's share.
emit check.real "$(median_build Cargo.toml generated/src check)"
emit check.synthetic100 "$(median_build "$SCRATCH/synthetic100/Cargo.toml" "$SCRATCH/synthetic100/src" check)"

# What the emitted constructs cost: each variant edits one thing in a copy.
#   no_std_derives: drop Clone, Debug, PartialEq, Eq, Hash derives from the types
#   no_flatten:     `#[serde(flatten)] unknown_fields` becomes `#[serde(skip)]`
#   no_endpoints:   an empty endpoint module (types only)
#   runtime_only:   no generated code at all
variant() {
    local base=$1 name=$2 dir="$SCRATCH/$1-$2"
    rm -rf "$dir" && cp -r "$SCRATCH/$base" "$dir"
    case $name in
        no_std_derives) sed -i -E 's/#\[derive\(([^)]*)\)\]/#[derive(\1)]/; s/(Clone|Debug|PartialEq|Default|Eq|Hash), //g; s/, (Eq|Hash)\)/)/g' "$dir/src/types.rs" ;;
        no_flatten) sed -i 's/#\[serde(flatten)\]/#[serde(skip)]/' "$dir/src/types.rs" ;;
        no_endpoints) printf '//! Endpoints (removed for a measurement).\n' >"$dir/src/api.rs" ;;
        runtime_only)
            printf '//! Endpoints (removed for a measurement).\n' >"$dir/src/api.rs"
            printf '//! Types (removed for a measurement).\n' >"$dir/src/types.rs" ;;
    esac
    if cargo build --offline -q --manifest-path "$dir/Cargo.toml" -p cloudflare-sdk 2>>"$LOG"; then
        emit "compile.$base.$name" "$(median_build "$dir/Cargo.toml" "$dir/src")"
    else
        emit "compile.$base.$name" "does-not-compile"
    fi
}
for base in real synthetic100; do
    for name in no_std_derives no_flatten no_endpoints runtime_only; do
        variant "$base" "$name"
    done
done
