//! Generator speed: the whole pipeline (parse → resolve → emit → format, in memory) on
//! the real spec and on synthetic specs of 10, 100 and 1,000 endpoints, and each stage
//! alone at 1,000 endpoints, to show where the time goes.

use std::hint::black_box;
use std::time::Duration;

use codegen::{emit, format, resolve, spec};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sdk_benches::{full_run, synth};

/// The checked-in SDK's layout: a crate named `cloudflare_sdk`.
fn options() -> codegen::Options {
    codegen::Options::sdk_crate("cloudflare_sdk")
}

fn sizes() -> &'static [usize] {
    if full_run() { &[10, 100, 1000] } else { &[10] }
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("codegen_render");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    let real = synth::real_sources();
    group.throughput(Throughput::Elements(10));
    let options = options();
    group.bench_function("real_spec", |b| {
        b.iter(|| codegen::render(black_box(real.clone()), &options).unwrap())
    });
    for &endpoints in sizes() {
        let sources = synth::sources(endpoints);
        group.throughput(Throughput::Elements(endpoints as u64));
        group.bench_function(BenchmarkId::new("synthetic", endpoints), |b| {
            b.iter(|| codegen::render(black_box(sources.clone()), &options).unwrap())
        });
    }
    group.finish();
}

fn stages(c: &mut Criterion) {
    let endpoints = *sizes().last().unwrap();
    let mut group = c.benchmark_group(format!("codegen_stages_{endpoints}"));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(endpoints as u64));
    let sources = synth::sources(endpoints);
    group.bench_function("parse", |b| {
        b.iter(|| spec::parse(black_box(&sources[0])).unwrap())
    });
    let parsed = vec![(sources[0].clone(), spec::parse(&sources[0]).unwrap())];
    group.bench_function("resolve", |b| {
        b.iter(|| resolve::resolve(black_box(&parsed)).unwrap())
    });
    let (api, _) = resolve::resolve(&parsed).unwrap();
    let options = options();
    let regenerate = options.layout.regenerate_hint();
    group.bench_function("emit", |b| b.iter(|| emit::emit(black_box(&api), &options)));
    // Formatting consumes the tokens: each iteration gets its own copy, made untimed.
    group.bench_function("format", |b| {
        b.iter_batched(
            || emit::emit(&api, &options),
            |files| {
                files
                    .into_iter()
                    .map(|file| {
                        let doc = file.module_doc.as_deref();
                        format::format_file(doc, black_box(file.tokens), regenerate).unwrap()
                    })
                    .collect::<Vec<_>>()
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, render, stages);
criterion_main!(benches);
