//! Standalone copies of the SDK crate ("scratch crates") for tests and benchmarks that
//! compile generated code other than the checked-in one: every valid fixture spec, a
//! synthetic spec, the two sides of a spec change.
//!
//! A scratch crate is `generated/`'s manifest made standalone (workspace-inherited entries
//! written out, path dependencies made absolute, an empty `[workspace]` of its own), its
//! README, the workspace's `Cargo.lock` (so the same dependency versions are used,
//! offline), and whatever generated sources the caller writes into `src/`. Every scratch
//! crate builds into [`shared_target_dir`], so the dependencies, the runtime crate
//! included, are compiled once for all of them; and in one mode, [`BUILD`].

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod batch;
mod stamp;
pub mod ui;

pub use batch::ScratchWorkspace;

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root exists")
}

/// How every scratch crate is compiled, even where a `cargo check` would do: doc examples
/// and the spec-change programs need built dependencies, and a check would compile each
/// dependency a second time, as metadata only. Errors and warnings are the same.
pub const BUILD: &str = "build";

/// The profile of every scratch crate and workspace (a profile is read from the root
/// manifest only): one for all, so their dependencies are compiled once, and without
/// debug info, which nothing here needs, so they compile and link faster.
pub const PROFILE: &str = "[profile.dev]\ndebug = false\n";

/// The one target directory every scratch crate builds into.
pub fn shared_target_dir() -> PathBuf {
    workspace().join("target/scratch")
}

/// A scratch copy of the SDK crate in a directory of its own.
#[derive(Clone, Debug)]
pub struct ScratchCrate {
    dir: PathBuf,
}

impl ScratchCrate {
    /// Sets up the crate in `dir` (made if missing); `src/` keeps what an earlier run
    /// wrote until [`ScratchCrate::write_sources`] replaces it.
    ///
    /// `dir` must be outside any target directory: cargo does not look at the timestamps
    /// of sources inside one, so a changed file there would not be rebuilt.
    pub fn create(dir: &Path) -> io::Result<Self> {
        let root = workspace();
        std::fs::create_dir_all(dir.join("src"))?;
        let member = std::fs::read_to_string(root.join("generated/Cargo.toml"))?;
        let manifest = standalone_manifest(
            &std::fs::read_to_string(root.join("Cargo.toml"))?,
            &member,
            &root.join("generated"),
        );
        let manifest = with_features_as_written(&versioned_apart(&manifest, dir), &member);
        let manifest = without_tls_by_default(&manifest);
        write_if_changed(&dir.join("Cargo.toml"), &format!("{manifest}\n{PROFILE}"))?;
        write_if_changed(
            &dir.join("Cargo.lock"),
            &std::fs::read_to_string(root.join("Cargo.lock"))?,
        )?;
        write_if_changed(
            &dir.join("README.md"),
            &std::fs::read_to_string(root.join("generated/README.md"))?,
        )?;
        Ok(Self {
            dir: dir.to_owned(),
        })
    }

    /// The crate's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Replaces `src/` with `files` (paths relative to `src/`, and their text).
    pub fn write_sources<'a>(
        &self,
        files: impl IntoIterator<Item = (&'a Path, &'a str)>,
    ) -> io::Result<()> {
        replace_dir(&self.dir.join("src"), files)
    }

    /// Replaces `src/` with a copy of the files under `dir` (say, the checked-in SDK's
    /// `generated/src`).
    pub fn copy_sources(&self, dir: &Path) -> io::Result<()> {
        let mut paths = Vec::new();
        collect_files(dir, &mut paths)?;
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let text = std::fs::read_to_string(&path)?;
            files.push((path.strip_prefix(dir).unwrap_or(&path).to_owned(), text));
        }
        self.write_sources(
            files
                .iter()
                .map(|(path, text)| (path.as_path(), text.as_str())),
        )
    }

    /// Replaces the README, which the generated `lib.rs` includes as the crate's docs: its
    /// examples are doctests, and the SDK's own only fit the real spec.
    pub fn write_readme(&self, text: &str) -> io::Result<()> {
        write_if_changed(&self.dir.join("README.md"), text)
    }

    /// Rewrites the manifest with `edit` (say, with the features table of other generated
    /// sources); `Err` with `edit`'s message when it refuses the manifest.
    pub fn edit_manifest(
        &self,
        edit: impl FnOnce(&str) -> Result<String, String>,
    ) -> io::Result<()> {
        let path = self.dir.join("Cargo.toml");
        let edited = edit(&std::fs::read_to_string(&path)?).map_err(io::Error::other)?;
        write_if_changed(&path, &edited)
    }

    /// Makes the crate's examples the files at the given paths (anywhere), by name,
    /// instead of `examples/*.rs`.
    pub fn set_examples<'a>(
        &self,
        examples: impl IntoIterator<Item = (&'a str, &'a Path)>,
    ) -> io::Result<()> {
        let path = self.dir.join("Cargo.toml");
        let mut manifest: toml::Table = std::fs::read_to_string(&path)?
            .parse()
            .map_err(io::Error::other)?;
        let examples = examples
            .into_iter()
            .map(|(name, path)| {
                toml::Value::Table(toml::Table::from_iter([
                    ("name".to_owned(), toml::Value::String(name.to_owned())),
                    (
                        "path".to_owned(),
                        toml::Value::String(path.display().to_string()),
                    ),
                ]))
            })
            .collect();
        manifest.insert("example".to_owned(), toml::Value::Array(examples));
        if let Some(toml::Value::Table(package)) = manifest.get_mut("package") {
            package.insert("autoexamples".to_owned(), toml::Value::Boolean(false));
        }
        write_if_changed(&path, &manifest.to_string())
    }

    /// `cargo ARGS` (offline) on the crate, in the shared target directory: run it with
    /// the output format it needs.
    pub fn command(&self, args: &[&str]) -> Command {
        command_in(&self.dir, args)
    }

    /// Runs `cargo ARGS` (offline, quiet, short messages) on the crate, in the shared
    /// target directory.
    pub fn cargo(&self, args: &[&str]) -> io::Result<Output> {
        cargo_in(&self.dir, args)
    }

    /// `cargo build --all-targets` (see [`BUILD`]): `Err` with the compiler's output when
    /// it reports an error or a warning.
    pub fn build_without_warnings(&self) -> Result<(), String> {
        let output = self
            .cargo(&[BUILD, "--all-targets"])
            .map_err(|err| format!("cannot run cargo: {err}"))?;
        complaints(&output)
    }

    /// `cargo test --doc`: compiles every doc example (running those not marked
    /// `no_run`); `Err` with the output when one fails or the build warns. Doc examples
    /// deny warnings themselves when the crate says so (`#![doc(test(attr(deny(warnings))))]`).
    /// Skipped when they passed before with the same inputs (see `stamp`).
    pub fn doctests_without_warnings(&self) -> Result<(), String> {
        doctests_in(&self.dir, &["test", "--doc"])
    }
}

/// `cargo ARGS` (a doctest run) in `dir`, unless a stamp says it passed with the same
/// inputs; records the pass.
fn doctests_in(dir: &Path, args: &[&str]) -> Result<(), String> {
    let stamp = stamp::DoctestStamp::of(dir, &args.join(" "))
        .map_err(|err| format!("cannot fingerprint {}: {err}", dir.display()))?;
    if stamp.is_current() {
        return Ok(());
    }
    let output = cargo_in(dir, args).map_err(|err| format!("cannot run cargo: {err}"))?;
    complaints(&output)
        .map_err(|stderr| format!("{stderr}{}", String::from_utf8_lossy(&output.stdout)))?;
    stamp
        .record()
        .map_err(|err| format!("cannot record the doctests' pass: {err}"))
}

/// Runs `cargo ARGS` (offline, quiet, short messages) on the package in `dir`, in the
/// shared target directory: for crates that depend on scratch SDK crates.
pub fn cargo_in(dir: &Path, args: &[&str]) -> io::Result<Output> {
    command_in(dir, args)
        .args(["--quiet", "--message-format=short"])
        .output()
}

/// `cargo ARGS --offline` on the package in `dir`, in the shared target directory, with
/// nothing from the environment that would change how dependencies are compiled
/// (`RUSTFLAGS`, another target directory, the variables of the package under test), so
/// every scratch crate reuses the same dependency artifacts.
pub fn command_in(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .args(args)
        .arg("--offline")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .env_remove("RUSTFLAGS");
    for (name, _) in std::env::vars_os() {
        if name.to_str().is_some_and(is_set_for_the_package_under_test) {
            command.env_remove(name);
        }
    }
    command
}

/// Whether `cargo test` sets the variable `name` for the test binary of one package
/// (`CARGO_MANIFEST_DIR`, `CARGO_PKG_NAME`, …). A build script that asks to be rerun when
/// such a variable changes (ring's does, for `CARGO_MANIFEST_DIR`) would see it change
/// between the test binaries of two packages, and the nested cargo would rebuild it and
/// everything above it (rustls, reqwest, the runtime, every scratch crate) each time.
fn is_set_for_the_package_under_test(name: &str) -> bool {
    name.starts_with("CARGO_PKG_")
        || matches!(
            name,
            "CARGO_MANIFEST_DIR"
                | "CARGO_MANIFEST_PATH"
                | "CARGO_CRATE_NAME"
                | "CARGO_BIN_NAME"
                | "CARGO_PRIMARY_PACKAGE"
                | "CARGO_TARGET_TMPDIR"
                | "CARGO_RUSTC_CURRENT_DIR"
                | "OUT_DIR"
        )
}

/// `Err` with cargo's output when it failed or printed a warning or an error.
pub fn complaints(output: &Output) -> Result<(), String> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warned = stderr
        .lines()
        .any(|line| line.contains("warning") || line.contains("error"));
    if output.status.success() && !warned {
        Ok(())
    } else {
        Err(stderr.into_owned())
    }
}

/// Makes `dir` hold exactly `files` (paths relative to it, and their text). Files whose
/// text is already right are not touched, so cargo, which compares timestamps, does not
/// rebuild a scratch crate whose generated code is what an earlier run wrote: a warm test
/// run re-checks only what changed.
fn replace_dir<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = (&'a Path, &'a str)>,
) -> io::Result<()> {
    let mut wanted = std::collections::HashSet::new();
    for (path, text) in files {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        write_if_changed(&path, text)?;
        wanted.insert(path);
    }
    remove_unwanted(dir, &wanted)?;
    Ok(())
}

/// Every file under `dir`, in its subdirectories too but for target directories.
fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            if entry.file_name() != "target" {
                collect_files(&path, files)?;
            }
        } else if kind.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

/// Removes the files under `dir` that are not `wanted`, and the directories that end up
/// empty; true when `dir` itself is left empty.
fn remove_unwanted(dir: &Path, wanted: &std::collections::HashSet<PathBuf>) -> io::Result<bool> {
    let mut empty = true;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if remove_unwanted(&path, wanted)? {
                std::fs::remove_dir(&path)?;
            } else {
                empty = false;
            }
        } else if wanted.contains(&path) {
            empty = false;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(empty)
}

fn write_if_changed(path: &Path, text: &str) -> io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|current| current == text) {
        return Ok(());
    }
    std::fs::write(path, text)
}

/// `member` (whose directory is `member_dir`) with `x.workspace = true` entries replaced
/// by the root's values, path dependencies made absolute, and an empty `[workspace]`.
pub fn standalone_manifest(root: &str, member: &str, member_dir: &Path) -> String {
    let root: toml::Table = root.parse().expect("the root manifest is TOML");
    let mut manifest: toml::Table = member.parse().expect("the member manifest is TOML");
    let package_defaults = &root["workspace"]["package"];
    let dependency_defaults = &root["workspace"]["dependencies"];
    if let Some(toml::Value::Table(package)) = manifest.get_mut("package") {
        for (key, value) in package.iter_mut() {
            if is_inherited(value) {
                *value = package_defaults[key.as_str()].clone();
            }
        }
    }
    for table in ["dependencies", "dev-dependencies"] {
        if let Some(toml::Value::Table(dependencies)) = manifest.get_mut(table) {
            for (name, value) in dependencies.iter_mut() {
                if is_inherited(value) {
                    *value = merged_dependency(&dependency_defaults[name.as_str()], value);
                }
                if let Some(toml::Value::String(path)) = value.get_mut("path") {
                    *path = member_dir.join(&*path).display().to_string();
                }
            }
        }
    }
    manifest.insert(
        "workspace".to_owned(),
        toml::Value::Table(toml::Table::new()),
    );
    manifest.to_string()
}

/// `manifest` with the `[features]` table of `member` as written there: its comments mark
/// which features the generator owns (`codegen::write::manifest_with_features`), and
/// writing TOML back (as [`standalone_manifest`] does) drops them.
pub fn with_features_as_written(manifest: &str, member: &str) -> String {
    let Some(features) = features_table_as_written(member) else {
        return manifest.to_owned();
    };
    let mut manifest: toml::Table = manifest.parse().expect("the manifest is TOML");
    manifest.remove("features");
    format!("{manifest}\n{features}")
}

/// The lines of `manifest`'s `[features]` table, its header included.
fn features_table_as_written(manifest: &str) -> Option<String> {
    let mut lines = manifest
        .lines()
        .skip_while(|line| line.trim() != "[features]");
    let header = lines.next()?;
    let mut table = format!("{header}\n");
    for line in lines.take_while(|line| !line.trim_start().starts_with('[')) {
        table.push_str(line);
        table.push('\n');
    }
    Some(format!("{}\n", table.trim_end()))
}

/// `manifest` with its `default` features line left without the features that only
/// forward to the runtime crate's (its TLS choice). Nothing in a scratch crate calls over
/// HTTPS, the SDK's code is the same with and without them, and the fixtures' crates have
/// none: so every scratch crate builds one runtime, without the TLS stack (ring's C code,
/// rustls, a second reqwest), instead of two.
fn without_tls_by_default(manifest: &str) -> String {
    let Ok(parsed) = manifest.parse::<toml::Table>() else {
        return manifest.to_owned();
    };
    let Some(toml::Value::Table(features)) = parsed.get("features") else {
        return manifest.to_owned();
    };
    let forwards_to_runtime = |name: &str| {
        features
            .get(name)
            .and_then(toml::Value::as_array)
            .is_some_and(|enables| {
                !enables.is_empty()
                    && enables.iter().all(|enabled| {
                        enabled
                            .as_str()
                            .is_some_and(|f| f.starts_with("cloudflare-sdk-runtime/"))
                    })
            })
    };
    let Some(defaults) = features.get("default").and_then(toml::Value::as_array) else {
        return manifest.to_owned();
    };
    let kept: Vec<String> = defaults
        .iter()
        .filter_map(toml::Value::as_str)
        .filter(|name| !forwards_to_runtime(name))
        .map(|name| format!("{name:?}"))
        .collect();
    let mut in_features = false;
    let mut out = String::with_capacity(manifest.len());
    for line in manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_features = trimmed == "[features]";
        }
        if in_features && trimmed.starts_with("default =") {
            out.push_str(&format!("default = [{}]", kept.join(", ")));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// `manifest` with a version of its own: build metadata naming the scratch directory
/// (`0.1.0+scratch.generated-compiles`). Cargo names the artifacts of a workspace's root
/// package after its name and version, not its path, so two scratch crates with the same
/// name and version would share artifacts in the shared target directory, and one could be
/// taken as up to date with the other's sources. The name stays, so `-p cloudflare-sdk`
/// still selects the crate.
fn versioned_apart(manifest: &str, dir: &Path) -> String {
    let mut manifest: toml::Table = manifest.parse().expect("the manifest is TOML");
    let version = manifest["package"]["version"]
        .as_str()
        .expect("the package has a version")
        .to_owned();
    let label: String = dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    manifest["package"]["version"] = toml::Value::String(format!("{version}+scratch.{label}"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scratch_copy_of_the_sdk_has_no_tls_feature_by_default_and_keeps_the_rest() {
        let member = "[package]\nname = \"x\"\n\n[features]\n# TLS.\nrustls-ring = [\"cloudflare-sdk-runtime/rustls-ring\"]\n# Generated.\ndefault = [\"ai-gateway\", \"rustls-ring\"]\nai-gateway = []\n\n[dependencies]\n";
        let out = without_tls_by_default(member);
        assert!(out.contains("# TLS.\nrustls-ring = ["), "{out}");
        let parsed: toml::Table = out.parse().unwrap();
        let default = parsed["features"]["default"].as_array().unwrap();
        assert_eq!(default, &vec![toml::Value::from("ai-gateway")]);
    }

    #[test]
    fn scratch_crates_and_workspaces_all_have_the_one_profile() {
        let dir = shared_target_dir().join("profile-tests");
        let _ = std::fs::remove_dir_all(&dir);
        ScratchCrate::create(&dir.join("crate")).unwrap();
        ScratchWorkspace::create(&dir.join("workspace"), "member", 1).unwrap();
        for manifest in ["crate/Cargo.toml", "workspace/Cargo.toml"] {
            let text = std::fs::read_to_string(dir.join(manifest)).unwrap();
            let parsed: toml::Table = text.parse().unwrap();
            let expected: toml::Table = PROFILE.parse().unwrap();
            assert_eq!(parsed.get("profile"), expected.get("profile"), "{manifest}");
        }
    }

    #[test]
    fn cargo_in_a_scratch_crate_does_not_inherit_the_variables_of_the_package_under_test() {
        // `cargo test` sets these for this very test binary.
        assert!(std::env::var_os("CARGO_MANIFEST_DIR").is_some());
        assert!(std::env::var_os("CARGO_PKG_NAME").is_some());
        let command = command_in(Path::new("."), &["check"]);
        let removed: Vec<_> = command
            .get_envs()
            .filter(|(_, value)| value.is_none())
            .filter_map(|(name, _)| name.to_str())
            .collect();
        for name in ["CARGO_MANIFEST_DIR", "CARGO_PKG_NAME", "RUSTFLAGS"] {
            assert!(removed.contains(&name), "{name} is passed on: {removed:?}");
        }
        assert!(!removed.contains(&"CARGO_HOME"), "{removed:?}");
    }

    #[test]
    fn workspace_entries_and_paths_are_resolved() {
        let root = "[workspace.package]\nedition = \"2024\"\n\n[workspace.dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\ntokio = { version = \"1.48\", default-features = false }\n";
        let member = "[package]\nname = \"x\"\nedition.workspace = true\n[dependencies]\nserde.workspace = true\nruntime = { path = \"../runtime\" }\n[dev-dependencies]\ntokio = { workspace = true, features = [\"time\"] }\n";
        let out: toml::Table = standalone_manifest(root, member, Path::new("/w/generated"))
            .parse()
            .unwrap();
        assert_eq!(out["package"]["edition"].as_str(), Some("2024"));
        assert_eq!(
            out["dependencies"]["serde"]["features"][0].as_str(),
            Some("derive")
        );
        assert_eq!(
            out["dependencies"]["runtime"]["path"].as_str(),
            Some("/w/generated/../runtime")
        );
        let tokio = &out["dev-dependencies"]["tokio"];
        assert_eq!(tokio["default-features"].as_bool(), Some(false));
        assert_eq!(tokio["features"][0].as_str(), Some("time"));
        assert!(out["workspace"].as_table().unwrap().is_empty());
    }

    #[test]
    fn the_features_table_keeps_its_comments() {
        let root = "[workspace.package]\n\n[workspace.dependencies]\n";
        let member = "[package]\nname = \"x\"\n\n[features]\n# Kept by hand.\ntls = []\n# Generated.\ndefault = [\"tls\"]\n\n[dependencies]\n";
        let standalone = standalone_manifest(root, member, Path::new("/w/generated"));
        let out = with_features_as_written(&standalone, member);
        assert!(
            out.ends_with(
                "[features]\n# Kept by hand.\ntls = []\n# Generated.\ndefault = [\"tls\"]\n"
            ),
            "{out}"
        );
        let parsed: toml::Table = out.parse().unwrap();
        assert_eq!(parsed["features"]["default"][0].as_str(), Some("tls"));
    }

    #[test]
    fn scratch_crates_get_versions_of_their_own_and_keep_their_name() {
        let member = "[package]\nname = \"cloudflare-sdk\"\nversion = \"0.1.0\"\n";
        let out: toml::Table = versioned_apart(member, Path::new("/t/sdk_old"))
            .parse()
            .unwrap();
        assert_eq!(out["package"]["name"].as_str(), Some("cloudflare-sdk"));
        assert_eq!(
            out["package"]["version"].as_str(),
            Some("0.1.0+scratch.sdk-old")
        );
    }
}
