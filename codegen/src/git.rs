//! Spec files as they are at a git revision, read with the `git` command (`git ls-tree`,
//! `git cat-file`), so that `codegen diff` can compare the working tree with `HEAD`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diagnostic::SourceFile;
use crate::{Error, spec_sources_from_bytes};

/// The spec files (see [`crate::files::is_spec_file_name`]) of directory `dir` as they are at `revision` of the
/// repository `dir` is in, in name order. Each is shown as `{revision}:{path in the
/// repository}`, e.g. `HEAD:spec/dynamic_routing.yaml`. Without git, outside a repository,
/// or when the revision or the directory does not exist, a usage error says so.
pub fn read_spec_at(dir: &Path, revision: &str) -> Result<Vec<SourceFile>, Error> {
    let prefix = git(dir, &["rev-parse", "--show-prefix"]).map_err(|problem| {
        Error::Usage(format!(
            "cannot compare with git {revision}: {problem}; pass OLD and NEW paths instead"
        ))
    })?;
    let prefix = String::from_utf8_lossy(&prefix).trim().to_owned();
    git(
        dir,
        &["rev-parse", "--verify", &format!("{revision}^{{commit}}")],
    )
    .map_err(|_| {
        Error::Usage(format!(
            "git revision `{revision}` does not exist in the repository of {} (no commit yet?)",
            dir.display()
        ))
    })?;
    // Run inside `dir`, `ls-tree` lists that directory of the revision, by relative name.
    let listing = git(dir, &["ls-tree", "-z", revision]).map_err(|problem| {
        Error::Usage(format!("cannot list {prefix} at git {revision}: {problem}"))
    })?;
    let mut names: Vec<String> = String::from_utf8_lossy(&listing)
        .split('\0')
        .filter_map(|entry| {
            // `<mode> <type> <object>\t<name>`
            let (meta, name) = entry.split_once('\t')?;
            let is_file = meta.split(' ').nth(1) == Some("blob");
            let is_spec = crate::files::is_spec_file_name(name);
            (is_file && is_spec).then(|| name.to_owned())
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(Error::Usage(format!(
            "no *.yaml spec files in `{prefix}` at git {revision}"
        )));
    }
    let mut files = Vec::new();
    for name in names {
        let object = format!("{revision}:./{name}");
        let bytes = git(dir, &["cat-file", "blob", &object]).map_err(|problem| {
            Error::Usage(format!(
                "cannot read {prefix}{name} at git {revision}: {problem}"
            ))
        })?;
        files.push((PathBuf::from(format!("{revision}:{prefix}{name}")), bytes));
    }
    spec_sources_from_bytes(files)
}

/// Runs `git -C dir args…` and returns its output; the problem in words when git cannot
/// be run or fails.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => "git is not installed (or not on PATH)".to_owned(),
            _ => format!("git cannot be run: {err}"),
        })?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let message = stderr.trim().trim_start_matches("fatal: ");
        Err(message.to_owned())
    }
}
