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

mod mutate;

use std::panic::AssertUnwindSafe;
use std::path::Path;

use codegen::diagnostic::SourceFile;
use codegen::{Error, Options, render};
use mutate::{Mutation, apply, cases, mutated, soak};
use proptest::prelude::*;
use proptest::test_runner::Config;

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

proptest! {
    #![proptest_config(Config { cases: cases(), failure_persistence: None, ..Config::default() })]

    #[test]
    fn mutated_specs(text in mutated(seeds(), SNIPPETS)) {
        if let Err(problem) = pipeline_holds(&text) {
            return Err(TestCaseError::fail(format!("{problem}\n--- input ---\n{text}")));
        }
    }
}

/// Mutates for `MUTATION_SECONDS` (default 60) and prints how many inputs were tried.
#[test]
#[ignore = "long-running; see the module docs"]
fn mutation_soak() {
    soak(mutated(seeds(), SNIPPETS), pipeline_holds);
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
