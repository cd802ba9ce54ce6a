//! Renders a synthetic spec once and prints the peak heap bytes of the render, for
//! `scripts/bench.sh` (which also runs it under `/usr/bin/time -v` for the peak RSS).
//!
//! Usage: `codegen_memory ENDPOINTS` (0 renders the real `spec/`).

use sdk_benches::alloc::{CountingAlloc, peak_during};
use sdk_benches::synth;

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

fn main() {
    let endpoints: usize = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(1000);
    let sources = if endpoints == 0 {
        synth::real_sources()
    } else {
        synth::sources(endpoints)
    };
    let spec_bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let started = std::time::Instant::now();
    let (rendered, peak) =
        peak_during(|| codegen::render(sources, &codegen::Options::sdk_crate("cloudflare_sdk")));
    let elapsed = started.elapsed();
    let rendered = rendered.unwrap_or_else(|err| panic!("{err}"));
    let output_bytes: usize = rendered.files.iter().map(|f| f.contents.len()).sum();
    let output_lines: usize = rendered
        .files
        .iter()
        .map(|f| f.contents.lines().count())
        .sum();
    println!(
        "endpoints={endpoints} spec_bytes={spec_bytes} output_bytes={output_bytes} \
         output_lines={output_lines} peak_heap_bytes={peak} render_ms={:.1}",
        elapsed.as_secs_f64() * 1000.0
    );
}
