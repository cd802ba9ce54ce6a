//! The command line: `codegen check` exit codes, generation that writes nothing while
//! the spec has errors, and `codegen import` (what it writes, `--check`, its exit codes: 0
//! imported, 1 document or config errors or stale files, 2 usage or I/O errors).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .output()
        .expect("codegen runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(path)
        .display()
        .to_string()
}

#[test]
fn check_exits_0_for_a_valid_spec_1_for_spec_errors_and_2_for_usage_or_io_errors() {
    let valid = codegen(&["check", &fixture("valid_specs/endpoints.yaml")]);
    assert_eq!(valid.status.code(), Some(0));
    let warnings = codegen(&["check", &fixture("bad_specs/unused_type.yaml")]);
    assert_eq!(
        warnings.status.code(),
        Some(0),
        "warnings do not fail the run"
    );
    let errors = codegen(&["check", &fixture("bad_specs/body_on_get.yaml")]);
    assert_eq!(errors.status.code(), Some(1));
    let missing = codegen(&["check", &fixture("no_such_file.yaml")]);
    assert_eq!(missing.status.code(), Some(2));
    let usage = codegen(&["check", "--frobnicate"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn check_takes_several_files_and_directories_and_reports_every_error() {
    let output = codegen(&[
        "check",
        &fixture("bad_specs/body_on_get.yaml"),
        &fixture("bad_specs/duplicate_type_name"),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("cannot have a body"), "{stderr}");
    assert!(stderr.contains("type `Thing` is defined twice"), "{stderr}");
}

#[test]
fn generation_writes_nothing_while_the_spec_has_errors() {
    let spec = scratch("bad_spec");
    let out = scratch("bad_out");
    std::fs::copy(
        fixture("bad_specs/recursive_type_through_required_fields.yaml"),
        spec.join("a.yaml"),
    )
    .unwrap();
    let output = codegen(&[
        "--spec",
        &spec.display().to_string(),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let written: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert!(written.is_empty(), "wrote {written:?}");

    // The same command with a valid spec does write, so the check above means something.
    std::fs::copy(fixture("valid_specs/endpoints.yaml"), spec.join("a.yaml")).unwrap();
    let output = codegen(&[
        "--spec",
        &spec.display().to_string(),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.join("types.rs").exists() && out.join("api.rs").exists());
}

#[test]
fn every_name_the_sdk_crate_re_exports_is_refused_as_a_type_name() {
    let lib = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/src/lib.rs"),
    )
    .unwrap();
    // The names inside `pub use runtime::{…}` and `pub use serde_json::{…}`.
    let mut exported = Vec::new();
    for block in lib.split("pub use ").skip(1) {
        let Some(list) = block
            .split_once('{')
            .and_then(|(_, rest)| rest.split_once('}'))
        else {
            continue;
        };
        exported.extend(
            list.0
                .split(',')
                .map(str::trim)
                .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
                .filter(|name| !name.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
                .map(str::to_owned),
        );
    }
    assert!(exported.len() > 10, "found {exported:?}");
    let missing: Vec<_> = exported
        .iter()
        .filter(|name| !codegen::validate::RESERVED_TYPE_NAMES.contains(&name.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add to RESERVED_TYPE_NAMES: {missing:?}"
    );
}

#[test]
fn import_format_json_writes_the_coverage_report_to_stdout() {
    let out = scratch("import-coverage-json");
    let out_arg = out.display().to_string();
    let document = fixture("import/not_expressible.yaml");
    let imported = codegen(&["import", &document, "--out", &out_arg, "--format", "json"]);
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    let report: serde_json::Value = serde_json::from_slice(&imported.stdout)
        .unwrap_or_else(|err| panic!("stdout is not JSON ({err}): {}", stderr(&imported)));
    assert_eq!(report["total"]["operations"], 5, "{report:#}");
    assert!(
        !stderr(&imported).contains("fully typed"),
        "the table is replaced by the JSON"
    );
    let wrong = codegen(&["import", &document, "--out", &out_arg, "--format", "yaml"]);
    assert_eq!(wrong.status.code(), Some(2));
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn import_writes_one_spec_file_per_document_that_check_accepts_and_check_mode_sees_drift() {
    let out = scratch("import-documents");
    let out_arg = out.display().to_string();
    let document = fixture("import/not_expressible.yaml");
    let imported = codegen(&["import", &document, "--out", &out_arg]);
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    let written = out.join("not_expressible.yaml");
    assert!(written.exists());
    assert!(
        stderr(&imported).contains("typed `any`"),
        "the report is printed"
    );
    assert!(
        stderr(&imported).contains("fully typed"),
        "the coverage table is printed after the report"
    );

    let checked = codegen(&["check", &out_arg]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));

    let fresh = codegen(&["import", &document, "--out", &out_arg, "--check"]);
    assert_eq!(fresh.status.code(), Some(0), "{}", stderr(&fresh));

    std::fs::write(&written, "# edited by hand\n").unwrap();
    let stale = codegen(&["import", &document, "--out", &out_arg, "--check"]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(stderr(&stale).contains("cargo run -p codegen -- import"));
    assert_eq!(
        std::fs::read_to_string(&written).unwrap(),
        "# edited by hand\n",
        "--check writes nothing"
    );
}

#[test]
fn a_file_an_earlier_import_wrote_is_removed_when_no_document_makes_it() {
    let out = scratch("import-obsolete");
    let out_arg = out.display().to_string();
    let first = codegen(&[
        "import",
        &fixture("import/tagged_unions.yaml"),
        "--out",
        &out_arg,
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    std::fs::write(out.join("hand_written.yaml"), "types: {}\n").unwrap();
    let second = codegen(&[
        "import",
        &fixture("import/identical_shapes.yaml"),
        "--out",
        &out_arg,
    ]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert!(!out.join("tagged_unions.yaml").exists());
    assert!(out.join("identical_shapes.yaml").exists());
    assert!(
        out.join("hand_written.yaml").exists(),
        "files the importer did not write are left alone"
    );
}

#[test]
fn import_exits_1_for_bad_documents_and_configs_and_2_for_usage_and_io_errors() {
    let out = scratch("import-codes");
    let out_arg = out.display().to_string();
    let bad = codegen(&[
        "import",
        &fixture("import_bad/ref_cycle.yaml"),
        "--out",
        &out_arg,
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("nothing was written"));
    let bad_config = codegen(&[
        "import",
        "--config",
        &fixture("import_config/bad/unknown_key.yaml"),
    ]);
    assert_eq!(bad_config.status.code(), Some(1));
    let missing = codegen(&["import", &fixture("import/no_such.yaml"), "--out", &out_arg]);
    assert_eq!(missing.status.code(), Some(2));
    let no_out = codegen(&["import", &fixture("import/tagged_unions.yaml")]);
    assert_eq!(no_out.status.code(), Some(2));
    let out_without_documents = codegen(&["import", "--out", &out_arg]);
    assert_eq!(out_without_documents.status.code(), Some(2));
    let unknown_flag = codegen(&["import", "--frobnicate"]);
    assert_eq!(unknown_flag.status.code(), Some(2));
    assert!(
        std::fs::read_dir(&out).unwrap().next().is_none(),
        "nothing was written"
    );
}

#[test]
fn check_mode_with_a_config_writes_nothing() {
    let config = fixture("import_config/features.yaml");
    let output = codegen(&["import", "--config", &config, "--check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        !Path::new(&fixture("import_config/never-written")).exists(),
        "--check created the output directory"
    );
}
