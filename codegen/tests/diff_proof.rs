//! The spec-change report's rules, proved by compiling user code: every case of
//! `diff_cases` comes with a program written against the crate generated from its old
//! spec. All old specs are generated into one scratch SDK crate and all new specs into
//! another (each case has its own types and namespace), and one program crate per side
//! holds every case's program as a module. Against the old crate every program compiles
//! and runs; against the new one, a case's program
//! - stops compiling (errors in its module), or
//! - compiles and sends other requests to a local server (method, path, query, body) or
//!   gets another outcome, or
//! - compiles and behaves the same,
//!
//! and that must be what the report says: breaking = stops compiling or, when the report
//! says "silently", compiles and sends something else; wire = compiles and sends something
//! else; additive and docs = compiles and behaves the same.
//!
//! Four small crates in the target directory that every scratch crate shares, so the
//! runtime and its dependencies are compiled once (see `sdk-scratch`).

#[allow(dead_code, reason = "shared with diff_rules.rs")]
mod diff_cases;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use codegen::diagnostic::SourceFile;
use codegen::diff::Severity;
use diff_cases::{CASES, COMMON, Case};
use sdk_scratch::{ScratchCrate, cargo_in, workspace};

/// What the local server answers to every request: it decodes as every response type of
/// the cases (an `Empty`, an `Answer`, a page of `items`).
const RESPONSE: &str =
    r#"{"success":true,"errors":[],"messages":[],"result":{"note":"ok","items":[]}}"#;

/// A one-thread HTTP/1.1 server that records each request as `METHOD target body`.
const SERVER: &str = r#"//! A local server that records what the programs send.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

pub struct Server {
    pub url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start(response: &'static str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let mut reader = BufReader::new(stream);
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
                let mut length = 0;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = header.split_once(':') {
                        if name.eq_ignore_ascii_case("content-length") {
                            length = value.trim().parse().unwrap_or(0);
                        }
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let mut words = request_line.split_whitespace();
                let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
                let body = String::from_utf8_lossy(&body);
                log.lock().unwrap().push(format!("{method} {target} {body}"));
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{response}",
                    response.len()
                );
                let _ = reader.get_mut().write_all(answer.as_bytes());
            }
        });
        Self { url, requests }
    }

    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.requests.lock().unwrap())
    }
}
"#;

fn proof_dir() -> PathBuf {
    workspace().join("target/scratch-crates/diff-proof")
}

/// Every case's old (or new) spec as one spec: a file per case next to the common one.
/// Each case's paths are put under `/{case}`, as two endpoints of one spec may not share
/// a method and path; both sides get the same prefix, so what a case sends is compared
/// as it was written.
fn sources(new: bool) -> Vec<SourceFile> {
    let side = if new { "new" } else { "old" };
    let mut sources = vec![SourceFile {
        path: format!("{side}/common.yaml").into(),
        text: COMMON.to_owned(),
    }];
    for case in CASES {
        sources.push(SourceFile {
            path: format!("{side}/{}.yaml", case.name).into(),
            text: if new { case.new } else { case.old }
                .replace("path: /", &format!("path: /{}/", case.name))
                .replace("path: '/", &format!("path: '/{}/", case.name)),
        });
    }
    sources
}

/// Generates one side into its scratch SDK crate.
fn sdk(new: bool) -> ScratchCrate {
    let dir = proof_dir().join(if new { "sdk-new" } else { "sdk-old" });
    let scratch =
        ScratchCrate::create(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    // Every namespace (each case has its own) enabled by default.
    let options = codegen::Config::checked_in_sdk(&workspace())
        .namespace_features(codegen::DefaultFeatures::All)
        .options()
        .clone();
    let rendered = codegen::render(sources(new), &options).unwrap_or_else(|err| panic!("{err}"));
    let files = rendered
        .files
        .iter()
        .map(|file| (file.path.as_path(), file.contents.as_str()));
    scratch.write_sources(files).unwrap();
    scratch
        .edit_manifest(|manifest| rendered.manifest_with_features(manifest))
        .unwrap();
    scratch
}

/// The program crate against `sdk`, with the programs of `cases` (the others are left
/// out of `main.rs`, so the crate builds without them).
fn programs(new: bool, sdk: &ScratchCrate, cases: &[&Case]) -> PathBuf {
    let dir = proof_dir().join(if new { "programs-new" } else { "programs-old" });
    let src = dir.join("src");
    std::fs::create_dir_all(src.join("cases")).unwrap();
    // Tokio with the features the SDK's doc examples ask for, so that every scratch crate
    // shares one build of it and of what depends on it (hyper, reqwest, the runtime).
    let manifest = format!(
        "[package]\nname = \"diff-proof-{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ncloudflare-sdk = {{ path = {:?} }}\nfutures-util = \"0.3.31\"\n\
         tokio = {{ version = \"1.48\", default-features = false, features = [\"macros\", \"rt-multi-thread\"] }}\n\n\
         [workspace]\n\n{}",
        if new { "new" } else { "old" },
        sdk.dir().display().to_string(),
        sdk_scratch::PROFILE,
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    let lock = std::fs::read_to_string(workspace().join("Cargo.lock")).unwrap();
    if !dir.join("Cargo.lock").exists() {
        std::fs::write(dir.join("Cargo.lock"), lock).unwrap();
    }
    write_if_changed(&src.join("server.rs"), SERVER);
    for case in CASES {
        let module = format!(
            "//! Written against the old crate: {}.\n\nuse cloudflare_sdk::*;\n\n\
             pub async fn run(client: &Client) -> Result<()> {{{}    Ok(())\n}}\n",
            case.name, case.program
        );
        write_if_changed(&src.join(format!("cases/{}.rs", case.name)), &module);
    }
    let modules: String = cases
        .iter()
        .map(|case| format!("    pub mod {};\n", case.name))
        .collect();
    let runs: String = cases
        .iter()
        .map(|case| {
            format!(
                "    run(\"{0}\", cases::{0}::run(&client), &server).await;\n",
                case.name
            )
        })
        .collect();
    let main = format!(
        r#"//! Runs every program against the local server and prints what each sent.
#![allow(unused_imports, unused_variables)]

mod server;

mod cases {{
{modules}}}

async fn run(name: &str, program: impl std::future::Future<Output = cloudflare_sdk::Result<()>>, server: &server::Server) {{
    use futures_util::FutureExt;
    let outcome = match std::panic::AssertUnwindSafe(program).catch_unwind().await {{
        Ok(Ok(())) => "ok".to_owned(),
        Ok(Err(err)) => format!("error: {{err}}"),
        Err(_) => "panicked".to_owned(),
    }};
    println!("== {{name}}\noutcome: {{outcome}}");
    for request in server.take() {{
        println!("{{request}}");
    }}
}}

#[tokio::main(flavor = "current_thread")]
async fn main() {{
    let server = server::Server::start({RESPONSE:?});
    let client = cloudflare_sdk::Client::builder()
        .api_token("token")
        .base_url(server.url.clone())
        .max_retries(0)
        .build()
        .expect("a client");
{runs}}}
"#
    );
    write_if_changed(&src.join("main.rs"), &main);
    dir
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|current| current == text) {
        return;
    }
    std::fs::write(path, text).unwrap();
}

/// Builds and runs a program crate; its output split per case: name → outcome and
/// requests.
fn run(dir: &Path) -> BTreeMap<String, String> {
    let output = cargo_in(dir, &["run"]).unwrap();
    assert!(
        output.status.success(),
        "{} does not build or run:\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .split("== ")
        .filter(|section| !section.is_empty())
        .map(|section| {
            let (name, trace) = section.split_once('\n').unwrap_or((section, ""));
            (name.to_owned(), trace.to_owned())
        })
        .collect()
}

/// The cases whose module has a compile error, with the first error of each.
fn compile_errors(dir: &Path) -> BTreeMap<String, String> {
    let output = cargo_in(dir, &[sdk_scratch::BUILD]).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut errors = BTreeMap::new();
    for line in stderr.lines() {
        let Some(rest) = line.strip_prefix("src/cases/") else {
            continue;
        };
        if !line.contains(": error") {
            continue;
        }
        let name = rest.split(".rs:").next().unwrap_or_default();
        errors
            .entry(name.to_owned())
            .or_insert_with(|| line.to_owned());
    }
    let outside_cases = stderr
        .lines()
        .any(|line| line.contains(": error") && !line.starts_with("src/cases/"));
    assert!(
        !outside_cases,
        "errors outside the cases' modules:\n{stderr}"
    );
    errors
}

#[test]
fn every_rule_of_the_report_matches_what_happens_to_code_written_against_the_old_crate() {
    let started = std::time::Instant::now();
    let (old_sdk, new_sdk) = (sdk(false), sdk(true));
    let every_case: Vec<&Case> = CASES.iter().collect();
    let old_traces = run(&programs(false, &old_sdk, &every_case));
    for case in CASES {
        let trace = &old_traces[case.name];
        assert!(
            trace.starts_with("outcome: ok\n") && trace.lines().count() > 1,
            "{}: against the old crate the program must run and send a request:\n{trace}",
            case.name
        );
    }
    let new_dir = programs(true, &new_sdk, &every_case);
    let errors = compile_errors(&new_dir);
    let compiling: Vec<&Case> = CASES
        .iter()
        .filter(|case| !errors.contains_key(case.name))
        .collect();
    let new_traces = run(&programs(true, &new_sdk, &compiling));

    let mut wrong = Vec::new();
    let mut table = Vec::new();
    for case in CASES {
        let report = diff_cases::report(case);
        // The most serious change decides: breaking > wire > additive > docs.
        let rank = |severity: &Severity| match severity {
            Severity::Breaking => 3,
            Severity::Wire => 2,
            Severity::Additive => 1,
            Severity::Docs => 0,
        };
        let severity = report.changes.iter().map(|c| c.severity).max_by_key(rank);
        let silent = report
            .changes
            .iter()
            .any(|c| c.severity == Severity::Breaking && c.message.contains("silently"));
        let compiles = !errors.contains_key(case.name);
        let changed = compiles && new_traces.get(case.name) != old_traces.get(case.name);
        let right = match severity {
            Some(Severity::Breaking) if silent => compiles && changed,
            Some(Severity::Breaking) => !compiles,
            Some(Severity::Wire) => compiles && changed,
            Some(Severity::Additive | Severity::Docs) => compiles && !changed,
            None => false,
        };
        let reality = match (compiles, changed) {
            (false, _) => format!("does not compile ({})", errors[case.name]),
            (true, true) => format!(
                "compiles, behaves differently:\n  old: {:?}\n  new: {:?}",
                old_traces[case.name],
                new_traces.get(case.name)
            ),
            (true, false) => "compiles, behaves the same".to_owned(),
        };
        let verdict = severity.map_or("none", Severity::as_str);
        table.push(format!(
            "{:<45} {:<8}{} {}",
            case.name,
            verdict,
            if silent { " (silent)" } else { "" },
            reality.lines().next().unwrap_or_default()
        ));
        if !right {
            wrong.push(format!(
                "{}: the report says {verdict}, but it {reality}",
                case.name
            ));
        }
    }
    eprintln!(
        "{}\n{} cases in {:.1} s",
        table.join("\n"),
        CASES.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let names: BTreeSet<&str> = CASES.iter().map(|case| case.name).collect();
    assert_eq!(names.len(), CASES.len(), "case names are unique");
}
