//! "The generated crate always compiles when `check` passes": every valid fixture in
//! `tests/valid_specs/` (and the real and the imported spec) is generated into a scratch copy of the SDK
//! crate, which must `cargo check` without a warning.
//!
//! The scratch crate lives under the target directory: `generated/Cargo.toml` with its
//! workspace-inherited entries written out and an empty `[workspace]` of its own, the
//! hand-written `lib.rs` and `runtime/`, and the workspace's `Cargo.lock`, so the same
//! dependency versions are used offline. One scratch crate and one target directory serve
//! every fixture, so dependencies are compiled once (the first run takes a minute or two).

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diagnostic::SourceFile;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ is inside the workspace")
        .to_owned()
}

/// `generated/Cargo.toml` made standalone: `x.workspace = true` replaced by the
/// workspace's value, dev-dependencies dropped (only the library is checked).
fn standalone_manifest() -> String {
    let root: toml::Table = read(&workspace().join("Cargo.toml")).parse().unwrap();
    let mut manifest: toml::Table = read(&workspace().join("generated/Cargo.toml"))
        .parse()
        .unwrap();
    let package_defaults = &root["workspace"]["package"];
    let dependency_defaults = &root["workspace"]["dependencies"];
    if let Some(toml::Value::Table(package)) = manifest.get_mut("package") {
        for (key, value) in package.iter_mut() {
            if is_inherited(value) {
                *value = package_defaults[key.as_str()].clone();
            }
        }
    }
    if let Some(toml::Value::Table(dependencies)) = manifest.get_mut("dependencies") {
        for (name, value) in dependencies.iter_mut() {
            if is_inherited(value) {
                *value = merged_dependency(&dependency_defaults[name.as_str()], value);
            }
        }
    }
    manifest.remove("dev-dependencies");
    manifest.insert(
        "workspace".to_owned(),
        toml::Value::Table(toml::Table::new()),
    );
    manifest.to_string()
}

fn is_inherited(value: &toml::Value) -> bool {
    value.get("workspace").and_then(toml::Value::as_bool) == Some(true)
}

/// The workspace's entry for a dependency, with the member's own keys (features) added.
fn merged_dependency(workspace: &toml::Value, member: &toml::Value) -> toml::Value {
    let mut merged = match workspace {
        toml::Value::String(version) => {
            toml::Table::from_iter([("version".to_owned(), toml::Value::String(version.clone()))])
        }
        toml::Value::Table(table) => table.clone(),
        other => panic!("unexpected workspace dependency {other}"),
    };
    for (key, value) in member.as_table().into_iter().flatten() {
        match (key.as_str(), merged.get_mut(key), value) {
            ("workspace", _, _) => {}
            ("features", Some(toml::Value::Array(features)), toml::Value::Array(more)) => {
                features.extend(more.iter().cloned());
            }
            _ => {
                merged.insert(key.clone(), value.clone());
            }
        }
    }
    toml::Value::Table(merged)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Sets up the scratch crate (idempotent) and returns its directory.
fn scratch_crate() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-compiles/sdk");
    let src = dir.join("src");
    if src.exists() {
        std::fs::remove_dir_all(&src).unwrap();
    }
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(dir.join("Cargo.toml"), standalone_manifest()).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::copy(workspace().join("generated/src/lib.rs"), src.join("lib.rs")).unwrap();
    copy_dir(
        &workspace().join("generated/src/runtime"),
        &src.join("runtime"),
    );
    dir
}

/// The spec to generate from, as `codegen check` would read it.
fn sources(path: &Path) -> Vec<SourceFile> {
    codegen::read_spec_paths(&[path.to_owned()]).unwrap_or_else(|err| panic!("{err}"))
}

/// Generates `spec` into the scratch crate and runs `cargo check` on it; returns the
/// compiler's complaints, if any.
fn generate_and_check(crate_dir: &Path, spec: &Path) -> Result<(), String> {
    let rendered = codegen::render(sources(spec), "cloudflare_sdk")
        .map_err(|err| format!("the spec should be valid:\n{err}"))?;
    rendered
        .write_to(crate_dir.join("src"))
        .map_err(|err| err.to_string())?;
    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "--message-format=short"])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", crate_dir.with_file_name("target"))
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .output()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("error") || line.contains("warning"))
        .filter(|line| !line.starts_with("error: could not compile"))
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(stderr.into_owned())
    }
}

/// Every valid fixture, the real spec, then what `codegen import` makes of Cloudflare's
/// documents (dynamic routing and the rest of AI Gateway).
fn valid_specs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/valid_specs");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    specs.sort();
    specs.push(workspace().join("spec"));
    specs.push(workspace().join("openapi/imported"));
    specs
}

#[test]
fn every_valid_spec_generates_a_crate_that_compiles_without_warnings() {
    let crate_dir = scratch_crate();
    let mut failures = Vec::new();
    for spec in valid_specs() {
        if let Err(problem) = generate_and_check(&crate_dir, &spec) {
            failures.push(format!("{}:\n{problem}", spec.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The harness itself: a generated crate with a mistake in it must fail, or the test
/// above could pass without checking anything.
#[test]
fn the_check_fails_when_the_generated_code_does_not_compile() {
    let crate_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated-compiles/broken");
    let _ = std::fs::remove_dir_all(&crate_dir);
    let src = crate_dir.join("src");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        "[package]\nname = \"broken\"\nversion = \"0.0.0\"\nedition = \"2024\"\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(src.join("lib.rs"), "fn unused() {}\n").unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["check", "--offline", "--quiet", "--message-format=short"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", crate_dir.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(
        !output.status.success(),
        "an unused function must fail under -D warnings"
    );
}
