//! `codegen check` on every bad-spec fixture in `tests/bad_specs/`, one class of mistake
//! per file (or per directory, for mistakes that need two files), with a snapshot of
//! exactly what it prints. Snapshots are named after the class.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Fixtures that have warnings but no errors, so `check` succeeds.
const WARNING_ONLY: &[&str] = &["skipped_files", "unused_type"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ is inside the workspace")
        .to_owned()
}

/// Runs `codegen check PATH` from the workspace root, as a person would; returns the exit
/// code and everything printed.
fn check(path: &Path) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .arg("check")
        .arg(path)
        .current_dir(workspace())
        .output()
        .expect("codegen runs");
    let code = output.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    (code, format!("exit status: {code}\n{stdout}\n{stderr}"))
}

/// Runs `codegen check PATH` like [`check`], but fails the test instead of waiting when
/// the command has not finished after 30 s (reading a FIFO used to wait forever).
fn check_within_time(path: &Path) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .arg("check")
        .arg(path)
        .current_dir(workspace())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("codegen runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child
        .try_wait()
        .expect("codegen can be waited for")
        .is_none()
    {
        if std::time::Instant::now() > deadline {
            child.kill().expect("codegen can be stopped");
            panic!("`codegen check {}` did not finish in 30 s", path.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("codegen's output");
    let code = output.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (code, format!("exit status: {code}\n{stderr}"))
}

#[cfg(unix)]
#[test]
fn a_fifo_named_as_a_spec_is_refused_without_reading_it_and_skipped_in_a_directory() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fifo_spec");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("api.yaml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo failed");
    let valid = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/valid_specs/endpoints.yaml");
    std::fs::copy(valid, dir.join("more.yaml")).unwrap();
    let shown = dir.display().to_string();
    let (code, named) = check_within_time(&fifo);
    assert_eq!(code, 2, "{named}");
    let (code, listed) = check_within_time(&dir);
    assert_eq!(code, 0, "{listed}");
    let output = format!("$ codegen check $TMP/api.yaml\n{named}\n$ codegen check $TMP\n{listed}");
    let relative = dir
        .strip_prefix(workspace())
        .unwrap_or(&dir)
        .display()
        .to_string();
    insta::assert_snapshot!(output.replace(&shown, "$TMP").replace(&relative, "$TMP"));
}

#[cfg(unix)]
#[test]
fn a_device_named_as_a_spec_is_refused_without_reading_it() {
    let (code, output) = check_within_time(Path::new("/dev/zero"));
    assert_eq!(code, 2, "{output}");
    insta::assert_snapshot!(output);
}

/// Each fixture and the class it stands for (its file or directory name).
fn fixtures() -> Vec<(String, PathBuf)> {
    let dir = Path::new("codegen/tests/bad_specs");
    let mut fixtures: Vec<(String, PathBuf)> = std::fs::read_dir(workspace().join(dir))
        .expect("tests/bad_specs exists")
        .map(|entry| {
            let path = entry.expect("readable directory").path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let class = name.trim_end_matches(".yaml").to_owned();
            (class, dir.join(&*name))
        })
        .collect();
    fixtures.sort();
    fixtures
}

#[test]
fn every_bad_spec_gets_its_snapshotted_message() {
    let fixtures = fixtures();
    assert!(
        fixtures.len() >= 30,
        "expected at least 30 classes of bad input, found {}",
        fixtures.len()
    );
    let mut failed = Vec::new();
    for (class, path) in &fixtures {
        let (code, output) = check(path);
        let expected_code = if WARNING_ONLY.contains(&class.as_str()) {
            0
        } else {
            1
        };
        let snapshot = std::panic::catch_unwind(|| {
            insta::assert_snapshot!(class.as_str(), output);
        });
        if code != expected_code || snapshot.is_err() {
            failed.push(format!("{class} (exit status {code})"));
        }
    }
    assert!(failed.is_empty(), "fixtures that failed: {failed:#?}");
}

#[test]
fn a_spec_file_over_the_size_limit_is_refused_with_the_limit() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("oversized_spec");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("oversized.yaml");
    // A valid start, then a comment long enough to pass the limit by one byte.
    let head = "types:\n  Thing:\n    fields:\n      id: string\n# ";
    let size = usize::try_from(codegen::MAX_SPEC_BYTES).unwrap() + 1;
    let text = format!("{head}{}", "x".repeat(size - head.len()));
    std::fs::write(&path, text).unwrap();
    let (code, output) = check(&path);
    assert_eq!(code, 1);
    // The path is shown relative to the workspace when the target dir is inside it.
    let relative = dir
        .strip_prefix(workspace())
        .unwrap_or(&dir)
        .display()
        .to_string();
    let output = output
        .replace(&dir.display().to_string(), "$TMP")
        .replace(&relative, "$TMP");
    insta::assert_snapshot!("oversized_file", output);
}

/// A valid spec of 10 MB: types with long multi-line docs (as a spec carried over from a
/// documented API has), each used by an endpoint. The limit is 16 MiB; this must work.
fn ten_megabyte_spec() -> String {
    let sentence = "Words of a long description that explains what this field means. ";
    let doc_line = format!("      {}\n", sentence.repeat(10).trim_end());
    let mut spec = String::from("types:\n");
    let mut count = 0;
    while spec.len() < 10 * 1024 * 1024 {
        spec.push_str(&format!(
            "  Thing{count}:\n    doc: |\n{}",
            doc_line.repeat(6)
        ));
        spec.push_str(&format!(
            "    fields:\n      id: {{ type: string, doc: Identifier. }}\n      \
             next: {{ type: \"list<Thing{count}>\", optional: true }}\n"
        ));
        count += 1;
    }
    spec.push_str(&dense_endpoints(count));
    spec
}

/// An endpoint for each of `count` types, so that none is unused.
fn dense_endpoints(count: usize) -> String {
    let mut endpoints = String::from("endpoints:\n");
    for i in 0..count {
        endpoints.push_str(&format!(
            "  things.get_{i}:\n    method: GET\n    path: /things/{i}\n    \
             response: {{ type: Thing{i}, envelope: result }}\n"
        ));
    }
    endpoints
}

/// Writes `spec` into the test's scratch directory and runs `codegen check` on it.
fn check_generated(name: &str, spec: &str) -> (i32, String) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("big_specs");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(&path, spec).unwrap();
    check(&path)
}

#[test]
fn a_ten_megabyte_spec_is_checked_without_errors() {
    let spec = ten_megabyte_spec();
    assert!(spec.len() >= 10 * 1024 * 1024, "{} bytes", spec.len());
    let (code, output) = check_generated("ten_megabytes", &spec);
    assert_eq!(code, 0, "{}", &output[..output.len().min(4000)]);
    assert!(
        output.contains("the spec has no errors and 0 warning(s)"),
        "{output}"
    );
}

/// 10 MB of small types (about 37,000), each with an endpoint: slow in a debug build
/// (about 30 s), so run on demand: `cargo test -p codegen --test bad_specs -- --ignored`.
#[test]
#[ignore = "slow in debug builds; run with --ignored"]
fn a_ten_megabyte_spec_of_small_types_is_checked_without_errors() {
    let mut spec = String::from("types:\n");
    let mut count = 0;
    while spec.len() < 8 * 1024 * 1024 {
        spec.push_str(&format!(
            "  Thing{count}:\n    doc: Thing number {count}.\n    fields:\n      \
             id: {{ type: string, doc: Identifier. }}\n      count: {{ type: integer, optional: true }}\n      \
             tags: \"list<string>\"\n      next: {{ type: \"list<Thing{count}>\", optional: true }}\n"
        ));
        count += 1;
    }
    spec.push_str(&dense_endpoints(count));
    assert!(spec.len() >= 10 * 1024 * 1024, "{} bytes", spec.len());
    let (code, output) = check_generated("small_types", &spec);
    assert_eq!(code, 0, "{}", &output[..output.len().min(4000)]);
}
