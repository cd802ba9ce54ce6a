//! The import config: every setting on one small document (snapshot of the spec it
//! writes), and one bad config per kind of mistake in `tests/import_config/bad/`, each
//! with its located errors.

use std::path::{Path, PathBuf};

use codegen::import::{ImportError, import_with_config};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import_config")
}

#[test]
fn the_config_names_merges_orders_and_documents_what_it_imports() {
    let imported = import_with_config(&fixtures().join("features.yaml"))
        .unwrap_or_else(|err| panic!("the config should import:\n{err}"));
    let mut text = String::new();
    for file in &imported.files {
        text.push_str(&format!(
            "--- {} ---\n{}",
            file.path.display(),
            file.contents
        ));
    }
    let sources = imported
        .files
        .iter()
        .map(|file| codegen::diagnostic::SourceFile {
            path: file.path.clone(),
            text: file.contents.clone(),
        })
        .collect();
    if let Err(err) = codegen::render(sources, &codegen::Options::sdk_crate("sdk")) {
        panic!("the imported spec does not pass `codegen check`:\n{err}");
    }
    assert!(
        imported.out_dir.ends_with("never-written"),
        "the output directory is relative to the config"
    );
    insta::assert_snapshot!("config_features", text);
}

#[test]
fn every_bad_config_gets_its_snapshotted_located_error() {
    let dir = fixtures().join("bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 15, "expected at least 15 bad configs");
    let mut failed = Vec::new();
    for name in names {
        let output = match import_with_config(&dir.join(&name)) {
            Ok(_) => format!("{name} was imported"),
            Err(ImportError::Invalid(diagnostics)) => {
                if diagnostics
                    .0
                    .iter()
                    .any(|d| d.location.is_none() && d.is_error())
                {
                    failed.push(format!("{name}: an error without a location"));
                }
                ImportError::Invalid(diagnostics)
                    .to_string()
                    .replace(&fixtures().display().to_string(), "tests/import_config")
            }
            Err(other) => format!("unexpected error: {other}"),
        };
        let class = name.trim_end_matches(".yaml").to_owned();
        let snapshot = std::panic::catch_unwind(|| {
            insta::assert_snapshot!(format!("bad_config__{class}"), output);
        });
        if snapshot.is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "bad configs that failed: {failed:#?}");
}
