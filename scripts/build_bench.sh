#!/usr/bin/env bash
# Build and test times (issue 16), written to the "Build and test times" section of
# docs/benchmarks.md. Every comparison alternates its two sides (A B A B ...) and takes
# the ratio pair by pair, so a change in the machine's load hits both; the load average
# before each run is recorded with it.
#
#   tls         a user's first debug build of a one-call binary (scripts/first_build.sh)
#               with rustls-ring (the default) vs rustls-aws-lc-rs, and vs native-tls
#   progenitor  the same binary on progenitor's client for the same operations, with
#               reqwest's default TLS, vs the SDK's default and vs its rustls-aws-lc-rs
#               (PROGENITOR_VS: the SDK's TLS features to compare, default both;
#               needs cargo-progenitor 0.15.1: `cargo install cargo-progenitor
#               --version 0.15.1 --locked`, or PROGENITOR=path/to/cargo-progenitor;
#               REFERENCE: the OpenAPI document, default
#               ../shared/reference/cloudflare-openapi-dynamic-routing.yaml; or
#               PROGENITOR_CRATE=dir, a crate cargo-progenitor generated from it)
#   cold        a newcomer's `cargo test --workspace` in a fresh clone with an empty
#               target directory: BEFORE (a revision) vs HEAD; time and disk
#   warm        after a cold run of HEAD: edit one doc line of the spec (in
#               openapi/import.yaml), `cargo run -p codegen -- import`, `cargo run -p
#               codegen`, `cargo test --workspace`
#   warm-pair   the same warm run in the clones of HEAD and BEFORE, in turn (after the
#               cold part; a side's first warm run also compiles the generator with
#               `cargo run -p codegen`'s own features, so run `warm` first)
#   report      rewrite the section of docs/benchmarks.md from the results so far
#
# Usage: scripts/build_bench.sh [PART...]     (default: tls progenitor cold warm report)
#   env: RUNS (runs of each side, default 3), BEFORE (default main),
#        OUT (results directory, default target/build-bench)
# Crates are already downloaded (cargo's registry cache is not cleared): "cold" means an
# empty target directory. The cold runs take 5-30 minutes each on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-3}
BEFORE=${BEFORE:-main}
OUT=$(realpath -m "${OUT:-target/build-bench}")
mkdir -p "$OUT"

load() { cut -d' ' -f1 /proc/loadavg; }

# timed NAME CMD...: runs CMD; appends `NAME wall user sys load_before exit` to
# $OUT/runs.txt and leaves the wall time in $WALL and the load in $LOAD.
timed() {
    local name=$1 status=0
    shift
    LOAD=$(load)
    local TIMEFORMAT='%R %U %S' # bash's `time`: wall, user and system seconds, children included
    { time "$@" >>"$OUT/log.txt" 2>&1 || status=$?; } 2>"$OUT/time.txt"
    WALL=$(tail -1 "$OUT/time.txt" | cut -d' ' -f1)
    echo "$name $(tail -1 "$OUT/time.txt") $LOAD $status" | tee -a "$OUT/runs.txt"
}

# alternate A B: RUNS pairs, each side a `timed` call of the function `run_A` / `run_B`;
# appends `A B wall_A wall_B load_A load_B` to $OUT/pairs.txt.
alternate() {
    local wall_a load_a
    for _ in $(seq "$RUNS"); do
        timed "$1" "run_$1"
        wall_a=$WALL load_a=$LOAD
        timed "$2" "run_$2"
        echo "$1 $2 $wall_a $WALL $load_a $LOAD" >>"$OUT/pairs.txt"
    done
}

first_build() { scripts/first_build.sh build "$OUT/first-build/$1"; }

part_tls() {
    for feature in rustls-ring rustls-aws-lc-rs native-tls; do
        scripts/first_build.sh setup sdk "$feature" "$OUT/first-build/sdk-$feature"
        first_build "sdk-$feature" # warms the registry's unpacked sources and the page cache
    done
    alternate sdk-rustls-ring sdk-rustls-aws-lc-rs
    alternate sdk-rustls-ring sdk-native-tls
}
run_sdk-rustls-ring() { first_build sdk-rustls-ring; }
run_sdk-rustls-aws-lc-rs() { first_build sdk-rustls-aws-lc-rs; }
run_sdk-native-tls() { first_build sdk-native-tls; }

part_progenitor() {
    local crate=${PROGENITOR_CRATE:-}
    if [ -z "$crate" ]; then
        local progenitor=${PROGENITOR:-$(command -v cargo-progenitor || true)}
        if [ -z "$progenitor" ]; then
            echo "progenitor: no cargo-progenitor; install it (see the top of $0)" | tee -a "$OUT/runs.txt"
            return
        fi
        local reference=${REFERENCE:-$ROOT/../shared/reference/cloudflare-openapi-dynamic-routing.yaml}
        crate=$OUT/progenitor-crate
        rm -rf "$crate"
        "$progenitor" progenitor -i "$reference" -o "$crate" -n cf-progenitor \
            -v 0.1.0 >>"$OUT/log.txt" 2>&1
    fi
    scripts/first_build.sh setup crate "$(realpath "$crate")" "$OUT/first-build/progenitor"
    first_build progenitor
    for feature in ${PROGENITOR_VS:-rustls-ring rustls-aws-lc-rs}; do
        scripts/first_build.sh setup sdk "$feature" "$OUT/first-build/sdk-$feature"
        alternate "sdk-$feature" progenitor
    done
}
run_progenitor() { first_build progenitor; }

clone_at() { # clone_at REV DIR
    rm -rf "$2"
    git clone -q "$ROOT" "$2"
    git -C "$2" checkout -q "$1"
}

part_cold() {
    clone_at "$BEFORE" "$OUT/cold-before"
    clone_at HEAD "$OUT/cold-after"
    git -C "$OUT/cold-before" log -1 --format='before=%h %s' | cut -c1-80 >"$OUT/revisions.txt"
    git -C "$OUT/cold-after" log -1 --format='after=%h %s' | cut -c1-80 >>"$OUT/revisions.txt"
    alternate cold-after cold-before
}
cold_test() { # cold_test DIR: empty target, then the whole suite; records the disk used
    rm -rf "$1/target"
    local status=0
    (cd "$1" && cargo test --workspace --no-fail-fast --offline --quiet --timings) || status=$?
    echo "disk-$(basename "$1") $(du -sb "$1/target" | cut -f1)" >>"$OUT/disk.txt"
    cp "$1/target/cargo-timings/cargo-timing.html" "$OUT/timings-$(basename "$1")-$(date +%H%M%S).html" || true
    return $status
}
run_cold-after() { cold_test "$OUT/cold-after"; }
run_cold-before() { cold_test "$OUT/cold-before"; }

part_warm() {
    local dir=$OUT/cold-after
    [ -d "$dir/target" ] || { echo "warm: run the cold part first" >&2; exit 2; }
    for i in $(seq "$RUNS"); do
        timed warm warm_edit_and_test "$dir" "$i"
    done
    git -C "$dir" checkout -q -- openapi spec generated
}
part_warm-pair() {
    for side in after before; do
        [ -d "$OUT/cold-$side/target" ] || { echo "warm-pair: run the cold part first" >&2; exit 2; }
    done
    alternate warm-after warm-before
    for side in after before; do
        git -C "$OUT/cold-$side" checkout -q -- openapi spec generated
    done
}
# Each side counts its own runs, so that every run edits its clone's spec.
warm_runs_after=0 warm_runs_before=0
run_warm-after() {
    warm_runs_after=$((warm_runs_after + 1))
    warm_edit_and_test "$OUT/cold-after" "$warm_runs_after"
}
run_warm-before() {
    warm_runs_before=$((warm_runs_before + 1))
    warm_edit_and_test "$OUT/cold-before" "$warm_runs_before"
}

# A doc edit of one spec field, made where spec/ comes from (openapi/import.yaml, whose
# import the tests check), imported, generated and tested.
warm_edit_and_test() {
    local dir=$1 text="The first element after the start"
    [ $(($2 % 2)) -eq 1 ] && text="$text (edited)"
    sed -i "s/next: The first element after the start[^.]*\./next: $text./" "$dir/openapi/import.yaml"
    (cd "$dir" && cargo run --quiet --offline -p codegen -- import && cargo run --quiet --offline -p codegen &&
        cargo test --workspace --offline --quiet)
}

# Median of the numbers on standard input.
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# One table row per comparison in pairs.txt: medians of each side, median of the pair
# ratios, the loads.
comparison_rows() {
    [ -f "$OUT/pairs.txt" ] || return 0
    cut -d' ' -f1,2 "$OUT/pairs.txt" | awk '!seen[$0]++' | while read -r a b; do
        local rows
        rows=$(awk -v a="$a" -v b="$b" '$1 == a && $2 == b' "$OUT/pairs.txt")
        printf '| `%s` vs `%s` | %.1f s | %.1f s | %.2f× | %s | %s |\n' "$a" "$b" \
            "$(echo "$rows" | cut -d' ' -f3 | median)" "$(echo "$rows" | cut -d' ' -f4 | median)" \
            "$(echo "$rows" | awk '{ print $3 / $4 }' | median)" "$(echo "$rows" | wc -l)" \
            "$(echo "$rows" | awk '{ printf "%s%s/%s", (NR > 1 ? ", " : ""), $5, $6 }')"
    done
}

part_report() {
    local section=benches/build_times.md
    {
        echo '<!-- build-times -->'
        echo '## Build and test times'
        echo
        echo "Written by \`scripts/build_bench.sh\` ($(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$(git rev-parse --short HEAD)\`, $(nproc) cores, $(rustc --version | cut -d' ' -f1-2)). Each comparison ran its two sides in turn, A B A B …, from an empty target directory (crates already downloaded); the ratio is the median of the pairs' A/B. The load column is the 1-minute load average before each run (A/B): on 2 cores, a load above 2 means other work shared the machine, which slows both sides alike but makes the absolute times longer than on a quiet machine."
        echo
        echo '| A vs B | A (median wall) | B (median wall) | A/B | pairs | load before A/B |'
        echo '|---|---:|---:|---:|---:|---|'
        comparison_rows
        if [ -f "$OUT/disk.txt" ]; then
            echo
            echo "Disk used by the target directory after a cold \`cargo test --workspace\` (median): after $(awk '$1 == "disk-cold-after" { print $2 }' "$OUT/disk.txt" | median | awk '{ printf "%.2f GB", $1 / 1e9 }'), before $(awk '$1 == "disk-cold-before" { print $2 }' "$OUT/disk.txt" | median | awk '{ printf "%.2f GB", $1 / 1e9 }')."
        fi
        if [ -f "$OUT/revisions.txt" ]; then
            echo
            sed 's/^\(before\|after\)=\([^ ]*\) \(.*\)/- `cold-\1`: `\2` (\3…)/' "$OUT/revisions.txt"
        fi
        if grep -q '^warm ' "$OUT/runs.txt" 2>/dev/null; then
            echo
            echo "Warm re-run after editing one doc line of the spec (in \`openapi/import.yaml\`; \`cargo run -p codegen -- import\`, \`cargo run -p codegen\`, then \`cargo test --workspace\`, after a cold run): median $(awk '$1 == "warm" { print $2 }' "$OUT/runs.txt" | median) s over $(grep -c '^warm ' "$OUT/runs.txt") runs (each: wall s @ load before: $(awk '$1 == "warm" { printf "%s%s s @ %s", (n++ ? ", " : ""), $2, $5 }' "$OUT/runs.txt"))."
        fi
        echo '<!-- /build-times -->'
    } >"$section"
    # Replace the section in docs/benchmarks.md, or append it.
    local doc=docs/benchmarks.md
    if grep -q '^<!-- build-times -->' "$doc"; then
        awk -v section="$section" '
            /^<!-- build-times -->/ { while ((getline line < section) > 0) print line; skip = 1; next }
            /^<!-- \/build-times -->/ { skip = 0; next }
            !skip' "$doc" >"$doc.new"
    else
        { cat "$doc"; echo; cat "$section"; } >"$doc.new"
    fi
    mv "$doc.new" "$doc"
    echo "==> wrote $section and its section of $doc"
}

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(tls progenitor cold warm report)
for part in "${parts[@]}"; do
    echo "==> $part (load $(load))"
    "part_$part"
done
