//! Robustness: the whole in-memory pipeline (`codegen::render`) on mutated specs never
//! panics, and every failure is a located spec error, never an internal one.
//!
//! Mutations start from the real spec and the valid fixtures and apply a few edits: delete,
//! duplicate, swap or re-indent lines, flip characters, insert YAML syntax or spec words,
//! truncate. A normal `cargo test` tries a few hundred inputs. To run it long:
//!
//! ```sh
//! PROPTEST_CASES=1000000 cargo test --release -p codegen --test mutations mutated_specs
//! # or for a fixed time, printing the number of inputs tried:
//! MUTATION_SECONDS=600 cargo test --release -p codegen --test mutations -- --ignored --nocapture
//! ```
//!
//! A panic found this way becomes a fixture in `tests/bad_specs/` (and gets fixed).

use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::time::{Duration, Instant};

use codegen::diagnostic::SourceFile;
use codegen::{Error, Options, render};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

/// Texts that mean something to YAML or to the spec format.
const SNIPPETS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ": ",
    ",",
    "- ",
    "&a ",
    "*a",
    "<<: *a",
    "!!str ",
    "!!binary ",
    "? ",
    "|",
    ">",
    "'",
    "\"",
    "#",
    "---\n",
    "...\n",
    "\t",
    "~",
    "null",
    "true",
    "1e999",
    "0x1F",
    "\\u0000",
    "\u{feff}",
    "é",
    "\r",
    "\n",
    "  ",
    "types:",
    "endpoints:",
    "fields:",
    "enum:",
    "union:",
    "variants:",
    "tag: type",
    "type: ",
    "list<",
    "map<",
    ">",
    "list<Element>",
    "string",
    "integer",
    "number",
    "boolean",
    "date-time",
    "any",
    "optional: true",
    "nullable: true",
    "rust: r#type",
    "rust: body",
    "rust: unknown_fields",
    "name: Element",
    "name: Value",
    "method: GET",
    "method: POST",
    "path: /a/{id}",
    "{id}",
    "{",
    "path_params:",
    "query:",
    "body: Element",
    "response: { type: Element, envelope: result }",
    "self",
    "Self",
    "crate",
    "_",
    "0",
    "-1",
    "unknown",
    "Unknown",
    "body",
    "query",
    "client",
    "builder",
    "types",
    "ElementRef",
    "Element",
];

/// One edit of the spec text.
#[derive(Clone, Debug)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Indent(usize, bool),
    FlipChar(usize, char),
    Insert(usize, &'static str),
    Truncate(usize),
    /// Replace the `n`th word with a word from elsewhere in the spec.
    ReplaceWord(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<usize>();
    prop_oneof![
        index.prop_map(Mutation::DeleteLine),
        index.prop_map(Mutation::DuplicateLine),
        (index, index).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (index, any::<bool>()).prop_map(|(line, deeper)| Mutation::Indent(line, deeper)),
        (index, any::<char>()).prop_map(|(at, c)| Mutation::FlipChar(at, c)),
        (index, prop::sample::select(SNIPPETS)).prop_map(|(at, s)| Mutation::Insert(at, s)),
        index.prop_map(Mutation::Truncate),
        (index, index).prop_map(|(a, b)| Mutation::ReplaceWord(a, b)),
    ]
}

/// `text` with `mutation` applied; indexes wrap around so every edit applies somewhere.
fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let line_count = lines.len().max(1);
    let char_at = |at: usize| {
        let count = text.chars().count().max(1);
        text.char_indices()
            .nth(at % count)
            .map_or(text.len(), |(byte, _)| byte)
    };
    match mutation {
        Mutation::DeleteLine(at) if !lines.is_empty() => {
            lines.remove(at % line_count);
        }
        Mutation::DuplicateLine(at) if !lines.is_empty() => {
            let line = lines[at % line_count].clone();
            lines.insert(at % line_count, line);
        }
        Mutation::SwapLines(a, b) if !lines.is_empty() => {
            lines.swap(a % line_count, b % line_count)
        }
        Mutation::Indent(at, deeper) if !lines.is_empty() => {
            let line = &mut lines[at % line_count];
            if *deeper {
                line.insert_str(0, "  ");
            } else {
                *line = line.trim_start_matches(' ').to_owned();
            }
        }
        Mutation::FlipChar(at, c) => {
            let byte = char_at(*at);
            let mut out = text.to_owned();
            let end = out[byte..]
                .chars()
                .next()
                .map_or(byte, |old| byte + old.len_utf8());
            out.replace_range(byte..end, &c.to_string());
            return out;
        }
        Mutation::Insert(at, snippet) => {
            let mut out = text.to_owned();
            out.insert_str(char_at(*at), snippet);
            return out;
        }
        Mutation::Truncate(at) => return text[..char_at(*at)].to_owned(),
        Mutation::ReplaceWord(target, source) => {
            let words: Vec<(usize, &str)> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .filter(|w| !w.is_empty())
                .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
                .collect();
            if words.is_empty() {
                return text.to_owned();
            }
            let (start, old) = words[target % words.len()];
            let (_, new) = words[source % words.len()];
            let mut out = text.to_owned();
            out.replace_range(start..start + old.len(), new);
            return out;
        }
        _ => {}
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The specs mutations start from: the real spec and every valid fixture file.
fn seeds() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    for dir in [root.join("../spec"), root.join("tests/valid_specs")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.extension().is_some_and(|ext| ext == "yaml") {
                seeds.push(std::fs::read_to_string(&path).expect("readable seed"));
            }
        }
    }
    assert!(!seeds.is_empty(), "no seed specs found");
    seeds
}

/// Runs the pipeline on `text`: `Ok(true)` when the spec is accepted, `Ok(false)` when it
/// gets located errors; an `Err` describes what went wrong (a panic, an internal error, an
/// error without a location), which the tests report with the input.
fn pipeline_holds(text: &str) -> Result<bool, String> {
    let source = SourceFile {
        path: "spec/mutated.yaml".into(),
        text: text.to_owned(),
    };
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let result = render(vec![source], &Options::sdk_crate("sdk"));
        // Rendering the messages must not panic either.
        match &result {
            Ok(rendered) => drop(rendered.warnings.to_string()),
            Err(err) => drop(err.to_string()),
        }
        result
    }));
    match outcome {
        Err(_) => Err("the pipeline panicked".to_owned()),
        Ok(Err(Error::Internal(message))) => Err(format!("internal error: {message}")),
        Ok(Err(Error::Spec(diagnostics))) => {
            if diagnostics.0.is_empty() || !diagnostics.has_errors() {
                return Err("a spec error without any error message".to_owned());
            }
            match diagnostics.0.iter().find(|d| d.location.is_none()) {
                Some(unlocated) => Err(format!("an error without a location: {unlocated}")),
                None => Ok(false),
            }
        }
        Ok(Err(other)) => Err(format!("unexpected error kind: {other}")),
        Ok(Ok(rendered)) => {
            // What is written must be Rust that parses again (prettyplease prints what it
            // is given; a bare `\r` in a doc, say, would only fail in rustc).
            for file in &rendered.files {
                if let Err(err) = syn::parse_file(&file.contents) {
                    return Err(format!("{} does not parse: {err}", file.path.display()));
                }
            }
            Ok(true)
        }
    }
}

/// A seed and the mutations to apply to it.
fn mutated_spec(seeds: Vec<String>) -> impl Strategy<Value = String> {
    (
        prop::sample::select(seeds),
        prop::collection::vec(mutation(), 1..8),
    )
        .prop_map(|(seed, mutations)| {
            mutations
                .iter()
                .fold(seed, |text, mutation| apply(&text, mutation))
        })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(300)
}

proptest! {
    #![proptest_config(Config { cases: cases(), failure_persistence: None, ..Config::default() })]

    #[test]
    fn mutated_specs(text in mutated_spec(seeds())) {
        if let Err(problem) = pipeline_holds(&text) {
            return Err(TestCaseError::fail(format!("{problem}\n--- input ---\n{text}")));
        }
    }
}

/// Mutates for `MUTATION_SECONDS` (default 60) and prints how many inputs were tried.
#[test]
#[ignore = "long-running; see the module docs"]
fn mutation_soak() {
    let seconds = std::env::var("MUTATION_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let strategy = mutated_spec(seeds());
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        ..Config::default()
    });
    let (mut tried, mut accepted) = (0_u64, 0_u64);
    while Instant::now() < deadline {
        let text = strategy
            .new_tree(&mut runner)
            .expect("a mutated spec")
            .current();
        tried += 1;
        match pipeline_holds(&text) {
            Ok(valid) => accepted += u64::from(valid),
            Err(problem) => panic!("after {tried} inputs: {problem}\n--- input ---\n{text}"),
        }
    }
    println!("mutation soak: {tried} inputs tried in {seconds} s, {accepted} accepted as valid");
}

#[test]
fn the_mutations_do_change_the_spec() {
    let seed = "types:\n  A:\n    fields:\n      a: string\n";
    for mutation in [
        Mutation::DeleteLine(1),
        Mutation::DuplicateLine(1),
        Mutation::SwapLines(0, 1),
        Mutation::Indent(0, true),
        Mutation::FlipChar(0, 'x'),
        Mutation::Insert(3, "{"),
        Mutation::Truncate(10),
        Mutation::ReplaceWord(0, 1),
    ] {
        assert_ne!(apply(seed, &mutation), seed, "{mutation:?}");
    }
}
