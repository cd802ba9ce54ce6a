//! "The generated crate always compiles when `check` passes": every valid fixture in
//! `tests/valid_specs/` (and the real spec, imported from Cloudflare's OpenAPI) is generated
//! into a scratch copy of the SDK crate (see `sdk-scratch`), which must `cargo check`
//! without a warning, and whose doc examples must compile without a warning (the crate
//! denies warnings in them) while the code blocks of spec docs are not compiled at all.
//!
//! One scratch crate serves every fixture, and it builds in the target directory all
//! scratch crates share, so dependencies are compiled once.

use std::path::{Path, PathBuf};

use codegen::diagnostic::SourceFile;
use sdk_scratch::{ScratchCrate, workspace};

/// Sets up the scratch crate (idempotent).
fn scratch_crate() -> ScratchCrate {
    let dir = workspace().join("target/scratch-crates/generated-compiles");
    ScratchCrate::create(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
}

/// The spec to generate from, as `codegen check` would read it.
fn sources(path: &Path) -> Vec<SourceFile> {
    codegen::read_spec_paths(&[path.to_owned()]).unwrap_or_else(|err| panic!("{err}"))
}

/// Generates `spec` into the scratch crate and runs `cargo check` and its doctests;
/// returns the compiler's complaints, if any.
fn generate_and_check(scratch: &ScratchCrate, spec: &Path) -> Result<(), String> {
    // Every namespace enabled by default, so that `cargo check` sees all the code.
    let options = codegen::Config::checked_in_sdk(&workspace())
        .namespace_features(codegen::DefaultFeatures::All)
        .options()
        .clone();
    let rendered = codegen::render(sources(spec), &options)
        .map_err(|err| format!("the spec should be valid:\n{err}"))?;
    scratch
        .write_sources(
            rendered
                .files
                .iter()
                .map(|file| (file.path.as_path(), file.contents.as_str())),
        )
        .map_err(|err| err.to_string())?;
    scratch
        .edit_manifest(|manifest| rendered.manifest_with_features(manifest))
        .map_err(|err| err.to_string())?;
    // The SDK's README is the crate's doc, and its examples only fit the real spec.
    let readme = if spec == workspace().join("spec") {
        std::fs::read_to_string(workspace().join("generated/README.md"))
            .map_err(|err| err.to_string())?
    } else {
        format!("The SDK generated from `{}`.\n", spec.display())
    };
    scratch
        .write_readme(&readme)
        .map_err(|err| err.to_string())?;
    scratch.check_without_warnings()?;
    scratch.doctests_without_warnings()
}

/// Every valid fixture, then the real spec.
fn valid_specs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/valid_specs");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    specs.sort();
    specs.push(workspace().join("spec"));
    specs
}

#[test]
fn every_valid_spec_generates_a_crate_that_compiles_without_warnings() {
    let scratch = scratch_crate();
    let mut failures = Vec::new();
    for spec in valid_specs() {
        if let Err(problem) = generate_and_check(&scratch, &spec) {
            failures.push(format!("{}:\n{problem}", spec.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The harness itself: a generated crate with a mistake in it must fail, or the test
/// above could pass without checking anything.
#[test]
fn the_check_fails_when_the_generated_code_does_not_compile() {
    let dir = workspace().join("target/scratch-crates/generated-compiles-broken");
    let scratch = ScratchCrate::create(&dir).unwrap();
    let source = "//! A crate with a warning.\nfn unused() {}\n";
    scratch
        .write_sources([(Path::new("lib.rs"), source)])
        .unwrap();
    let problem = scratch.check_without_warnings().unwrap_err();
    assert!(problem.contains("never used"), "{problem}");
}
