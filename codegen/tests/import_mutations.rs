//! Robustness of `codegen import`: on mutated OpenAPI documents it never panics, every
//! error is located, and every spec it produces passes the whole generator.
//!
//! Mutations start from the checked-in dynamic-routing document and the fixtures in
//! `tests/import/` (YAML and JSON). A normal `cargo test` tries a few hundred inputs. To run
//! it long:
//!
//! ```sh
//! PROPTEST_CASES=100000 cargo test --release -p codegen --test import_mutations mutated_documents
//! MUTATION_SECONDS=600 cargo test --release -p codegen --test import_mutations -- --ignored --nocapture
//! ```
//!
//! A panic found this way becomes a fixture in `tests/import_bad/` (and gets fixed).

mod mutate;

use std::panic::AssertUnwindSafe;
use std::path::Path;

use codegen::diagnostic::SourceFile;
use codegen::import::{ImportError, import_sources};
use mutate::{cases, mutated, soak};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Texts that mean something to YAML, JSON or OpenAPI.
const SNIPPETS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ": ",
    ",",
    "- ",
    "\"",
    "'",
    "#",
    "&a ",
    "*a",
    "\t",
    "\n",
    "  ",
    "null",
    "true",
    "1e999",
    "-1",
    "\\u0000",
    "\u{feff}",
    "é",
    "$ref: '#/'",
    "$ref: '#/components/schemas/x'",
    "\"$ref\": \"#/paths\"",
    "$ref: 'other.yaml#/x'",
    "type: object",
    "type: array",
    "type: string",
    "type: integer",
    "format: date-time",
    "nullable: true",
    "required: [id]",
    "properties:",
    "items:",
    "additionalProperties:",
    "allOf:",
    "oneOf:",
    "anyOf:",
    "enum: [a]",
    "enum: [\"1h\"]",
    "const: a",
    "discriminator:",
    "propertyName: type",
    "in: header",
    "in: query",
    "in: path",
    "required: true",
    "requestBody:",
    "responses:",
    "\"204\":",
    "\"4XX\":",
    "application/json:",
    "multipart/form-data:",
    "schema:",
    "operationId: x",
    "x-fern-sdk-group-name: a.b",
    "x-fern-sdk-method-name: list",
    "page",
    "per_page",
    "success",
    "result",
    "data",
    "{id}",
    "openapi: 3.1.0",
    "swagger: \"2.0\"",
    "self",
    "type",
    "unknown_fields",
    "Response",
];

/// The documents mutations start from.
fn seeds() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("../openapi/cloudflare-openapi-dynamic-routing.yaml")];
    let mut fixtures: Vec<_> = std::fs::read_dir(root.join("tests/import"))
        .expect("tests/import exists")
        .map(|entry| entry.expect("readable").path())
        .collect();
    fixtures.sort();
    paths.extend(fixtures);
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).expect("readable seed"))
        })
        .collect()
}

/// The seeds' texts, each starting with its file name on a line of its own, so a mutated
/// input still says whether it is JSON or YAML.
fn seed_texts() -> Vec<String> {
    seeds()
        .into_iter()
        .map(|(name, text)| format!("{name}\n{text}"))
        .collect()
}

/// Imports `input` (file name line, then text): `Ok(true)` when it imports, `Ok(false)`
/// when it gets located errors; an `Err` says what went wrong.
fn import_holds(input: &str) -> Result<bool, String> {
    let (name, text) = input.split_once('\n').unwrap_or(("mutated.yaml", input));
    let source = SourceFile {
        path: Path::new("mutated").join(name.trim()),
        text: text.to_owned(),
    };
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let result = import_sources(vec![source], Path::new("out"));
        match &result {
            Ok(imported) => drop(imported.report.to_string()),
            Err(err) => drop(err.to_string()),
        }
        result
    }));
    match outcome {
        Err(_) => Err("the import panicked".to_owned()),
        Ok(Err(ImportError::Invalid(diagnostics))) => {
            if !diagnostics.has_errors() {
                return Err("an import error without any error message".to_owned());
            }
            match diagnostics
                .0
                .iter()
                .find(|d| d.is_error() && d.location.is_none())
            {
                Some(unlocated) => Err(format!("an error without a location: {unlocated}")),
                None => Ok(false),
            }
        }
        Ok(Err(other)) => Err(format!("unexpected error kind: {other}")),
        Ok(Ok(imported)) => {
            let sources = imported
                .files
                .iter()
                .map(|file| SourceFile {
                    path: file.path.clone(),
                    text: file.contents.clone(),
                })
                .collect();
            match codegen::render(sources, &codegen::Options::sdk_crate("sdk")) {
                Ok(_) => Ok(true),
                Err(err) => Err(format!("the imported spec does not generate:\n{err}")),
            }
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: cases(), failure_persistence: None, ..Config::default() })]

    #[test]
    fn mutated_documents(input in mutated(seed_texts(), SNIPPETS)) {
        if let Err(problem) = import_holds(&input) {
            return Err(TestCaseError::fail(format!("{problem}\n--- input ---\n{input}")));
        }
    }
}

/// Mutates for `MUTATION_SECONDS` (default 60) and prints how many inputs were tried.
#[test]
#[ignore = "long-running; see the module docs"]
fn import_mutation_soak() {
    soak(mutated(seed_texts(), SNIPPETS), import_holds);
}

#[test]
fn every_seed_imports() {
    for (name, text) in seeds() {
        assert_eq!(import_holds(&format!("{name}\n{text}")), Ok(true), "{name}");
    }
}
