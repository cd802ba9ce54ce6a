#!/usr/bin/env bash
# The whole Cloudflare schema (issue 12): how long the release generator takes to import
# openapi/import.yaml (every product of the 2024-08-06 schema) and to generate the SDK from
# the result, its peak memory, and how much code it writes. Both steps run in `--check`
# mode, which does all the work and compares instead of writing, so the checkout is left
# as it is (run `cargo run -p codegen -- import && cargo run -p codegen` first if either
# reports stale files: the figures are of the checked-in spec).
#
# Usage: scripts/whole_schema_bench.sh        env: RUNS (default 5)
# Prints one line per run and step (wall seconds, peak KiB), then the medians, the sum of
# the two medians (target: under 2 s on 2 cores) and the generated lines.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}

cargo build --quiet --release -p codegen
bin=target/release/codegen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# One run of `$bin "$@"` under /usr/bin/time -v: "wall_seconds peak_kib".
measure() {
    /usr/bin/time -v "$bin" "$@" >/dev/null 2>"$out/time" || {
        # `--check` exits 1 on stale files; anything else is a failure.
        grep -q "Exit status: 1" "$out/time" || { cat "$out/time" >&2; exit 1; }
    }
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = t[n] + 60 * t[n-1] + (n > 2 ? 3600 * t[n-2] : 0) }
        /Maximum resident set size/ { kib = $2 }
        END { printf "%.3f %d\n", s, kib }' "$out/time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

"$bin" import --check >/dev/null 2>&1 || true   # warm the page cache
for step in import generate; do
    : >"$out/$step"
    for _ in $(seq "$runs"); do
        case $step in
            import) figures=$(measure import --check) ;;
            generate) figures=$(measure --check) ;;
        esac
        echo "$step: $figures"
        echo "$figures" >>"$out/$step"
    done
done

import_s=$(cut -d' ' -f1 "$out/import" | median)
generate_s=$(cut -d' ' -f1 "$out/generate" | median)
import_kib=$(cut -d' ' -f2 "$out/import" | median)
generate_kib=$(cut -d' ' -f2 "$out/generate" | median)
lines=$(cat generated/src/*.rs | wc -l)
spec_lines=$(cat spec/*.yaml | wc -l)
echo
echo "median of $runs runs (release, load $(cut -d' ' -f1 /proc/loadavg)):"
echo "  import:   ${import_s} s, peak ${import_kib} KiB"
echo "  generate: ${generate_s} s, peak ${generate_kib} KiB"
echo "  import + generate: $(awk -v a="$import_s" -v b="$generate_s" 'BEGIN { printf "%.3f", a + b }') s (target: under 2 s)"
echo "  spec: $(ls spec/*.yaml | wc -l) files, ${spec_lines} lines; generated/src: $(ls generated/src/*.rs | wc -l) files, ${lines} lines"
