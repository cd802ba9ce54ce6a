//! `codegen import` on the command line: what it writes, `--check`, and its exit codes
//! (0 imported, 1 document or config errors or stale files, 2 usage or I/O errors).

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
        .join("import-cli")
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

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn import_writes_one_spec_file_per_document_that_check_accepts_and_check_mode_sees_drift() {
    let out = scratch("documents");
    let out_arg = out.display().to_string();
    let document = fixture("import/tagged_unions.yaml");
    let imported = codegen(&["import", &document, "--out", &out_arg]);
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    let written = out.join("tagged_unions.yaml");
    assert!(written.exists());
    assert!(
        stderr(&imported).contains("without a tag"),
        "the report is printed"
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
    let out = scratch("obsolete");
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
    let out = scratch("codes");
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
