//! Stage 5, write: puts generated files on disk, or compares them with what is there.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::emit::FEATURES_MARKER;
use crate::format::GENERATED_MARKER;

/// A generated file: path relative to the output directory, and its full text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: String,
}

/// What differs between the generated files and the output directory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files missing or with other contents.
    pub outdated: Vec<PathBuf>,
    /// Generated files that the spec no longer produces.
    pub obsolete: Vec<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.outdated.is_empty() && self.obsolete.is_empty()
    }
}

/// Compares `files` with `out_dir` without touching anything.
pub fn compare(files: &[OutputFile], out_dir: &Path) -> io::Result<Changes> {
    let mut changes = Changes::default();
    for file in files {
        let path = out_dir.join(&file.path);
        match fs::read_to_string(&path) {
            Ok(current) if current == file.contents => {}
            Ok(_) => changes.outdated.push(path),
            Err(err) if err.kind() == io::ErrorKind::NotFound => changes.outdated.push(path),
            Err(err) => return Err(with_path(err, &path)),
        }
    }
    let expected: Vec<PathBuf> = files.iter().map(|f| out_dir.join(&f.path)).collect();
    for path in generated_files_in(out_dir)? {
        if !expected.contains(&path) {
            changes.obsolete.push(path);
        }
    }
    Ok(changes)
}

/// Writes the files that changed and removes obsolete generated files; returns what changed.
pub fn write(files: &[OutputFile], out_dir: &Path) -> io::Result<Changes> {
    let changes = compare(files, out_dir)?;
    for file in files {
        let path = out_dir.join(&file.path);
        if changes.outdated.contains(&path) {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|err| with_path(err, parent))?;
            }
            fs::write(&path, &file.contents).map_err(|err| with_path(err, &path))?;
        }
    }
    for path in &changes.obsolete {
        fs::remove_file(path).map_err(|err| with_path(err, path))?;
    }
    Ok(changes)
}

/// Every `.rs` file under `dir` that starts with the generated-file marker.
fn generated_files_in(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(err) => return Err(with_path(err, dir)),
    };
    for entry in entries {
        let path = entry.map_err(|err| with_path(err, dir))?.path();
        if path.is_dir() {
            found.extend(generated_files_in(&path)?);
        } else if path.extension().is_some_and(|ext| ext == "rs")
            && fs::read_to_string(&path).is_ok_and(|text| text.starts_with(GENERATED_MARKER))
        {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

fn with_path(err: io::Error, path: &Path) -> io::Error {
    io::Error::new(err.kind(), format!("{}: {err}", path.display()))
}

/// `manifest` (a `Cargo.toml`) with the generated part of its `[features]` table (from
/// the [`FEATURES_MARKER`] line to the table's end) replaced by `table`, or the table
/// added at the end when it has none; everything else is kept as written.
///
/// The features above the marker are the crate author's: they are kept, and those that
/// `default` enabled stay in it, after the namespaces `table` enables. In a manifest
/// without the marker (never generated into, or rewritten by a tool that drops comments)
/// the features `table` defines are taken as generated ones, the others as the author's.
/// `Err` says why the manifest cannot take the table: it is not TOML, or a feature above
/// the marker has the name of a generated one.
pub fn manifest_with_features(manifest: &str, table: &str) -> Result<String, String> {
    let generated: toml::Table = table
        .parse()
        .map_err(|err| format!("the generated features table is not TOML: {err}"))?;
    let generated = generated["features"]
        .as_table()
        .cloned()
        .unwrap_or_default();
    let current: toml::Table = manifest
        .parse()
        .map_err(|err| format!("the manifest is not TOML: {err}"))?;
    let lines: Vec<&str> = manifest.lines().collect();
    let Some(start) = lines.iter().position(|line| line.trim() == "[features]") else {
        let mut out = manifest.trim_end().to_owned();
        out.push_str("\n\n");
        out.push_str(table);
        return Ok(out);
    };
    let end = lines[start + 1..]
        .iter()
        .position(|line| line.trim_start().starts_with('['))
        .map_or(lines.len(), |offset| start + 1 + offset);
    let marker = lines[start + 1..end]
        .iter()
        .position(|line| line.trim() == FEATURES_MARKER)
        .map(|offset| start + 1 + offset);
    let (authored, authored_keys) =
        authored_features(&lines[start + 1..marker.unwrap_or(end)], |key| {
            key == "default" || (marker.is_none() && generated.contains_key(key))
        });
    if let Some(clash) = authored_keys
        .iter()
        .find(|key| generated.contains_key(*key))
    {
        return Err(format!(
            "the manifest's feature `{clash}` has the name of a generated one (a namespace's, \
             `full` or `default`): rename it"
        ));
    }
    let kept_defaults = current
        .get("features")
        .and_then(|features| features.get("default"))
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_str)
        .filter(|name| authored_keys.iter().any(|key| key == name));
    let defaults: Vec<String> = generated
        .get("default")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_str)
        .chain(kept_defaults)
        .map(|name| format!("{name:?}"))
        .collect();
    let mut out = String::new();
    for line in &lines[..start] {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("[features]\n");
    if !authored.is_empty() {
        out.push_str(&authored.join("\n"));
        out.push_str("\n\n");
    }
    for line in table.lines().skip_while(|line| line.trim() == "[features]") {
        if line_key(line) == Some("default") {
            out.push_str(&format!("default = [{}]\n", defaults.join(", ")));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    if end < lines.len() {
        out.push('\n');
        for line in &lines[end..] {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// The author's lines of a `[features]` table without the entries `rewritten` picks
/// (`default`, at least) nor blank lines at either end, and the features they define.
fn authored_features<'a>(
    lines: &[&'a str],
    rewritten: impl Fn(&str) -> bool,
) -> (Vec<&'a str>, Vec<String>) {
    let mut kept = Vec::new();
    let mut keys = Vec::new();
    // Brackets of a left-out entry's list still open: its continuation lines go with it.
    let mut left_out_open = 0_i32;
    for line in lines {
        let depth = |text: &str| {
            let opened = text.matches('[').count() as i32;
            opened - text.matches(']').count() as i32
        };
        if left_out_open > 0 {
            left_out_open += depth(line);
            continue;
        }
        match line_key(line) {
            Some(key) if rewritten(key) => left_out_open = depth(line).max(0),
            Some(key) => {
                keys.push(key.to_owned());
                kept.push(*line);
            }
            None => kept.push(*line),
        }
    }
    while kept.first().is_some_and(|line| line.trim().is_empty()) {
        kept.remove(0);
    }
    while kept.last().is_some_and(|line| line.trim().is_empty()) {
        kept.pop();
    }
    (kept, keys)
}

/// The key a TOML line assigns (`name = ...`, `"name" = ...`), if it starts an entry.
fn line_key(line: &str) -> Option<&str> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    is_key.then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "[features]\n# One feature per top-level namespace, written by `cargo run -p codegen`; do not edit.\ndefault = [\"b\"]\nfull = [\"b\"]\nb = []\n";

    #[test]
    fn the_generated_features_are_replaced_and_the_rest_kept() {
        let manifest = "[package]\nname = \"x\"\n\n[features]\n# One feature per top-level namespace, written by `cargo run -p codegen`; do not edit.\ndefault = [\"a\"]\nfull = [\"a\"]\na = []\n\n[dependencies]\nserde = \"1\"\n";
        assert_eq!(
            manifest_with_features(manifest, TABLE).unwrap(),
            format!("[package]\nname = \"x\"\n\n{TABLE}\n[dependencies]\nserde = \"1\"\n")
        );
        let without = "[package]\nname = \"x\"\n";
        assert_eq!(
            manifest_with_features(without, TABLE).unwrap(),
            format!("[package]\nname = \"x\"\n\n{TABLE}")
        );
        // Idempotent.
        let once = manifest_with_features(manifest, TABLE).unwrap();
        assert_eq!(manifest_with_features(&once, TABLE).unwrap(), once);
    }

    #[test]
    fn the_authors_features_are_kept_and_stay_enabled_by_default() {
        let manifest = "[package]\nname = \"x\"\n\n[features]\ndefault = [\n    \"tls\",\n]\n# TLS, forwarded.\ntls = [\"dep/tls\"]\nslow = []\n";
        let once = manifest_with_features(manifest, TABLE).unwrap();
        assert_eq!(
            once,
            "[package]\nname = \"x\"\n\n[features]\n# TLS, forwarded.\ntls = [\"dep/tls\"]\nslow = []\n\n\
             # One feature per top-level namespace, written by `cargo run -p codegen`; do not edit.\n\
             default = [\"b\", \"tls\"]\nfull = [\"b\"]\nb = []\n"
        );
        // A namespace removed from the spec loses its feature; the author's stay.
        let fewer = TABLE
            .replace("full = [\"b\"]\nb = []\n", "full = []\n")
            .replace("[\"b\"]", "[]");
        let after = manifest_with_features(&once, &fewer).unwrap();
        assert!(
            after.contains("default = [\"tls\"]\nfull = []\n"),
            "{after}"
        );
        assert!(!after.contains("b = []"), "{after}");
        assert!(
            after.contains("tls = [\"dep/tls\"]\nslow = []\n"),
            "{after}"
        );
        assert_eq!(manifest_with_features(&once, TABLE).unwrap(), once);
    }

    #[test]
    fn without_the_marker_features_named_like_generated_ones_are_replaced() {
        // As a TOML library writes the manifest back: keys sorted, comments gone.
        let rewritten = "[package]\nname = \"x\"\n\n[features]\nb = []\ndefault = [\"b\", \"tls\"]\nfull = [\"b\"]\ntls = [\"dep/tls\"]\n";
        let out = manifest_with_features(rewritten, TABLE).unwrap();
        assert_eq!(
            out,
            format!(
                "[package]\nname = \"x\"\n\n[features]\ntls = [\"dep/tls\"]\n\n{}",
                &TABLE["[features]\n".len()..]
            )
            .replace("default = [\"b\"]", "default = [\"b\", \"tls\"]")
        );
    }

    #[test]
    fn a_feature_above_the_marker_named_like_a_generated_one_is_refused() {
        // The author's `c`, then a namespace `c` added to the spec.
        let manifest = format!(
            "[package]\nname = \"x\"\n\n[features]\nc = [\"dep/c\"]\n{}",
            &TABLE["[features]\n".len()..]
        );
        let with_c = TABLE.replace("b = []", "b = []\nc = []");
        let err = manifest_with_features(&manifest, &with_c).unwrap_err();
        assert!(err.contains("feature `c`"), "{err}");
        let broken = "[package\n";
        assert!(
            manifest_with_features(broken, TABLE)
                .unwrap_err()
                .contains("not TOML")
        );
    }
}
