//! Serde throughput on a large route graph: decoding and encoding `Vec<Element>` with the
//! SDK's generated types (and with hand-written struct visitors instead of the derive's
//! `flatten`), against the parse limit (`IgnoredAny`) and against the
//! plain internally tagged derive other generators emit, all in one run.

use std::hint::black_box;
use std::time::Duration;

use std::time::Instant;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sdk_benches::graph::{TagPosition, route_graph, route_graph_with_unknowns};
use sdk_benches::{full_run, plain, visitors};
use serde::de::DeserializeOwned;
use serde::de::IgnoredAny;
use serde_json::Value;

/// The element count of the graph: about 7.6 MB of JSON.
const ELEMENTS: usize = 60_000;

fn elements() -> usize {
    if full_run() { ELEMENTS } else { 700 }
}

/// Fails the run unless the SDK's decoders give back exactly the JSON they read, unknown
/// kinds and fields included; checked outside the timed loops.
fn check_lossless(position: TagPosition) {
    let text = route_graph_with_unknowns(elements(), position);
    let original: Value = serde_json::from_str(&text).unwrap();
    let current: Vec<cloudflare_sdk::Element> = cloudflare_sdk::from_api_json(&text).unwrap();
    let with_visitors: Vec<visitors::Element> = serde_json::from_str(&text).unwrap();
    assert_eq!(
        serde_json::to_value(&with_visitors).unwrap(),
        original,
        "visitors, {position:?}"
    );
    assert_eq!(
        serde_json::to_value(&current).unwrap(),
        original,
        "current, {position:?}"
    );
}

/// Times decoding `text` into `T` only: the decoded value is dropped outside the timed
/// region, so the figure is the decoder's, not the allocator's freeing of the result (the
/// same for every decoder of the same types), and memory is reused between iterations.
fn time_decode<T: DeserializeOwned>(text: &str, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let start = Instant::now();
        let value: T = serde_json::from_str(black_box(text)).unwrap();
        total += start.elapsed();
        drop(black_box(value));
    }
    total
}

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("serde_decode");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    for position in TagPosition::ALL {
        check_lossless(position);
        let text = route_graph(elements(), position);
        group.throughput(Throughput::Bytes(text.len() as u64));
        let id = |name: &str| BenchmarkId::new(name, position.name());
        group.bench_function(id("ignored_any"), |b| {
            b.iter_custom(|iters| time_decode::<IgnoredAny>(&text, iters))
        });
        group.bench_function(id("plain_derive"), |b| {
            b.iter_custom(|iters| time_decode::<Vec<plain::Element>>(&text, iters))
        });
        group.bench_function(id("plain_streaming"), |b| {
            b.iter_custom(|iters| time_decode::<Vec<plain::Streamed>>(&text, iters))
        });
        group.bench_function(id("sdk_current"), |b| {
            b.iter_custom(|iters| time_decode::<Vec<cloudflare_sdk::Element>>(&text, iters))
        });
        group.bench_function(id("sdk_visitors"), |b| {
            b.iter_custom(|iters| time_decode::<Vec<visitors::Element>>(&text, iters))
        });
    }
    group.finish();
}

fn encode(c: &mut Criterion) {
    let mut group = c.benchmark_group("serde_encode");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(4));
    // Encoding writes the SDK's field order (tag first) whatever order was read.
    let text = route_graph(elements(), TagPosition::Second);
    group.throughput(Throughput::Bytes(text.len() as u64));
    let plain: Vec<plain::Element> = serde_json::from_str(&text).unwrap();
    let sdk: Vec<cloudflare_sdk::Element> = serde_json::from_str(&text).unwrap();
    let mut buffer = Vec::with_capacity(text.len() * 2);
    group.bench_function("plain_derive", |b| {
        b.iter(|| {
            buffer.clear();
            serde_json::to_writer(&mut buffer, black_box(&plain)).unwrap();
        })
    });
    group.bench_function("sdk", |b| {
        b.iter(|| {
            buffer.clear();
            serde_json::to_writer(&mut buffer, black_box(&sdk)).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
