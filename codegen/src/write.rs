//! Stage 5, write: puts generated files on disk, or compares them with what is there.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

/// `manifest` (a `Cargo.toml`) with its `[features]` table replaced by `table`, or the
/// table added at the end when it has none; everything else is kept as written.
pub fn manifest_with_features(manifest: &str, table: &str) -> String {
    let lines: Vec<&str> = manifest.lines().collect();
    let Some(start) = lines.iter().position(|line| line.trim() == "[features]") else {
        let mut out = manifest.trim_end().to_owned();
        out.push_str("\n\n");
        out.push_str(table);
        return out;
    };
    let end = lines[start + 1..]
        .iter()
        .position(|line| line.trim_start().starts_with('['))
        .map_or(lines.len(), |offset| start + 1 + offset);
    let mut out = String::new();
    for line in &lines[..start] {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(table);
    if end < lines.len() {
        out.push('\n');
        for line in &lines[end..] {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_features_table_is_replaced_and_the_rest_kept() {
        let manifest = "[package]\nname = \"x\"\n\n[features]\ndefault = [\"a\"]\na = []\n\n[dependencies]\nserde = \"1\"\n";
        let table = "[features]\ndefault = [\"b\"]\nb = []\n";
        assert_eq!(
            manifest_with_features(manifest, table),
            "[package]\nname = \"x\"\n\n[features]\ndefault = [\"b\"]\nb = []\n\n[dependencies]\nserde = \"1\"\n"
        );
        let without = "[package]\nname = \"x\"\n";
        assert_eq!(
            manifest_with_features(without, table),
            "[package]\nname = \"x\"\n\n[features]\ndefault = [\"b\"]\nb = []\n"
        );
        // Idempotent.
        let once = manifest_with_features(manifest, table);
        assert_eq!(manifest_with_features(&once, table), once);
    }
}
