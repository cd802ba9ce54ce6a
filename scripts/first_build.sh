#!/usr/bin/env bash
# A user's first build: a one-call binary (get one dynamic route, print it) on the SDK or
# on another client crate, built in debug from an empty target directory. Time the `build`
# step from outside (`/usr/bin/time`, or see scripts/build_bench.sh).
#
# Usage:
#   scripts/first_build.sh setup sdk FEATURE DIR
#       the SDK in this checkout with `default-features = false, features = ["ai-gateway",
#       FEATURE]` (FEATURE: rustls-ring, rustls-aws-lc-rs or native-tls)
#   scripts/first_build.sh setup crate CRATE_DIR DIR
#       a client crate generated elsewhere (e.g. by cargo-progenitor) whose `Client::new`
#       takes a base URL and which has a positional `aig_config_get_gateway_dynamic_route`
#       method. Progenitor's crate depends on reqwest without a TLS feature, so the binary
#       turns on reqwest's default one (`rustls`, with aws-lc-rs), as its users must.
#   scripts/first_build.sh build DIR [CARGO_BUILD_ARGS...]
#       removes DIR/target and builds the binary, offline (e.g. `--release --timings`)
# `setup` makes (or empties) DIR with the binary's crate, copies the workspace's
# Cargo.lock in (so the same dependency versions are used) and fetches what it lacks.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
usage() { sed -n '2,19p' "$0" >&2; exit 2; }

if [ "${1:-}" = build ] && [ $# -ge 2 ]; then
    dir=$(realpath -m "$2") # the target dir is $dir/target after the `cd` below
    shift 2
    rm -rf "$dir/target"
    cd "$dir"
    exec env CARGO_TARGET_DIR="$dir/target" cargo build --offline --quiet "$@"
fi
[ "${1:-}" = setup ] && [ $# -eq 4 ] || usage
kind=$2 arg=$3 dir=$(realpath -m "$4")

rm -rf "$dir"
mkdir -p "$dir/src"
cp "$root/Cargo.lock" "$dir/Cargo.lock"
case $kind in
    sdk)
        dependency="cloudflare-sdk = { path = \"$root/generated\", default-features = false, features = [\"ai-gateway\", \"$arg\"] }"
        call='let client = cloudflare_sdk::Client::from_env()?;
    let route = client.ai_gateway().dynamic_routing().get(&account, &gateway, &id).await?;
    println!("{route:?}");'
        ;;
    crate)
        name=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$arg/Cargo.toml" | head -1)
        dependency="$name = { path = \"$(cd "$arg" && pwd)\" }
reqwest = { version = \"0.13\", default-features = false, features = [\"rustls\"] }"
        call="let client = ${name//-/_}::Client::new(\"https://api.cloudflare.com/client/v4\");
    let route = client.aig_config_get_gateway_dynamic_route(&account, &gateway, &id).await?;
    println!(\"{route:?}\");"
        ;;
    *) usage ;;
esac

cat >"$dir/Cargo.toml" <<EOF
[package]
name = "one-call"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$dependency
tokio = { version = "1.48", features = ["macros", "rt-multi-thread"] }

[workspace]
EOF
cat >"$dir/src/main.rs" <<EOF
//! Gets one dynamic route and prints it.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (account, gateway, id) = (
        args.next().unwrap_or_default(),
        args.next().unwrap_or_default(),
        args.next().unwrap_or_default(),
    );
    $call
    Ok(())
}
EOF
cd "$dir"
cargo fetch --quiet
