//! Shared pieces of the benchmarks in `benches/benches/`: generators of synthetic specs
//! and route graphs, the "plain derive" model other generators emit, a prototype of generated
//! struct visitors, a counting allocator and a
//! local HTTP server that counts connections.
//!
//! Run everything with `scripts/bench.sh`; figures and how to read them are in
//! `docs/benchmarks.md`.

pub mod alloc;
pub mod graph;
pub mod plain;
pub mod server;
pub mod synth;
pub mod visitors;

/// The runtime's `union.rs` itself, compiled into this crate (the runtime keeps its key
/// seed private), so that the benchmarks measure the file that ships.
#[allow(
    dead_code,
    reason = "the SDK's file: its whole-object functions are not used here"
)]
#[path = "../../runtime/src/union.rs"]
mod union;

/// True when the benchmark binary runs under `cargo bench` (which passes `--bench`),
/// false under `cargo test`, where benches only smoke-test on small inputs to keep CI fast.
pub fn full_run() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}
