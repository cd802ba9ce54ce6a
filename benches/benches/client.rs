//! Client overhead: `create_version` through the SDK against the same call made with raw
//! reqwest (same request bytes, same typed decoding of the response), sequentially and
//! with 8 calls in flight, against a local server on 127.0.0.1 that counts connections.

use std::sync::Arc;
use std::time::Duration;

use cloudflare_sdk::{
    Client, ConditionalElement, ConditionalOutputs, ConditionalProperties, CreateRouteVersion,
    Element, ElementRef, EndElement, LimitType, ModelElement, ModelProperties, PercentageElement,
    RateElement, RateProperties, Route, StartElement, StartOutputs, SuccessOrFallback,
};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use sdk_benches::full_run;
use sdk_benches::server::Server;
use serde::Deserialize;
use tokio::runtime::Runtime;
use tokio::task::JoinSet;

const ACCOUNT: &str = "0d37909e38d3e99c29fa2cd343ac421a";
const GATEWAY: &str = "54442216";
const ROUTE: &str = "54442216";
const TOKEN: &str = "bench-token";
/// Calls in flight in the concurrent case.
const IN_FLIGHT: usize = 8;

/// Calls per measured iteration: bounded, so a run sends a known, small number of
/// requests to 127.0.0.1.
fn calls() -> usize {
    if full_run() { 200 } else { 8 }
}

/// The request body: a seven-element route graph of every kind.
fn body() -> CreateRouteVersion {
    let to = ElementRef::new;
    let elements: Vec<Element> = vec![
        StartElement::new("start", StartOutputs::new(to("check"))).into(),
        ConditionalElement::new(
            "check",
            ConditionalOutputs::new(to("limit"), to("split")),
            ConditionalProperties::default()
                .with_conditions(serde_json::json!({"metadata.tier": {"$eq": "pro"}})),
        )
        .into(),
        RateElement::new(
            "limit",
            SuccessOrFallback::new(to("model"), to("end")),
            RateProperties::new("metadata.user_id", 100, LimitType::Count, 60),
        )
        .into(),
        PercentageElement::new(
            "split",
            [("30".to_owned(), to("model")), ("70".to_owned(), to("end"))],
        )
        .into(),
        ModelElement::new(
            "model",
            SuccessOrFallback::new(to("end"), to("end")),
            ModelProperties::new("openai", "gpt-4o-mini", 30000, 2),
        )
        .into(),
        EndElement::new("end", []).into(),
    ];
    CreateRouteVersion::new(elements)
}

/// What the server answers: the SDK's recorded `create_version` response.
fn response_body() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/responses/create_version.json"
    );
    std::fs::read_to_string(path).expect("the fixture exists")
}

/// The two ways of making the call, behind one interface.
#[derive(Clone)]
enum Caller {
    Sdk(Client),
    Raw {
        http: reqwest::Client,
        url: Arc<str>,
        /// Decode as the SDK's runtime does today (the envelope into a `Value` tree, then
        /// the payload from it with path tracking) instead of straight from the bytes:
        /// isolates what that two-pass decoding costs.
        two_pass: bool,
    },
}

/// The envelope as a hand-written client would read it.
#[derive(Deserialize)]
struct Envelope {
    result: Route,
}

impl Caller {
    fn sdk(base_url: &str) -> Self {
        Self::Sdk(
            Client::builder()
                .api_token(TOKEN)
                .base_url(base_url)
                .build()
                .expect("valid settings"),
        )
    }

    /// reqwest set up as the SDK sets it up (no redirects), and the same URL, headers and
    /// body bytes, so the difference is what the SDK adds.
    fn raw(base_url: &str, two_pass: bool) -> Self {
        // The SDK turns on reqwest's rustls without a crypto provider (it configures its
        // own), so a plain reqwest client in the same program needs one installed; this
        // program is the application, whose choice that is.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("valid settings");
        let url = format!(
            "{base_url}/accounts/{ACCOUNT}/ai-gateway/gateways/{GATEWAY}/routes/{ROUTE}/versions"
        );
        Self::Raw {
            http,
            url: url.into(),
            two_pass,
        }
    }

    async fn create_version(&self, body: &CreateRouteVersion) -> Route {
        match self {
            Self::Sdk(client) => client
                .ai_gateway()
                .dynamic_routing()
                .create_version(ACCOUNT, GATEWAY, ROUTE, body)
                .await
                .expect("the call succeeds"),
            Self::Raw {
                http,
                url,
                two_pass,
            } => {
                let bytes = http
                    .post(&**url)
                    .header(AUTHORIZATION, concat!("Bearer ", "bench-token"))
                    .header(ACCEPT, "application/json")
                    .header(CONTENT_TYPE, "application/json")
                    .body(serde_json::to_vec(body).expect("serializable"))
                    .send()
                    .await
                    .expect("the call succeeds")
                    .error_for_status()
                    .expect("a 2xx status")
                    .bytes()
                    .await
                    .expect("the body arrives");
                if *two_pass {
                    let mut envelope: serde_json::Map<String, serde_json::Value> =
                        serde_json::from_slice(&bytes).expect("a JSON object");
                    let payload = envelope.remove("result").expect("a result");
                    serde_path_to_error::deserialize(payload).expect("a valid route")
                } else {
                    serde_json::from_slice::<Envelope>(&bytes)
                        .expect("a valid envelope")
                        .result
                }
            }
        }
    }

    /// `calls` calls, `in_flight` at a time.
    async fn run(&self, body: &Arc<CreateRouteVersion>, calls: usize, in_flight: usize) {
        if in_flight == 1 {
            for _ in 0..calls {
                std::hint::black_box(self.create_version(body).await);
            }
            return;
        }
        let mut tasks = JoinSet::new();
        for _ in 0..in_flight {
            let (caller, body) = (self.clone(), Arc::clone(body));
            tasks.spawn(async move {
                for _ in 0..calls / in_flight {
                    std::hint::black_box(caller.create_version(&body).await);
                }
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.expect("no task panics");
        }
    }
}

fn client(c: &mut Criterion) {
    let runtime = Runtime::new().expect("a tokio runtime");
    let body = Arc::new(body());
    let response = response_body();
    let calls = calls();
    let mut group = c.benchmark_group("client_create_version");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Elements(calls as u64));
    for (mode, in_flight) in [("sequential", 1), ("concurrent_8", IN_FLIGHT)] {
        for name in ["raw_reqwest", "sdk", "raw_reqwest_two_pass_decode"] {
            // A server per case, so its connection count is this client's alone.
            let server = runtime
                .block_on(Server::start(response.clone()))
                .expect("a port on 127.0.0.1");
            let caller = match name {
                "sdk" => Caller::sdk(&server.url()),
                "raw_reqwest" => Caller::raw(&server.url(), false),
                _ => Caller::raw(&server.url(), true),
            };
            group.bench_function(BenchmarkId::new(name, mode), |b| {
                b.to_async(&runtime)
                    .iter(|| caller.run(&body, calls, in_flight))
            });
            // Connection reuse: a handful of connections for tens of thousands of
            // requests. Not exactly one per call in flight: hyper hands a connection back to
            // the pool from a background task after the response ends, so a call made at
            // once after another may find none idle yet and open one more.
            let (requests, connections) = (server.requests(), server.connections());
            println!(
                "CONNECTIONS client={name} mode={mode} requests={requests} connections={connections}"
            );
            assert!(requests >= calls, "{requests} requests");
            assert!(
                // The ratio only means something over many requests (not in `cargo test`'s smoke run).
                connections <= 2 * in_flight + 2
                    && (requests < 1000 || requests >= 100 * connections),
                "{name} {mode}: {connections} connections for {requests} requests"
            );
        }
    }
    group.finish();
}

criterion_group!(benches, client);
criterion_main!(benches);
