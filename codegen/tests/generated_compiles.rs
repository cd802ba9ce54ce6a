//! "The generated crate always compiles when `check` passes": every valid fixture in
//! `tests/valid_specs/` is generated into a scratch copy of the SDK crate (see
//! `sdk-scratch`); each must pass `cargo build` without a warning, and its doc examples
//! must compile without a warning (the crate denies warnings in them) while the code
//! blocks of spec docs are not compiled at all.
//!
//! The fixtures are members of one scratch workspace, so one `cargo build` and one
//! `cargo test --doc` compile them all, in parallel, in the target directory all scratch
//! crates share: dependencies are compiled once, and a member whose generated code did not
//! change is not compiled again.
//!
//! The real spec's crate is the checked-in SDK (`generated_code_is_fresh` proves it is what
//! the generator writes now), and two other tests compile it already: the workspace's own
//! `cargo test` runs its doc examples, and `compile_fail` checks a standalone copy of it,
//! with its default API features, where any warning of the SDK's own code fails the test.

use std::path::{Path, PathBuf};

use codegen::diagnostic::SourceFile;
use sdk_scratch::{ScratchCrate, ScratchWorkspace, workspace};

/// The spec to generate from, as `codegen check` would read it.
fn sources(path: &Path) -> Vec<SourceFile> {
    codegen::read_spec_paths(&[path.to_owned()]).unwrap_or_else(|err| panic!("{err}"))
}

/// The generator's options for a fixture: examples name the crate `crate_name`, and every
/// namespace is enabled by default so that `cargo build` sees all the code.
fn options(crate_name: String) -> codegen::Options {
    let config = codegen::Config::checked_in_sdk(&workspace())
        .namespace_features(codegen::DefaultFeatures::All);
    let mut options = config.options().clone();
    options.doc_examples = Some(crate_name);
    options
}

fn render(spec: &Path, options: &codegen::Options) -> Result<codegen::Rendered, String> {
    codegen::render(sources(spec), options)
        .map_err(|err| format!("{}: the spec should be valid:\n{err}", spec.display()))
}

/// Every valid fixture.
fn valid_fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/valid_specs");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    specs.sort();
    specs
}

/// Generates every fixture into a member of one workspace; checks it and its doctests.
fn check_fixtures() -> Result<(), String> {
    let fixtures = valid_fixtures();
    let dir = workspace().join("target/scratch-crates/generated-compiles-fixtures");
    let batch = ScratchWorkspace::create(&dir, "fixture", fixtures.len())
        .map_err(|err| format!("{}: {err}", dir.display()))?;
    for (index, spec) in fixtures.iter().enumerate() {
        let rendered = render(spec, &options(batch.crate_name(index)))?;
        batch
            .write_member(
                index,
                rendered
                    .files
                    .iter()
                    .map(|file| (file.path.as_path(), file.contents.as_str())),
                rendered.features_table.as_deref(),
            )
            .map_err(|err| err.to_string())?;
    }
    let named = |output: String| {
        let members: Vec<String> = fixtures
            .iter()
            .enumerate()
            .map(|(index, spec)| format!("fixture-{index}: {}", spec.display()))
            .collect();
        format!("{output}\nmembers:\n{}", members.join("\n"))
    };
    batch.build_without_warnings().map_err(named)?;
    batch.doctests_without_warnings().map_err(named)
}

#[test]
fn every_valid_spec_generates_a_crate_that_compiles_without_warnings() {
    if let Err(failure) = check_fixtures() {
        panic!("{failure}");
    }
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
    let problem = scratch.build_without_warnings().unwrap_err();
    assert!(problem.contains("never used"), "{problem}");
}
