//! Spec-change report speed: `codegen diff` of a spec against itself (the common case in
//! CI, and what generation runs to print its summary) on the real spec and on a
//! 1,000-endpoint synthetic spec, next to one render of the same spec so the cost reads as
//! a ratio; and a diff where every endpoint changed, which also locates every change.

use std::hint::black_box;
use std::time::Duration;

use codegen::diagnostic::SourceFile;
use codegen::diff::{self, Snapshot};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use sdk_benches::{full_run, synth};

const CRATE: &str = "cloudflare_sdk";

fn endpoints() -> usize {
    if full_run() { 1000 } else { 10 }
}

fn snapshot(sources: &[SourceFile]) -> Snapshot {
    Snapshot::from_sources(sources.to_vec()).expect("the spec is valid")
}

/// The synthetic spec with every endpoint's method name and every struct's doc changed.
fn edited(endpoints: usize) -> Vec<SourceFile> {
    let text = synth::spec(endpoints)
        .replace("doc: An item of resource", "doc: One item of resource")
        .replace(".create:", ".make:");
    vec![SourceFile {
        path: format!("spec/edited_{endpoints}.yaml").into(),
        text,
    }]
}

fn diff_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("codegen_diff");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    let real = synth::real_sources();
    let n = endpoints();
    let synthetic = synth::sources(n);
    for (name, sources) in [
        ("real_spec", &real),
        (&*format!("synthetic_{n}"), &synthetic),
    ] {
        let (old, new) = (snapshot(sources), snapshot(sources));
        group.bench_function(BenchmarkId::new("compare_self", name), |b| {
            b.iter(|| diff::compare(black_box(&old), black_box(&new), CRATE))
        });
        // What `codegen diff` does per run: parse and resolve both sides, then compare.
        group.bench_function(BenchmarkId::new("load_and_compare_self", name), |b| {
            b.iter(|| {
                let (old, new) = (snapshot(sources), snapshot(sources));
                diff::compare(&old, &new, CRATE)
            })
        });
        let options = codegen::Options::sdk_crate(CRATE);
        group.bench_function(BenchmarkId::new("render", name), |b| {
            b.iter(|| codegen::render(black_box(sources.clone()), &options).unwrap())
        });
    }
    let (old, new) = (snapshot(&synthetic), snapshot(&edited(n)));
    let changes = diff::compare(&old, &new, CRATE).changes.len();
    assert!(changes >= n, "every endpoint changed: {changes} changes");
    let edited = edited(n);
    group.bench_function(BenchmarkId::new("compare_every_endpoint_changed", n), |b| {
        // A fresh pair each time: the sites of both sides are built on first use.
        b.iter_batched(
            || (snapshot(&synthetic), snapshot(&edited)),
            |(old, new)| diff::compare(&old, &new, CRATE),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, diff_benches);
criterion_main!(benches);
