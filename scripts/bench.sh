#!/usr/bin/env bash
# Runs every benchmark (codegen, serde, client, compile cost, memory) and writes the
# figures, with the machine they came from, to docs/benchmarks.md.
#
# Usage: scripts/bench.sh
#   env: CARGO_TARGET_DIR (default target/bench), RUNS (compile-cost builds, default 5)
# Takes about 10 minutes on 2 cores. Run it on a quiet machine: the load average before
# and after is recorded in the report.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/bench}"
mkdir -p "$CARGO_TARGET_DIR"
RESULTS="$CARGO_TARGET_DIR/bench-results"
rm -rf "$RESULTS" "$CARGO_TARGET_DIR/criterion" # the report shows this run only
mkdir -p "$RESULTS"

load() { cut -d' ' -f1-3 /proc/loadavg; }
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs/benchmarks.md' || echo ' (with local changes)')"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "nproc=$(nproc)"
    echo "rustc=$(rustc --version)"
    echo "load_before=$(load)"
} >"$RESULTS/machine.txt"
cat "$RESULTS/machine.txt"

echo "==> building the benchmarks"
cargo build --release -q -p sdk-benches --benches --bins

echo "==> peak memory of one render"
for endpoints in 0 10 100 1000; do
    line=$(/usr/bin/time -v -o "$RESULTS/time.txt" \
        "$CARGO_TARGET_DIR/release/codegen_memory" "$endpoints")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$RESULTS/time.txt")
    echo "$line maxrss_kb=$rss" | tee -a "$RESULTS/memory.txt"
done

for bench in codegen diff serde client; do
    echo "==> cargo bench --bench $bench"
    cargo bench -q -p sdk-benches --bench "$bench" | tee "$RESULTS/$bench.log"
done
grep '^CONNECTIONS' "$RESULTS/client.log" >"$RESULTS/connections.txt"

echo "==> compile cost"
OUT="$RESULTS/compile_cost.txt" scripts/compile_cost.sh

echo "load_after=$(load)" >>"$RESULTS/machine.txt"
"$CARGO_TARGET_DIR/release/bench_report" "$CARGO_TARGET_DIR/criterion" "$RESULTS" docs/benchmarks.md
echo "==> wrote docs/benchmarks.md"
