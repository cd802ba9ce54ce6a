//! Doc examples are compiled anew by every `cargo test --doc` (rustdoc keeps nothing
//! between runs, unlike cargo's builds), so a warm test run would recompile the doctests
//! of every scratch crate although only one spec changed. A stamp records the
//! fingerprint of everything a scratch crate's doctests compile (its files, the runtime
//! crate it depends on, the lock file, the toolchain) after they passed; the next run
//! skips them while the fingerprint is the same. `SCRATCH_DOCTESTS=always` runs them
//! whatever the stamp says. A clean checkout has no stamps, so CI always runs them.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{shared_target_dir, workspace};

/// The fingerprint of a scratch crate's (or workspace's) doctest inputs, and where its
/// last pass is recorded.
pub(crate) struct DoctestStamp {
    path: PathBuf,
    fingerprint: String,
}

impl DoctestStamp {
    /// The stamp of the crate or workspace in `dir` (`extra`: anything else the doctest
    /// run depends on, such as its cargo arguments).
    pub(crate) fn of(dir: &Path, extra: &str) -> io::Result<Self> {
        let mut hasher = DefaultHasher::new();
        extra.hash(&mut hasher);
        hash_tree(dir, &mut hasher)?;
        let root = workspace();
        hash_tree(&root.join("runtime"), &mut hasher)?;
        std::fs::read(root.join("Cargo.lock"))?.hash(&mut hasher);
        toolchain().hash(&mut hasher);
        std::env::var_os("RUSTDOCFLAGS").hash(&mut hasher);
        let mut name = DefaultHasher::new();
        dir.hash(&mut name);
        Ok(Self {
            path: shared_target_dir()
                .join("doctest-stamps")
                .join(format!("{:016x}", name.finish())),
            fingerprint: format!("{:016x}\n{}\n", hasher.finish(), dir.display()),
        })
    }

    /// Whether the doctests passed with exactly these inputs, and may be skipped.
    pub(crate) fn is_current(&self) -> bool {
        std::env::var("SCRATCH_DOCTESTS").as_deref() != Ok("always")
            && std::fs::read_to_string(&self.path).is_ok_and(|text| text == self.fingerprint)
    }

    /// Records that the doctests passed with these inputs.
    pub(crate) fn record(&self) -> io::Result<()> {
        std::fs::create_dir_all(self.path.parent().expect("the stamp is in a directory"))?;
        std::fs::write(&self.path, &self.fingerprint)
    }
}

/// Hashes the relative path and content of every file under `dir` in a fixed order,
/// leaving out target directories.
fn hash_tree(dir: &Path, hasher: &mut DefaultHasher) -> io::Result<()> {
    let mut files = Vec::new();
    crate::collect_files(dir, &mut files)?;
    files.sort();
    for file in files {
        file.strip_prefix(dir).unwrap_or(&file).hash(hasher);
        std::fs::read(&file)?.hash(hasher);
    }
    Ok(())
}

/// `rustc -vV` (version, commit and host) of the toolchain that compiles the doctests;
/// empty when it cannot be asked, which only makes the stamp differ.
fn toolchain() -> String {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    Command::new(rustc)
        .arg("-vV")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch_dir(name: &str) -> PathBuf {
        let dir = shared_target_dir().join("stamp-tests").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        dir
    }

    #[test]
    fn a_stamp_is_current_after_a_pass_until_a_file_changes() {
        let dir = scratch_dir("file_changes");
        std::fs::write(dir.join("src/lib.rs"), "//! One.\n").unwrap();
        let stamp = DoctestStamp::of(&dir, "test --doc").unwrap();
        // An earlier run of this test recorded a pass of the same files.
        let _ = std::fs::remove_file(&stamp.path);
        assert!(!stamp.is_current(), "no pass was recorded yet");
        stamp.record().unwrap();
        assert!(DoctestStamp::of(&dir, "test --doc").unwrap().is_current());

        std::fs::write(dir.join("src/lib.rs"), "//! Two.\n").unwrap();
        assert!(!DoctestStamp::of(&dir, "test --doc").unwrap().is_current());
    }

    #[test]
    fn a_new_file_or_other_arguments_make_the_stamp_stale() {
        let dir = scratch_dir("new_file");
        std::fs::write(dir.join("src/lib.rs"), "//! One.\n").unwrap();
        DoctestStamp::of(&dir, "test --doc")
            .unwrap()
            .record()
            .unwrap();
        assert!(
            !DoctestStamp::of(&dir, "test --doc --all-features")
                .unwrap()
                .is_current()
        );

        std::fs::write(dir.join("src/more.rs"), "").unwrap();
        assert!(!DoctestStamp::of(&dir, "test --doc").unwrap().is_current());
    }
}
