//! `codegen diff` on the command line: files, directories and git HEAD; the human and JSON
//! reports; exit codes; and the one-line summary after generation.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn codegen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("codegen runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `codegen/tests/diff_specs`: a small API before (`old/`) and after (`new/`) an edit
/// with changes of every severity.
fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff_specs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("diff_cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(args)
        .current_dir(repo)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {}", stderr(&status));
}

/// A git repository whose HEAD has `old/` as `spec/`, and whose working tree has `new/`.
fn repo_with_spec_change(name: &str) -> PathBuf {
    let repo = scratch(name);
    git(&repo, &["init", "-q"]);
    copy_dir(&specs().join("old"), &repo.join("spec"));
    git(&repo, &["add", "spec"]);
    git(&repo, &["commit", "-q", "-m", "the old spec"]);
    std::fs::remove_dir_all(repo.join("spec")).unwrap();
    copy_dir(&specs().join("new"), &repo.join("spec"));
    repo
}

#[test]
fn the_human_report_lists_changes_by_severity_with_locations_items_and_the_verdict() {
    let output = codegen(
        &specs(),
        &["diff", "old", "new", "--current-version", "0.1.0"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    insta::assert_snapshot!("diff_human_report", stdout(&output));
}

#[test]
fn the_json_report_is_exactly_one_object_with_bump_next_version_and_changes() {
    let output = codegen(
        &specs(),
        &[
            "diff",
            "old",
            "new",
            "--format",
            "json",
            "--current-version",
            "1.4.2",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let value: serde_json::Value = serde_json::from_str(&text).expect("one JSON value");
    let object = value.as_object().expect("an object");
    let keys: Vec<&str> = object.keys().map(String::as_str).collect();
    assert_eq!(keys, ["bump", "changes", "next_version"]);
    assert_eq!(object["bump"], "major");
    assert_eq!(object["next_version"], "2.0.0");
    for change in object["changes"].as_array().unwrap() {
        let keys: Vec<&str> = change
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["item", "location", "message", "severity"]);
    }
    insta::assert_snapshot!("diff_json_report", text);
}

#[test]
fn single_files_can_be_compared_and_identical_specs_report_none() {
    let output = codegen(
        &specs(),
        &[
            "diff",
            "old/types.yaml",
            "old/types.yaml",
            "--current-version",
            "0.3.1",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "no changes: both specs describe the same API\nverdict: none; the version stays 0.3.1\n"
    );
    let json = codegen(
        &specs(),
        &[
            "diff",
            "old",
            "old",
            "--format",
            "json",
            "--current-version",
            "0.3.1",
        ],
    );
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(
        value,
        serde_json::json!({"bump": "none", "next_version": "0.3.1", "changes": []})
    );
}

#[test]
fn without_paths_the_working_tree_spec_is_compared_with_git_head() {
    let repo = repo_with_spec_change("head");
    let output = codegen(
        &repo,
        &["diff", "--spec", "spec", "--current-version", "0.1.0"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stdout(&output);
    // Removals point at the spec as it is at HEAD, everything else at the working tree.
    assert!(report.contains("--> HEAD:spec/types.yaml:9:7"), "{report}");
    assert!(report.contains("--> spec/types.yaml:22:7"), "{report}");
    assert!(
        report.ends_with("next version 0.2.0 (now 0.1.0)\n"),
        "{report}"
    );
    git(&repo, &["add", "spec"]);
    git(&repo, &["commit", "-q", "-m", "the new spec"]);
    let committed = codegen(
        &repo,
        &["diff", "--spec", "spec", "--current-version", "0.1.0"],
    );
    assert!(
        stdout(&committed).starts_with("no changes"),
        "{}",
        stdout(&committed)
    );
    let base = codegen(
        &repo,
        &[
            "diff",
            "--spec",
            "spec",
            "--base",
            "HEAD~1",
            "--current-version",
            "0.1.0",
        ],
    );
    assert_eq!(
        stdout(&base),
        report.replace("HEAD:", "HEAD~1:"),
        "--base picks the revision compared with"
    );
}

#[test]
fn without_git_or_without_a_commit_the_diff_says_why_and_exits_2() {
    let plain = scratch("no_repo");
    copy_dir(&specs().join("new"), &plain.join("spec"));
    // A directory outside any repository (the target dir may be inside one).
    let outside = std::env::temp_dir().join(format!("codegen-diff-no-repo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&outside);
    copy_dir(&specs().join("new"), &outside.join("spec"));
    let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["diff", "--spec", "spec", "--current-version", "0.1.0"])
        .current_dir(&outside)
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&outside);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("cannot compare with git HEAD"),
        "{message}"
    );
    assert!(
        message.contains("pass OLD and NEW paths instead"),
        "{message}"
    );

    let no_git = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["diff", "--spec", "spec", "--current-version", "0.1.0"])
        .current_dir(&plain)
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(no_git.status.code(), Some(2));
    assert!(
        stderr(&no_git).contains("git is not installed"),
        "{}",
        stderr(&no_git)
    );

    let empty = scratch("no_commit");
    git(&empty, &["init", "-q"]);
    copy_dir(&specs().join("new"), &empty.join("spec"));
    let output = codegen(
        &empty,
        &["diff", "--spec", "spec", "--current-version", "0.1.0"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn spec_errors_on_either_side_are_shown_as_check_shows_them_and_exit_1() {
    let dir = scratch("spec_errors");
    std::fs::write(
        dir.join("bad.yaml"),
        "types:\n  Thing: { fields: { a: strin } }\n",
    )
    .unwrap();
    std::fs::copy(specs().join("old/types.yaml"), dir.join("good.yaml")).unwrap();
    let output = codegen(
        &dir,
        &[
            "diff",
            "good.yaml",
            "bad.yaml",
            "--current-version",
            "0.1.0",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("--> bad.yaml:2:25"), "{message}");
    assert!(
        message.contains("the NEW spec has 1 error(s); no report was made"),
        "{message}"
    );
    assert!(stdout(&output).is_empty());
    let both = codegen(
        &dir,
        &["diff", "bad.yaml", "bad.yaml", "--current-version", "0.1.0"],
    );
    assert!(
        stderr(&both).contains("the OLD spec has 1 error(s)"),
        "{}",
        stderr(&both)
    );
    assert!(
        stderr(&both).contains("the NEW spec has 1 error(s)"),
        "{}",
        stderr(&both)
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    let dir = specs();
    for args in [
        &["diff", "old"][..],
        &["diff", "old", "new", "extra"],
        &["diff", "old", "new", "--format", "xml"],
        &["diff", "old", "new", "--fail-on", "docs"],
        &["diff", "old", "new", "--current-version", "1.2"],
        &["diff", "old", "new", "--base", "HEAD"],
        &["diff", "old", "no_such_dir"],
    ] {
        let output = codegen(&dir, args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn fail_on_exits_3_when_a_change_is_at_least_that_serious() {
    let dir = specs();
    let run = |old: &str, new: &str, threshold: &str| {
        let args = [
            "diff",
            old,
            new,
            "--fail-on",
            threshold,
            "--current-version",
            "0.1.0",
        ];
        codegen(&dir, &args).status.code()
    };
    assert_eq!(run("old", "new", "breaking"), Some(3));
    assert_eq!(run("old", "old", "additive"), Some(0));
    // old/types.yaml → new/types.yaml alone: breaking, additive and docs changes, no wire.
    let wire_only = scratch("wire_only");
    std::fs::write(
        wire_only.join("old.yaml"),
        "types:\n  A: { fields: { a: string } }\n",
    )
    .unwrap();
    std::fs::write(
        wire_only.join("new.yaml"),
        "types:\n  A: { fields: { b: { type: string, rust: a } } }\n",
    )
    .unwrap();
    let wire = |threshold: &str| {
        let args = [
            "diff",
            "old.yaml",
            "new.yaml",
            "--fail-on",
            threshold,
            "--current-version",
            "0.1.0",
        ];
        codegen(&wire_only, &args).status.code()
    };
    assert_eq!(wire("breaking"), Some(0), "a wire change is not breaking");
    assert_eq!(wire("wire"), Some(3));
    assert_eq!(
        wire("additive"),
        Some(3),
        "additive fails on anything above docs"
    );
}

#[test]
fn the_next_version_comes_from_the_sdk_crate_manifest_by_default() {
    let manifest: toml::Table = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/Cargo.toml"),
    )
    .unwrap()
    .parse()
    .unwrap();
    let version: codegen::diff::Version = manifest["package"]["version"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let output = codegen(&specs(), &["diff", "old", "new", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let expected = version.next(codegen::diff::Bump::Major).to_string();
    assert_eq!(value["next_version"], expected.as_str());
}

/// Generation into a crate laid out like `generated/` (its manifest next to `src/`).
fn generate(repo: &Path) -> Output {
    std::fs::create_dir_all(repo.join("sdk/src")).unwrap();
    let manifest = repo.join("sdk/Cargo.toml");
    // Written once: generation then keeps its `[features]` table up to date.
    if !manifest.exists() {
        std::fs::write(
            manifest,
            "[package]\nname = \"sdk\"\nversion = \"0.4.0\"\nedition = \"2024\"\n",
        )
        .unwrap();
    }
    codegen(repo, &["--spec", "spec", "--out", "sdk/src"])
}

#[test]
fn generation_prints_a_one_line_summary_of_the_spec_changes_since_head() {
    let repo = repo_with_spec_change("summary");
    let output = generate(&repo);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let summary: Vec<String> = stderr(&output)
        .lines()
        .filter(|line| line.starts_with("spec changes since HEAD"))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        summary,
        [
            "spec changes since HEAD: 3 breaking, 2 additive, 1 wire, 1 docs; next version 0.5.0 \
          (codegen diff for details)"
        ]
    );
    let again = generate(&repo);
    assert!(
        !stderr(&again).contains("spec changes since"),
        "nothing was written, so nothing is summarized: {}",
        stderr(&again)
    );
}

#[test]
fn generation_is_silent_about_spec_changes_without_git_or_without_changes() {
    let plain = scratch("summary_no_git");
    copy_dir(&specs().join("new"), &plain.join("spec"));
    let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["--spec", "spec", "--out", "sdk/src"])
        .current_dir(&plain)
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("spec changes"),
        "{}",
        stderr(&output)
    );

    let unchanged = scratch("summary_unchanged");
    git(&unchanged, &["init", "-q"]);
    copy_dir(&specs().join("new"), &unchanged.join("spec"));
    git(&unchanged, &["add", "spec"]);
    git(&unchanged, &["commit", "-q", "-m", "spec"]);
    let output = generate(&unchanged);
    assert!(stderr(&output).contains("wrote"), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("spec changes"),
        "{}",
        stderr(&output)
    );
}
